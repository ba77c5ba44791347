// Through /couch with the mentorship rule (server/couch/rules/mentorship.ts): requests only to a
// member open to mentoring and not full, one request going on per mentee and mentor (the same
// batch counts), accepting only below the mentor's capacity, never answering a withdrawn request;
// each refusal with its reason while the valid documents of the batch are stored.
import { afterEach, describe, expect, it } from 'vitest';
import { mentorshipRule } from '../../../server/couch/rules/mentorship';
import { createCouchHarness, type CouchHarness } from '../helpers/couch-harness';
import { createHarness, type Harness } from '../support/harness';
import { COMMUNITY_DB } from '../../../src/lib/domain/ids';

const NOW = '2026-05-01T10:00:00.000Z';
let h: CouchHarness | null = null;
afterEach(async () => {
	await h?.close();
	h = null;
});

type Result = { id: string; ok?: boolean; rev?: string; error?: string; reason?: string };

let counter = 0;
const ulid = () => `01JEAAAAAAAAAAAAAAAAAAA${String(++counter).padStart(3, '0')}`;

const profile = (name: string, extra: Record<string, unknown> = {}) => ({
	_id: `profile:${name}`,
	type: 'profile',
	author: name,
	createdAt: NOW,
	displayName: name.toUpperCase(),
	...extra
});
const request = (mentee: string, mentor: string, extra: Record<string, unknown> = {}) => ({
	_id: `mentorship:${ulid()}`,
	type: 'mentorship',
	author: mentee,
	createdAt: NOW,
	mentor,
	goals: 'Procurement',
	...extra
});
const answerTo = (req: { _id: string; mentor: string }, answer: 'accepted' | 'declined') => ({
	_id: `mentorship-answer:${req._id.slice('mentorship:'.length)}`,
	type: 'mentorship-answer',
	author: req.mentor,
	createdAt: NOW,
	mentorship: req._id,
	answer
});
const comment = (author: string) => ({
	_id: `comment:${ulid()}`,
	type: 'comment',
	author,
	createdAt: NOW,
	target: 'thread:01JEAAAAAAAAAAAAAAAAAAAAAA',
	body: 'A valid document in the same batch'
});

async function push(user: string, docs: object[]): Promise<Result[]> {
	const res = await h!.request('/couch/community/_bulk_docs', { method: 'POST', user, body: JSON.stringify({ docs }) });
	expect(res.status).toBe(201);
	return res.json();
}

async function exists(id: string): Promise<boolean> {
	return h!.storage
		.db('community')
		.get(id)
		.then(() => true)
		.catch(() => false);
}

function start(): CouchHarness {
	h = createCouchHarness({ rules: [mentorshipRule] });
	return h;
}

describe('mentorship requests', () => {
	it('refuses a request to a member with no profile, keeping the rest of the batch', async () => {
		start();
		const valid = comment('bob');
		const [refused, ok] = await push('bob', [request('bob', 'nobody'), valid]);
		expect(refused).toMatchObject({ error: 'forbidden', reason: 'there is no member named nobody' });
		expect(ok.ok).toBe(true);
		expect(await exists(valid._id)).toBe(true);
	});

	it('refuses a request to a member who is not open to mentoring', async () => {
		start();
		await push('alice', [profile('alice')]);
		const [refused, ok] = await push('bob', [request('bob', 'alice'), comment('bob')]);
		expect(refused).toMatchObject({ error: 'forbidden', reason: 'alice is not open to mentoring' });
		expect(ok.ok).toBe(true);
	});

	it('refuses a second request going on to the same mentor, stored or in the same batch', async () => {
		start();
		await push('alice', [profile('alice', { mentor: true })]);
		const first = request('bob', 'alice');
		const second = request('bob', 'alice');
		const [a, b, c] = await push('bob', [first, second, comment('bob')]);
		expect(a.ok).toBe(true);
		expect(b).toMatchObject({ error: 'forbidden', reason: 'you already have a request to alice' });
		expect(c.ok).toBe(true);
		const [again] = await push('bob', [request('bob', 'alice')]);
		expect(again).toMatchObject({ error: 'forbidden', reason: 'you already have a request to alice' });
		// still going on once accepted
		expect((await push('alice', [answerTo(first, 'accepted')]))[0].ok).toBe(true);
		const [whileActive] = await push('bob', [request('bob', 'alice')]);
		expect(whileActive).toMatchObject({ error: 'forbidden', reason: 'you already have a request to alice' });
		// another mentee may ask
		expect((await push('mod', [request('mod', 'alice')]))[0].ok).toBe(true);
	});

	it('accepts a new request after a declined one and after a withdrawn one', async () => {
		start();
		await push('alice', [profile('alice', { mentor: true })]);
		const first = request('bob', 'alice');
		const [stored] = await push('bob', [first]);
		expect((await push('alice', [answerTo(first, 'declined')]))[0].ok).toBe(true);
		const second = request('bob', 'alice');
		const [afterDecline] = await push('bob', [second]);
		expect(afterDecline.ok).toBe(true);
		expect(stored.ok).toBe(true);

		const secondRev = (await h!.storage.db('community').get(second._id))._rev;
		const [withdrawn] = await push('bob', [{ ...second, _rev: secondRev, withdrawnAt: NOW }]);
		expect(withdrawn.ok).toBe(true);
		const [afterWithdrawal] = await push('bob', [request('bob', 'alice')]);
		expect(afterWithdrawal.ok).toBe(true);
	});

	it('refuses a request to a full mentor', async () => {
		start();
		await push('alice', [profile('alice', { mentor: true, mentorCapacity: 1 })]);
		const first = request('bob', 'alice');
		await push('bob', [first]);
		expect((await push('alice', [answerTo(first, 'accepted')]))[0].ok).toBe(true);
		const [full, ok] = await push('mod', [request('mod', 'alice'), comment('mod')]);
		expect(full).toMatchObject({ error: 'forbidden', reason: 'alice is not taking more mentees right now' });
		expect(ok.ok).toBe(true);
	});

	it('keeps the mentor of a request and a withdrawal final', async () => {
		start();
		await push('alice', [profile('alice', { mentor: true })]);
		await push('mod', [profile('mod', { mentor: true })]);
		const first = request('bob', 'alice');
		const [created] = await push('bob', [first]);
		const [moved] = await push('bob', [{ ...first, _rev: created.rev, mentor: 'mod' }]);
		expect(moved).toMatchObject({
			error: 'forbidden',
			reason: 'the mentor of a request cannot change: send a new request instead'
		});
		const [withdrawn] = await push('bob', [{ ...first, _rev: created.rev, withdrawnAt: NOW }]);
		expect(withdrawn.ok).toBe(true);
		const [back] = await push('bob', [{ ...first, _rev: withdrawn.rev }]);
		expect(back).toMatchObject({
			error: 'forbidden',
			reason: 'a withdrawn request stays withdrawn: send a new request instead'
		});
	});
});

describe('mentorship answers', () => {
	it('refuses accepting beyond the capacity, stored or in the same batch', async () => {
		start();
		await push('alice', [profile('alice', { mentor: true, mentorCapacity: 1 })]);
		const fromBob = request('bob', 'alice');
		const fromMod = request('mod', 'alice');
		await push('bob', [fromBob]);
		await push('mod', [fromMod]);
		const [first, second, ok] = await push('alice', [
			answerTo(fromBob, 'accepted'),
			answerTo(fromMod, 'accepted'),
			comment('alice')
		]);
		expect(first.ok).toBe(true);
		expect(second).toMatchObject({
			error: 'forbidden',
			reason: 'you already mentor 1 member, your limit: raise it in your profile to accept more'
		});
		expect(ok.ok).toBe(true);
		// declining is always possible, and raising the capacity makes room
		expect((await push('alice', [answerTo(fromMod, 'declined')]))[0].ok).toBe(true);
		const rev = (await h!.storage.db('community').get('profile:alice'))._rev;
		await push('alice', [profile('alice', { _rev: rev, mentor: true, mentorCapacity: 2 })]);
		const answerRev = (await h!.storage.db('community').get(answerTo(fromMod, 'declined')._id))._rev;
		const [accepted] = await push('alice', [{ ...answerTo(fromMod, 'accepted'), _rev: answerRev }]);
		expect(accepted.ok).toBe(true);
	});

	it('refuses answering a withdrawn request, and accepts the withdrawal', async () => {
		start();
		await push('alice', [profile('alice', { mentor: true })]);
		const req = request('bob', 'alice');
		const [created] = await push('bob', [req]);
		const [withdrawn, ok] = await push('bob', [{ ...req, _rev: created.rev, withdrawnAt: NOW }, comment('bob')]);
		expect(withdrawn.ok).toBe(true);
		expect(ok.ok).toBe(true);
		const [answer, valid] = await push('alice', [answerTo(req, 'accepted'), comment('alice')]);
		expect(answer).toMatchObject({ error: 'forbidden', reason: 'this request was withdrawn' });
		expect(valid.ok).toBe(true);
		const [decline] = await push('alice', [answerTo(req, 'declined')]);
		expect(decline).toMatchObject({ error: 'forbidden', reason: 'this request was withdrawn' });
	});
});

describe('the mentorship rule in the app', () => {
	let app: Harness | null = null;
	afterEach(async () => {
		await app?.close();
		app = null;
	});

	it('is one of the write rules of /couch', async () => {
		app = createHarness({ requireSignatures: false });
		await app.register('anna');
		const ben = await app.register('benji');
		const res = await app.app.request(`/couch/${COMMUNITY_DB}/_bulk_docs`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', cookie: ben },
			body: JSON.stringify({ docs: [request('benji', 'anna'), request('benji', 'nobody')] })
		});
		expect(res.status).toBe(201);
		// the server wrote anna's first profile at registration, not open to mentoring
		expect(await res.json()).toMatchObject([
			{ error: 'forbidden', reason: 'anna is not open to mentoring' },
			{ error: 'forbidden', reason: 'there is no member named nobody' }
		]);
	});
});

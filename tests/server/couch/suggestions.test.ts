// Through /couch: the permission rules of suggestions (src/lib/domain/permissions.ts). A member
// creates one open and unanswered, only moderators set its status and reply, only its author (or
// a moderator) edits it. Votes on one's own suggestion are accepted and never counted (the
// store's count and the recognition rules ignore them): the gateway does not read the target.
import { afterEach, describe, expect, it } from 'vitest';
import { createCouchHarness, type CouchHarness } from '../helpers/couch-harness';

let h: CouchHarness | null = null;
afterEach(async () => {
	await h?.close();
	h = null;
});

type Result = { id: string; ok?: boolean; rev?: string; error?: string; reason?: string };

let counter = 0;
const ulid = () => `01JFSSSSSSSSSSSSSSSSSSS${String(++counter).padStart(3, '0')}`;

const suggestion = (author: string, extra: Record<string, unknown> = {}) => ({
	_id: `suggestion:${ulid()}`,
	type: 'suggestion',
	author,
	createdAt: '2026-12-01T00:00:00.000Z',
	area: 'platform',
	title: 'A dark theme',
	body: 'Reading at night is hard on the eyes.',
	status: 'open',
	...extra
});
const response = { text: 'We plan it for spring.', by: 'mod', at: '2026-12-02T00:00:00.000Z' };

async function push(user: string, docs: object[]): Promise<Result[]> {
	const res = await h!.request('/couch/community/_bulk_docs', { method: 'POST', user, body: JSON.stringify({ docs }) });
	expect(res.status).toBe(201);
	return res.json();
}

/** alice's open suggestion, stored. */
async function stored() {
	h = createCouchHarness();
	const doc = suggestion('alice');
	const [result] = await push('alice', [doc]);
	expect(result.ok).toBe(true);
	return { ...doc, _rev: result.rev };
}

describe('suggestions through /couch', () => {
	it('refuses a member creating one planned or already answered', async () => {
		h = createCouchHarness();
		const [planned] = await push('alice', [suggestion('alice', { status: 'planned' })]);
		expect(planned).toMatchObject({
			error: 'forbidden',
			reason: 'a new suggestion is open; moderators set its status and answer it'
		});
		const [answered] = await push('alice', [suggestion('alice', { response: { ...response, by: 'alice' } })]);
		expect(answered.reason).toBe('a new suggestion is open; moderators set its status and answer it');
	});

	it('refuses the author changing the status or the reply of their own', async () => {
		const doc = await stored();
		const [status] = await push('alice', [{ ...doc, status: 'done' }]);
		expect(status).toMatchObject({
			error: 'forbidden',
			reason: 'only moderators set the status of a suggestion and answer it'
		});
		const [reply] = await push('alice', [{ ...doc, response: { ...response, by: 'alice' } }]);
		expect(reply.reason).toBe('only moderators set the status of a suggestion and answer it');
	});

	it('refuses another member editing it', async () => {
		const doc = await stored();
		const [edit] = await push('bob', [{ ...doc, title: 'A light theme' }]);
		expect(edit).toMatchObject({
			error: 'forbidden',
			reason: 'only the author or a moderator may change or delete this document'
		});
	});

	it('takes a moderator’s status and reply, then the author’s edit of the text', async () => {
		const doc = await stored();
		const [answer] = await push('mod', [{ ...doc, status: 'planned', response, updatedAt: response.at }]);
		expect(answer.ok).toBe(true);
		const answered = { ...doc, _rev: answer.rev, status: 'planned', response, updatedAt: response.at };
		const [edit] = await push('alice', [{ ...answered, body: 'Reading at night is hard.' }]);
		expect(edit.ok).toBe(true);
		const res = await h!.request(`/couch/community/${encodeURIComponent(doc._id)}`, { user: 'bob' });
		expect(await res.json()).toMatchObject({ status: 'planned', response, body: 'Reading at night is hard.' });
	});

	it('accepts a vote on one’s own suggestion (it is not counted) and refuses a vote in another’s name', async () => {
		const doc = await stored();
		const vote = (voter: string, author = voter) => ({
			_id: `vote:${doc._id}:${voter}`,
			type: 'vote',
			author,
			createdAt: '2026-12-03T00:00:00.000Z',
			target: doc._id,
			value: 1
		});
		const [own] = await push('alice', [vote('alice')]);
		expect(own.ok).toBe(true);
		const [forged] = await push('bob', [{ ...vote('carol', 'bob') }]);
		expect(forged.reason).toBe('a vote id must be vote:{target}:{your username}');
	});
});

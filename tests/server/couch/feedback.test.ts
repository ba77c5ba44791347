// Through /couch with the feedback rule (server/couch/rules/feedback.ts), by an injected server
// clock: answers on missing, deleted or unpublished items, on events not yet over or cancelled,
// and by the item's own writers are refused with their reason; other members' answers are
// stored, changed and removed; an answer in another member's name is refused.
import { afterEach, describe, expect, it } from 'vitest';
import { feedbackRule } from '../../../server/couch/rules/feedback';
import { createCouchHarness, type CouchHarness } from '../helpers/couch-harness';

const EVENT_END = '2026-12-10T17:00:00.000Z';
const DURING = new Date('2026-12-10T15:00:00.000Z');
const AFTER = new Date('2026-12-11T09:00:00.000Z');

let h: CouchHarness | null = null;
let now = AFTER;
afterEach(async () => {
	await h?.close();
	h = null;
});

type Result = { id: string; ok?: boolean; rev?: string; error?: string; reason?: string };

let counter = 0;
const ulid = () => `01JFCCCCCCCCCCCCCCCCCCC${String(++counter).padStart(3, '0')}`;

const resource = (author: string, extra: Record<string, unknown> = {}) => ({
	_id: `resource:${ulid()}`,
	type: 'resource',
	author,
	createdAt: '2026-12-01T00:00:00.000Z',
	kind: 'guide',
	title: 'Plain letters',
	summary: 'How to write to residents.',
	body: 'Short sentences.',
	tags: [],
	status: 'submitted',
	...extra
});
const event = (author: string, extra: Record<string, unknown> = {}) => ({
	_id: `event:${ulid()}`,
	type: 'event',
	author,
	createdAt: '2026-12-01T00:00:00.000Z',
	kind: 'webinar',
	title: 'Plain letters in practice',
	description: 'An hour on letters.',
	start: '2026-12-10T16:00:00.000Z',
	end: EVENT_END,
	timeZone: 'Europe/Paris',
	location: { online: 'https://meet.example.org/letters' },
	organisers: [author, 'bob'],
	tags: [],
	...extra
});
const feedback = (target: string, author: string, useful = true, extra: Record<string, unknown> = {}) => ({
	_id: `feedback:${target}:${author}`,
	type: 'feedback',
	author,
	createdAt: '2026-12-11T09:00:00.000Z',
	target,
	useful,
	...extra
});

async function push(user: string, docs: object[]): Promise<Result[]> {
	const res = await h!.request('/couch/community/_bulk_docs', { method: 'POST', user, body: JSON.stringify({ docs }) });
	expect(res.status).toBe(201);
	return res.json();
}

/** A resource by alice with bob as co-author, published by rita. */
async function publishedResource() {
	h = createCouchHarness({ rules: [feedbackRule(() => now)] });
	now = AFTER;
	const draft = resource('alice', { coauthors: ['bob'] });
	const [created] = await push('alice', [draft]);
	expect(created.ok).toBe(true);
	const [published] = await push('rita', [{ ...draft, _rev: created.rev, status: 'published', reviewedBy: 'rita' }]);
	expect(published.ok).toBe(true);
	return { ...draft, _rev: published.rev, status: 'published' };
}

describe('feedback on resources', () => {
	it('stores a member’s answer, then its change and its removal', async () => {
		const r = await publishedResource();
		const [given] = await push('mod', [feedback(r._id, 'mod', true, { comment: 'We used the template.' })]);
		expect(given.ok).toBe(true);
		const [changed] = await push('mod', [{ ...feedback(r._id, 'mod', false), _rev: given.rev }]);
		expect(changed.ok).toBe(true);
		const [removed] = await push('mod', [{ _id: feedback(r._id, 'mod')._id, _rev: changed.rev, _deleted: true }]);
		expect(removed.ok).toBe(true);
		const res = await h!.request(`/couch/community/${encodeURIComponent(given.id)}`, { user: 'mod' });
		expect(res.status).toBe(404);
	});

	it('refuses the author and a co-author', async () => {
		const r = await publishedResource();
		const [byAuthor, byCoauthor] = [
			(await push('alice', [feedback(r._id, 'alice')]))[0],
			(await push('bob', [feedback(r._id, 'bob')]))[0]
		];
		expect(byAuthor.error).toBe('forbidden');
		expect(byAuthor.reason).toBe('you cannot rate what you wrote');
		expect(byCoauthor.reason).toBe('you cannot rate what you wrote');
	});

	it('refuses an answer in another member’s name', async () => {
		const r = await publishedResource();
		const [forged] = await push('mod', [feedback(r._id, 'rita')]);
		expect(forged.ok).toBeUndefined();
		expect(forged.reason).toMatch(/author must be the signed-in member/);
	});

	it('refuses a missing item, a deleted one and a draft', async () => {
		const r = await publishedResource();
		const [missing] = await push('mod', [feedback('resource:01JFZZZZZZZZZZZZZZZZZZZZZZ', 'mod')]);
		expect(missing.reason).toBe('there is no such item to give feedback on');
		const draft = resource('alice');
		await push('alice', [draft]);
		const [onDraft] = await push('mod', [feedback(draft._id, 'mod')]);
		expect(onDraft.reason).toBe('there is no such item to give feedback on');
		const [deleted] = await push('alice', [{ _id: r._id, _rev: r._rev, _deleted: true }]);
		expect(deleted.ok).toBe(true);
		const [onDeleted] = await push('mod', [feedback(r._id, 'mod')]);
		expect(onDeleted.reason).toBe('there is no such item to give feedback on');
	});
});

describe('feedback on events and collections', () => {
	it('refuses an event before its end by the server’s clock, and a cancelled one', async () => {
		h = createCouchHarness({ rules: [feedbackRule(() => now)] });
		now = DURING;
		const e = event('alice');
		const [stored] = await push('alice', [e]);
		expect(stored.ok).toBe(true);
		const early = feedback(e._id, 'rita', true, { createdAt: '2027-01-01T00:00:00.000Z' });
		const [refused] = await push('rita', [early]);
		expect(refused.reason).toBe('you can say whether an event was useful once it has happened');
		now = AFTER;
		const [ok] = await push('rita', [early]);
		expect(ok.ok).toBe(true);
		const [cancelled] = await push('alice', [{ ...e, _rev: stored.rev, cancelled: true }]);
		expect(cancelled.ok).toBe(true);
		const [afterCancel] = await push('mod', [feedback(e._id, 'mod')]);
		expect(afterCancel.reason).toBe('you can say whether an event was useful once it has happened');
	});

	it('refuses an event’s organisers, counting an event pushed in the same batch', async () => {
		h = createCouchHarness({ rules: [feedbackRule(() => now)] });
		now = AFTER;
		const e = event('alice', { start: '2026-12-01T09:00:00.000Z', end: '2026-12-01T10:00:00.000Z' });
		const results = await push('alice', [e, feedback(e._id, 'alice')]);
		expect(results[0].ok).toBe(true);
		expect(results[1].reason).toBe('you cannot rate what you wrote');
		const [organiser] = await push('bob', [feedback(e._id, 'bob')]);
		expect(organiser.reason).toBe('you cannot rate what you wrote');
	});

	it('takes answers on a collection from members other than its curator', async () => {
		h = createCouchHarness({ rules: [feedbackRule(() => now)] });
		const collection = {
			_id: 'collection:plain-letters',
			type: 'collection',
			author: 'mod',
			createdAt: '2026-12-01T00:00:00.000Z',
			title: 'Plain letters',
			intro: 'Where to start.',
			items: []
		};
		const [stored] = await push('mod', [collection]);
		expect(stored.ok).toBe(true);
		const [own] = await push('mod', [feedback(collection._id, 'mod')]);
		expect(own.reason).toBe('you cannot rate what you wrote');
		const [ok] = await push('alice', [feedback(collection._id, 'alice', false, { comment: 'Too short.' })]);
		expect(ok.ok).toBe(true);
	});
});

// Per-member write limits of the sync gateway (server/couch/rate.ts, write-gate.ts): documents
// and direct messages counted in token buckets, 429 with Retry-After over them, nothing stored.
import { afterEach, describe, expect, it } from 'vitest';
import { createCouchHarness, type CouchHarness } from '../helpers/couch-harness';
import { category, thread } from '../helpers/community-docs';
import { writeDocs } from '../../../server/couch/index';
import { createTokenBuckets, createWriteLimiter } from '../../../server/couch/rate';
import { writeShape } from '../../../server/couch/write-gate';
import { docId, userDbName } from '../../../src/lib/domain/ids';

let h: CouchHarness;
const now = { ms: Date.parse('2026-12-03T10:00:00Z') };
const mod = { name: 'mod', roles: ['member' as const, 'moderator' as const] };

async function setup(writesPerMinute = 120, messagesPerMinute = 30) {
	now.ms = Date.parse('2026-12-03T10:00:00Z');
	h = createCouchHarness({ writeLimits: { writesPerMinute, messagesPerMinute }, clock: () => new Date(now.ms) });
	await writeDocs(h.storage, 'community', mod, [category('mod')]);
	return h;
}
afterEach(async () => {
	await h.close();
});

const bulk = (docs: unknown[], db = 'community', user = 'alice', extra: object = {}) =>
	h.request(`/couch/${db}/_bulk_docs`, { method: 'POST', body: JSON.stringify({ docs, ...extra }), user });
const threads = (n: number, author = 'alice') => Array.from({ length: n }, () => thread(author));
const stored = async (db = 'community') => (await h.storage.db(db).allDocs()).total_rows;
const message = (to = 'bob') => ({
	_id: docId('message'),
	type: 'message',
	author: 'alice',
	createdAt: new Date(now.ms).toISOString(),
	to,
	body: 'Can we talk on Friday?'
});

describe('the document limit', () => {
	it('answers the 121st document in a minute 429 with Retry-After, and stores none of its request', async () => {
		await setup();
		expect((await bulk(threads(60))).status).toBe(201);
		expect((await bulk(threads(60))).status).toBe(201);
		const before = await stored();
		const refused = await bulk(threads(1));
		expect(refused.status).toBe(429);
		expect(refused.headers.get('retry-after')).toBe('1');
		expect(await refused.json()).toEqual({
			error: 'too_many_requests',
			reason:
				'You are writing faster than this community allows (120 changes a minute). What you wrote waits on your device and is sent in 1 second.'
		});
		expect(await stored()).toBe(before);

		// a single PUT counts too
		const one = thread('alice');
		const put = await h.request(`/couch/community/${one._id}`, { method: 'PUT', body: JSON.stringify(one) });
		expect(put.status).toBe(429);
		expect(await stored()).toBe(before);
	});

	it('says how long to wait for a batch, and lets it through once that time has passed', async () => {
		await setup();
		expect((await bulk(threads(120))).status).toBe(201);
		const refused = await bulk(threads(12));
		expect(refused.status).toBe(429);
		expect(refused.headers.get('retry-after')).toBe('6'); // 12 documents at 2 a second
		expect(((await refused.json()) as { reason: string }).reason).toMatch(/is sent in 6 seconds\.$/);
		now.ms += 5_000;
		expect((await bulk(threads(12))).status).toBe(429);
		now.ms += 1_000;
		const passed = await bulk(threads(12));
		expect(passed.status).toBe(201);
		expect(((await passed.json()) as Array<{ ok?: boolean }>).every((r) => r.ok)).toBe(true);
	});

	it('lets a batch larger than a minute through when the bucket is full, then waits for the debt', async () => {
		await setup();
		expect((await bulk(threads(300))).status).toBe(201); // an offline backlog
		expect(await stored()).toBe(301);
		const refused = await bulk(threads(1));
		expect(refused.status).toBe(429);
		// 180 in debt plus one: 181 documents at 2 a second
		expect(refused.headers.get('retry-after')).toBe('91');
		now.ms += 91_000;
		expect((await bulk(threads(1))).status).toBe(201);
	});

	it('counts each member apart, and never replication bookkeeping or reads', async () => {
		await setup(2);
		expect((await bulk(threads(2))).status).toBe(201);
		expect((await bulk(threads(1))).status).toBe(429);
		expect((await bulk(threads(1, 'bob'), 'community', 'bob')).status).toBe(201);
		const local = await h.request('/couch/community/_local/checkpoint', {
			method: 'PUT',
			body: JSON.stringify({ last_seq: 1 })
		});
		expect(local.status).toBe(201);
		const revsDiff = await h.request('/couch/community/_revs_diff', { method: 'POST', body: JSON.stringify({}) });
		expect(revsDiff.status).toBe(200);
		const bulkGet = await h.request('/couch/community/_bulk_get', {
			method: 'POST',
			body: JSON.stringify({ docs: [] })
		});
		expect(bulkGet.status).toBe(200);
		expect((await h.request('/couch/community/_all_docs', { method: 'POST', body: '{}' })).status).toBe(200);
		expect((await h.request('/couch/community/_changes')).status).toBe(200);
	});

	it('limits nothing when set to 0', async () => {
		await setup(0, 0);
		for (let i = 0; i < 3; i++) expect((await bulk(threads(100))).status).toBe(201);
	});

	it('leaves a malformed batch to the gateway’s own 400', async () => {
		await setup(1);
		const res = await h.request('/couch/community/_bulk_docs', { method: 'POST', body: '{"docs": 3}' });
		expect(res.status).toBe(400);
	});
});

describe('the message limit', () => {
	it('answers the 31st message in a minute 429, while other writes continue', async () => {
		await setup();
		const own = userDbName('alice');
		expect((await h.request(`/couch/${own}`, { method: 'PUT' })).status).toBeLessThan(300);
		expect(
			(
				await bulk(
					Array.from({ length: 30 }, () => message()),
					own
				)
			).status
		).toBe(201);
		const before = await stored(own);
		const refused = await bulk([message()], own);
		expect(refused.status).toBe(429);
		expect(refused.headers.get('retry-after')).toBe('2'); // 30 a minute: one every 2 seconds
		expect(((await refused.json()) as { reason: string }).reason).toBe(
			'You are sending messages faster than this community allows (30 messages a minute). What you wrote waits on your device and is sent in 2 seconds.'
		);
		const single = message();
		const put = await h.request(`/couch/${own}/${single._id}`, { method: 'PUT', body: JSON.stringify(single) });
		expect(put.status).toBe(429);
		expect(await stored(own)).toBe(before);
		// the document limit is apart: community writes still pass
		expect((await bulk(threads(5))).status).toBe(201);
		now.ms += 2_000;
		expect((await bulk([message()], own)).status).toBe(201);
	});
});

describe('the buckets', () => {
	it('refill continuously, never beyond a minute’s allowance', () => {
		const clock = { ms: 0 };
		const buckets = createTokenBuckets(60, () => clock.ms)!;
		expect(buckets.waitMs('a', 60)).toBe(0);
		buckets.take('a', 60);
		expect(buckets.waitMs('a', 1)).toBe(1_000);
		clock.ms += 10 * 60_000;
		expect(buckets.waitMs('a', 60)).toBe(0);
		buckets.take('a', 60);
		expect(buckets.waitMs('a', 1)).toBe(1_000); // the idle hour did not bank more than a minute
		expect(createTokenBuckets(0, () => 0)).toBeNull();
		expect(createWriteLimiter({ writesPerMinute: 0, messagesPerMinute: 0 }, () => 0)).toBeNull();
	});

	it('know which requests write', () => {
		expect(writeShape('POST', '/community/_bulk_docs')).toEqual({ kind: 'bulk', db: 'community' });
		expect(writeShape('PUT', '/community/thread:1')).toEqual({ kind: 'one', db: 'community', doc: true });
		expect(writeShape('DELETE', '/community/thread:1')).toEqual({ kind: 'one', db: 'community', doc: false });
		expect(writeShape('PUT', '/library-files/file:1/data')).toEqual({ kind: 'one', db: 'library-files', doc: false });
		expect(writeShape('POST', '/community')).toEqual({ kind: 'one', db: 'community', doc: true });
		for (const [method, path] of [
			['GET', '/community/thread:1'],
			['PUT', '/community/_local/x'],
			['DELETE', '/community/_local/x'],
			['POST', '/community/_revs_diff'],
			['POST', '/community/_bulk_get'],
			['POST', '/community/_all_docs'],
			['POST', '/community/_changes'],
			['POST', '/community/_ensure_full_commit'],
			['PUT', '/userdb-61'],
			['POST', '/_session']
		])
			expect(writeShape(method, path), `${method} ${path}`).toBeNull();
	});
});

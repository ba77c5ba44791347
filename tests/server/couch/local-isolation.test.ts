// Replication checkpoints (_local documents) belong to the member who wrote them, on every
// endpoint: another member can neither read nor write them through _bulk_get, _bulk_docs,
// an encoded path or _all_docs, and they keep the document size limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness';

let h: Harness;
let alice: string;
let mallory: string;

beforeAll(async () => {
	h = createHarness({ logRequests: false });
	alice = await h.register('alice');
	mallory = await h.register('mallory');
});
afterAll(() => h.close());

const json = (cookie: string, body: unknown, method = 'POST'): RequestInit => ({
	method,
	headers: { cookie, 'content-type': 'application/json' },
	body: JSON.stringify(body)
});
const stored = (id: string) => h.storage.db('community').get(id);

describe('_local documents', () => {
	it('are per member on every endpoint, within the size limit', async () => {
		expect(
			(await h.request('/couch/community/_local/cp1', json(alice, { history: ['alice-secret'] }, 'PUT'))).status
		).toBe(201);
		const aliceKey = '_local/alice~cp1';
		expect(await stored(aliceKey)).toMatchObject({ history: ['alice-secret'] });

		// by path, plain or encoded
		expect((await h.request('/couch/community/_local/cp1', { headers: { cookie: mallory } })).status).toBe(404);
		expect(
			(await h.request(`/couch/community/${encodeURIComponent(aliceKey)}`, { headers: { cookie: mallory } })).status
		).toBe(404);
		const encodedPut = await h.request(
			`/couch/community/${encodeURIComponent(aliceKey)}`,
			json(mallory, { history: ['forged'] }, 'PUT')
		);
		expect(encodedPut.status).toBe(403);

		// _bulk_get serves no _local document, whoever's it is
		const bulkGet = await h.request(
			'/couch/community/_bulk_get',
			json(mallory, { docs: [{ id: aliceKey }, { id: '_local/mallory~cp1' }] })
		);
		expect(bulkGet.status).toBe(200);
		const text = await bulkGet.text();
		expect(text).not.toContain('alice-secret');
		expect(
			(JSON.parse(text) as { results: Array<{ docs: Array<{ error?: { error: string } }> }> }).results.map(
				(r) => r.docs[0].error?.error
			)
		).toEqual(['not_found', 'not_found']);

		// _bulk_docs writes none: refused per document, with the reason
		const big = 'x'.repeat(2 * 1024 * 1024);
		const bulk = await h.request(
			'/couch/community/_bulk_docs',
			json(mallory, {
				docs: [
					{ _id: aliceKey, history: ['forged'] },
					{ _id: '_local/mallory~big', pad: big }
				]
			})
		);
		expect(bulk.status).toBe(201);
		const results = (await bulk.json()) as Array<{ id: string; error?: string; reason?: string }>;
		expect(results.map((r) => [r.id, r.error])).toEqual([
			[aliceKey, 'forbidden'],
			['_local/mallory~big', 'forbidden']
		]);
		expect(results[0].reason).toMatch(/PUT \/\{db\}\/_local\/\{id\}/);
		expect(await stored(aliceKey)).toMatchObject({ history: ['alice-secret'] });
		await expect(stored('_local/mallory~big')).rejects.toMatchObject({ status: 404 });

		// _all_docs lists no checkpoints
		const all = (await (
			await h.request('/couch/community/_all_docs?include_docs=true', { headers: { cookie: mallory } })
		).json()) as { rows: Array<{ id: string }> };
		expect(all.rows.filter((r) => r.id.startsWith('_local'))).toEqual([]);

		// one's own checkpoint keeps the document size limit
		expect((await h.request('/couch/community/_local/big', json(mallory, { pad: big }, 'PUT'))).status).toBe(413);
		// and still works as a checkpoint for its owner
		const own = (await (await h.request('/couch/community/_local/cp1', { headers: { cookie: alice } })).json()) as {
			_id: string;
			history: string[];
		};
		expect(own).toMatchObject({ _id: '_local/cp1', history: ['alice-secret'] });
	});
});

// Validation and authorization of writes through /couch: per-document refusals in _bulk_docs,
// single-document PUT/DELETE statuses, conflicts kept with new_edits:false.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCouchHarness, type CouchHarness } from '../helpers/couch-harness';
import { category, post, thread } from '../helpers/community-docs';
import { writeDocs } from '../../../server/couch/index';

interface Result {
	id: string;
	ok?: boolean;
	rev?: string;
	error?: string;
	reason?: string;
}

let h: CouchHarness;
const mod = { name: 'mod', roles: ['member' as const, 'moderator' as const] };
const json = (body: unknown) => ({ method: 'POST', body: JSON.stringify(body) });
const bulk = async (docs: unknown[], user = 'alice', extra: object = {}): Promise<Result[]> => {
	const res = await h.request('/couch/community/_bulk_docs', { ...json({ docs, ...extra }), user });
	expect(res.status).toBe(201);
	return (await res.json()) as Result[];
};
const encode = encodeURIComponent;

beforeEach(async () => {
	h = createCouchHarness();
	await writeDocs(h.storage, 'community', mod, [category('mod')]);
});
afterEach(async () => {
	await h.close();
});

describe('writes to community', () => {
	it('refuses each bad document with its reason and stores the rest of the batch', async () => {
		const bobs = thread('bob');
		await writeDocs(h.storage, 'community', { name: 'bob', roles: ['member'] }, [bobs]);
		const bobsRev = (await h.storage.db('community').get(bobs._id))._rev;
		const good = thread('alice');
		const goodPost = post('alice', good._id);
		const docs = [
			{ ...bobs, _rev: bobsRev, title: 'Hijacked' },
			thread('alice', { title: '' }),
			post('bob', good._id),
			category('alice', 'mine'),
			thread('alice', { category: 'nowhere' }),
			good,
			goodPost
		];
		const results = await bulk(docs);
		expect(results).toHaveLength(7);
		const reasons = results.map((r) => r.reason ?? '');
		expect(results.slice(0, 5).every((r) => r.error === 'forbidden')).toBe(true);
		expect(reasons[0]).toMatch(/only the author or a moderator/);
		expect(reasons[1]).toMatch(/title/);
		expect(reasons[2]).toMatch(/author must be the signed-in member/);
		expect(reasons[3]).toMatch(/only moderators/);
		expect(reasons[4]).toMatch(/category nowhere does not exist/);
		expect(results[5]).toMatchObject({ id: good._id, ok: true });
		expect(results[6]).toMatchObject({ id: goodPost._id, ok: true });
		const stored = await h.storage.db('community').allDocs({ keys: docs.map((d) => d._id) });
		expect(stored.rows.map((r) => ('error' in r ? 'missing' : r.value.rev.slice(0, 1)))).toEqual([
			'1',
			'missing',
			'missing',
			'missing',
			'missing',
			'1',
			'1'
		]);
	});

	it('refuses the same documents when pushed by the replicator (new_edits:false)', async () => {
		const bad = { ...post('bob', thread('alice')._id), _rev: '1-abc' };
		const ok = { ...thread('alice'), _rev: '1-def' };
		const results = await bulk([bad, ok], 'alice', { new_edits: false });
		expect(results).toEqual([{ id: bad._id, error: 'forbidden', reason: expect.stringMatching(/author/) }]);
		expect(await h.storage.db('community').get(ok._id)).toMatchObject({ _rev: '1-def' });
	});

	it('finds existing documents in large batches, sparse or crowded (range sieve and its fallback)', async () => {
		const bobs = Array.from({ length: 40 }, () => thread('bob'));
		await writeDocs(h.storage, 'community', { name: 'bob', roles: ['member'] }, bobs);
		const stored = await h.storage.db('community').allDocs({ keys: bobs.map((d) => d._id) });
		const revs = new Map(stored.rows.map((r) => ('value' in r ? [r.id, r.value.rev] : [r.key, ''])));
		const hijack = (d: (typeof bobs)[number]) => ({ ...d, _rev: revs.get(d._id), title: 'Hijacked' });
		// Sparse: new ids sort after bob's, so the range holds little besides the one edited doc.
		const last = [...bobs].sort((a, b) => a._id.localeCompare(b._id)).at(-1)!;
		const sparse = await bulk([hijack(last), ...Array.from({ length: 9 }, () => thread('alice'))]);
		expect(sparse[0]).toMatchObject({
			id: last._id,
			error: 'forbidden',
			reason: expect.stringMatching(/only the author/)
		});
		expect(sparse.slice(1).every((r) => r.ok)).toBe(true);
		// Crowded: the batch spans all of bob's threads, more than the sieve's slack allows.
		const first = [...bobs].sort((a, b) => a._id.localeCompare(b._id))[0];
		const crowded = await bulk([hijack(first), ...Array.from({ length: 8 }, () => thread('alice'))]);
		expect(crowded[0]).toMatchObject({
			id: first._id,
			error: 'forbidden',
			reason: expect.stringMatching(/only the author/)
		});
		expect(crowded.slice(1).every((r) => r.ok)).toBe(true);
	});

	it('lets a moderator write categories and a thread in a category created in the same batch', async () => {
		const results = await bulk([category('mod', 'fresh'), thread('mod', { category: 'fresh' })], 'mod');
		expect(results.map((r) => r.ok)).toEqual([true, true]);
	});

	it('answers single PUT and DELETE with CouchDB statuses', async () => {
		const doc = thread('alice');
		const put = await h.request(`/couch/community/${encode(doc._id)}`, { method: 'PUT', body: JSON.stringify(doc) });
		expect(put.status).toBe(201);
		const { rev } = (await put.json()) as Result;
		const stale = await h.request(`/couch/community/${encode(doc._id)}`, {
			method: 'PUT',
			body: JSON.stringify({ ...doc, title: 'Again' })
		});
		expect(stale.status).toBe(409);
		const foreign = await h.request(`/couch/community/${encode(doc._id)}?rev=${rev}`, {
			method: 'DELETE',
			user: 'bob'
		});
		expect(foreign.status).toBe(403);
		expect(await foreign.json()).toMatchObject({ error: 'forbidden', reason: expect.stringMatching(/author/) });
		const invalid = await h.request(`/couch/community/${encode(doc._id)}`, {
			method: 'PUT',
			body: JSON.stringify({ ...doc, _rev: rev, title: '' })
		});
		expect(invalid.status).toBe(403);
		const removed = await h.request(`/couch/community/${encode(doc._id)}?rev=${rev}`, { method: 'DELETE' });
		expect(removed.status).toBe(200);
		expect((await h.request(`/couch/community/${encode(doc._id)}`)).status).toBe(404);
		const byMod = thread('alice');
		await bulk([byMod]);
		const modRev = (await h.storage.db('community').get(byMod._id))._rev;
		expect(
			(await h.request(`/couch/community/${encode(byMod._id)}?rev=${modRev}`, { method: 'DELETE', user: 'mod' })).status
		).toBe(200);
	});

	it('keeps a conflict pushed with new_edits:false and shows it with conflicts=true', async () => {
		const base = { ...thread('alice'), _rev: '1-aaa' };
		await bulk([base], 'alice', { new_edits: false });
		const left = { ...base, title: 'Left', _rev: '2-bbb', _revisions: { start: 2, ids: ['bbb', 'aaa'] } };
		const right = { ...base, title: 'Right', _rev: '2-ccc', _revisions: { start: 2, ids: ['ccc', 'aaa'] } };
		expect(await bulk([left, right], 'alice', { new_edits: false })).toEqual([]);
		const res = await h.request(`/couch/community/${encode(base._id)}?conflicts=true`);
		const doc = (await res.json()) as { _rev: string; _conflicts: string[] };
		expect(doc._rev).toBe('2-ccc');
		expect(doc._conflicts).toEqual(['2-bbb']);
		const open = await h.request(
			`/couch/community/${encode(base._id)}?open_revs=${encode('["2-bbb","2-ccc"]')}&revs=true`,
			{
				headers: { accept: 'application/json' }
			}
		);
		expect(((await open.json()) as unknown[]).length).toBe(2);
		const all = await h.request(`/couch/community/${encode(base._id)}?open_revs=all`);
		expect(((await all.json()) as unknown[]).length).toBe(2);
	});

	it('screens malformed documents per document instead of failing the batch', async () => {
		const good = thread('alice');
		const results = await bulk([
			42,
			{ _id: 7 },
			{ ...thread('alice'), _secret: 1 },
			{ ...thread('alice'), _rev: 'nope' },
			good
		]);
		expect(results.slice(0, 4).map((r) => r.error)).toEqual(['forbidden', 'forbidden', 'forbidden', 'forbidden']);
		expect(results[4]).toMatchObject({ id: good._id, ok: true });
		const noRev = await bulk([thread('alice'), { ...thread('alice'), _revisions: { start: 1, ids: 'x' } }], 'alice', {
			new_edits: false
		});
		expect(noRev.map((r) => r.error)).toEqual(['forbidden', 'forbidden']);
	});

	it('stores _local checkpoints without validation', async () => {
		const put = await h.request('/couch/community/_local/abc%2Fdef', {
			method: 'PUT',
			body: JSON.stringify({ last_seq: 5 })
		});
		expect(put.status).toBe(201);
		const got = await h.request('/couch/community/_local/abc%2Fdef');
		expect(await got.json()).toMatchObject({ _id: '_local/abc/def', last_seq: 5 });
	});

	it("keeps each member's checkpoints apart on the shared database", async () => {
		await h.request('/couch/community/_local/cp', {
			method: 'PUT',
			body: JSON.stringify({ last_seq: 7 }),
			user: 'alice'
		});
		expect((await h.request('/couch/community/_local/cp', { user: 'bob' })).status).toBe(404);
		const overwrite = await h.request('/couch/community/_local/cp', {
			method: 'PUT',
			body: JSON.stringify({ last_seq: 1 }),
			user: 'bob'
		});
		expect(overwrite.status).toBe(201);
		const mine = await h.request('/couch/community/_local/cp', { user: 'alice' });
		expect(await mine.json()).toMatchObject({ _id: '_local/cp', last_seq: 7 });
	});
});

// Read endpoints the replicator and the app use: _all_docs, _revs_diff, _bulk_get, document and
// attachment reads.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCouchHarness, type CouchHarness } from '../helpers/couch-harness';
import { category, thread } from '../helpers/community-docs';
import { writeDocs } from '../../../server/couch/index';
import { userDbName } from '../../../src/lib/domain/ids';

let h: CouchHarness;
let docs: ReturnType<typeof thread>[];
const alice = { name: 'alice', roles: ['member' as const] };
const enc = encodeURIComponent;
const body = (value: unknown) => ({ method: 'POST', body: JSON.stringify(value) });

beforeEach(async () => {
	h = createCouchHarness();
	await writeDocs(h.storage, 'community', { name: 'mod', roles: ['moderator'] }, [category('mod')]);
	docs = Array.from({ length: 3 }, (_, i) => thread('alice', { title: `T${i}` }));
	await writeDocs(h.storage, 'community', alice, docs);
});
afterEach(async () => {
	await h.close();
});

describe('reads', () => {
	it('lists documents with keys, key ranges, limit and include_docs', async () => {
		const byKeys = await h.request(
			'/couch/community/_all_docs?include_docs=true',
			body({ keys: [docs[1]._id, 'thread:none'] })
		);
		const keyed = (await byKeys.json()) as { rows: { key: string; error?: string; doc?: { title: string } }[] };
		expect(keyed.rows[0].doc?.title).toBe('T1');
		expect(keyed.rows[1]).toMatchObject({ key: 'thread:none', error: 'not_found' });
		const range = await h.request(
			`/couch/community/_all_docs?startkey=${enc('"thread:"')}&endkey=${enc('"thread:\uffff"')}&limit=2`
		);
		const ranged = (await range.json()) as { total_rows: number; rows: { id: string }[] };
		expect(ranged.rows.map((r) => r.id)).toEqual(
			docs
				.map((d) => d._id)
				.sort()
				.slice(0, 2)
		);
		expect(ranged.total_rows).toBe(4);
	});

	it('answers _revs_diff and _bulk_get as the replicator needs', async () => {
		const rev = (await h.storage.db('community').get(docs[0]._id))._rev;
		const diff = await h.request(
			'/couch/community/_revs_diff',
			body({ [docs[0]._id]: [rev, '2-abc'], 'thread:x': ['1-a'] })
		);
		expect(await diff.json()).toEqual({ [docs[0]._id]: { missing: ['2-abc'] }, 'thread:x': { missing: ['1-a'] } });
		const got = await h.request(
			'/couch/community/_bulk_get?revs=true&latest=true',
			body({
				docs: [
					{ id: docs[0]._id, rev },
					{ id: 'thread:x', rev: '1-a' }
				]
			})
		);
		const res = (await got.json()) as {
			results: { id: string; docs: { ok?: { _revisions: unknown }; error?: unknown }[] }[];
		};
		expect(res.results[0].docs[0].ok?._revisions).toMatchObject({ start: 1 });
		expect(res.results[1].docs[0]).toEqual({ missing: '1-a' });
	});

	it('survives latest=true with revisions the database does not hold (PouchDB would crash)', async () => {
		const id = docs[0]._id;
		const got = await h.request(
			'/couch/community/_bulk_get?revs=true&latest=true',
			body({ docs: [{ id, rev: '1-abc' }, { id, rev: 'junk' }, { id }] })
		);
		const res = (await got.json()) as { results: { docs: Record<string, unknown>[] }[] };
		expect(res.results[0].docs[0]).toEqual({ missing: '1-abc' });
		expect(res.results[1].docs[0].error).toMatchObject({ error: 'bad_request' });
		expect(JSON.stringify(res)).not.toContain('node_modules');
		expect(res.results[2].docs[0].ok).toMatchObject({ _id: id });
		expect((await h.request(`/couch/community/${enc(id)}?rev=1-abc&latest=true`)).status).toBe(404);
		const open = await h.request(`/couch/community/${enc(id)}?open_revs=${enc('["1-abc"]')}&latest=true`);
		expect(await open.json()).toEqual([{ missing: '1-abc' }]);
	});

	it('reads a document with revs and an attachment inline or raw', async () => {
		const db = userDbName('alice');
		const put = await h.request(`/couch/${db}/file%3A1`, {
			method: 'PUT',
			body: JSON.stringify({
				type: 'file',
				_attachments: { 'a b.txt': { content_type: 'text/plain', data: Buffer.from('hi there').toString('base64') } }
			})
		});
		expect(put.status).toBe(201);
		const withRevs = await h.request(`/couch/${db}/file%3A1?revs=true&attachments=true`);
		const doc = (await withRevs.json()) as {
			_revisions: { start: number };
			_attachments: Record<string, { data: string }>;
		};
		expect(doc._revisions.start).toBe(1);
		expect(Buffer.from(doc._attachments['a b.txt'].data, 'base64').toString()).toBe('hi there');
		const raw = await h.request(`/couch/${db}/file%3A1/a%20b.txt`);
		expect(raw.headers.get('content-type')).toBe('text/plain; charset=utf-8'); // plain text shown as text (server/http/user-files.ts)
		expect(await raw.text()).toBe('hi there');
		const { rev } = (await put.json()) as { rev: string };
		const added = await h.request(`/couch/${db}/file%3A1/dir/c.bin?rev=${rev}`, {
			method: 'PUT',
			body: new Uint8Array([1, 2, 3]),
			headers: { 'content-type': 'application/octet-stream' }
		});
		expect(added.status).toBe(201);
		const bytes = await h.request(`/couch/${db}/file%3A1/dir/c.bin`);
		expect([...new Uint8Array(await bytes.arrayBuffer())]).toEqual([1, 2, 3]);
	});
});

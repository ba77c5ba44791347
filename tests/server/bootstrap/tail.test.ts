// The snapshot's tail (server/bootstrap/cache.ts): a member signing in after a burst of writes gets
// every changed document in the download, at its current revision, after the snapshot's parts;
// the header's seq is where the tail reached, no superseded revision is ever served, a tail is
// shared and resumable, and a snapshot that lags too far is rebuilt in the background.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Hono } from 'hono';
import { brotliDecompressSync } from 'node:zlib';
import { createHarness, type Harness } from '../support/harness';
import { createBootstrapRoutes } from '../../../server/bootstrap/routes';
import { SnapshotCache } from '../../../server/bootstrap/cache';
import { fillCommunity, leavesOf, parseSnapshot } from './support';

type Parsed = ReturnType<typeof parseSnapshot>;
type Doc = Parsed['parts'][number]['docs'][number];

let h: Harness;
let cookie: string;
afterEach(() => h.close());

async function setUp(kind: 'memory' | 'leveldb', threads: number) {
	h = createHarness({ kind });
	await fillCommunity(h.storage, threads);
	cookie = await h.register('reader');
	const cache = new SnapshotCache(h.storage);
	const app = new Hono().route('/b', createBootstrapRoutes({ storage: h.storage, auth: h.auth, cache }));
	const get = async (query = '', encoding = '') => {
		const res = await app.request(`/b/community${query}`, { headers: { cookie, 'accept-encoding': encoding } });
		return { status: res.status, bytes: new Uint8Array(await res.arrayBuffer()) };
	};
	const snapshot = async (query = '') => parseSnapshot(Buffer.from((await get(query)).bytes).toString());
	return { cache, get, snapshot, db: h.storage.db('community') };
}

const at = (i: number) => new Date(Date.UTC(2026, 5, 1, 0, i)).toISOString();
const newThreads = (from: number, n: number) =>
	Array.from({ length: n }, (_, i) => ({
		_id: `thread:01NEW${String(from + i).padStart(6, '0')}`,
		type: 'thread',
		author: 'writer',
		createdAt: at(from + i),
		category: 'general',
		title: `New ${from + i}`,
		body: 'b',
		tags: []
	}));
const docsOf = (s: Parsed): Doc[] => s.parts.flatMap((p) => p.docs);
const leafKeys = (docs: Doc[]) => docs.map((d) => `${d._id} ${d._rev}`).sort();

/** Every document is a current leaf (nothing superseded) and each id sits in one part only. */
async function expectCurrentAndOnce(db: PouchDB.Database, s: Parsed): Promise<void> {
	const leaves = new Set(await leavesOf(db));
	const partOf = new Map<string, number>();
	for (const part of s.parts)
		for (const doc of part.docs) {
			expect(leaves.has(`${doc._id} ${doc._rev}`), `${doc._id} ${doc._rev} is superseded`).toBe(true);
			expect(partOf.get(doc._id) ?? part.part, `${doc._id} in two parts`).toBe(part.part);
			partOf.set(doc._id, part.part);
		}
}

describe.each(['memory', 'leveldb'] as const)('the tail of a snapshot (%s)', (kind) => {
	it('brings every document changed since the snapshot at its current revision, and nothing superseded', async () => {
		const { cache, get, snapshot, db } = await setUp(kind, 200);
		const before = await snapshot();
		const superseded: string[] = [];
		await db.bulkDocs(newThreads(0, 50));
		for (let p = 0; p < 5; p++) {
			const post = await db.get(`post:01P${String(p).padStart(6, '0')}000000`);
			superseded.push(`${post._id} ${post._rev}`);
			await db.put({ ...post, body: `Edited ${p}` });
		}
		for (let p = 5; p < 7; p++) {
			const post = await db.get(`post:01P${String(p).padStart(6, '0')}000000`);
			superseded.push(`${post._id} ${post._rev}`);
			await db.remove(post);
		}

		const after = await snapshot();
		expect(after.header.seq).toBe((await db.info()).update_seq);
		expect(cache.builds).toBe(1); // the same snapshot, with a tail
		const all = docsOf(after);
		expect(after.header.docs).toBe(all.length);
		expect(leafKeys(all)).toEqual(await leavesOf(db)); // the whole database, once
		await expectCurrentAndOnce(db, after);
		for (const key of superseded) expect(leafKeys(all)).not.toContain(key);
		const tail = after.parts.slice(before.header.parts);
		expect(tail.map((p) => p.part)).toEqual(tail.map((_, i) => before.header.parts + i));
		const tailDocs = tail.flatMap((p) => p.docs);
		expect(tailDocs).toHaveLength(57);
		expect(tailDocs.filter((d) => d._id.startsWith('thread:01NEW'))).toHaveLength(50);
		expect(tailDocs.filter((d) => String(d.body).startsWith('Edited'))).toHaveLength(5);
		expect(tailDocs.filter((d) => d._deleted)).toHaveLength(2);
		for (const doc of tailDocs) {
			const revisions = doc._revisions as { start: number; ids: string[] };
			expect(`${revisions.start}-${revisions.ids[0]}`).toBe(doc._rev);
		}
		// replication from the header's seq has nothing left to bring
		expect((await db.changes({ since: after.header.seq })).results).toEqual([]);

		// a few more changes: the tail is shared (not built again), and what changed since it is
		// taken out of it and comes by replication from its seq
		const thread = await db.get('thread:01NEW000003');
		await db.put({ ...thread, title: 'Renamed' });
		const shared = await Promise.all([snapshot(), snapshot()]);
		expect(cache.tailBuilds).toBe(1);
		for (const s of shared) {
			expect(s.header.seq).toBe(after.header.seq);
			expect(docsOf(s).some((d) => d._id === thread._id)).toBe(false);
			await expectCurrentAndOnce(db, s);
		}
		const brotli = brotliDecompressSync((await get('', 'br')).bytes).toString();
		expect(parseSnapshot(brotli).parts).toEqual(shared[0].parts);
		const since = await db.changes({ since: after.header.seq });
		expect(since.results.map((r) => r.id)).toEqual([thread._id]);
	});
});

describe('resuming and rebuilding', () => {
	it('builds a new tail after a burst of writes, so the burst comes in the download', async () => {
		const { cache, snapshot, db } = await setUp('memory', 400);
		await snapshot();
		await db.bulkDocs(newThreads(0, 10));
		expect((await snapshot()).header.seq).toBe((await db.info()).update_seq);
		await db.bulkDocs(newThreads(100, 250)); // more than a tail lets replication bring
		const burst = await snapshot();
		expect(cache.tailBuilds).toBe(2);
		expect(burst.header.seq).toBe((await db.info()).update_seq);
		expect(docsOf(burst).filter((d) => d._id.startsWith('thread:01NEW'))).toHaveLength(260);
		await expectCurrentAndOnce(db, burst);
	});

	it('resumes a download in its tail, without what changed since', async () => {
		const { snapshot, db } = await setUp('memory', 400);
		const base = await snapshot();
		await db.bulkDocs(newThreads(0, 50));
		const first = await snapshot('?to=3');
		const { seq, parts } = first.header;
		expect(parts).toBe(base.header.parts + 1);
		const moved = await db.get('thread:01NEW000010'); // in the tail
		await db.put({ ...moved, title: 'Moved' });
		const rest = await snapshot(`?seq=${seq}&from=3`);
		expect(rest.header).toMatchObject({ seq, parts, from: 3, to: parts });
		const download: Parsed = { header: first.header, parts: [...first.parts, ...rest.parts] };
		expect(download.parts.map((p) => p.part)).toEqual(Array.from({ length: parts }, (_, i) => i));
		expect(docsOf(download).some((d) => d._id === moved._id)).toBe(false);
		await expectCurrentAndOnce(db, download);
		// with what replication from the header's seq brings, the device holds the database
		const since = await db.changes({ since: seq, style: 'all_docs' } as PouchDB.Core.ChangesOptions);
		const replicated = since.results.flatMap((r) => r.changes.map((c) => `${r.id} ${c.rev}`));
		expect([...leafKeys(docsOf(download)), ...replicated].sort()).toEqual(await leavesOf(db));
	});

	it('rebuilds a snapshot that lags by a quarter of its documents, serving its tail meanwhile; 410 once gone', async () => {
		const { cache, get, snapshot, db } = await setUp('memory', 20);
		const made = await snapshot();
		const quarter = Math.floor(made.header.docs / 4);
		await db.bulkDocs(newThreads(0, quarter - 2));
		const tailed = await snapshot();
		expect(cache.tailBuilds).toBe(1);
		expect(tailed.header.parts).toBe(made.header.parts + 1);

		await db.bulkDocs(newThreads(quarter, 4)); // past a quarter of the snapshot
		const meanwhile = await snapshot();
		expect(meanwhile.header.seq).toBe(tailed.header.seq); // the tail, as it was: replication brings the rest
		await vi.waitFor(() => expect(cache.builds).toBe(2), { timeout: 15_000 });
		const rebuilt = await snapshot();
		expect(rebuilt.header.seq).toBe((await db.info()).update_seq);
		expect(leafKeys(docsOf(rebuilt))).toEqual(await leavesOf(db));
		expect(cache.tailBuilds).toBe(1); // no tail: the new snapshot holds everything
		// the older snapshot's tail can still be resumed, and is still current
		const resumed = await snapshot(`?seq=${tailed.header.seq}&from=0`);
		expect(resumed.header.parts).toBe(tailed.header.parts);
		await expectCurrentAndOnce(db, resumed);

		// two snapshots later, it is gone: the device replicates instead
		await db.bulkDocs(newThreads(1000, 30));
		await snapshot(); // a tail for the new snapshot (it has none yet)
		expect(cache.builds).toBe(2); // not at the seq of that tail: one seq, one layout of parts
		await db.bulkDocs(newThreads(2000, 1));
		await snapshot(); // lagging: a third snapshot is built in the background
		await vi.waitFor(() => expect(cache.builds).toBe(3), { timeout: 15_000 });
		expect((await get(`?seq=${tailed.header.seq}&from=0`)).status).toBe(410);
	});
});

// GET /api/bootstrap/community: members only, parameters checked, and the snapshot is exactly the
// database (every leaf revision with its history, conflicts and tombstones included), in priority
// order, compressed, built once for many members, resumable from a part.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Hono } from 'hono';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { createHarness, type Harness } from '../support/harness';
import { createBootstrapRoutes } from '../../../server/bootstrap/routes';
import { SnapshotCache } from '../../../server/bootstrap/cache';
import { CONFLICTED, DELETED, fillCommunity, leavesOf, parseSnapshot } from './support';

const URL = '/api/bootstrap/community';
let h: Harness;
let cookie: string;

beforeAll(async () => {
	h = createHarness({ kind: 'memory' });
	await fillCommunity(h.storage, 400);
	cookie = await h.register('reader');
});
afterAll(() => h.close());

const get = (path: string, headers: Record<string, string> = {}) =>
	h.request(path, { headers: { cookie, ...headers } });

describe('GET /api/bootstrap/community', () => {
	it('answers 401 without a session, 404 for another database', async () => {
		const anonymous = await h.request(URL);
		expect(anonymous.status).toBe(401);
		expect(await anonymous.json()).toMatchObject({ error: 'unauthorized' });
		expect((await get('/api/bootstrap/userdb-72656164657')).status).toBe(404);
	});

	it('answers 400 for bad parameters and 410 for a snapshot it no longer keeps', async () => {
		for (const query of [
			'?from=-1&seq=1',
			'?from=abc&seq=1',
			'?from=1',
			'?seq=a%20b&from=0',
			'?seq=1&from=1.5',
			'?to=-2',
			'?to=x'
		]) {
			const res = await get(URL + query);
			expect(res.status, query).toBe(400);
			expect(await res.json()).toMatchObject({ error: 'bad_request' });
		}
		const { header } = parseSnapshot(await (await get(URL)).text());
		expect((await get(`${URL}?seq=${header.seq}&from=${header.parts + 1}`)).status).toBe(400);
		expect((await get(`${URL}?seq=${header.seq}&from=2&to=2`)).status).toBe(400);
		expect((await get(`${URL}?to=0`)).status).toBe(400);
		const gone = await get(`${URL}?seq=987654321&from=1`);
		expect(gone.status).toBe(410);
		expect(await gone.json()).toMatchObject({ error: 'gone' });
	});

	it('holds every leaf revision of the database with its history, in priority order', async () => {
		const db = h.storage.db('community');
		const seq = (await db.info()).update_seq;
		const res = await get(URL);
		expect(res.headers.get('content-type')).toContain('application/x-ndjson');
		const { header, parts } = parseSnapshot(await res.text());
		expect(header).toMatchObject({ seq, from: 0, to: parts.length, parts: parts.length });
		expect(parts.map((p) => p.part)).toEqual(parts.map((_, i) => i));
		const docs = parts.flatMap((p) => p.docs);
		expect(header.docs).toBe(docs.length);
		expect(docs.map((d) => `${d._id} ${d._rev}`).sort()).toEqual(await leavesOf(db));
		for (const doc of docs) {
			const revisions = doc._revisions as { start: number; ids: string[] };
			expect(`${revisions.start}-${revisions.ids[0]}`).toBe(doc._rev);
		}
		expect(
			docs
				.filter((d) => d._id === CONFLICTED)
				.map((d) => d.title)
				.sort()
		).toEqual(['Left', 'Right']);
		expect(docs.find((d) => d._id === DELETED)).toMatchObject({ _deleted: true });
		// categories, then profiles, then threads by latest activity (thread 0 has the newest post)
		const types = docs.map((d) => d._id.slice(0, d._id.indexOf(':')));
		expect(types.slice(0, 7)).toEqual(Array(7).fill('category'));
		// then the 100 threads with the latest activity (thread 0 has the newest post), the profiles,
		// then the posts of those 100, then each other thread (newest first) followed by its posts
		expect(docs[7]._id).toBe('thread:01T000000');
		expect(docs.slice(8, 107).map((d) => d._id)).toEqual(
			Array.from({ length: 99 }, (_, i) => `thread:01T000${399 - i}`)
		);
		const profiles = types.indexOf('profile');
		expect(profiles).toBe(107);
		expect(types.slice(profiles, types.indexOf('post', profiles)).every((t) => t === 'profile')).toBe(true);
		expect(docs[types.indexOf('thread', profiles)]._id).toBe('thread:01T000300');
		const top = new Set(docs.slice(7, 107).map((d) => d._id));
		const afterProfiles = docs
			.slice(profiles)
			.filter((d) => !d._deleted && ['thread', 'post'].includes(d._id.slice(0, d._id.indexOf(':'))));
		expect(afterProfiles.some((d) => d._id.startsWith('post:') && top.has(String(d.thread)))).toBe(true);
		let current = '';
		for (const doc of afterProfiles) {
			if (doc._id.startsWith('thread:')) {
				expect(top.has(doc._id)).toBe(false);
				current = doc._id;
			} else {
				// a post follows its own thread, or (before the first other thread) belongs to one of the 100
				expect(
					doc.thread === current || (current === '' && top.has(String(doc.thread))),
					`${doc._id} of ${String(doc.thread)} after ${current}`
				).toBe(true);
			}
		}
		expect(docs.at(-1)?._id).toBe(DELETED);
		expect(parts[0].docs.length).toBeLessThan(parts.at(-1)!.docs.length + 1);
	});

	it('compresses with brotli or gzip, the same bytes once decoded', async () => {
		const plain = await (await get(URL)).text();
		const br = await get(URL, { 'accept-encoding': 'br' });
		expect(br.headers.get('content-encoding')).toBe('br');
		const brBytes = Buffer.from(await br.arrayBuffer());
		expect(brotliDecompressSync(new Uint8Array(brBytes)).toString()).toBe(plain);
		expect(brBytes.byteLength).toBeLessThan(plain.length / 3);
		const gz = await get(URL, { 'accept-encoding': 'gzip' });
		expect(gz.headers.get('content-encoding')).toBe('gzip');
		expect(gunzipSync(new Uint8Array(await gz.arrayBuffer())).toString()).toBe(plain);
	});

	it('resumes from a part of the snapshot made at a seq', async () => {
		const full = parseSnapshot(await (await get(URL)).text());
		const res = await get(`${URL}?seq=${full.header.seq}&from=2`, { 'accept-encoding': 'br' });
		const rest = parseSnapshot(brotliDecompressSync(new Uint8Array(await res.arrayBuffer())).toString());
		expect(rest.header).toEqual({ ...full.header, from: 2 });
		expect(rest.parts).toEqual(full.parts.slice(2));
		// a range of parts, as the client asks for them
		const range = parseSnapshot(await (await get(`${URL}?seq=${full.header.seq}&from=1&to=3`)).text());
		expect(range.header).toEqual({ ...full.header, from: 1, to: 3 });
		expect(range.parts).toEqual(full.parts.slice(1, 3));
		const first = parseSnapshot(await (await get(`${URL}?to=1`)).text());
		expect(first.header).toEqual({ ...full.header, from: 0, to: 1 });
		expect(first.parts).toEqual(full.parts.slice(0, 1));
	});

	it('builds one snapshot for many members, a tail for what changed since, and a new one when old', async () => {
		const clock = { ms: Date.now() };
		const cache = new SnapshotCache(h.storage, () => clock.ms);
		const app = new Hono().route('/b', createBootstrapRoutes({ storage: h.storage, auth: h.auth, cache }));
		const fetchOne = async (encoding: string) =>
			(await app.request('/b/community', { headers: { cookie, 'accept-encoding': encoding } })).arrayBuffer();
		const docsOf = async (encoding: string) =>
			parseSnapshot(brotliDecompressSync(new Uint8Array(await fetchOne(encoding))).toString()).parts.flatMap(
				(p) => p.docs
			);
		const first = await Promise.all(Array.from({ length: 5 }, () => fetchOne('br')));
		expect(cache.builds).toBe(1);
		for (const bytes of first) expect(Buffer.from(bytes).equals(Buffer.from(first[0]))).toBe(true);
		const newThread = (id: string) =>
			h.storage.db('community').put({
				_id: id,
				type: 'thread',
				author: 'writer',
				createdAt: new Date().toISOString(),
				category: 'general',
				title: id,
				body: 'b',
				tags: []
			});
		clock.ms += 60_000;
		await newThread('thread:01NEWER');
		// the change is in the snapshot's tail, built once for the members signing in together
		const together = await Promise.all(Array.from({ length: 3 }, () => docsOf('br')));
		for (const docs of together) expect(docs.at(-1)?._id).toBe('thread:01NEWER');
		expect(cache.builds).toBe(1);
		expect(cache.tailBuilds).toBe(1);
		clock.ms += 2 * 60 * 60_000; // an old snapshot is rebuilt in the background once something changes
		await newThread('thread:01NEWEST');
		const stale = await docsOf('br');
		expect(stale.some((d) => d._id === 'thread:01NEWER')).toBe(true);
		expect(stale.some((d) => d._id === 'thread:01NEWEST')).toBe(false); // replication from the tail's seq brings it
		await vi.waitFor(() => expect(cache.builds).toBe(2), { timeout: 15_000 });
		const rebuilt = await docsOf('br');
		expect(cache.builds).toBe(2);
		expect(rebuilt.some((d) => d._id === 'thread:01NEWEST')).toBe(true);
		expect(rebuilt.at(-1)?._id).toBe(DELETED); // in the snapshot's own order, no tail
	});
});

// The client side of the bootstrap snapshot (src/lib/sync/bootstrap.ts) against the whole app on
// a real socket: a Node PouchDB replica loads the snapshot, then replication from the snapshot's
// seq brings a change made after it; loading twice changes nothing; a download cut off half way
// resumes at its next part (documents transferred ≈ documents in the database), and falls back
// to replication when the server no longer keeps that snapshot.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import PouchDB from 'pouchdb';
import { createHarness, type Harness } from '../support/harness';
import { loadBootstrap, type BootstrapState, type BootstrapStateStore } from '../../../src/lib/sync/bootstrap';
import { CONFLICTED, DELETED, fillCommunity, leavesOf } from './support';
import { writeSnapshotPart } from '../../../src/lib/store/snapshot-write';

let h: Harness;
let base: string;
let cookie: string;
let counter = 0;
const cleanups: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
	h = createHarness({ kind: 'memory' });
	await fillCommunity(h.storage, 700); // about 2,100 documents, 5 parts
	cookie = await h.register('reader');
	base = await h.listen();
});
afterAll(async () => {
	for (const cleanup of cleanups.reverse()) await cleanup();
	await h.close();
});

function memoryState(): BootstrapStateStore & { value?: BootstrapState } {
	const store: BootstrapStateStore & { value?: BootstrapState } = {
		get: async () => store.value,
		set: async (state) => void (store.value = state)
	};
	return store;
}

function replica(): PouchDB.Database {
	const db = new PouchDB(`bootstrap-client-${process.pid}-${++counter}`, { adapter: 'memory' });
	cleanups.push(() => db.destroy());
	return db;
}

/**
 * fetch with the member's cookie; `cutAfterBytes` (of snapshot bytes in all) breaks the snapshot
 * download there, and every snapshot request after it, as a dropped link.
 */
function memberFetch(log: { urls: string[]; docs: number }, cutAfterBytes?: number): typeof fetch {
	let seen = 0;
	return async (input, init) => {
		if (cutAfterBytes !== undefined && seen >= cutAfterBytes) throw new TypeError('network error: link down');
		const headers = new Headers(init?.headers);
		headers.set('cookie', cookie);
		const url = String(input);
		const res = await fetch(url, { ...init, headers });
		if (!url.includes('/api/bootstrap/') || !res.body) return res;
		log.urls.push(url.slice(base.length));
		let text = '';
		const before = log.docs;
		const decoder = new TextDecoder();
		const take = (bytes: Uint8Array) => {
			text += decoder.decode(bytes, { stream: true });
			log.docs = before + (text.match(/"_revisions"/g) ?? []).length; // documents (even partly) received
		};
		const counted = res.body.pipeThrough(
			new TransformStream<Uint8Array, Uint8Array>({
				transform(chunk, controller) {
					if (cutAfterBytes !== undefined && seen + chunk.byteLength > cutAfterBytes) {
						take(chunk.slice(0, cutAfterBytes - seen));
						controller.enqueue(chunk.slice(0, cutAfterBytes - seen));
						return controller.error(new TypeError('network error: link down'));
					}
					seen += chunk.byteLength;
					take(chunk);
					controller.enqueue(chunk);
				}
			})
		);
		return new Response(counted, { status: res.status, headers: res.headers });
	};
}

const url = () => `${base}/api/bootstrap/community`;
const remote = (log = { urls: [], docs: 0 }) =>
	new PouchDB(`${base}/couch/community`, {
		fetch: memberFetch(log)
	} as PouchDB.Configuration.RemoteDatabaseConfiguration);

describe('loading the bootstrap snapshot', () => {
	it('fills the replica, then replication from its seq brings what changed after it; a re-load changes nothing', async () => {
		const first = replica();
		const log = { urls: [] as string[], docs: 0 };
		const progress: number[] = [];
		const outcome = await loadBootstrap({
			url: url(),
			local: first,
			state: memoryState(),
			fetch: memberFetch(log),
			onProgress: (n) => progress.push(n)
		});
		expect(outcome?.since).toBe((await h.storage.db('community').info()).update_seq);
		expect(await leavesOf(first)).toEqual(await leavesOf(h.storage.db('community')));
		expect((await first.get(CONFLICTED, { conflicts: true }))._conflicts).toHaveLength(1);
		await expect(first.get(DELETED)).rejects.toMatchObject({ status: 404 });
		expect(progress.length).toBeGreaterThan(3);
		expect(progress.at(-1)).toBe(log.docs);

		// a change after the snapshot was made; a second member gets the same (kept) snapshot, and
		// the change in its tail: replication has nothing left to bring
		await h.storage.db('community').put({
			_id: 'post:01AFTER',
			type: 'post',
			author: 'writer',
			createdAt: new Date().toISOString(),
			thread: 'thread:01T000001',
			body: 'later'
		});
		const second = replica();
		const state = memoryState();
		const since = (await loadBootstrap({
			url: url(),
			local: second,
			state,
			fetch: memberFetch({ urls: [], docs: 0 })
		}))!.since;
		expect(since).toBe((await h.storage.db('community').info()).update_seq);
		expect(since).not.toBe(outcome!.since);
		expect((await second.get('post:01AFTER')) as object).toMatchObject({ body: 'later' });
		const replication = await second.replicate.from(remote(), { since });
		expect(replication.docs_read).toBe(0);
		// the state says the snapshot is in: a later call loads nothing and continues from the seq
		const calls = { urls: [] as string[], docs: 0 };
		expect(await loadBootstrap({ url: url(), local: second, state, fetch: memberFetch(calls) })).toEqual({ since });
		expect(calls.urls).toEqual([]);

		// loading the whole snapshot again into a full replica: the same documents, no new conflicts
		const before = await leavesOf(second);
		await loadBootstrap({ url: url(), local: second, state: memoryState(), fetch: memberFetch({ urls: [], docs: 0 }) });
		expect(await leavesOf(second)).toEqual(before);
		expect((await second.info()).doc_count).toBe((await h.storage.db('community').info()).doc_count);
	});

	it('resumes a download cut off half way at its next part instead of starting again', async () => {
		const local = replica();
		const state = memoryState();
		const whole = await (
			await memberFetch({ urls: [], docs: 0 })(url(), { headers: { 'accept-encoding': 'br' } })
		).arrayBuffer();
		const log = { urls: [] as string[], docs: 0 };
		await expect(
			loadBootstrap({ url: url(), local, state, fetch: memberFetch(log, Math.round(whole.byteLength / 2)) })
		).rejects.toThrow();
		const cut = state.value!;
		const total = cut.docs;
		expect(cut.complete).toBe(false);
		expect(cut.next).toBeGreaterThan(0);
		expect(cut.next).toBeLessThan(cut.parts);
		expect((await local.info()).doc_count).toBeLessThan(total);

		const asked = log.urls.length;
		const outcome = await loadBootstrap({ url: url(), local, state, fetch: memberFetch(log) });
		expect(log.urls[asked]).toBe(`/api/bootstrap/community?seq=${cut.seq}&from=${cut.next}&to=${cut.next + 1}`);
		expect(outcome?.since).toBe(cut.seq);
		expect((await leavesOf(local)).length).toBe(total);
		await local.replicate.from(remote(), { since: outcome!.since }); // what changed since (the first test's post)
		expect(await leavesOf(local)).toEqual(await leavesOf(h.storage.db('community')));
		// documents transferred in all: the database, plus at most the part in flight at the cut
		expect(log.docs).toBeGreaterThanOrEqual(total);
		expect(log.docs).toBeLessThan(total + 1000);
	});

	it('says where pushing can start when the replica holds nothing but the snapshot', async () => {
		const local = replica();
		const write = (docs: PouchDB.Core.PutDocument<object>[]) => writeSnapshotPart(local, 'reader', [], docs);
		const outcome = await loadBootstrap({
			url: url(),
			local,
			write,
			state: memoryState(),
			fetch: memberFetch({ urls: [], docs: 0 })
		});
		expect(outcome?.pushSince).toBe((await local.info()).update_seq);
		// nothing before it is the device's own: a push from there asks the server about nothing
		const asked = { revsDiff: 0 };
		const counting: typeof fetch = (input, init) => {
			if (String(input).includes('/_revs_diff')) asked.revsDiff++;
			return memberFetch({ urls: [], docs: 0 })(input, init);
		};
		const pushTo = () =>
			new PouchDB(`${base}/couch/community`, { fetch: counting } as PouchDB.Configuration.RemoteDatabaseConfiguration);
		await local.replicate.to(pushTo(), { since: outcome!.pushSince });
		expect(asked.revsDiff).toBe(0);
		// while a push from the start sends every document's revisions to learn the server has them
		await local.replicate.to(pushTo(), { batch_size: 1000, checkpoint: false });
		expect(asked.revsDiff).toBeGreaterThan(1);

		// a document the member wrote between two parts must be pushed: no pushSince then
		const other = replica();
		let parts = 0;
		const interleaved = async (docs: PouchDB.Core.PutDocument<object>[]) => {
			if (++parts === 2)
				await other.put({
					_id: 'post:01MINE',
					type: 'post',
					author: 'reader',
					createdAt: new Date().toISOString(),
					thread: 'thread:01T000001',
					body: 'mine'
				});
			return writeSnapshotPart(other, 'reader', [], docs);
		};
		const mixed = await loadBootstrap({
			url: url(),
			local: other,
			write: interleaved,
			state: memoryState(),
			fetch: memberFetch({ urls: [], docs: 0 })
		});
		expect(mixed?.since).toBe(outcome?.since);
		expect(mixed?.pushSince).toBeUndefined();
	});

	it('falls back to replication (null) when the snapshot being resumed is gone', async () => {
		const state = memoryState();
		state.value = { seq: 987654321, next: 2, parts: 5, written: 500, docs: 2000, complete: false };
		expect(
			await loadBootstrap({ url: url(), local: replica(), state, fetch: memberFetch({ urls: [], docs: 0 }) })
		).toBeNull();
		expect(state.value).toBeUndefined();
	});

	it('completes at once on an empty snapshot (a new community)', async () => {
		const empty: typeof fetch = async () =>
			new Response('{"seq":0,"docs":0,"parts":0,"from":0,"to":0}\n', {
				headers: { 'content-type': 'application/x-ndjson' }
			});
		const state = memoryState();
		expect(await loadBootstrap({ url: url(), local: replica(), state, fetch: empty })).toEqual({ since: 0 });
		expect(state.value).toMatchObject({ complete: true, parts: 0 });
	});

	it('fails as unauthorized without a session', async () => {
		const err = await loadBootstrap({
			url: url(),
			local: replica(),
			state: memoryState(),
			fetch: (input, init) => fetch(input, init)
		}).catch((e: unknown) => e);
		expect(err).toMatchObject({ status: 401, name: 'unauthorized' });
	});
});

// A bootstrap snapshot part written through the store (store/snapshot-write.ts) is projected
// without reading it back from the changes feed, and the projections come out exactly as when
// the same revisions are written with bulkDocs and projected from the feed.
import { afterEach, describe, expect, it } from 'vitest';
import { IDBKeyRange, IDBObjectStore, indexedDB } from 'fake-indexeddb';
import { PraxisDb } from '../../../src/lib/store/db';
import type { TestStore as Store } from './support';
import { at, categoryDoc, closeTestStores, openTestStore, postDoc, threadDoc, ULIDS, voteDoc } from './support';

type Doc = Record<string, unknown> & { _id: string };

/** A revision as a snapshot carries it: `_rev` and its `_revisions` history. */
function rev(doc: Doc, n: number, hash: string, extra: Record<string, unknown> = {}): Doc {
	const ids = Array.from({ length: n }, (_, i) => (i === 0 ? hash : `${hash}${'0'.repeat(6)}${n - i}`.slice(0, 32)));
	return { ...doc, ...extra, _rev: `${n}-${hash}`, _revisions: { start: n, ids } };
}

/** Counts documents the store's followers read from the community changes feed (not live). */
function countFeedReads(store: Store): { docs: number } {
	const counter = { docs: 0 };
	const db = store.replica.community as unknown as { changes(opts?: Record<string, unknown>): unknown };
	const original = db.changes.bind(db);
	db.changes = (opts?: Record<string, unknown>) => {
		const feed = original(opts) as Promise<{ results: unknown[] }>;
		if (!opts?.live && opts?.include_docs)
			void feed.then(
				(res) => (counter.docs += res.results.length),
				() => {}
			);
		return feed;
	};
	return counter;
}

/** Every projection table of the member's Dexie database, rows sorted by key. */
async function dump(store: Store): Promise<Record<string, unknown[]>> {
	const db = new PraxisDb(store.member.name, { indexedDB, IDBKeyRange });
	await db.open();
	try {
		const out: Record<string, unknown[]> = {};
		for (const table of db.tables) {
			if (['meta', 'syncLog', 'outbox', 'rejected', 'drafts', 'readState', 'searchIndex'].includes(table.name))
				continue;
			const rows = await table.toArray();
			out[table.name] = rows.map((r) => JSON.stringify(r)).sort();
		}
		return out;
	} finally {
		db.close();
	}
}

async function settle(store: Store): Promise<void> {
	await store.projected();
	await store.events.projected();
	await store.projected();
}

function snapshot(me: string): Doc[][] {
	const t1 = `thread:${ULIDS.t1}`;
	const t2 = `thread:${ULIDS.t2}`;
	return [
		[
			rev(categoryDoc('general'), 1, 'a1'),
			rev(threadDoc(ULIDS.t1, 'general', 1, { author: me, title: 'Procurement of cloud services' }), 1, 'b1'),
			rev(threadDoc(ULIDS.t2, 'general', 2, { title: 'Rural broadband' }), 2, 'c2')
		],
		[
			rev(postDoc(ULIDS.p1, t1, 3, { body: 'We used a framework agreement' }), 1, 'd1'),
			// two leaves of one post: a conflict the replica keeps
			rev(postDoc(ULIDS.p2, t1, 4, { body: 'first leaf' }), 2, 'e2'),
			rev(postDoc(ULIDS.p2, t1, 4, { body: 'second leaf' }), 2, 'f2'),
			// a deleted post
			{ _id: `post:${ULIDS.p3}`, _rev: '2-g2', _deleted: true, _revisions: { start: 2, ids: ['g2', 'g1'] } },
			rev(voteDoc(t1, 'bob', 1), 1, 'h1'),
			rev(voteDoc(t2, me, -1), 1, 'i1'),
			rev(
				{
					_id: `profile:${me}`,
					type: 'profile',
					author: me,
					createdAt: at(0),
					username: me,
					displayName: 'Me Myself',
					bio: ''
				},
				1,
				'j1'
			),
			rev(
				{
					_id: 'profile:bob',
					type: 'profile',
					author: 'bob',
					createdAt: at(0),
					username: 'bob',
					displayName: 'Bob Builder',
					bio: ''
				},
				1,
				'k1'
			)
		]
	];
}

describe('writing a bootstrap snapshot part', () => {
	afterEach(closeTestStores);

	it('projects the part without reading it back, as a feed projection would', async () => {
		const direct = await openTestStore();
		const viaFeed = await openTestStore();
		await settle(direct);
		await settle(viaFeed);
		const reads = countFeedReads(direct);
		const written = snapshot(direct.member.name);
		for (const part of written) await direct.replica.writeSnapshotPart!(structuredClone(part));
		await settle(direct);
		// only the conflicted post and the member's own documents were read back, not the part
		expect(reads.docs).toBe(0);

		const same = snapshot(viaFeed.member.name);
		for (const part of same) await viaFeed.replica.community.bulkDocs(structuredClone(part), { new_edits: false });
		await settle(viaFeed);
		const rename = (rows: Record<string, unknown[]>, name: string) =>
			JSON.parse(JSON.stringify(rows).split(name).join('ME')) as unknown;
		expect(rename(await dump(direct), direct.member.name)).toEqual(rename(await dump(viaFeed), viaFeed.member.name));

		const threads = await direct.listThreads('general');
		expect(threads.map((t) => t.id).sort()).toEqual([`thread:${ULIDS.t1}`, `thread:${ULIDS.t2}`]);
		expect(await direct.listConflicts()).toHaveLength(1);
		const found = await direct.search.search('framework');
		expect(found.hits.map((h) => h.id)).toContain(`post:${ULIDS.p1}`);
	});

	it('skips looking up rows for ids new to a replica that holds only earlier parts, with the same projections', async () => {
		const direct = await openTestStore();
		const viaFeed = await openTestStore();
		await settle(direct);
		await settle(viaFeed);
		// gets on the projection tables the fresh ids would have been looked up in
		const gets = { posts: 0, threads: 0, votes: 0 };
		const get = IDBObjectStore.prototype.get;
		IDBObjectStore.prototype.get = function (this: IDBObjectStore, key: IDBValidKey | IDBKeyRange) {
			if (this.name in gets) gets[this.name as keyof typeof gets]++;
			return get.call(this, key);
		} as typeof get;
		try {
			let at: number | string | null = (await direct.replica.community.info()).update_seq;
			for (const part of snapshot(direct.member.name)) {
				const written = await direct.replica.writeSnapshotPart!(structuredClone(part), at);
				at = written.exact && String(written.before) === String(at) ? written.after : null;
			}
			await settle(direct);
		} finally {
			IDBObjectStore.prototype.get = get;
		}
		// only the read-back ids (the conflicted post, the member's own vote) were looked up
		expect(gets.posts).toBeLessThanOrEqual(1);
		expect(gets.votes).toBeLessThanOrEqual(1);
		for (const part of snapshot(viaFeed.member.name))
			await viaFeed.replica.community.bulkDocs(structuredClone(part), { new_edits: false });
		await settle(viaFeed);
		const rename = (rows: Record<string, unknown[]>, name: string) =>
			JSON.parse(JSON.stringify(rows).split(name).join('ME')) as unknown;
		expect(rename(await dump(direct), direct.member.name)).toEqual(rename(await dump(viaFeed), viaFeed.member.name));
	});

	it("keeps the member's own revision written meanwhile: the replica's winner is projected", async () => {
		const store = await openTestStore();
		await settle(store);
		const me = store.member.name;
		const [first, second] = snapshot(me);
		await store.replica.writeSnapshotPart!(structuredClone(first));
		await settle(store);
		// the member votes before the part holding their older vote arrives (a conflict in the replica)
		await store.vote(`thread:${ULIDS.t2}`, 1);
		await settle(store);
		await store.replica.writeSnapshotPart!(structuredClone(second));
		await settle(store);
		const stored = (await store.replica.community.get(`vote:thread:${ULIDS.t2}:${me}`, { conflicts: true })) as Doc & {
			_conflicts?: string[];
		};
		expect(stored._conflicts).toHaveLength(1); // the replica holds both votes
		const handedOver = await dump(store);
		// a projection from the whole feed gives the same rows (the replica's winner, the conflict)
		await store.rebuild();
		await settle(store);
		expect(handedOver).toEqual(await dump(store));
		expect((await store.listConflicts()).map((c) => c.id)).toContain(stored._id);
	});

	it('refuses a part the replica refuses, naming the document', async () => {
		const store = await openTestStore();
		await settle(store);
		await expect(store.replica.writeSnapshotPart!([{ _id: '_bad', _rev: '1-a', type: 'x' } as never])).rejects.toThrow(
			/_bad|invalid|reserved/i
		);
	});
});

// The feed follower (store/feed/follower.ts) with fake projections over PouchDB (memory) and
// Dexie (fake-indexeddb): failures are reported and the batch is applied again later, a rebuild
// clears what the projections own and replays, a hold defers changes until release, and
// projections settle once the chain falls idle.
import { afterEach, describe, expect, it, vi } from 'vitest';
import PouchDB from 'pouchdb';
import { PraxisDb } from '../../../../src/lib/store/db';
import { FeedFollower } from '../../../../src/lib/store/feed/follower';
import type { Change, Projection } from '../../../../src/lib/store/feed/projection';
import { watchedReplicaClass, type WatchedReplica } from '../../../../src/lib/store/feed/watched-replica';
import { testOptions, uniqueName } from '../support';

const CHECKPOINT = 'test.checkpoint';

interface Rig {
	pouch: WatchedReplica;
	db: PraxisDb;
	problems: string[];
	follower: FeedFollower;
}

const rigs: Rig[] = [];

afterEach(async () => {
	for (const r of rigs.splice(0)) {
		await r.follower.stop();
		r.db.close();
		await r.pouch.destroy();
	}
});

/** A projection writing one `categories` row per document (its `order` from the doc's `n`). */
function categories(fail: { apply?: boolean; afterBatch?: boolean } = {}) {
	const seen: string[][] = [];
	let cleared = 0;
	const projection: Projection = {
		name: 'test',
		tables: ['categories'],
		shares: ['profiles'],
		async apply(changes: readonly Change[], db: PraxisDb) {
			if (fail.apply) throw new Error('apply broke');
			for (const c of changes) {
				if (c.deleted) await db.categories.delete(c.id);
				else await db.categories.put({ slug: c.id, name: c.id, description: '', order: (c.doc as { n: number }).n });
			}
		},
		async afterBatch(changes: readonly Change[]) {
			seen.push(changes.map((c) => c.id));
			if (fail.afterBatch) throw new Error('afterBatch broke');
		},
		clear() {
			cleared++;
		}
	};
	return { projection, seen, cleared: () => cleared };
}

function rig(projections: Projection[], subscribe = false): Rig {
	const name = uniqueName('feed');
	const Watched = watchedReplicaClass(PouchDB);
	const pouch = new Watched(`feed-${name}`, { adapter: 'memory' });
	const db = new PraxisDb(name, testOptions.dexieOptions);
	const problems: string[] = [];
	const follower = new FeedFollower({
		name: 'community',
		source: pouch,
		db,
		checkpointKey: CHECKPOINT,
		projections,
		onProblem: (message) => problems.push(message),
		subscribe: subscribe ? (listener) => pouch.watch(listener) : undefined
	});
	const r = { pouch, db, problems, follower };
	rigs.push(r);
	return r;
}

const orders = async (db: PraxisDb) => (await db.categories.toArray()).map((row) => [row.slug, row.order]);

describe('feed follower', () => {
	it('reports a failed batch, keeps its checkpoint, and applies it at the next catch-up', async () => {
		const fail = { apply: true };
		const r = rig([categories(fail).projection]);
		await r.pouch.bulkDocs([
			{ _id: 'a', n: 1 },
			{ _id: 'b', n: 2 }
		]);
		await expect(r.follower.catchUp()).rejects.toThrow('apply broke');
		expect(r.problems).toEqual(['community feed, projection: apply broke']);
		expect(await r.follower.checkpoint()).toBe(0);
		expect(await orders(r.db)).toEqual([]);
		fail.apply = false;
		await r.follower.catchUp();
		expect(await orders(r.db)).toEqual([
			['a', 1],
			['b', 2]
		]);
		expect(await r.follower.checkpoint()).toBe(2);
	});

	it('reports a failure no caller waits for (a live change), and the next change retries', async () => {
		const fail = { apply: true };
		const r = rig([categories(fail).projection], true);
		r.follower.start();
		await r.pouch.put({ _id: 'a', n: 1 });
		await vi.waitFor(() => expect(r.problems).toContain('community feed, projection: apply broke'));
		fail.apply = false;
		await r.pouch.put({ _id: 'b', n: 2 });
		await vi.waitFor(async () =>
			expect(await orders(r.db)).toEqual([
				['a', 1],
				['b', 2]
			])
		);
	});

	it('reports a failed afterBatch without undoing the batch or skipping the other projections', async () => {
		const broken = categories({ afterBatch: true });
		const other = categories();
		const r = rig([broken.projection, { ...other.projection, name: 'other' }]);
		await r.pouch.put({ _id: 'a', n: 1 });
		await r.follower.catchUp();
		expect(r.problems).toEqual(['community feed, test: afterBatch broke']);
		expect(other.seen).toEqual([['a']]);
		expect(await r.follower.checkpoint()).toBe(1);
	});

	it('rebuilds: clears the tables the projections own (not the shared ones) and replays from 0', async () => {
		const c = categories();
		const r = rig([c.projection]);
		await r.pouch.put({ _id: 'a', n: 1 });
		await r.follower.catchUp();
		await r.db.categories.put({ slug: 'stray', name: '', description: '', order: 9 });
		await r.db.profiles.put({ username: 'kept', displayName: 'Kept', rev: '1-a' });
		await r.follower.rebuild();
		expect(await orders(r.db)).toEqual([['a', 1]]);
		expect(await r.db.profiles.get('kept')).toBeDefined();
		expect(c.cleared()).toBe(1);
		expect(c.seen).toEqual([['a'], ['a']]);
	});

	it('holds live changes until release, and applies a handed-over batch without reading the feed', async () => {
		const r = rig([categories().projection], true);
		r.follower.start();
		await r.follower.catchUp();
		r.follower.hold();
		const before = (await r.pouch.info()).update_seq;
		await r.pouch.put({ _id: 'a', n: 1 });
		const after = (await r.pouch.info()).update_seq;
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect(await orders(r.db)).toEqual([]); // deferred while held
		// handed over as the writer knows it (n: 5): applied as given, not read back (n: 1)
		const handed = r.follower.applyWritten([{ id: 'a', doc: { _id: 'a', n: 5 } }], before, after);
		r.follower.release();
		await handed;
		await r.follower.catchUp();
		expect(await orders(r.db)).toEqual([['a', 5]]);
		expect(await r.follower.checkpoint()).toBe(after);
	});

	it('settles once when no batch waits, not after each batch, and reports a failed settle', async () => {
		const c = categories();
		const settled: number[] = [];
		let failSettle = false;
		const projection: Projection = {
			...c.projection,
			async settle(db) {
				if (failSettle) throw new Error('settle broke');
				settled.push(await db.categories.count());
			}
		};
		const r = rig([projection]);
		let seq = 0;
		const handed: Promise<void>[] = [];
		// three batches handed over back to back, as a first sync's snapshot parts are
		for (const id of ['a', 'b', 'c']) {
			await r.pouch.put({ _id: id, n: 1 });
			handed.push(r.follower.applyWritten([{ id, doc: { _id: id, n: 1 } }], seq, seq + 1));
			seq++;
		}
		await Promise.all(handed);
		expect(c.seen).toEqual([['a'], ['b'], ['c']]);
		expect(settled).toEqual([3]);
		failSettle = true;
		await r.pouch.put({ _id: 'd', n: 1 });
		await r.follower.catchUp();
		expect(r.problems).toEqual(['community feed, test: settle broke']);
		expect(await r.follower.checkpoint()).toBe(4); // the batch stands
		failSettle = false;
		await r.follower.catchUp();
		expect(settled).toEqual([3, 4]);
	});

	it('reads the feed instead when the checkpoint is not where the hand-over began', async () => {
		const r = rig([categories().projection]);
		await r.pouch.put({ _id: 'a', n: 1 });
		await r.pouch.put({ _id: 'b', n: 2 });
		await r.follower.applyWritten([{ id: 'b', doc: { _id: 'b', n: 5 } }], 1, 2);
		expect(await orders(r.db)).toEqual([
			['a', 1],
			['b', 2]
		]);
	});
});

describe('watched replica', () => {
	it('tells its watchers after each committed write, in promise and callback style', async () => {
		const Watched = watchedReplicaClass(PouchDB);
		const pouch = new Watched(`watched-${uniqueName()}`, { adapter: 'memory' });
		let writes = 0;
		const unwatch = pouch.watch(() => writes++);
		await pouch.put({ _id: 'a' });
		await pouch.bulkDocs([{ _id: 'b' }, { _id: 'c' }]);
		await new Promise<void>((resolve, reject) =>
			pouch.bulkDocs([{ _id: 'd' }], {}, (err) => (err ? reject(err) : resolve()))
		);
		await new Promise((resolve) => setTimeout(resolve, 0));
		expect(writes).toBe(3);
		unwatch();
		await pouch.put({ _id: 'e' });
		expect(writes).toBe(3);
		expect((await pouch.allDocs()).total_rows).toBe(5);
		await pouch.destroy();
	});
});

// The projector: pure projection functions, and the forum projection followed over PouchDB (memory) + Dexie
// (fake-indexeddb): idempotency, deletions, edits, rebuild, out-of-order arrival, vote counts.
import { afterEach, describe, expect, it } from 'vitest';
import { Ops, addPosts, projectChange, voteTotal, withThreadAggregates } from '../../../src/lib/store/projector';
import type { TestStore as Store } from './support';
import type { PostRow, ThreadRow } from '../../../src/lib/store/types';
import PouchDB from 'pouchdb';
import { CHECKPOINT_KEY, PraxisDb } from '../../../src/lib/store/db';
import { FeedFollower } from '../../../src/lib/store/feed/follower';
import { forumProjection } from '../../../src/lib/store/forum-projection';
import {
	ULIDS,
	at,
	closeTestStores,
	categoryDoc,
	openTestStore,
	postDoc,
	testOptions,
	threadDoc,
	uniqueName,
	voteDoc
} from './support';

const T1 = `thread:${ULIDS.t1}`;
const T2 = `thread:${ULIDS.t2}`;
const P1 = `post:${ULIDS.p1}`;
const P2 = `post:${ULIDS.p2}`;
const P3 = `post:${ULIDS.p3}`;

describe('projectChange (pure)', () => {
	it('projects a thread with default aggregates and edited flag from updatedAt', () => {
		const ops = new Ops();
		projectChange(
			{ id: T1, doc: { ...threadDoc(ULIDS.t1, 'general', 5, { updatedAt: at(6) }), _rev: '2-a' } },
			undefined,
			ops
		);
		const { puts } = ops.entries('threads');
		expect(puts).toHaveLength(1);
		expect(puts[0]).toMatchObject({
			id: T1,
			category: 'general',
			replyCount: 0,
			lastActivity: at(5),
			edited: true,
			deleted: 0,
			rev: '2-a'
		});
		expect(ops.threads.has(T1)).toBe(true);
		expect(ops.entries('conflicts').deletes).toEqual([T1]);
	});

	it('keeps a deleted post as a row without body, placed in its thread', () => {
		const ops = new Ops();
		const current: PostRow = {
			id: P1,
			thread: T1,
			body: 'secret',
			author: 'bob',
			createdAt: at(1),
			edited: false,
			deleted: 0,
			conflicted: false,
			rev: '1-a'
		};
		projectChange({ id: P1, deleted: true, doc: { _id: P1, _rev: '2-b', _deleted: true } }, current, ops);
		const row = ops.entries('posts').puts[0];
		expect(row).toMatchObject({ id: P1, thread: T1, body: '', deleted: 1, author: 'bob', createdAt: at(1) });
		expect(ops.recount.has(T1)).toBe(true);
	});

	it('skips an invalid document and reports why', () => {
		const ops = new Ops();
		projectChange({ id: T1, doc: { ...threadDoc(ULIDS.t1, 'general', 0), title: '' } }, undefined, ops);
		expect(ops.entries('threads').puts).toHaveLength(0);
		expect(ops.invalid[0].reason).toMatch(/title/);
	});

	it('records conflicts when _conflicts is present', () => {
		const ops = new Ops();
		projectChange({ id: P1, doc: { ...postDoc(ULIDS.p1, T1, 1), _rev: '2-b', _conflicts: ['2-a'] } }, undefined, ops);
		expect(ops.entries('conflicts').puts[0]).toEqual({ id: P1, winner: '2-b', revs: ['2-a'], type: 'post' });
		expect(ops.entries('posts').puts[0].conflicted).toBe(true);
	});

	it('derives thread aggregates from posts, ignoring deleted ones', () => {
		const thread = { id: T1, createdAt: at(0), replyCount: 99 } as ThreadRow;
		const posts = [
			{ id: P1, thread: T1, createdAt: at(3), author: 'bob', deleted: 0 },
			{ id: P2, thread: T1, createdAt: at(9), author: 'eve', deleted: 1 },
			{ id: P3, thread: T1, createdAt: at(5), author: 'carol', deleted: 0 }
		] as PostRow[];
		expect(withThreadAggregates(thread, posts)).toMatchObject({
			replyCount: 2,
			lastPostAt: at(5),
			lastAuthor: 'carol',
			lastActivity: at(5)
		});
	});

	it('folding new posts into derived aggregates equals deriving from all posts', () => {
		const thread = withThreadAggregates({ id: T1, createdAt: at(0) } as ThreadRow, []);
		let seed = 7;
		const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
		for (let round = 0; round < 50; round++) {
			const posts = Array.from({ length: 1 + Math.floor(random() * 8) }, (_, i) => ({
				id: `post:${round}-${i}`,
				thread: T1,
				createdAt: at(Math.floor(random() * 4)), // many ties on createdAt
				author: `u${i}`,
				deleted: random() < 0.2 ? 1 : 0
			})) as PostRow[];
			const cut = Math.floor(random() * posts.length);
			const stepwise = addPosts(withThreadAggregates(thread, posts.slice(0, cut)), posts.slice(cut));
			expect(stepwise).toEqual(withThreadAggregates(thread, posts));
		}
	});

	it('derives vote totals per target', () => {
		const votes = [
			{ id: 'a', target: T1, author: 'a', value: 1 as const },
			{ id: 'b', target: T1, author: 'b', value: 1 as const },
			{ id: 'c', target: T1, author: 'c', value: -1 as const },
			{ id: 'd', target: T2, author: 'd', value: 1 as const }
		];
		expect(voteTotal(T1, votes)).toEqual({ target: T1, score: 1, up: 2, down: 1, mine: 0 });
		expect(voteTotal(T1, votes, 'c').mine).toBe(-1);
		expect(voteTotal(T1, votes, 'd').mine).toBe(0); // d voted on another target
	});
});

describe('projector runner', () => {
	let store: Store;
	afterEach(closeTestStores);

	async function put(doc: Record<string, unknown>) {
		return store.replica.community.put(doc);
	}

	it('handles a post arriving before its thread', async () => {
		store = await openTestStore();
		await put(categoryDoc('general'));
		await put(postDoc(ULIDS.p1, T1, 10));
		await put(postDoc(ULIDS.p2, T1, 20, { author: 'carol' }));
		await store.projected();
		expect(await store.getThread(T1)).toBeUndefined();
		await put(threadDoc(ULIDS.t1, 'general', 0));
		await store.projected();
		const thread = await store.getThread(T1);
		expect(thread).toMatchObject({ replyCount: 2, lastPostAt: at(20), lastAuthor: 'carol', lastActivity: at(20) });
		const [category] = await store.listCategories();
		expect(category).toMatchObject({ slug: 'general', threadCount: 1, lastActivity: at(20) });
	});

	it('counts every listed thread of a category, and its latest activity', async () => {
		store = await openTestStore();
		await store.replica.community.bulkDocs([
			categoryDoc('general'),
			threadDoc(ULIDS.t1, 'general', 3),
			threadDoc(ULIDS.t2, 'general', 9),
			threadDoc('01JAAAAAAAAAAAAAAAAAAAAAA3', 'general', 5)
		]);
		await store.projected();
		const [category] = await store.listCategories();
		// three threads, the newest at minute 9, whichever order count() and last() run in
		expect(category).toMatchObject({ slug: 'general', threadCount: 3, lastActivity: at(9) });
		expect(await store.countThreads('general')).toBe(3);
	});

	it('gets aggregates right when posts and thread land in different batches of one run', async () => {
		store = await openTestStore({}, { batchSize: 1 });
		await store.replica.community.bulkDocs([
			postDoc(ULIDS.p1, T1, 10),
			postDoc(ULIDS.p2, T2, 11),
			threadDoc(ULIDS.t2, 'general', 0),
			postDoc(ULIDS.p3, T1, 12)
		]);
		await put(threadDoc(ULIDS.t1, 'general', 1));
		await store.rebuild();
		expect(await store.getThread(T1)).toMatchObject({ replyCount: 2, lastPostAt: at(12) });
		expect(await store.getThread(T2)).toMatchObject({ replyCount: 1, lastPostAt: at(11) });
	});

	it('is idempotent: applying the same batch twice gives the same tables', async () => {
		const name = uniqueName();
		const pouch = new PouchDB(`idem-${name}`, { adapter: 'memory' });
		const db = new PraxisDb(name, testOptions.dexieOptions);
		const runner = new FeedFollower({
			name: 'community',
			source: pouch,
			db,
			checkpointKey: CHECKPOINT_KEY,
			projections: [forumProjection({ member: 'bob' })],
			onProblem: () => {}
		});
		await pouch.bulkDocs([threadDoc(ULIDS.t1, 'general', 0), postDoc(ULIDS.p1, T1, 1), voteDoc(T1, 'bob', 1)]);
		const feed = await pouch.changes({ include_docs: true, conflicts: true });
		const dump = async () => ({
			threads: await db.threads.toArray(),
			posts: await db.posts.toArray(),
			totals: await db.voteTotals.toArray(),
			checkpoint: await db.meta.toArray()
		});
		await runner.applyBatch(feed.results, feed.last_seq);
		const once = await dump();
		await runner.applyBatch(feed.results, feed.last_seq);
		expect(await dump()).toEqual(once);
		expect(once.threads[0]).toMatchObject({ replyCount: 1, lastAuthor: 'bob' });
		expect(once.totals).toEqual([{ target: T1, score: 1, up: 1, down: 0, mine: 1 }]);
		db.close();
		await pouch.destroy();
	});

	it('projects in small batches to the same result as one batch', async () => {
		store = await openTestStore({}, { batchSize: 2 });
		await store.replica.community.bulkDocs([
			threadDoc(ULIDS.t1, 'general', 0),
			postDoc(ULIDS.p1, T1, 1),
			postDoc(ULIDS.p2, T1, 2),
			threadDoc(ULIDS.t2, 'general', 5),
			voteDoc(T1, 'bob', 1)
		]);
		await store.projected();
		const threads = await store.listThreads('general');
		expect(threads.map((t) => [t.id, t.replyCount, t.voteScore])).toEqual([
			[T2, 0, 0],
			[T1, 2, 1]
		]);
	});

	it('projects edits and deletions, and a deleted post keeps its place', async () => {
		store = await openTestStore();
		await put(threadDoc(ULIDS.t1, 'general', 0));
		const p1 = await put(postDoc(ULIDS.p1, T1, 1));
		await put(postDoc(ULIDS.p2, T1, 2, { replyTo: P1 }));
		await store.projected();
		await put({ ...postDoc(ULIDS.p1, T1, 1), _rev: p1.rev, body: 'changed', updatedAt: at(3) });
		await store.projected();
		let posts = await store.listPosts(T1);
		expect(posts.map((p) => [p.id, p.body, p.edited])).toEqual([
			[P1, 'changed', true],
			[P2, `reply ${ULIDS.p2}`, false]
		]);
		const latest = await store.replica.community.get(P1);
		await put({
			_id: P1,
			_rev: latest._rev,
			type: 'post',
			author: 'bob',
			thread: T1,
			createdAt: at(1),
			_deleted: true
		});
		await store.projected();
		posts = await store.listPosts(T1);
		expect(posts[0]).toMatchObject({ id: P1, deleted: 1, body: '' });
		expect(posts[1].replyTo).toBe(P1);
		expect((await store.getThread(T1))?.replyCount).toBe(1);
	});

	it('hides a deleted thread from its category list', async () => {
		store = await openTestStore();
		const r = await put(threadDoc(ULIDS.t1, 'general', 0));
		await put(threadDoc(ULIDS.t2, 'general', 1));
		await store.projected();
		expect(await store.countThreads('general')).toBe(2);
		await put({ _id: T1, _rev: r.rev, _deleted: true });
		await store.projected();
		expect(await store.countThreads('general')).toBe(1);
		expect((await store.getThread(T1))?.deleted).toBe(1);
	});

	it('derives vote counts and follows vote changes and removals', async () => {
		store = await openTestStore({ name: 'carol-v' });
		await put(threadDoc(ULIDS.t1, 'general', 0));
		await put(voteDoc(T1, 'bob', 1));
		const mine = await put(voteDoc(T1, 'carol-v', 1));
		await put(voteDoc(T1, 'dave', -1));
		await store.projected();
		expect(await store.getThread(T1)).toMatchObject({ voteScore: 1, myVote: 1 });
		await put({ ...voteDoc(T1, 'carol-v', -1), _rev: mine.rev });
		await store.projected();
		expect(await store.getThread(T1)).toMatchObject({ voteScore: -1, myVote: -1 });
		const again = await store.replica.community.get(`vote:${T1}:carol-v`);
		await put({ _id: again._id, _rev: again._rev, _deleted: true });
		await store.projected();
		expect(await store.getThread(T1)).toMatchObject({ voteScore: 0, myVote: 0 });
	});

	it('rebuild clears projections and replays from 0 without touching device state', async () => {
		store = await openTestStore();
		await put(threadDoc(ULIDS.t1, 'general', 0));
		await store.projected();
		await store.saveDraft('reply', 'half written');
		await store.markThreadRead(T1);
		await store.rebuild();
		expect(await store.getThread(T1)).toMatchObject({ id: T1, unread: false });
		expect(await store.getDraft('reply')).toBe('half written');
	});

	it('records and clears conflicts', async () => {
		store = await openTestStore();
		const base = await put(postDoc(ULIDS.p1, T1, 1));
		const gen = base.rev.split('-')[1];
		await store.replica.community.bulkDocs(
			[
				{ ...postDoc(ULIDS.p1, T1, 1), body: 'one', _rev: '2-aaaa', _revisions: { start: 2, ids: ['aaaa', gen] } },
				{ ...postDoc(ULIDS.p1, T1, 1), body: 'two', _rev: '2-bbbb', _revisions: { start: 2, ids: ['bbbb', gen] } }
			],
			{ new_edits: false }
		);
		await store.projected();
		const [conflict] = await store.listConflicts();
		expect(conflict).toMatchObject({ id: P1, winner: '2-bbbb', revs: ['2-aaaa'] });
		const versions = await store.getConflict(P1);
		expect(versions.map((v) => v.doc.body)).toEqual(['two', 'one']);
		await store.resolveConflict(P1, { ...versions[0].doc, body: 'two and one' });
		expect(await store.listConflicts()).toEqual([]);
		expect((await store.listPosts(T1))[0]).toMatchObject({ body: 'two and one', conflicted: false });
	});
});

describe('projector runner scheduling', () => {
	afterEach(closeTestStores);

	it('a rebuild requested while a catch-up is queued still rebuilds', async () => {
		const store = await openTestStore();
		await store.replica.community.put(threadDoc(ULIDS.t1, 'general', 0));
		await store.projected();
		// plant a row the feed does not justify, through a second connection: only a rebuild drops it
		const other = new PraxisDb(store.member.name, testOptions.dexieOptions);
		await other.threads.put({ ...(await other.threads.get(T1))!, id: T2 });
		other.close();
		expect(await store.countThreads('general')).toBe(2);
		const catchUp = store.projected();
		const rebuild = store.rebuild();
		await Promise.all([catchUp, rebuild]);
		expect(await store.countThreads('general')).toBe(1);
	});
});

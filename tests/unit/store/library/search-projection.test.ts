// The search index as a projection of the community feed follower: threads, posts and published
// resources are indexed incrementally as batches are projected (add, edit, delete, unpublish),
// the index is saved to Dexie with its checkpoint, loaded and caught up from there on the next
// start (not rebuilt), and rebuilt with the projections on rebuild().
import { afterEach, describe, expect, it } from 'vitest';
import PouchDB from 'pouchdb';
import { CHECKPOINT_KEY, PraxisDb } from '../../../../src/lib/store/db';
import { FeedFollower } from '../../../../src/lib/store/feed/follower';
import { forumProjection } from '../../../../src/lib/store/forum-projection';
import { SearchIndexer, type SearchIndexerOptions } from '../../../../src/lib/store/search/indexer';
import { libraryProjection } from '../../../../src/lib/store/library/projection';
import { libraryTables } from '../../../../src/lib/store/library/tables';
import { search } from '../../../../src/lib/store/search/query';
import { ULIDS, at, categoryDoc, closeTestStores, postDoc, testOptions, threadDoc, uniqueName } from '../support';

const R1 = 'resource:01JCCCCCCCCCCCCCCCCCCCCCC1';
const T1 = `thread:${ULIDS.t1}`;

function resourceDoc(extra: Record<string, unknown> = {}) {
	return {
		_id: R1,
		type: 'resource',
		author: 'carol',
		createdAt: at(1),
		kind: 'case-study',
		title: 'Shared procurement for small councils',
		summary: 'Three councils bought cloud hosting together.',
		body: 'We pooled demand and the framework cut costs by a third.',
		tags: ['procurement'],
		status: 'published',
		...extra
	};
}

interface Rig {
	pouch: PouchDB.Database;
	db: PraxisDb;
	indexer: SearchIndexer;
	runner: FeedFollower;
}

const rigs: Rig[] = [];

function rig(
	name: string,
	pouch?: PouchDB.Database,
	save: Pick<SearchIndexerOptions, 'partChars' | 'pause' | 'sliceMs'> = {}
): Rig {
	const p = pouch ?? new PouchDB(name, { adapter: 'memory' });
	const db = new PraxisDb(name, testOptions.dexieOptions);
	const indexer = new SearchIndexer(p, db, { saveDelayMs: 10, ...save });
	const runner = new FeedFollower({
		name: 'community',
		source: p,
		db,
		checkpointKey: CHECKPOINT_KEY,
		projections: [forumProjection(), libraryProjection(), indexer],
		onProblem: () => {},
		conflicts: true
	});
	const r = { pouch: p, db, indexer, runner };
	rigs.push(r);
	return r;
}

async function put(pouch: PouchDB.Database, doc: Record<string, unknown>): Promise<string> {
	const existing = await pouch.get(doc._id as string).catch(() => null);
	const res = await pouch.put({
		...doc,
		...(existing ? { _rev: existing._rev } : {})
	} as PouchDB.Core.PutDocument<object>);
	return res.rev;
}

const ids = async (r: Rig, q: string) => (await search(r.db, r.indexer, q)).hits.map((h) => h.id).sort();

afterEach(async () => {
	for (const r of rigs.splice(0)) {
		await r.runner.stop();
		await r.indexer.flush();
		r.db.close();
	}
	await closeTestStores();
});

describe('search index in the projector', () => {
	it('indexes threads, posts and published resources as batches are projected', async () => {
		const r = rig(uniqueName('s'));
		await put(r.pouch, categoryDoc('procurement'));
		await put(
			r.pouch,
			threadDoc(ULIDS.t1, 'procurement', 2, {
				title: 'Exit clauses',
				body: 'Which termination clauses protect councils?'
			})
		);
		await put(r.pouch, postDoc(ULIDS.p1, T1, 3, { body: 'We negotiated a ninety-day transition period.' }));
		await put(r.pouch, resourceDoc());
		await r.runner.catchUp();
		expect(await ids(r, 'termination')).toEqual([T1]);
		expect(await ids(r, 'transition')).toEqual([`post:${ULIDS.p1}`]);
		expect(await ids(r, 'pooled')).toEqual([R1]);
		// typo tolerance: "procurment", "terminaton"
		expect(await ids(r, 'procurment')).toContain(R1);
		expect(await ids(r, 'terminaton')).toEqual([T1]);
		const page = await search(r.db, r.indexer, 'pooled');
		expect(page.hits[0]).toMatchObject({
			href: '/library/01JCCCCCCCCCCCCCCCCCCCCCC1',
			type: 'resource',
			kind: 'case-study'
		});
		expect(page.hits[0].snippet.some((s) => s.hit && s.text.toLowerCase() === 'pooled')).toBe(true);
		const post = (await search(r.db, r.indexer, 'transition')).hits[0];
		expect(post).toMatchObject({
			category: 'procurement',
			title: 'Re: Exit clauses',
			href: `/forums/t/${ULIDS.t1}#${ULIDS.p1}`
		});
		expect(page.facets.type).toEqual({ resource: 1 });
	});

	it('follows edits, deletions and unpublishing', async () => {
		const r = rig(uniqueName('s'));
		await put(r.pouch, resourceDoc());
		await put(r.pouch, threadDoc(ULIDS.t2, 'general', 2, { body: 'Original wording about hedgehogs' }));
		await r.runner.catchUp();
		expect(await ids(r, 'hedgehogs')).toEqual([`thread:${ULIDS.t2}`]);
		await put(r.pouch, threadDoc(ULIDS.t2, 'general', 2, { body: 'Revised wording about squirrels' }));
		await put(r.pouch, resourceDoc({ status: 'returned' }));
		await r.runner.catchUp();
		expect(await ids(r, 'hedgehogs')).toEqual([]);
		expect(await ids(r, 'squirrels')).toEqual([`thread:${ULIDS.t2}`]);
		expect(await ids(r, 'pooled')).toEqual([]);
		const t = await r.pouch.get(`thread:${ULIDS.t2}`);
		await r.pouch.remove(t);
		await r.runner.catchUp();
		expect(await ids(r, 'squirrels')).toEqual([]);
		expect((await r.indexer.ready()).size).toBe(0);
	});

	it('saves no word of an edited or deleted document’s earlier text', async () => {
		const r = rig(uniqueName('s'));
		await put(r.pouch, threadDoc(ULIDS.t2, 'general', 2, { body: 'Call me on zx81spectrum' }));
		await put(r.pouch, postDoc(ULIDS.p1, `thread:${ULIDS.t2}`, 3, { body: 'Deleted later: quokkaparade' }));
		await r.runner.catchUp();
		await r.indexer.flush();
		const saved = async () =>
			(await libraryTables(r.db).searchIndex.toArray()).map((row) => JSON.stringify(row)).join('');
		expect(await saved()).toContain('zx81spectrum');
		await put(r.pouch, threadDoc(ULIDS.t2, 'general', 2, { body: 'Ask in the thread instead' }));
		await r.pouch.remove(await r.pouch.get(`post:${ULIDS.p1}`));
		await r.runner.catchUp();
		await r.indexer.flush();
		expect(await saved()).not.toContain('zx81spectrum');
		expect(await saved()).not.toContain('quokkaparade');
		expect(await ids(r, 'instead')).toEqual([`thread:${ULIDS.t2}`]);
	});

	it('saves the index with its checkpoint and catches up from there on the next start', async () => {
		const name = uniqueName('s');
		const first = rig(name);
		await put(first.pouch, resourceDoc());
		await put(first.pouch, threadDoc(ULIDS.t1, 'general', 2, { body: 'Budget lines for broadband' }));
		await first.runner.catchUp();
		await first.indexer.flush();
		const saved = await libraryTables(first.db).searchIndex.get('main');
		expect(saved?.checkpoint).toBe(2);
		await first.runner.stop();
		first.db.close();
		rigs.splice(rigs.indexOf(first), 1);

		// while "closed", a document arrives by replication (projector not running yet)
		await put(first.pouch, postDoc(ULIDS.p2, T1, 4, { body: 'Rural broadband vouchers worked for us' }));
		const second = rig(name, first.pouch);
		expect(await ids(second, 'vouchers')).toEqual([`post:${ULIDS.p2}`]);
		expect(second.indexer.caughtUp).toBe(1); // only the change after the saved checkpoint
		expect(await ids(second, 'pooled')).toEqual([R1]);
	});

	it('saves in part rows, keeps updates that arrive during a save, and drops the parts of older saves', async () => {
		const name = uniqueName('s');
		let paused = 0;
		let release = () => {};
		const gate = new Promise<void>((resolve) => (release = resolve));
		const first = rig(name, undefined, { partChars: 500, sliceMs: 0, pause: () => (paused++, gate) });
		await put(first.pouch, resourceDoc());
		await put(first.pouch, threadDoc(ULIDS.t1, 'general', 2, { body: 'Budget lines for broadband' }));
		await first.runner.catchUp();
		const table = libraryTables(first.db).searchIndex;
		const saving = first.indexer.flush();
		await expect.poll(() => paused).toBeGreaterThan(0); // serializing, held at its first pause
		// a post projected while the save serializes: held back, then applied (and saved next time)
		await put(first.pouch, postDoc(ULIDS.p2, T1, 4, { body: 'Rural broadband vouchers worked for us' }));
		await first.runner.catchUp();
		expect(await ids(first, 'vouchers')).toEqual([]);
		release();
		await saving;
		const head = await table.get('main');
		expect(head?.checkpoint).toBe(2);
		expect(head?.parts).toBeGreaterThan(2);
		expect(await ids(first, 'vouchers')).toEqual([`post:${ULIDS.p2}`]);
		const firstSave = await table.where('key').startsWith('main:').primaryKeys();
		expect(firstSave).toHaveLength(head?.parts ?? -1);
		await first.indexer.flush();
		const second = await table.get('main');
		expect(second?.checkpoint).toBe(3);
		const keys = await table.where('key').startsWith('main:').primaryKeys();
		expect(keys).toHaveLength(second?.parts ?? -1);
		expect(keys.some((k) => firstSave.includes(k))).toBe(false);
		await first.runner.stop();
		first.db.close();
		rigs.splice(rigs.indexOf(first), 1);

		// the next start loads the parts: nothing to catch up
		const next = rig(name, first.pouch);
		expect(await ids(next, 'vouchers')).toEqual([`post:${ULIDS.p2}`]);
		expect(await ids(next, 'pooled')).toEqual([R1]);
		expect(next.indexer.caughtUp).toBe(0);
	});

	it('builds again from the feed an index saved by an older version (whole in its head row)', async () => {
		const name = uniqueName('s');
		const first = rig(name);
		await put(first.pouch, resourceDoc());
		await first.runner.catchUp();
		const json = JSON.stringify((await first.indexer.ready()).toJSON());
		await first.runner.stop();
		const table = libraryTables(first.db).searchIndex;
		await table.clear();
		await table.put({ key: 'main', json, checkpoint: 1, savedAt: at(1) });
		first.db.close();
		rigs.splice(rigs.indexOf(first), 1);
		const next = rig(name, first.pouch);
		expect(await ids(next, 'pooled')).toEqual([R1]);
		// its format predates events and people in the index: every change is read again, once
		expect(next.indexer.caughtUp).toBe(1);
		await next.indexer.flush();
		expect((await libraryTables(next.db).searchIndex.get('main'))?.json).toBeUndefined();
	});

	it('takes a large batch in slices after the projector moved on, and a rebuild meanwhile starts clean', async () => {
		const r = rig(uniqueName('s'));
		const threads = Array.from({ length: 450 }, (_, i) =>
			threadDoc(`01JQ${String(i).padStart(22, '0')}`, 'general', i, {
				title: `Meeting note ${i}`,
				body: i % 2 ? 'Procurement of tablets' : 'Broadband vouchers'
			})
		);
		await r.pouch.bulkDocs(threads);
		await r.runner.catchUp(); // committed to Dexie; the index may still be taking them in
		expect((await search(r.db, r.indexer, 'tablets', {}, 500)).total).toBe(225);
		// more documents, then a rebuild while their index operations are still queued
		await r.pouch.bulkDocs(
			threads
				.slice(0, 100)
				.map((t, i) => ({ ...t, _id: `thread:01JR${String(i).padStart(22, '0')}`, title: `Follow-up ${i}` }))
		);
		const catching = r.runner.catchUp();
		await r.runner.rebuild();
		await catching;
		expect((await search(r.db, r.indexer, 'follow', {}, 500)).total).toBe(100);
		expect((await search(r.db, r.indexer, 'vouchers', {}, 500)).total).toBe(275);
		await r.indexer.flush();
		expect((await libraryTables(r.db).searchIndex.get('main'))?.checkpoint).toBe(550);
	});

	it("indexes authors' display names and threads' categories as they change, from the batch or the tables", async () => {
		const r = rig(uniqueName('s'));
		const profile = (displayName: string) => ({
			_id: 'profile:bob',
			type: 'profile',
			author: 'bob',
			createdAt: at(0),
			username: 'bob',
			displayName,
			bio: ''
		});
		// one batch: the profile, a thread and its post (the post's thread and author come from the batch)
		await r.pouch.bulkDocs([
			categoryDoc('general'),
			profile('Bob Builder'),
			threadDoc(ULIDS.t1, 'general', 1, { author: 'bob' }),
			postDoc(ULIDS.p1, T1, 2, { author: 'bob', body: 'Vouchers for rural broadband' })
		]);
		await r.runner.catchUp();
		// the member's own profile is found by their name too
		expect(await ids(r, 'builder')).toEqual([T1, `post:${ULIDS.p1}`, 'profile:bob'].sort());
		expect((await search(r.db, r.indexer, 'vouchers', { category: 'general' })).hits.map((h) => h.id)).toEqual([
			`post:${ULIDS.p1}`
		]);
		// the name changes in one batch, a new post comes in the next: it carries the new name
		await put(r.pouch, profile('Robert Mason'));
		await r.runner.catchUp();
		await put(r.pouch, postDoc(ULIDS.p2, T1, 3, { author: 'bob', body: 'Tablets for the library' }));
		await r.runner.catchUp();
		expect(await ids(r, 'mason')).toEqual([`post:${ULIDS.p2}`, 'profile:bob'].sort());
		// a profile that goes away: later posts carry no name
		const gone = await r.pouch.get('profile:bob');
		await r.pouch.remove(gone);
		await r.runner.catchUp();
		await put(r.pouch, postDoc(ULIDS.p3, T1, 4, { author: 'bob', body: 'Permits online' }));
		await r.runner.catchUp();
		expect(await ids(r, 'permits')).toEqual([`post:${ULIDS.p3}`]);
		expect((await ids(r, 'mason')).includes(`post:${ULIDS.p3}`)).toBe(false);
	});

	it('is rebuilt with the projections', async () => {
		const r = rig(uniqueName('s'));
		await put(r.pouch, resourceDoc());
		await r.runner.catchUp();
		await r.runner.rebuild();
		expect(await ids(r, 'pooled')).toEqual([R1]);
		expect(await libraryTables(r.db).resources.count()).toBe(1);
	});
});

// Long threads read their vote decorations with one range read instead of one get per post
// (queries.ts getMany): the scores and the member's own votes must be exactly those bulkGet
// finds, whether the range is sparse (range read) or crowded (fallback to bulkGet). Pages deep
// in a category walk the index as keys only: every page must be the same slice of the list.
import { afterEach, describe, expect, it } from 'vitest';
import Dexie, { type Table } from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { getMany } from '../../../src/lib/store/queries';
import { at, categoryDoc, closeTestStores, openTestStore, postDoc, threadDoc, uniqueName, voteDoc } from './support';

afterEach(closeTestStores);

/** ULID-like ids that sort by `n` (Crockford base32, 26 characters). */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const ulid = (n: number) =>
	`01K${[...n.toString(32).padStart(23, '0')].map((d) => CROCKFORD[parseInt(d, 32)]).join('')}`;

describe('getMany', () => {
	interface Row {
		key: string;
		value: number;
	}
	async function table(keys: string[]): Promise<Table<Row, string>> {
		const db = new Dexie(uniqueName('gm'), { indexedDB, IDBKeyRange });
		db.version(1).stores({ rows: 'key' });
		const rows = db.table<Row, string>('rows');
		await rows.bulkPut(keys.map((key, i) => ({ key, value: i })));
		return rows;
	}

	it('returns what bulkGet returns, in order, for sparse and for crowded ranges', async () => {
		const stored = Array.from({ length: 400 }, (_, i) => `post:${ulid(i)}`);
		const rows = await table(stored.filter((_, i) => i % 7 === 0));
		const cases = [
			stored.slice(100, 200).reverse(), // sparse: range read
			stored.filter((_, i) => i % 4 === 0), // keys spread across a range with few rows
			[...stored.slice(0, 20), 'post:zzz', 'post:000'], // keys outside the stored ones
			stored.slice(0, 5) // few keys: bulkGet
		];
		for (const keys of cases) expect(await getMany(rows, keys, (r) => r.key)).toEqual(await rows.bulkGet(keys));
		// Crowded: 80 keys spread over 400 ids with a row on each of them.
		const dense = await table(stored);
		const spread = stored.filter((_, i) => i % 5 === 0);
		expect(await getMany(dense, spread, (r) => r.key)).toEqual(await dense.bulkGet(spread));
	});
});

describe('a long thread', () => {
	it('shows every post with its vote score and the member’s own vote', async () => {
		const store = await openTestStore({ name: 'reader-1' });
		const thread = `thread:${ulid(1)}`;
		const other = `thread:${ulid(2)}`;
		const docs: Record<string, unknown>[] = [
			categoryDoc('general'),
			{ ...threadDoc(ulid(1), 'general', 0) },
			{ ...threadDoc(ulid(2), 'general', 0) }
		];
		const expected = new Map<string, { voteScore: number; myVote: number }>();
		for (let i = 0; i < 120; i++) {
			// the other thread's posts interleave with this one's (ids close together)
			const id = ulid(1000 + i);
			const inThread = i % 3 !== 0;
			docs.push(postDoc(id, inThread ? thread : other, 1 + i));
			const target = `post:${id}`;
			let score = 0;
			let mine = 0;
			if (i % 4 === 0) {
				docs.push(voteDoc(target, 'carol', 1));
				score += 1;
			}
			if (i % 10 === 0) {
				docs.push(voteDoc(target, 'dave', -1));
				score -= 1;
			}
			if (i % 5 === 1) {
				const value = i % 10 === 1 ? 1 : -1;
				docs.push(voteDoc(target, 'reader-1', value));
				mine = value;
				score += value;
			}
			if (inThread) expected.set(target, { voteScore: score, myVote: mine });
		}
		await store.replica.community.bulkDocs(docs);
		await store.projected();
		const posts = await store.listPosts(thread);
		expect(posts.map((p) => p.id)).toEqual([...expected.keys()]);
		for (const p of posts)
			expect({ id: p.id, voteScore: p.voteScore, myVote: p.myVote }).toEqual({ id: p.id, ...expected.get(p.id) });
		expect(
			posts.some((p) => p.myVote === -1) && posts.some((p) => p.myVote === 1) && posts.some((p) => p.voteScore === 0)
		).toBe(true);
		expect(posts[0].createdAt).toBe(at(2));
	});
});

describe('a long category', () => {
	it('gives every page as the same slice of the whole list, ties and deleted threads included', async () => {
		const store = await openTestStore();
		const docs: Record<string, unknown>[] = [categoryDoc('general')];
		// 57 threads; several share a last activity (ties are ordered by id), one is deleted
		for (let i = 0; i < 57; i++) docs.push(threadDoc(ulid(5000 + i), 'general', Math.floor(i / 3)));
		await store.replica.community.bulkDocs(docs);
		const gone = (await store.replica.community.get(`thread:${ulid(5010)}`)) as Record<string, unknown>;
		await store.replica.community.put({ ...gone, _deleted: true });
		await store.projected();
		const all = (await store.listThreads('general', { limit: 100 })).map((t) => t.id);
		expect(all).toHaveLength(56);
		expect(all).not.toContain(`thread:${ulid(5010)}`);
		for (const size of [7, 25]) {
			for (let offset = 0; offset < 60; offset += size) {
				const page = await store.listThreads('general', { limit: size, offset });
				expect(page.map((t) => t.id)).toEqual(all.slice(offset, offset + size));
			}
		}
		const page = await store.listThreads('general', { limit: 5, offset: 10 });
		expect(page[0]).toMatchObject({ replyCount: 0, pending: false, voteScore: 0, category: 'general' });
	});
});

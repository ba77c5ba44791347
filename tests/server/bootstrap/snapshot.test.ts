// The snapshot's parts (server/bootstrap/snapshot.ts): every leaf revision of one document id in
// the SAME part and next to each other (a client loads a part as a whole, and relies on it), even
// when conflicts and deleted leaves sit on a part boundary; parts kept compressed, read back whole.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStorage, type Storage } from '../../../server/storage/index';
import {
	buildSnapshot,
	cut,
	PART_SIZES,
	PART_SIZE_MAX,
	priorityOrder,
	readPart
} from '../../../server/bootstrap/snapshot';
import { fillCommunity, leavesOf } from './support';

type Doc = { _id: string; _rev: string; _deleted?: boolean; [k: string]: unknown };

/** Each id's position in the list: its leaves must be one run of adjacent entries. */
function expectGrouped(docs: readonly { _id: string }[]): void {
	const seen = new Set<string>();
	for (let i = 0; i < docs.length; i++) {
		if (i > 0 && docs[i]._id === docs[i - 1]._id) continue;
		expect(seen.has(docs[i]._id), `${docs[i]._id} appears in two places`).toBe(false);
		seen.add(docs[i]._id);
	}
}

describe('cut', () => {
	it('never splits the leaves of one id across parts', () => {
		// 119 single documents, then one id with 3 leaves on the first boundary (120)
		const docs = [
			...Array.from({ length: 119 }, (_, i) => ({ _id: `post:${i}` })),
			...Array(3).fill({ _id: 'post:x' }),
			...Array.from({ length: 600 }, (_, i) => ({ _id: `vote:${i}` }))
		];
		const parts = cut(docs);
		expect(parts[0]).toHaveLength(PART_SIZES[0] + 2);
		expect(parts[0].slice(-3).every((d) => d._id === 'post:x')).toBe(true);
		expect(parts[1][0]._id).toBe('vote:0');
		expect(parts[1]).toHaveLength(PART_SIZES[1]);
		expect(parts.flat()).toEqual(docs);
	});

	it('cuts parts of the nominal sizes when no id straddles a boundary', () => {
		const docs = Array.from({ length: 3000 }, (_, i) => ({ _id: `post:${i}` }));
		expect(cut(docs).map((p) => p.length)).toEqual([
			...PART_SIZES,
			PART_SIZE_MAX,
			3000 - PART_SIZES.reduce((a, b) => a + b) - PART_SIZE_MAX
		]);
	});
});

describe('priorityOrder', () => {
	it('keeps a live leaf and its deleted conflict together, ranked as the live one', () => {
		const docs: Doc[] = [
			{ _id: 'post:b', _rev: '2-d', _deleted: true }, // a deleted leaf has no fields: no type, no thread
			{ _id: 'category:c', _rev: '1-a', type: 'category' },
			{ _id: 'thread:t', _rev: '1-a', type: 'thread', createdAt: '2026-01-01T00:00:00.000Z' },
			{ _id: 'post:a', _rev: '1-a', type: 'post', thread: 'thread:t', createdAt: '2026-01-02T00:00:00.000Z' },
			{ _id: 'post:gone', _rev: '2-x', _deleted: true },
			{ _id: 'post:b', _rev: '2-e', type: 'post', thread: 'thread:t', createdAt: '2026-01-03T00:00:00.000Z' }
		];
		const ordered = priorityOrder(docs);
		expect(ordered.map((d) => `${d._id} ${d._rev}`)).toEqual([
			'category:c 1-a',
			'thread:t 1-a',
			'post:b 2-d',
			'post:b 2-e',
			'post:a 1-a',
			'post:gone 2-x'
		]);
		expectGrouped(ordered);
	});
});

describe('buildSnapshot', () => {
	let storage: Storage;
	beforeAll(async () => {
		storage = createStorage({ kind: 'memory' });
		await fillCommunity(storage, 150, 2);
		// every post gets three leaves: two live conflicting edits and a deleted one, so part boundaries fall inside ids
		const db = storage.db('community');
		const posts = (await db.allDocs({ startkey: 'post:', endkey: 'post:\ufff0', include_docs: true })).rows;
		const leaf = (doc: Doc, hash: string, fields: object) => {
			const start = Number(doc._rev.split('-')[0]) + 1;
			return {
				...fields,
				_id: doc._id,
				_rev: `${start}-${hash}`,
				_revisions: { start, ids: [hash, doc._rev.split('-')[1]] }
			};
		};
		const docs = posts.map((row) => row.doc as unknown as Doc);
		// one leaf per id per batch (PouchDB keeps one of two same-id entries in a batch)
		await db.bulkDocs(
			docs.map((doc) => leaf(doc, 'c0ffee', { ...doc, body: 'edited elsewhere' })),
			{ new_edits: false }
		);
		await db.bulkDocs(
			docs.map((doc) => leaf(doc, 'beef', { ...doc, body: 'edited on a third device' })),
			{ new_edits: false }
		);
		await db.bulkDocs(
			docs.map((doc) => leaf(doc, 'dead', { _deleted: true })),
			{ new_edits: false }
		);
	});
	afterAll(() => storage.close());

	it('puts every leaf of an id in the same part, next to each other, and keeps parts compressed', async () => {
		const db = storage.db('community');
		const snapshot = await buildSnapshot(db);
		const lines = await Promise.all(snapshot.parts.map((_, i) => readPart(snapshot, i)));
		const parts = lines.map((line) => JSON.parse(line) as { part: number; docs: Doc[] });
		expect(parts.map((p) => p.part)).toEqual(parts.map((_, i) => i));
		const docs = parts.flatMap((p) => p.docs);
		expect(snapshot.docs).toBe(docs.length);
		expect(docs.map((d) => `${d._id} ${d._rev}`).sort()).toEqual(await leavesOf(db));
		expectGrouped(docs);
		const partOf = new Map<string, Set<number>>();
		parts.forEach((p) =>
			p.docs.forEach((d) => (partOf.get(d._id) ?? partOf.set(d._id, new Set()).get(d._id)!).add(p.part))
		);
		for (const [id, where] of partOf) expect(where.size, id).toBe(1);
		// the data really has ids on boundaries: some part grew past its nominal size
		expect(parts.some((p, i) => p.docs.length > (PART_SIZES[i] ?? PART_SIZE_MAX))).toBe(true);
		const posts = docs.filter((d) => d._id.startsWith('post:01P'));
		expect(posts.filter((d) => d._deleted).length * 3).toBe(posts.length);
		// kept compressed: far fewer bytes than the text
		const stored = snapshot.parts.reduce((n, p) => n + p.byteLength, 0);
		const text = lines.reduce((n, l) => n + Buffer.byteLength(l), 0);
		expect(stored).toBeLessThan(text / 3);
	});
});

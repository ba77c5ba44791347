// The bootstrap snapshot of a database (issue 8): every document's leaf revisions with their
// `_revisions` (conflicting leaves and tombstones included, as a replication would bring them),
// ordered so the first screens fill first, cut into parts written as NDJSON lines. The update_seq
// is read BEFORE the documents, so a replication that continues from it misses nothing (a change
// made while the snapshot is read is in both, and loading it twice is harmless: new_edits:false).
import { parseDocId } from '../../src/lib/domain/ids';

/** Documents per part: small parts first so the forums fill soon on a slow link, then larger. */
export const PART_SIZES = [120, 380, 500];
/** Threads sent before the profiles: enough for every category's latest activity on the forums index. */
export const FIRST_THREADS = 100;
export const PART_SIZE_MAX = 1000;
/** Leaf revisions read from storage per bulkGet. */
const READ_BATCH = 500;

type Seq = number | string;
type Doc = Record<string, unknown> & { _id: string; _rev: string };

export interface Snapshot {
	seq: Seq;
	/** Documents (leaf revisions) in the snapshot. */
	docs: number;
	/** One NDJSON line per part: `{"part":i,"docs":[...]}\n`. */
	parts: string[];
}

/** The line that opens a snapshot stream: which snapshot, and which parts [from, to) follow. */
export function headerLine(snapshot: Snapshot, from: number, to: number): string {
	return JSON.stringify({ seq: snapshot.seq, docs: snapshot.docs, parts: snapshot.parts.length, from, to }) + '\n';
}

export async function buildSnapshot(db: PouchDB.Database): Promise<Snapshot> {
	const seq = (await db.info()).update_seq;
	const feed = await db.changes({ since: 0, style: 'all_docs', return_docs: true } as PouchDB.Core.ChangesOptions);
	const leaves: Array<{ id: string; rev: string }> = [];
	for (const change of feed.results) {
		if (change.id.startsWith('_design/')) continue;
		for (const { rev } of change.changes) leaves.push({ id: change.id, rev });
	}
	const docs: Doc[] = [];
	for (let i = 0; i < leaves.length; i += READ_BATCH) {
		const res = await db.bulkGet({ docs: leaves.slice(i, i + READ_BATCH), revs: true, attachments: true } as PouchDB.Core.BulkGetOptions);
		for (const result of res.results) {
			for (const entry of result.docs) if ('ok' in entry) docs.push(entry.ok as unknown as Doc);
		}
	}
	const ordered = priorityOrder(docs);
	return { seq, docs: ordered.length, parts: cut(ordered).map((part, i) => JSON.stringify({ part: i, docs: part }) + '\n') };
}

/**
 * Categories first, then the FIRST_THREADS threads with the latest activity (their own creation
 * or their newest post), then profiles (display names), then the other threads, newest activity
 * first, then posts in their threads' order, then everything else; deleted revisions last. Ties
 * keep storage order (stable sort).
 */
export function priorityOrder<T extends { _id: string; _deleted?: unknown }>(docs: readonly T[]): T[] {
	const activity = new Map<string, string>();
	const bump = (thread: string, at: unknown) => {
		if (typeof at !== 'string') return;
		const known = activity.get(thread);
		if (known === undefined || at > known) activity.set(thread, at);
	};
	for (const doc of docs) {
		if (doc._deleted) continue;
		const fields = doc as unknown as Record<string, unknown>;
		const type = parseDocId(doc._id)?.type;
		if (type === 'thread') bump(doc._id, fields.createdAt);
		else if (type === 'post' && typeof fields.thread === 'string') bump(fields.thread, fields.createdAt);
	}
	const newest = new Set(
		[...activity]
			.filter(([id]) => parseDocId(id)?.type === 'thread')
			.sort((a, b) => (a[1] < b[1] ? 1 : a[1] > b[1] ? -1 : 0))
			.slice(0, FIRST_THREADS)
			.map(([id]) => id)
	);
	const rank = (doc: T): number => {
		if (doc._deleted) return 6;
		switch (parseDocId(doc._id)?.type) {
			case 'category':
				return 0;
			case 'thread':
				return newest.has(doc._id) ? 1 : 3;
			case 'profile':
				return 2;
			case 'post':
				return 4;
			default:
				return 5;
		}
	};
	const byActivity = (rank: number) => rank === 1 || rank === 3 || rank === 4;
	const threadOf = (doc: T): string => {
		const fields = doc as unknown as Record<string, unknown>;
		return parseDocId(doc._id)?.type === 'thread' ? doc._id : typeof fields.thread === 'string' ? fields.thread : '';
	};
	const keyed = docs.map((doc, i) => ({ doc, i, rank: rank(doc), activity: activity.get(threadOf(doc)) ?? '' }));
	keyed.sort((a, b) => a.rank - b.rank || (byActivity(a.rank) ? (a.activity < b.activity ? 1 : a.activity > b.activity ? -1 : 0) : 0) || a.i - b.i);
	return keyed.map((k) => k.doc);
}

function cut<T>(docs: readonly T[]): T[][] {
	const parts: T[][] = [];
	let at = 0;
	while (at < docs.length) {
		const size = PART_SIZES[parts.length] ?? PART_SIZE_MAX;
		parts.push(docs.slice(at, at + size));
		at += size;
	}
	return parts;
}

// The bootstrap snapshot of a database: every document's leaf revisions with their
// `_revisions` (conflicting leaves and tombstones included, as a replication would bring them),
// ordered so the first screens fill first, cut into parts written as NDJSON lines. The update_seq
// is read BEFORE the documents, so a replication that continues from it misses nothing (a change
// made while the snapshot is read is in both, and loading it twice is harmless: new_edits:false).
// Parts are kept in memory only brotli-compressed (a 10,000-document community: ~11 MB of JSON,
// 20+ MB as JS strings, ~2.5 MB compressed), and decompressed when a range is compressed for
// an encoding (once per range and encoding, see cache.ts) or sent as is. A tail (buildTail) has
// the same shape: the current leaves of the documents changed since a snapshot's seq, in parts
// numbered after the snapshot's, served after them (cache.ts).
import { promisify } from 'node:util';
import { brotliCompressSync, brotliDecompress, constants } from 'node:zlib';
import { parseDocId } from '../../src/lib/domain/ids';

const decompress = promisify(brotliDecompress);
/** Quality of the stored parts: fast, since every range is compressed again for its encoding. */
const STORED_QUALITY = 4;
/** A 1 MiB window (parts are about that size): less memory per compression than the default 4 MiB. */
const STORED_WINDOW_BITS = 20;

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
	/** The number of the first part (0 for a snapshot; a tail's parts follow its snapshot's). */
	first: number;
	/** Documents (leaf revisions) in the snapshot. */
	docs: number;
	/** One NDJSON line per part, `{"part":i,"docs":[...]}\n`, brotli-compressed (readPart). */
	parts: Uint8Array[];
	/** The part holding each id's leaves (dropDocs takes ids out). */
	partOf: Map<string, number>;
}

/** The NDJSON line of `snapshot.parts[i]`. */
export async function readPart(snapshot: Snapshot, i: number): Promise<string> {
	return (await decompress(snapshot.parts[i])).toString('utf8');
}

/** On this thread (about 10 ms a part at quality 4): one part's text at a time, no pool buffers left behind. */
function storePart(line: string): Uint8Array {
	const data = Buffer.from(line, 'utf8');
	const params = {
		[constants.BROTLI_PARAM_QUALITY]: STORED_QUALITY,
		[constants.BROTLI_PARAM_LGWIN]: STORED_WINDOW_BITS,
		[constants.BROTLI_PARAM_SIZE_HINT]: data.byteLength
	};
	return new Uint8Array(brotliCompressSync(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), { params }));
}

/** The line that opens a snapshot stream: which snapshot (by its seq), and which parts [from, to) follow. */
export function headerLine(head: { seq: Seq; docs: number; parts: number }, from: number, to: number): string {
	return JSON.stringify({ seq: head.seq, docs: head.docs, parts: head.parts, from, to }) + '\n';
}

/**
 * A leaf revision as the build keeps it: its JSON and the few fields priorityOrder reads, so that
 * 10,000 documents are never held as objects at once (that peak stayed in the server's RSS).
 */
interface Leaf {
	_id: string;
	_deleted?: boolean;
	createdAt?: unknown;
	thread?: unknown;
	json: string;
}

export async function buildSnapshot(db: PouchDB.Database): Promise<Snapshot> {
	const seq = (await db.info()).update_seq;
	return { seq, first: 0, ...pack(await readLeaves(db, 0), 0, PART_SIZES) };
}

/**
 * The tail of `snapshot` at `seq`: the current leaves of `ids` (the documents changed since the
 * snapshot's seq, up to `seq`), tombstones included, in parts of PART_SIZE_MAX numbered after the
 * snapshot's. A leaf newer than `seq` may be read (the document changed meanwhile): it is current,
 * not superseded, and the caller takes it out again with the other changes since `seq` (dropDocs).
 */
export async function buildTail(
	db: PouchDB.Database,
	snapshot: Snapshot,
	seq: Seq,
	ids: ReadonlySet<string>
): Promise<Snapshot> {
	const first = snapshot.parts.length;
	return { seq, first, ...pack(await readLeaves(db, snapshot.seq, ids), first, []) };
}

/** Every leaf revision (with `_revisions`) of the documents changed since `since`, or of those in `only`. */
async function readLeaves(db: PouchDB.Database, since: Seq, only?: ReadonlySet<string>): Promise<Leaf[]> {
	const feed = await db.changes({ since, style: 'all_docs', return_docs: true } as PouchDB.Core.ChangesOptions);
	const wanted: Array<{ id: string; rev: string }> = [];
	for (const change of feed.results) {
		if (change.id.startsWith('_design/') || (only && !only.has(change.id))) continue;
		for (const { rev } of change.changes) wanted.push({ id: change.id, rev });
	}
	const leaves: Leaf[] = [];
	for (let i = 0; i < wanted.length; i += READ_BATCH) {
		const res = await db.bulkGet<Doc>({ docs: wanted.slice(i, i + READ_BATCH), revs: true, attachments: true });
		for (const result of res.results) {
			for (const entry of result.docs) {
				if (!('ok' in entry)) continue;
				const doc = entry.ok;
				leaves.push({
					_id: doc._id,
					_deleted: doc._deleted === true || undefined,
					createdAt: doc.createdAt,
					thread: doc.thread,
					json: JSON.stringify(doc)
				});
			}
		}
	}
	return leaves;
}

/** `leaves` in priority order, cut into stored parts numbered from `first` (`sizes`, then PART_SIZE_MAX). */
function pack(leaves: Leaf[], first: number, sizes: readonly number[]): Pick<Snapshot, 'docs' | 'parts' | 'partOf'> {
	const ordered = priorityOrder(leaves);
	leaves.length = 0;
	const parts: Uint8Array[] = [];
	const partOf = new Map<string, number>();
	// part by part (the same text as JSON.stringify({part, docs})), dropping each part's JSON once stored
	for (const part of cut(ordered, sizes)) {
		const line = partLine(
			first + parts.length,
			part.map((leaf) => leaf.json)
		);
		for (const leaf of part) {
			leaf.json = '';
			partOf.set(leaf._id, parts.length);
		}
		parts.push(storePart(line));
	}
	return { docs: ordered.length, parts, partOf };
}

const partLine = (i: number, jsonDocs: string[]): string => `{"part":${i},"docs":[${jsonDocs.join(',')}]}\n`;

/**
 * Takes every revision of `ids` out of the parts holding them, so a part never carries a revision
 * that a later edit or deletion superseded (a hidden profile field, an edited post). Nothing is
 * lost: a document changed after the snapshot's seq comes by the replication that continues from
 * that seq, with its current leaves. Returns the numbers of the parts rewritten.
 */
export async function dropDocs(snapshot: Snapshot, ids: Iterable<string>): Promise<number[]> {
	const byPart = new Map<number, Set<string>>();
	for (const id of ids) {
		const part = snapshot.partOf.get(id);
		if (part === undefined) continue;
		snapshot.partOf.delete(id);
		let gone = byPart.get(part);
		if (!gone) byPart.set(part, (gone = new Set()));
		gone.add(id);
	}
	for (const [i, gone] of byPart) {
		const { docs } = JSON.parse(await readPart(snapshot, i)) as { docs: Array<{ _id: string }> };
		const kept = docs.filter((doc) => !gone.has(doc._id));
		snapshot.docs -= docs.length - kept.length;
		snapshot.parts[i] = storePart(
			partLine(
				snapshot.first + i,
				kept.map((doc) => JSON.stringify(doc))
			)
		);
	}
	return [...byPart.keys()].map((i) => snapshot.first + i);
}

/**
 * Categories first, then the FIRST_THREADS threads with the latest activity (their own creation
 * or their newest post), then profiles (display names), then every thread's posts, each of the
 * other threads just before its posts, newest activity first, then everything else; deleted
 * documents last. A thread arriving in the same part as its posts is projected once with its
 * reply count (sent before them, it was written again when they came, with its tag rows: ~4,000
 * more IndexedDB writes in a 10,000-document first sync, bench/count-idb.ts). Ties
 * keep storage order (stable sort). All leaf revisions of one id stay together, in storage order,
 * ranked as their best leaf (a document with a live leaf and a deleted conflict goes with the live
 * ones): cut() keeps them in one part, so a part always carries a document's whole set of leaves.
 */
export function priorityOrder<T extends { _id: string; _deleted?: unknown; createdAt?: unknown; thread?: unknown }>(
	docs: readonly T[]
): T[] {
	const activity = new Map<string, string>();
	const bump = (thread: string, at: unknown) => {
		if (typeof at !== 'string') return;
		const known = activity.get(thread);
		if (known === undefined || at > known) activity.set(thread, at);
	};
	for (const doc of docs) {
		if (doc._deleted) continue;
		const type = parseDocId(doc._id)?.type;
		if (type === 'thread') bump(doc._id, doc.createdAt);
		else if (type === 'post' && typeof doc.thread === 'string') bump(doc.thread, doc.createdAt);
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
				return 3;
			default:
				return 5;
		}
	};
	const byActivity = (rank: number) => rank === 1 || rank === 3;
	/** Within one thread's group: the thread before its posts. */
	const within = (doc: T): number => (parseDocId(doc._id)?.type === 'thread' ? 0 : 1);
	const threadOf = (doc: T): string =>
		parseDocId(doc._id)?.type === 'thread' ? doc._id : typeof doc.thread === 'string' ? doc.thread : '';
	// per id: the rank and activity of its best leaf and the index of its first, shared by all its leaves
	const groups = new Map<string, { rank: number; activity: string; thread: string; within: number; first: number }>();
	docs.forEach((doc, i) => {
		const r = rank(doc);
		const group = groups.get(doc._id);
		if (group && r >= group.rank) return;
		const thread = threadOf(doc);
		const best = {
			rank: r,
			activity: activity.get(thread) ?? '',
			thread,
			within: within(doc),
			first: group?.first ?? i
		};
		groups.set(doc._id, best);
	});
	const keyed = docs.map((doc, i) => ({ doc, i, ...groups.get(doc._id)! }));
	const desc = (a: string, b: string) => (a < b ? 1 : a > b ? -1 : 0);
	keyed.sort(
		(a, b) =>
			a.rank - b.rank ||
			(byActivity(a.rank) ? desc(a.activity, b.activity) || desc(a.thread, b.thread) || a.within - b.within : 0) ||
			a.first - b.first ||
			a.i - b.i
	);
	return keyed.map((k) => k.doc);
}

/**
 * Parts of `sizes` (then PART_SIZE_MAX) documents, never splitting one id's leaves (adjacent,
 * see priorityOrder): a part grows past its size to take the rest of its last id's leaves.
 */
export function cut<T extends { _id: string }>(docs: readonly T[], sizes: readonly number[] = PART_SIZES): T[][] {
	const parts: T[][] = [];
	let at = 0;
	while (at < docs.length) {
		let end = Math.min(docs.length, at + (sizes[parts.length] ?? PART_SIZE_MAX));
		while (end < docs.length && docs[end]._id === docs[end - 1]._id) end++;
		parts.push(docs.slice(at, end));
		at = end;
	}
	return parts;
}

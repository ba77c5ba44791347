// Snapshots kept in memory per database, so thirty attendees signing in together cost one read
// of the store and one compression. A snapshot is kept current by its TAIL rather than rebuilt:
// before it is served, the documents changed since it was made are taken out of its parts
// (dropDocs: an edit or deletion supersedes the revision a part holds, a profile field just
// hidden, a post just edited, and no member may download that revision), and a tail built from
// the changes since its seq brings their current leaves, in parts after the snapshot's; the
// header's seq is then the tail's, and replication continues from there. A tail is built once per
// (snapshot, seq) and shared: a new one only when more than TAIL_BEHIND_MAX documents changed
// since the latest (what changed since a tail comes by replication from its seq, and is taken out
// of its parts like the snapshot's). A snapshot is rebuilt by how far it lags, not by its age:
// past LAG_DOCS_MAX changed documents (or LAG_SHARE_MAX of the snapshot, or older than
// SNAPSHOT_STALE_MAX_MS and changed since: its first parts show old activity), a new one is built in the
// background while this one and its tail are still served at once: reading 10,000 documents takes
// the store 1–3 s, which a member signing in should not wait for. The last SNAPSHOTS_KEPT
// snapshots and each one's last TAILS_KEPT tails stay so an interrupted download can resume.
import type { Storage } from '../storage/index';
import type { Encoding } from '../http/compression';
import { ChunkLog, fillLog } from './chunks';
import { buildSnapshot, buildTail, dropDocs, headerLine, readPart, type Snapshot } from './snapshot';
import { collectGarbage } from '../memory';

export const SNAPSHOT_STALE_MAX_MS = 60 * 60_000;
export const SNAPSHOTS_KEPT = 2;
export const TAILS_KEPT = 2;
export const LAG_DOCS_MAX = 2000;
export const LAG_SHARE_MAX = 0.25;
export const TAIL_BEHIND_MAX = 100;

/** Compressed streams, per encoding and range of parts (members ask for the same ranges). */
type Streams = Map<string, ChunkLog>;

interface Tail {
	/** The tail's parts (their numbers follow the snapshot's) and its seq. */
	part: Snapshot;
	streams: Streams;
	/** Documents changed since the tail's seq (a new tail past TAIL_BEHIND_MAX). */
	behind: number;
}

interface Entry {
	snapshot: Snapshot;
	madeAt: number;
	/** Documents in the snapshot when it was made (the lag is measured against it). */
	madeDocs: number;
	streams: Streams;
	/** The database's seq up to which changed documents were taken out of the parts. */
	checkedSeq: Snapshot['seq'];
	/** Ids changed since the snapshot's seq, up to checkedSeq: what a tail brings. */
	changed: Set<string>;
	/** The latest tails, newest first. */
	tails: Tail[];
	/** The check under way or last done (one at a time per snapshot). */
	checking: Promise<void>;
}

/** What is served: a snapshot, with or without one of its tails. */
export interface SnapshotView {
	entry: Entry;
	tail?: Tail;
}

export class SnapshotCache {
	readonly #storage: Storage;
	readonly #now: () => number;
	readonly #entries = new Map<string, Entry[]>();
	readonly #building = new Map<string, Promise<Entry>>();
	/** Snapshots and tails built (for tests and diagnosis). */
	builds = 0;
	tailBuilds = 0;

	constructor(storage: Storage, now: () => number = Date.now) {
		this.#storage = storage;
		this.#now = now;
	}

	/** What to send a new client: the latest snapshot with a tail up to now (built at once if none). */
	async current(dbName: string): Promise<SnapshotView> {
		const entry = this.#entries.get(dbName)?.[0] ?? (await this.#rebuild(dbName));
		await this.#check(dbName, entry, true);
		return { entry, tail: entry.changed.size ? entry.tails[0] : undefined };
	}

	/** Builds the database's snapshot in the background (at start, or when the latest lags). */
	warm(dbName: string): void {
		this.#rebuild(dbName).catch((err: unknown) => console.error(`[bootstrap] snapshot of ${dbName} not built:`, err));
	}

	/** A kept snapshot or tail by the seq its header gave (to resume a download), if still kept. */
	async bySeq(dbName: string, seq: string): Promise<SnapshotView | undefined> {
		for (const entry of this.#entries.get(dbName) ?? []) {
			const tail = entry.tails.find((t) => String(t.part.seq) === seq);
			if (!tail && String(entry.snapshot.seq) !== seq) continue;
			await this.#check(dbName, entry, false);
			// a tail may have been let go (past TAILS_KEPT) while the check waited for another one
			return !tail || entry.tails.includes(tail) ? { entry, tail } : undefined;
		}
		return undefined;
	}

	/** The seq, documents and number of parts a view's header gives. */
	head(view: SnapshotView): { seq: Snapshot['seq']; docs: number; parts: number } {
		const { snapshot } = view.entry;
		const tail = view.tail?.part;
		return {
			seq: tail?.seq ?? snapshot.seq,
			docs: snapshot.docs + (tail?.docs ?? 0),
			parts: snapshot.parts.length + (tail?.parts.length ?? 0)
		};
	}

	/** The stream of parts [from, to) of `view`, compressed once per range and encoding. */
	stream(view: SnapshotView, from: number, to: number, encoding: Encoding | undefined): ReadableStream<Uint8Array> {
		// uncompressed downloads are made per request, from the stored (compressed) parts
		if (!encoding) return fillLog(new ChunkLog(), this.#lines(view, from, to), encoding).stream();
		const streams = view.tail?.streams ?? view.entry.streams;
		const key = `${encoding} ${from} ${to}`;
		let log = streams.get(key);
		if (!log || log.failed) {
			log = fillLog(new ChunkLog(), this.#lines(view, from, to), encoding);
			streams.set(key, log);
		}
		return log.stream();
	}

	/** The header line, then the lines of parts [from, to), each decompressed when it is needed. */
	async *#lines(view: SnapshotView, from: number, to: number): AsyncGenerator<string> {
		yield headerLine(this.head(view), from, to);
		const { snapshot } = view.entry;
		for (let i = from; i < to; i++)
			yield i < snapshot.parts.length
				? await readPart(snapshot, i)
				: await readPart(view.tail!.part, i - snapshot.parts.length);
	}

	#rebuild(dbName: string): Promise<Entry> {
		let building = this.#building.get(dbName);
		if (!building) {
			building = this.#build(dbName).finally(() => this.#building.delete(dbName));
			this.#building.set(dbName, building);
		}
		return building;
	}

	/**
	 * Brings `entry` up to the database (see the header): takes out what changed and, with
	 * `extend`, builds the tail a new client needs, and starts a new snapshot when it lags too far.
	 * A seq names one layout of parts (a resumed download names what it resumes by seq alone): no
	 * tail is built while a new snapshot is built or on a snapshot that is not the latest, and a
	 * new snapshot is not built at the seq of the latest one's tail (#build).
	 */
	async #check(dbName: string, entry: Entry, extend: boolean): Promise<void> {
		const check = entry.checking.then(async () => {
			await this.#drop(dbName, entry);
			if (!extend || !entry.changed.size || this.#building.has(dbName)) return;
			if (this.#entries.get(dbName)?.[0] !== entry) return;
			const latest = entry.tails[0];
			if (!latest || latest.behind > TAIL_BEHIND_MAX) {
				const part = await buildTail(this.#storage.db(dbName), entry.snapshot, entry.checkedSeq, entry.changed);
				this.tailBuilds++;
				entry.tails = [{ part, streams: new Map(), behind: 0 }, ...entry.tails].slice(0, TAILS_KEPT);
				await this.#drop(dbName, entry); // what changed while the tail was read
			}
			if (this.#lagging(entry)) this.warm(dbName); // the tail is served meanwhile
		});
		entry.checking = check.catch(() => undefined); // the next request checks again
		await check; // a snapshot not checked is not served
	}

	/**
	 * Takes the documents changed since `entry` was last checked out of its parts and its tails'
	 * (their compressed streams that hold a rewritten part are dropped); they come by replication.
	 */
	async #drop(dbName: string, entry: Entry): Promise<void> {
		const feed = await this.#storage
			.db(dbName)
			.changes({ since: entry.checkedSeq, return_docs: true } as PouchDB.Core.ChangesOptions);
		const ids = feed.results.map((change) => change.id).filter((id) => !id.startsWith('_design/'));
		const parts = await dropDocs(entry.snapshot, ids);
		forget(entry.streams, parts);
		for (const tail of entry.tails) {
			tail.behind += ids.length;
			forget(tail.streams, [...parts, ...(await dropDocs(tail.part, ids))]);
		}
		for (const id of ids) entry.changed.add(id);
		entry.checkedSeq = feed.last_seq;
	}

	#lagging(entry: Entry): boolean {
		const lag = entry.changed.size;
		return (
			lag > LAG_DOCS_MAX ||
			lag > LAG_SHARE_MAX * entry.madeDocs ||
			(lag > 0 && this.#now() - entry.madeAt > SNAPSHOT_STALE_MAX_MS)
		);
	}

	async #build(dbName: string): Promise<Entry> {
		const db = this.#storage.db(dbName);
		const latest = this.#entries.get(dbName)?.[0];
		if (latest) {
			// nothing changed since the latest snapshot or its tail: a new one would name another
			// layout of parts by the same seq; it is built once something changes
			const seq = String((await db.info()).update_seq);
			if (String(latest.snapshot.seq) === seq || latest.tails.some((t) => String(t.part.seq) === seq)) return latest;
		}
		const snapshot = await buildSnapshot(db);
		collectGarbage(); // the build read every document: give that memory back now (server/memory.ts)
		this.builds++;
		const entry: Entry = {
			snapshot,
			madeAt: this.#now(),
			madeDocs: snapshot.docs,
			streams: new Map(),
			checkedSeq: snapshot.seq,
			changed: new Set(),
			tails: [],
			checking: Promise.resolve()
		};
		this.#entries.set(dbName, [entry, ...(this.#entries.get(dbName) ?? [])].slice(0, SNAPSHOTS_KEPT));
		return entry;
	}
}

/** Drops the compressed streams of ranges holding one of `parts`. */
function forget(streams: Streams, parts: readonly number[]): void {
	if (!parts.length) return;
	for (const key of [...streams.keys()]) {
		const [, from, to] = key.split(' ').map(Number);
		if (parts.some((part) => part >= from && part < to)) streams.delete(key);
	}
}

export type SnapshotEntry = Entry;

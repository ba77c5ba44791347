// Snapshots kept in memory per database, so thirty attendees signing in together cost one read
// of the store and one compression: a snapshot is reused while the database has not changed or
// for SNAPSHOT_REUSE_MS after it was made (what changed since then comes by replication from
// the snapshot's seq). Past that, an older one (up to SNAPSHOT_STALE_MAX_MS) is still served at
// once while a new one is built in the background for the next member: reading 10,000 documents
// takes the store 1–3 s, which a member signing in should not wait for. The last SNAPSHOTS_KEPT
// stay so an interrupted download can resume. Before any snapshot is served, the documents
// changed since it was made are taken out of its parts (dropDocs): an edit or deletion supersedes
// the revision a part holds (a profile field just hidden, a post just edited), and no member may
// download that revision; the replication that follows the snapshot brings their current leaves.
import type { Storage } from '../storage/index';
import type { Encoding } from '../http/compression';
import { ChunkLog, fillLog } from './chunks';
import { buildSnapshot, dropDocs, headerLine, readPart, type Snapshot } from './snapshot';
import { collectGarbage } from '../memory';

export const SNAPSHOT_REUSE_MS = 5 * 60_000;
export const SNAPSHOT_STALE_MAX_MS = 60 * 60_000;
export const SNAPSHOTS_KEPT = 2;

interface Entry {
	snapshot: Snapshot;
	madeAt: number;
	/** Compressed streams, per encoding and range of parts (members ask for the same ranges). */
	streams: Map<string, ChunkLog>;
	/** The database's seq up to which changed documents were taken out of the parts. */
	checkedSeq: Snapshot['seq'];
	/** The check under way or last done (one at a time per snapshot). */
	checking: Promise<void>;
}

export class SnapshotCache {
	readonly #storage: Storage;
	readonly #now: () => number;
	readonly #entries = new Map<string, Entry[]>();
	readonly #building = new Map<string, Promise<Entry>>();
	/** Snapshots built (for tests and diagnosis). */
	builds = 0;

	constructor(storage: Storage, now: () => number = Date.now) {
		this.#storage = storage;
		this.#now = now;
	}

	/** The snapshot to send a new client: the latest one if still good, else a new one. */
	async current(dbName: string): Promise<Entry> {
		const latest = this.#entries.get(dbName)?.[0];
		if (latest) {
			const age = this.#now() - latest.madeAt;
			if (
				age < SNAPSHOT_REUSE_MS ||
				String((await this.#storage.db(dbName).info()).update_seq) === String(latest.snapshot.seq)
			)
				return this.#fresh(dbName, latest);
			if (age < SNAPSHOT_STALE_MAX_MS) {
				this.warm(dbName);
				return this.#fresh(dbName, latest);
			}
		}
		return this.#fresh(dbName, await this.#rebuild(dbName));
	}

	/** Builds the database's snapshot in the background (at start, or when the latest is old). */
	warm(dbName: string): void {
		this.#rebuild(dbName).catch((err: unknown) => console.error(`[bootstrap] snapshot of ${dbName} not built:`, err));
	}

	#rebuild(dbName: string): Promise<Entry> {
		let building = this.#building.get(dbName);
		if (!building) {
			building = this.#build(dbName).finally(() => this.#building.delete(dbName));
			this.#building.set(dbName, building);
		}
		return building;
	}

	/** A kept snapshot by its seq (to resume a download), if still kept. */
	async bySeq(dbName: string, seq: string): Promise<Entry | undefined> {
		const entry = this.#entries.get(dbName)?.find((e) => String(e.snapshot.seq) === seq);
		return entry && this.#fresh(dbName, entry);
	}

	/**
	 * `entry` without the documents changed since it was last checked (see the header): their
	 * parts are rewritten, and the compressed streams of ranges holding those parts dropped.
	 */
	async #fresh(dbName: string, entry: Entry): Promise<Entry> {
		const check = entry.checking.then(async () => {
			const feed = await this.#storage
				.db(dbName)
				.changes({ since: entry.checkedSeq, return_docs: true } as PouchDB.Core.ChangesOptions);
			const parts = await dropDocs(
				entry.snapshot,
				feed.results.map((change) => change.id)
			);
			entry.checkedSeq = feed.last_seq;
			if (!parts.length) return;
			for (const key of [...entry.streams.keys()]) {
				const [, from, to] = key.split(' ').map(Number);
				if (parts.some((part) => part >= from && part < to)) entry.streams.delete(key);
			}
		});
		entry.checking = check.catch(() => undefined); // the next request checks again
		await check; // a snapshot not checked is not served
		return entry;
	}

	/** The stream of parts [from, to) of `entry`, compressed once per range and encoding. */
	stream(entry: Entry, from: number, to: number, encoding: Encoding | undefined): ReadableStream<Uint8Array> {
		// uncompressed downloads are made per request, from the stored (compressed) parts
		if (!encoding) return fillLog(new ChunkLog(), lines(entry.snapshot, from, to), encoding).stream();
		const key = `${encoding} ${from} ${to}`;
		let log = entry.streams.get(key);
		if (!log || log.failed) {
			log = fillLog(new ChunkLog(), lines(entry.snapshot, from, to), encoding);
			entry.streams.set(key, log);
		}
		return log.stream();
	}

	async #build(dbName: string): Promise<Entry> {
		const snapshot = await buildSnapshot(this.#storage.db(dbName));
		collectGarbage(); // the build read every document: give that memory back now (server/memory.ts)
		this.builds++;
		const entry: Entry = {
			snapshot,
			madeAt: this.#now(),
			streams: new Map(),
			checkedSeq: snapshot.seq,
			checking: Promise.resolve()
		};
		this.#entries.set(dbName, [entry, ...(this.#entries.get(dbName) ?? [])].slice(0, SNAPSHOTS_KEPT));
		return entry;
	}
}

/** The header line, then the lines of parts [from, to), each decompressed when it is needed. */
async function* lines(snapshot: Snapshot, from: number, to: number): AsyncGenerator<string> {
	yield headerLine(snapshot, from, to);
	for (let i = from; i < to; i++) yield await readPart(snapshot, i);
}

export type SnapshotEntry = Entry;

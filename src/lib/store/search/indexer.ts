/// <reference types="pouchdb-core" />
// Keeps the search index (src/lib/search) current as a ProjectorExtension: inside each batch's
// transaction it turns the batch into index operations (reading the thread of each post and the
// authors' display names from the freshly written tables); after the batch commits it applies
// them to the in-memory index and saves the index to Dexie (`searchIndex`), debounced, with the
// changes-feed sequence it includes. On start the saved index is loaded and caught up from that
// sequence, never rebuilt; rebuild() of the store clears it with the other projections.
import { CHECKPOINT_KEY, type PraxisDb } from '../db';
import type { Change, ProjectorExtension } from '../projector-runner';
import { SearchIndex } from '../../search/index';
import { libraryTables } from '../library/tables';
import { indexOpFor, isIndexed, type IndexOp, type ThreadFacts } from './documents';

export const SEARCH_SAVE_DELAY_MS = 1000;
/**
 * After a large batch (a first sync, a catch-up) the save waits longer, and every further large
 * batch postpones it again: saving serializes the whole index (~0.3 s for 10,000 documents), and
 * a first sync saved every second spent seconds doing it (bench/profile-sync.ts). It is saved once
 * the batches stop; an index not yet saved is only caught up from its saved checkpoint on next start.
 */
export const SEARCH_SAVE_BULK_DELAY_MS = 8000;
export const SEARCH_BULK_BATCH = 100;
const INDEX_KEY = 'main';
const CATCH_UP_BATCH = 500;

type Seq = number | string;

export interface SearchIndexerOptions {
	saveDelayMs?: number;
	now?: () => string;
	onProblem?: (message: string) => void;
}

export class SearchIndexer implements ProjectorExtension {
	readonly tables = ['searchIndex'] as const;
	readonly #pouch: PouchDB.Database;
	readonly #db: PraxisDb;
	readonly #saveDelayMs: number;
	readonly #now: () => string;
	readonly #onProblem: (message: string) => void;
	/** The projector's checkpoint when the store opened (read before the projector starts). */
	readonly #startSeq: Promise<Seq>;
	#loading: Promise<SearchIndex> | null = null;
	#pending: IndexOp[] = [];
	#checkpoint: Seq = 0;
	#timer: ReturnType<typeof setTimeout> | null = null;
	#dirty = false;
	#saving: Promise<void> = Promise.resolve();
	/** Documents applied since the store opened (for tests and diagnosis). */
	applied = 0;
	/** How many changes the last load caught up (0 when the saved index was current). */
	caughtUp = 0;

	constructor(pouch: PouchDB.Database, db: PraxisDb, options: SearchIndexerOptions = {}) {
		this.#pouch = pouch;
		this.#db = db;
		this.#saveDelayMs = options.saveDelayMs ?? SEARCH_SAVE_DELAY_MS;
		this.#now = options.now ?? (() => new Date().toISOString());
		this.#onProblem = options.onProblem ?? (() => {});
		this.#startSeq = db.meta.get(CHECKPOINT_KEY).then((row) => (row?.value ?? 0) as Seq, () => 0);
	}

	/** Inside the batch transaction: resolve what each indexed document needs from the tables. */
	async apply(changes: readonly Change[], db: PraxisDb): Promise<void> {
		this.#pending.push(...(await opsFor(changes, db)));
	}

	/** After the batch committed: update the index in memory and schedule a save. */
	async afterBatch(changes: readonly Change[], lastSeq: Seq): Promise<void> {
		const index = await this.ready();
		const ops = this.#pending.splice(0);
		this.#applyOps(index, ops);
		this.#checkpoint = lastSeq;
		this.#markDirty(changes.length >= SEARCH_BULK_BATCH);
	}

	/** The projections were cleared: start from an empty index. */
	reset(): void {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		this.#pending = [];
		this.#checkpoint = 0;
		this.#dirty = false;
		this.#loading = Promise.resolve(SearchIndex.empty());
	}

	/** The index, loaded from Dexie and caught up on first use. */
	ready(): Promise<SearchIndex> {
		this.#loading ??= this.#load();
		return this.#loading;
	}

	/** Saves now if anything changed since the last save. */
	async flush(): Promise<void> {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		if (this.#dirty) await this.#save();
		await this.#saving;
	}

	async #load(): Promise<SearchIndex> {
		const saved = await libraryTables(this.#db).searchIndex.get(INDEX_KEY);
		let index = SearchIndex.empty();
		let since: Seq = 0;
		if (saved) {
			try {
				index = SearchIndex.fromJSON(JSON.parse(saved.json));
				since = saved.checkpoint;
			} catch (err) {
				this.#onProblem(`search index unreadable, reindexing: ${String(err)}`);
			}
		} else if (String(await this.#startSeq) === '0') {
			return index; // fresh projections: the projector's batches will fill the index
		}
		this.#checkpoint = since;
		await this.#catchUp(index, since);
		return index;
	}

	/** Applies every change after `since` (the index's own checkpoint) to the index. */
	async #catchUp(index: SearchIndex, since: Seq): Promise<void> {
		this.caughtUp = 0;
		for (;;) {
			const feed = await this.#pouch.changes({ since, limit: CATCH_UP_BATCH, include_docs: true });
			if (feed.results.length === 0) break;
			this.#applyOps(index, await opsFor(feed.results, this.#db));
			this.caughtUp += feed.results.length;
			since = feed.last_seq;
			this.#checkpoint = since;
			this.#markDirty(true);
			if (feed.results.length < CATCH_UP_BATCH) break;
		}
	}

	#applyOps(index: SearchIndex, ops: readonly IndexOp[]): void {
		for (const op of ops) {
			if ('upsert' in op) index.upsert(op.upsert);
			else index.remove(op.remove);
		}
		this.applied += ops.length;
	}

	#markDirty(bulk: boolean): void {
		this.#dirty = true;
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = setTimeout(
			() => {
				this.#timer = null;
				void this.#save();
			},
			bulk ? Math.max(this.#saveDelayMs, SEARCH_SAVE_BULK_DELAY_MS) : this.#saveDelayMs
		);
	}

	#save(): Promise<void> {
		this.#saving = this.#saving.then(async () => {
			if (!this.#dirty || !this.#loading) return;
			this.#dirty = false;
			const index = await this.#loading;
			const row = { key: INDEX_KEY, json: JSON.stringify(index.toJSON()), checkpoint: this.#checkpoint, savedAt: this.#now() };
			try {
				if (this.#db.isOpen()) await libraryTables(this.#db).searchIndex.put(row);
			} catch (err) {
				this.#dirty = true;
				this.#onProblem(`search index not saved: ${String(err)}`);
			}
		});
		return this.#saving;
	}
}

/** Index operations for a batch; reads the threads and profiles it needs in two bulk gets. */
async function opsFor(changes: readonly Change[], db: PraxisDb): Promise<IndexOp[]> {
	const relevant = changes.filter((c) => isIndexed(c.id));
	if (!relevant.length) return [];
	const threadIds = new Set<string>();
	const authors = new Set<string>();
	for (const c of relevant) {
		const doc = c.doc as Record<string, unknown> | undefined;
		if (typeof doc?.thread === 'string') threadIds.add(doc.thread);
		if (typeof doc?.author === 'string') authors.add(doc.author);
	}
	const [threads, profiles] = await Promise.all([db.threads.bulkGet([...threadIds]), db.profiles.bulkGet([...authors])]);
	const threadMap = new Map<string, ThreadFacts>();
	for (const t of threads) if (t && !t.deleted) threadMap.set(t.id, { title: t.title, category: t.category });
	const names = new Map<string, string>();
	for (const p of profiles) if (p) names.set(p.username, p.displayName);
	const ops: IndexOp[] = [];
	for (const c of relevant) {
		const op = indexOpFor(c.id, c.doc as Record<string, unknown> | undefined, Boolean(c.deleted), (id) => threadMap.get(id), (u) => names.get(u));
		if (op) ops.push(op);
	}
	return ops;
}

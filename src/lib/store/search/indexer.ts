/// <reference types="pouchdb-core" />
// Keeps the search index (src/lib/search) current as a projection of the community follower
// (feed/follower.ts): inside each batch's transaction it turns the batch into index operations (reading the thread of each post and the
// authors' display names from the freshly written tables); after the batch commits it applies
// them to the in-memory index and saves the index to Dexie (`searchIndex`), debounced, with the
// changes-feed sequence it includes. On start the saved index is loaded and caught up from that
// sequence, never rebuilt; rebuild() of the store clears it with the other projections.
import { CHECKPOINT_KEY, type PraxisDb } from '../db';
import type { Change, Projection } from '../feed/projection';
import { SearchIndex } from '../../search/index';
import { SLICE_MS, yieldToEventLoop, type Pause } from '../../search/serialize';
import { libraryTables, type SearchIndexRow } from '../library/tables';
import { indexOpFor, isIndexed, type IndexOp, type ThreadFacts } from './documents';
import { validateCommunityDoc } from '../../domain/validate';
import { idKey, isIdOf } from '../../domain/ids';
import { reindexFormerAuthors } from './former-authors';

export const SEARCH_SAVE_DELAY_MS = 1000;
/**
 * After a large batch (a first sync, a catch-up) the save waits longer, and every further large
 * batch postpones it again: saving serializes the whole index (~0.3 s for 10,000 documents), and
 * a first sync saved every second spent seconds doing it (bench/profile-sync.ts). It is saved once
 * the batches stop; an index not yet saved is only caught up from its saved checkpoint on next start.
 */
export const SEARCH_SAVE_BULK_DELAY_MS = 8000;
export const SEARCH_BULK_BATCH = 100;
/**
 * Fewer documents than this changed since the last save wait SEARCH_SAVE_SMALL_DELAY_MS: each
 * save writes the whole index again (7 MB for 10,000 documents), and an index saved a little
 * behind only costs the next start a short catch-up from its checkpoint.
 */
export const SEARCH_SAVE_MIN_DOCS = 500;
export const SEARCH_SAVE_SMALL_DELAY_MS = 60_000;
/**
 * Characters per part row of a save. Each put copies its part on the main thread: a quarter of
 * a million characters keeps that copy to a few milliseconds, so a page change during a save
 * is not held up by it.
 */
export const SEARCH_PART_CHARS = 1 << 18;
const INDEX_KEY = 'main';
/**
 * Names what the index holds for each document (document types, how tags are indexed). A save of
 * another format (or an older save naming none) is not loaded: the index is built again from the
 * replica's feed, once, so that documents indexed before also get the new words and types.
 */
const INDEX_FORMAT = 'f2';
const isCurrentFormat = (head: SearchIndexRow): boolean => head.save?.startsWith(`${INDEX_FORMAT}-`) === true;
const partKey = (save: string, i: number) => `${INDEX_KEY}:${save}:${i}`;
const CATCH_UP_BATCH = 500;

type Seq = number | string;
/** Index updates held back while a save serializes the index, with the checkpoint they reach. */
type Held = { ops: IndexOp[]; checkpoint: Seq | null };

export interface SearchIndexerOptions {
	saveDelayMs?: number;
	/** Characters per part row of a save (SEARCH_PART_CHARS). */
	partChars?: number;
	/** How a save gives the event loop a turn between its slices and part rows, and how long a slice runs. */
	pause?: Pause;
	sliceMs?: number;
	now?: () => string;
	onProblem?: (message: string) => void;
}

export class SearchIndexer implements Projection {
	readonly name = 'search';
	readonly tables = ['searchIndex'] as const;
	readonly #pouch: PouchDB.Database;
	readonly #db: PraxisDb;
	readonly #saveDelayMs: number;
	readonly #partChars: number;
	readonly #pause: Pause;
	readonly #sliceMs: number;
	readonly #now: () => string;
	readonly #onProblem: (message: string) => void;
	/** The community follower's checkpoint when the store opened (read before it starts). */
	readonly #startSeq: Promise<Seq>;
	#loading: Promise<SearchIndex> | null = null;
	#pending: IndexOp[] = [];
	#checkpoint: Seq = 0;
	#timer: ReturnType<typeof setTimeout> | null = null;
	#dirty = false;
	/** Documents applied since the last save. */
	#unsaved = 0;
	#saving: Promise<void> = Promise.resolve();
	/** While a save serializes the index, updates wait here (the index must not change under it). */
	#held: Held | null = null;
	/** Incremented by reset(): a save that began before it is dropped. */
	#generation = 0;
	/** Authors' display names (null: no profile), kept current by the profile documents of each batch. */
	readonly #names = new Map<string, string | null>();
	/** Documents applied since the store opened (for tests and diagnosis). */
	applied = 0;
	/** How many changes the last load caught up (0 when the saved index was current). */
	caughtUp = 0;

	constructor(pouch: PouchDB.Database, db: PraxisDb, options: SearchIndexerOptions = {}) {
		this.#pouch = pouch;
		this.#db = db;
		this.#saveDelayMs = options.saveDelayMs ?? SEARCH_SAVE_DELAY_MS;
		this.#partChars = Math.max(1, options.partChars ?? SEARCH_PART_CHARS);
		this.#pause = options.pause ?? yieldToEventLoop;
		this.#sliceMs = options.sliceMs ?? SLICE_MS;
		this.#now = options.now ?? (() => new Date().toISOString());
		this.#onProblem = options.onProblem ?? (() => {});
		// unreadable: taken as fresh projections, which the follower's batches then fill
		this.#startSeq = db.meta.get(CHECKPOINT_KEY).then(
			(row) => (row?.value ?? 0) as Seq,
			() => 0
		);
	}

	/** Inside the batch transaction: resolve what each indexed document needs from the tables. */
	async apply(changes: readonly Change[], db: PraxisDb): Promise<void> {
		this.#pending.push(...(await opsFor(changes, db, this.#names)));
	}

	/** After the batch committed: update the index in memory and schedule a save. */
	async afterBatch(changes: readonly Change[], lastSeq: Seq): Promise<void> {
		const index = await this.ready();
		const ops = this.#pending.splice(0);
		ops.push(...(await reindexFormerAuthors(changes, this.#db, this.#pouch)));
		const held = this.#held;
		if (held) {
			held.ops.push(...ops);
			held.checkpoint = lastSeq;
		} else {
			this.#applyOps(index, ops);
			this.#checkpoint = lastSeq;
		}
		this.#markDirty(changes.length >= SEARCH_BULK_BATCH);
	}

	/** The projections were cleared: start from an empty index. */
	clear(): void {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
		this.#pending = [];
		this.#held = null;
		this.#generation++;
		this.#names.clear();
		this.#checkpoint = 0;
		this.#dirty = false;
		this.#unsaved = 0;
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
		if (saved && isCurrentFormat(saved)) {
			try {
				index = SearchIndex.fromJSON(JSON.parse(await this.#savedJSON(saved)));
				since = saved.checkpoint ?? 0;
			} catch (err) {
				this.#onProblem(`search index unreadable, reindexing: ${String(err)}`);
			}
		} else if (!saved && String(await this.#startSeq) === '0') {
			return index; // fresh projections: the follower's batches will fill the index
		}
		this.#checkpoint = since;
		await this.#catchUp(index, since);
		return index;
	}

	/** The JSON of a save: in its head row (older saves) or in its part rows. */
	async #savedJSON(head: SearchIndexRow): Promise<string> {
		if (typeof head.json === 'string') return head.json;
		if (!head.save || !head.parts) throw new Error('the saved index names no parts');
		const save = head.save;
		const parts = await libraryTables(this.#db).searchIndex.bulkGet(
			Array.from({ length: head.parts }, (_, i) => partKey(save, i))
		);
		return parts
			.map((part, i) => {
				if (typeof part?.json !== 'string') throw new Error(`part ${i} of the saved index is missing`);
				return part.json;
			})
			.join('');
	}

	/** Applies every change after `since` (the index's own checkpoint) to the index. */
	async #catchUp(index: SearchIndex, since: Seq): Promise<void> {
		this.caughtUp = 0;
		for (;;) {
			const feed = await this.#pouch.changes({ since, limit: CATCH_UP_BATCH, include_docs: true });
			if (feed.results.length === 0) break;
			this.#applyOps(index, [
				...(await opsFor(feed.results, this.#db, this.#names)),
				...(await reindexFormerAuthors(feed.results, this.#db, this.#pouch))
			]);
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
		this.#unsaved += ops.length;
	}

	#markDirty(bulk: boolean): void {
		this.#dirty = true;
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = setTimeout(
			() => {
				this.#timer = null;
				void this.#save();
			},
			bulk
				? Math.max(this.#saveDelayMs, SEARCH_SAVE_BULK_DELAY_MS)
				: this.#unsaved + (this.#held?.ops.length ?? 0) >= SEARCH_SAVE_MIN_DOCS
					? this.#saveDelayMs
					: Math.max(this.#saveDelayMs, SEARCH_SAVE_SMALL_DELAY_MS)
		);
	}

	#save(): Promise<void> {
		this.#saving = this.#saving.then(async () => {
			if (!this.#dirty || !this.#loading) return;
			this.#dirty = false;
			const generation = this.#generation;
			const index = await this.#loading;
			// An edited or deleted document's earlier words stay in MiniSearch's postings until it
			// vacuums, and the saved index would keep them on the device: vacuum first. Updates
			// may still arrive meanwhile (MiniSearch allows it); the checkpoint is read after.
			if (index.dirty) await index.vacuum();
			const checkpoint = this.#checkpoint;
			const unsaved = this.#unsaved;
			// The index is serialized a few milliseconds at a time (search/serialize.ts); updates
			// arriving meanwhile are held back and applied once it is done.
			const held: Held = { ops: [], checkpoint: null };
			this.#held = held;
			let json: string;
			try {
				json = await index.serialize(this.#pause, this.#sliceMs);
			} catch (err) {
				this.#dirty = true;
				this.#onProblem(`search index not saved: ${String(err)}`);
				return;
			} finally {
				if (this.#held === held) {
					this.#held = null;
					this.#applyOps(index, held.ops);
					if (held.checkpoint !== null) this.#checkpoint = held.checkpoint;
				}
			}
			if (generation !== this.#generation) return; // rebuilt meanwhile: this index is gone
			try {
				await this.#write(json, checkpoint);
				this.#unsaved = Math.max(0, this.#unsaved - unsaved);
			} catch (err) {
				this.#dirty = true;
				this.#onProblem(`search index not saved: ${String(err)}`);
			}
		});
		return this.#saving;
	}

	/**
	 * Writes a save as part rows, one put each with a turn of the event loop between them, then
	 * the head row naming them (a save cut short leaves the previous one whole), then drops the
	 * part rows of other saves.
	 */
	async #write(json: string, checkpoint: Seq): Promise<void> {
		if (!this.#db.isOpen()) return;
		const table = libraryTables(this.#db).searchIndex;
		const save = `${INDEX_FORMAT}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
		const size = this.#partChars;
		const parts = Math.max(1, Math.ceil(json.length / size));
		for (let i = 0; i < parts; i++) {
			await table.put({ key: partKey(save, i), json: json.slice(i * size, (i + 1) * size) });
			await this.#pause();
		}
		await table.put({ key: INDEX_KEY, parts, save, checkpoint, savedAt: this.#now() });
		const mine = `${INDEX_KEY}:${save}:`;
		const stale = (await table.where('key').startsWith(`${INDEX_KEY}:`).primaryKeys()).filter(
			(key) => !key.startsWith(mine)
		);
		if (stale.length) await table.bulkDelete(stale);
	}
}

/**
 * Index operations for a batch. Posts' threads come from the batch when it carries them, authors'
 * names from `names` (kept current by the batch's profiles); the rest in two bulk gets.
 */
async function opsFor(changes: readonly Change[], db: PraxisDb, names: Map<string, string | null>): Promise<IndexOp[]> {
	// The batch's own profiles and threads first: a first sync brings a thread with its posts and
	// each author's name again and again (one get per author and batch before: 2,800 in all).
	const batchThreads = new Map<string, ThreadFacts | null>();
	for (const c of changes) {
		const doc = c.doc as Record<string, unknown> | undefined;
		const profile = isIdOf('profile', c.id);
		if (!profile && !isIdOf('thread', c.id)) continue;
		const gone = Boolean(c.deleted || doc?._deleted);
		// an invalid version is not projected (the row keeps the last valid one): read the row then
		const valid = !gone && validateCommunityDoc(doc).ok;
		if (profile) {
			const username = idKey('profile', c.id);
			if (valid && typeof doc?.displayName === 'string') names.set(username, doc.displayName);
			else names.delete(username);
		} else if (gone || valid) {
			batchThreads.set(c.id, valid ? { title: String(doc?.title), category: String(doc?.category) } : null);
		}
	}
	const relevant = changes.filter((c) => isIndexed(c.id));
	if (!relevant.length) return [];
	const threadIds = new Set<string>();
	const authors = new Set<string>();
	for (const c of relevant) {
		const doc = c.doc as Record<string, unknown> | undefined;
		if (typeof doc?.thread === 'string' && !batchThreads.has(doc.thread)) threadIds.add(doc.thread);
		if (typeof doc?.author === 'string' && !names.has(doc.author)) authors.add(doc.author);
	}
	const [threads, profiles] = await Promise.all([
		db.threads.bulkGet([...threadIds]),
		db.profiles.bulkGet([...authors])
	]);
	const threadMap = new Map<string, ThreadFacts>();
	for (const [id, facts] of batchThreads) if (facts) threadMap.set(id, facts);
	for (const t of threads) if (t && !t.deleted) threadMap.set(t.id, { title: t.title, category: t.category });
	[...authors].forEach((author, i) => names.set(author, profiles[i]?.displayName ?? null));
	const ops: IndexOp[] = [];
	for (const c of relevant) {
		const op = indexOpFor(
			c.id,
			c.doc as Record<string, unknown> | undefined,
			Boolean(c.deleted),
			(id) => threadMap.get(id),
			(u) => names.get(u) ?? undefined
		);
		if (op) ops.push(op);
	}
	return ops;
}

/// <reference types="pouchdb-core" />
// Runs the projector: reads PouchDB's changes feed from the checkpoint stored in Dexie, in
// batches, and applies each batch together with its new checkpoint in ONE Dexie transaction
// (so a crash never leaves a half-applied batch, and re-applying a batch is harmless because
// projection is idempotent). Listens to the live feed and catches up again on every change.
// Runs are serialized: at most one catch-up at a time, later requests coalesce.
import Dexie from 'dexie';
import { CHECKPOINT_KEY, PROJECTION_TABLES, type PraxisDb, type ProjectionTable } from './db';
import type { ThreadRow } from './types';
import { addPosts, sameAggregates, voteTotal, withThreadAggregates } from './aggregates';
import { Ops, placeOf, projectChange, type Change } from './projector';
import { putThreadTags } from './thread-tags';
import { HandOverGate } from './hand-over';

export const PROJECTOR_BATCH_SIZE = 1000;

type Seq = number | string;
export type { Change };

/**
 * More projections fed by the same batches (the library tables, the search index): `apply` runs
 * inside the batch transaction, `afterBatch` after it commits (still before the next batch).
 */
export interface ProjectorExtension {
	/** Dexie tables apply() writes: opened in the batch transaction and cleared by rebuild(). */
	readonly tables: readonly string[];
	apply?(changes: readonly Change[], db: PraxisDb): Promise<void>;
	afterBatch?(changes: readonly Change[], lastSeq: Seq): Promise<void>;
	/** rebuild() cleared the tables. */
	reset?(): void;
}

export interface ProjectorOptions {
	batchSize?: number;
	/** Reports invalid documents and feed errors (the store logs them to syncLog). */
	onProblem?: (message: string) => void;
	extensions?: readonly ProjectorExtension[];
	/**
	 * How the runner learns of new changes: called with a listener, returns an unsubscribe (the
	 * store passes its write watch, local-writes.ts). Default: a live changes feed on `pouch`.
	 */
	subscribe?: (listener: () => void) => () => void;
	/** The member whose Dexie database this is: their own vote is kept on each vote total (`mine`). */
	member?: string;
}

export class ProjectorRunner {
	readonly #pouch: PouchDB.Database;
	readonly #db: PraxisDb;
	readonly #batchSize: number;
	readonly #onProblem: (message: string) => void;
	readonly #extensions: readonly ProjectorExtension[];
	readonly #extraTables: readonly string[];
	#chain: Promise<void> = Promise.resolve();
	#queued: Promise<void> | null = null;
	readonly #subscribe: ((listener: () => void) => () => void) | undefined;
	readonly #member: string | undefined;
	#unsubscribe: (() => void) | null = null;
	#stopped = false;
	/** Hand-overs from a writer (snapshot-write.ts): hold, release, deferred catch-ups. */
	readonly #gate = new HandOverGate();

	constructor(pouch: PouchDB.Database, db: PraxisDb, options: ProjectorOptions = {}) {
		this.#pouch = pouch;
		this.#db = db;
		this.#batchSize = options.batchSize ?? PROJECTOR_BATCH_SIZE;
		this.#onProblem = options.onProblem ?? (() => {});
		this.#extensions = options.extensions ?? [];
		this.#extraTables = this.#extensions.flatMap((e) => e.tables);
		this.#subscribe = options.subscribe;
		this.#member = options.member;
	}

	/** Catches up, then follows new changes. */
	start(): void {
		const onChange = () => {
			if (this.#gate.onChange()) void this.catchUp().catch(() => {});
		};
		if (this.#subscribe) {
			this.#unsubscribe = this.#subscribe(onChange);
		} else {
			const live = this.#pouch.changes({ since: 'now', live: true });
			live.on('change', onChange);
			live.on('error', (err: unknown) => this.#onProblem(`changes feed: ${String(err)}`));
			this.#unsubscribe = () => live.cancel();
		}
		void this.catchUp().catch(() => {});
	}

	/** Resolves once every change present now has been projected. */
	catchUp(): Promise<void> {
		// calls made while a catch-up waits to start share it; one already running may have
		// read the feed before the caller's change, so a new one is queued behind it
		if (this.#queued) return this.#queued;
		const run = this.#enqueue(() => this.#drain());
		this.#queued = run;
		return run;
	}

	/**
	 * A writer about to write a batch whose documents it will hand over (applyWritten): changes
	 * seen on the live feed meanwhile wait for release() instead of reading the batch back.
	 */
	hold(): void {
		this.#gate.hold();
	}

	release(): void {
		this.#gate.release((task) => this.#enqueue(task), () => this.#drain());
	}

	/**
	 * Projects documents the caller just wrote, without reading them back from the feed:
	 * `changes` must be exactly the changes between local seqs `before` and `after` (the caller
	 * checked that nothing else was written in between). Applied when the checkpoint stands at
	 * `before`; otherwise (something else moved it) the feed is read as usual, so nothing is skipped.
	 */
	applyWritten(changes: readonly Change[], before: Seq, after: Seq): Promise<void> {
		this.#gate.handOverQueued();
		return this.#enqueue(async () => {
			this.#gate.handOverStarted();
			const since = ((await this.#db.meta.get(CHECKPOINT_KEY))?.value ?? 0) as Seq;
			if (String(since) === String(before)) await this.applyBatch(changes, after);
			else await this.#drain();
		});
	}

	/** Clears the projections and replays the feed from 0. */
	rebuild(): Promise<void> {
		return this.#enqueue(async () => {
			const tables = [...PROJECTION_TABLES, ...this.#extraTables, 'meta'].map((name) => this.#db.table(name));
			await this.#db.transaction('rw', tables, async () => {
				await Promise.all([...PROJECTION_TABLES, ...this.#extraTables].map((name) => this.#db.table(name).clear()));
				await this.#db.meta.delete(CHECKPOINT_KEY);
			});
			for (const extension of this.#extensions) extension.reset?.();
			await this.#drain();
		});
	}

	async stop(): Promise<void> {
		this.#stopped = true;
		this.#unsubscribe?.();
		this.#unsubscribe = null;
		await this.#chain;
	}

	/** Runs `task` after every task queued before it. */
	#enqueue(task: () => Promise<void>): Promise<void> {
		const run = this.#chain.then(() => {
			this.#queued = null;
			return this.#stopped ? undefined : task();
		});
		this.#chain = run.catch((err: unknown) => this.#onProblem(`projector: ${String(err)}`));
		return run;
	}

	async #drain(): Promise<void> {
		for (;;) {
			const since = ((await this.#db.meta.get(CHECKPOINT_KEY))?.value ?? 0) as Seq;
			const feed = await this.#pouch.changes({
				since,
				limit: this.#batchSize,
				include_docs: true,
				conflicts: true
			});
			if (feed.results.length === 0 || this.#stopped) return;
			await this.applyBatch(feed.results, feed.last_seq);
			if (feed.results.length < this.#batchSize) return;
		}
	}

	/**
	 * Applies one batch of changes and the checkpoint after it, in one transaction. Posts and
	 * votes are written first so thread aggregates and vote totals are derived from the tables
	 * as they stand after the batch; threads are then written once, aggregates included.
	 */
	async applyBatch(changes: readonly Change[], lastSeq: Seq): Promise<void> {
		const db = this.#db;
		const tables = [...PROJECTION_TABLES, ...this.#extraTables, 'meta'].map((name) => db.table(name));
		const ops = await db.transaction('rw', tables, async () => {
			const current = await this.#currentRows(changes);
			const ops = new Ops();
			for (const change of changes) {
				const place = placeOf(change.id);
				projectChange(change, place ? current.get(place.table)?.get(place.key) : undefined, ops);
			}
			const conflicted = new Set(await db.conflicts.toCollection().primaryKeys());
			for (const table of PROJECTION_TABLES) {
				if (table === 'threads') continue;
				const { puts, deletes } = ops.entries(table);
				// most documents were never in conflict: only delete conflict rows that exist
				const gone = table === 'conflicts' ? deletes.filter((id) => conflicted.has(id)) : deletes;
				if (gone.length) await db.table(table).bulkDelete(gone);
				if (puts.length) await db.table(table).bulkPut(puts);
			}
			await this.#putThreads(ops, current.get('threads'));
			await this.#recountVotes(ops.targets);
			for (const extension of this.#extensions) await extension.apply?.(changes, db);
			await db.meta.put({ key: CHECKPOINT_KEY, value: lastSeq });
			return ops;
		});
		for (const { id, reason } of ops.invalid) this.#onProblem(`skipped ${id}: ${reason}`);
		for (const extension of this.#extensions) {
			await extension.afterBatch?.(changes, lastSeq).catch((err: unknown) => this.#onProblem(`projector extension: ${String(err)}`));
		}
	}

	/**
	 * Writes the batch's thread rows with derived aggregates. Threads whose posts changed or
	 * vanished, and new threads that already had posts (orphans), are recounted from the posts
	 * table; threads that only gained posts new to the table fold those in (addPosts), which
	 * gives the same figures without one query per thread.
	 */
	async #putThreads(ops: Ops, before: Map<string, unknown> | undefined): Promise<void> {
		const db = this.#db;
		const { puts, deletes } = ops.entries('threads');
		if (deletes.length) await db.threads.bulkDelete(deletes);
		const rows = new Map(puts.map((row) => [row.id, row]));
		const inBatch = new Set(rows.keys());
		const fresh = puts.filter((row) => before?.get(row.id) === undefined).map((row) => row.id);
		// the orphans table is almost always empty: read its keys once instead of one get per thread
		const orphanKeys = fresh.length ? new Set(await db.orphans.toCollection().primaryKeys()) : new Set<string>();
		const orphans = fresh.filter((id) => orphanKeys.has(id));
		const full = new Set([...ops.recount, ...orphans]);
		const delta = [...ops.added.keys()].filter((id) => !full.has(id));
		const needed = [...full, ...delta].filter((id) => !rows.has(id));
		const stored = needed.length ? await db.threads.bulkGet(needed) : [];
		const newOrphans: string[] = [];
		needed.forEach((id, i) => {
			const row = stored[i];
			if (row) rows.set(id, row);
			else newOrphans.push(id); // posts before their thread: counted when the thread comes
		});
		const fullIds = [...full].filter((id) => rows.has(id));
		// one range query per thread to recount, issued together so IndexedDB pipelines them
		const lists = await Promise.all(
			fullIds.map((id) => db.posts.where('[thread+createdAt]').between([id, Dexie.minKey], [id, Dexie.maxKey], true, true).toArray())
		);
		const derived = new Map<string, ThreadRow>();
		fullIds.forEach((id, i) => derived.set(id, withThreadAggregates(rows.get(id) as ThreadRow, lists[i])));
		for (const id of delta) {
			const row = rows.get(id);
			if (row) derived.set(id, addPosts(row, ops.added.get(id) ?? []));
		}
		const out: ThreadRow[] = [];
		for (const [id, row] of rows) {
			const next = derived.get(id);
			if (!next) {
				if (inBatch.has(id)) out.push(row);
			} else if (inBatch.has(id) || !sameAggregates(row, next)) {
				out.push(next);
			}
		}
		if (out.length) await db.threads.bulkPut(out);
		await putThreadTags(db, out, (id) => (before?.get(id) as ThreadRow | undefined) ?? rows.get(id));
		if (orphans.length) await db.orphans.bulkDelete(orphans);
		if (newOrphans.length) await db.orphans.bulkPut(newOrphans.map((thread) => ({ thread })));
	}

	async #currentRows(changes: readonly Change[]): Promise<Map<ProjectionTable, Map<string, unknown>>> {
		const keys = new Map<ProjectionTable, string[]>();
		for (const change of changes) {
			const place = placeOf(change.id);
			if (!place || change.fresh) continue; // fresh: no row can exist (Change.fresh)
			const list = keys.get(place.table) ?? [];
			list.push(place.key);
			keys.set(place.table, list);
		}
		const current = new Map<ProjectionTable, Map<string, unknown>>();
		for (const [table, list] of keys) {
			const rows = await this.#db.table(table).bulkGet(list);
			current.set(table, new Map(list.map((key, i) => [key, rows[i]])));
		}
		return current;
	}

	/** Recomputes the totals of `targets` from their votes: one range read, one bulk write. */
	async #recountVotes(targets: ReadonlySet<string>): Promise<void> {
		if (!targets.size) return;
		const votes = await this.#db.votes.where('target').anyOf([...targets]).toArray();
		const byTarget = new Map<string, typeof votes>();
		for (const vote of votes) {
			const list = byTarget.get(vote.target);
			if (list) list.push(vote);
			else byTarget.set(vote.target, [vote]);
		}
		const puts = [];
		const deletes: string[] = [];
		for (const target of targets) {
			const total = voteTotal(target, byTarget.get(target) ?? [], this.#member);
			if (total.up + total.down === 0) deletes.push(target);
			else puts.push(total);
		}
		if (deletes.length) await this.#db.voteTotals.bulkDelete(deletes);
		if (puts.length) await this.#db.voteTotals.bulkPut(puts);
	}
}

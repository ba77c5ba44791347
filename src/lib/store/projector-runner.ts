/// <reference types="pouchdb-core" />
// Runs the projector: reads PouchDB's changes feed from the checkpoint stored in Dexie, in
// batches, and applies each batch together with its new checkpoint in ONE Dexie transaction
// (so a crash never leaves a half-applied batch, and re-applying a batch is harmless because
// projection is idempotent). Listens to the live feed and catches up again on every change.
// Runs are serialized: at most one catch-up at a time, later requests coalesce.
import Dexie from 'dexie';
import { CHECKPOINT_KEY, PROJECTION_TABLES, type PraxisDb, type ProjectionTable } from './db';
import { Ops, placeOf, projectChange, sameAggregates, voteTotal, withThreadAggregates, type Change } from './projector';

export const PROJECTOR_BATCH_SIZE = 500;

type Seq = number | string;

export interface ProjectorOptions {
	batchSize?: number;
	/** Reports invalid documents and feed errors (the store logs them to syncLog). */
	onProblem?: (message: string) => void;
}

export class ProjectorRunner {
	readonly #pouch: PouchDB.Database;
	readonly #db: PraxisDb;
	readonly #batchSize: number;
	readonly #onProblem: (message: string) => void;
	#chain: Promise<void> = Promise.resolve();
	#queued: Promise<void> | null = null;
	#live: PouchDB.Core.Changes<object> | null = null;
	#stopped = false;

	constructor(pouch: PouchDB.Database, db: PraxisDb, options: ProjectorOptions = {}) {
		this.#pouch = pouch;
		this.#db = db;
		this.#batchSize = options.batchSize ?? PROJECTOR_BATCH_SIZE;
		this.#onProblem = options.onProblem ?? (() => {});
	}

	/** Catches up, then follows the live feed. */
	start(): void {
		this.#live = this.#pouch.changes({ since: 'now', live: true });
		this.#live.on('change', () => void this.catchUp().catch(() => {}));
		this.#live.on('error', (err: unknown) => this.#onProblem(`changes feed: ${String(err)}`));
		void this.catchUp().catch(() => {});
	}

	/** Resolves once every change present now has been projected. */
	catchUp(): Promise<void> {
		return this.#enqueue(() => this.#drain());
	}

	/** Clears the projections and replays the feed from 0. */
	rebuild(): Promise<void> {
		return this.#enqueue(async () => {
			const tables = [...PROJECTION_TABLES, 'meta'].map((name) => this.#db.table(name));
			await this.#db.transaction('rw', tables, async () => {
				await Promise.all(PROJECTION_TABLES.map((name) => this.#db.table(name).clear()));
				await this.#db.meta.delete(CHECKPOINT_KEY);
			});
			await this.#drain();
		});
	}

	async stop(): Promise<void> {
		this.#stopped = true;
		this.#live?.cancel();
		this.#live = null;
		await this.#chain;
	}

	#enqueue(task: () => Promise<void>): Promise<void> {
		if (this.#queued) return this.#queued;
		const run = this.#chain.then(() => {
			this.#queued = null;
			return this.#stopped ? undefined : task();
		});
		this.#queued = run;
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

	/** Applies one batch of changes and the checkpoint after it, in one transaction. */
	async applyBatch(changes: readonly Change[], lastSeq: Seq): Promise<void> {
		const db = this.#db;
		const tables = [...PROJECTION_TABLES, 'meta'].map((name) => db.table(name));
		const ops = await db.transaction('rw', tables, async () => {
			const current = await this.#currentRows(changes);
			const ops = new Ops();
			for (const change of changes) {
				const place = placeOf(change.id);
				projectChange(change, place ? current.get(place.table)?.get(place.key) : undefined, ops);
			}
			for (const table of PROJECTION_TABLES) {
				const { puts, deletes } = ops.entries(table);
				if (deletes.length) await db.table(table).bulkDelete(deletes);
				if (puts.length) await db.table(table).bulkPut(puts);
			}
			await this.#recountThreads(ops.threads);
			await this.#recountVotes(ops.targets);
			await db.meta.put({ key: CHECKPOINT_KEY, value: lastSeq });
			return ops;
		});
		for (const { id, reason } of ops.invalid) this.#onProblem(`skipped ${id}: ${reason}`);
	}

	async #currentRows(changes: readonly Change[]): Promise<Map<ProjectionTable, Map<string, unknown>>> {
		const keys = new Map<ProjectionTable, string[]>();
		for (const change of changes) {
			const place = placeOf(change.id);
			if (!place) continue;
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

	async #recountThreads(ids: ReadonlySet<string>): Promise<void> {
		if (ids.size === 0) return;
		const list = [...ids];
		const threads = await this.#db.threads.bulkGet(list);
		const updated = [];
		for (const thread of threads) {
			if (!thread) continue; // a post arrived before its thread: counted when the thread comes
			const posts = await this.#db.posts
				.where('[thread+createdAt]')
				.between([thread.id, Dexie.minKey], [thread.id, Dexie.maxKey])
				.toArray();
			const next = withThreadAggregates(thread, posts);
			if (!sameAggregates(thread, next)) updated.push(next);
		}
		if (updated.length) await this.#db.threads.bulkPut(updated);
	}

	async #recountVotes(targets: ReadonlySet<string>): Promise<void> {
		for (const target of targets) {
			const votes = await this.#db.votes.where('target').equals(target).toArray();
			const total = voteTotal(target, votes);
			if (total.up + total.down === 0) await this.#db.voteTotals.delete(target);
			else await this.#db.voteTotals.put(total);
		}
	}
}

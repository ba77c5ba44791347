/// <reference types="pouchdb-core" />
// Follows one local replica's changes feed and drives every projection of it (projection.ts).
// One follower per replica: the community replica (forums, library, search, events, people) and
// the member's private replica (messages, the "only me" profile). The feed is read in batches
// from the checkpoint stored in Dexie meta; each batch is applied by all projections together
// with its new checkpoint in ONE Dexie transaction, so a crash never leaves a half-applied batch
// and re-applying one is harmless (projections are idempotent).
//
// Runs are serialized on one chain: at most one catch-up at a time, later requests coalesce.
// When the chain falls idle, projections may settle work they put off while batches kept coming
// (a first sync's snapshot parts): Projection.settle.
// A writer may hand a batch over instead of letting it be read back (hold, release,
// applyWritten: snapshot-write.ts, hand-over.ts). Every failure of a run is reported once,
// through `onProblem` (the store's sync log), and the promise of the run rejects for its caller.
import type { PraxisDb } from '../db';
import { HandOverGate } from './hand-over';
import type { Change, PreparedWrite, Projection, Seq } from './projection';

export const FEED_BATCH_SIZE = 1000;

export interface FeedFollowerOptions {
	/** Names the replica in the sync log ("community", "private"). */
	name: string;
	source: PouchDB.Database;
	db: PraxisDb;
	/** The Dexie meta key of this follower's checkpoint. */
	checkpointKey: string;
	projections: readonly Projection[];
	/** Reports invalid documents and failures (the store writes them to the sync log). */
	onProblem: (message: string) => void;
	batchSize?: number;
	/** Read the feed with `conflicts: true` (the community replica: conflicts are projected). */
	conflicts?: boolean;
	/**
	 * How the follower learns of new changes: called with a listener, returns an unsubscribe (the
	 * store passes its watched replica's, watched-replica.ts). Default: a live changes feed.
	 */
	subscribe?: (listener: () => void) => () => void;
}

export class FeedFollower {
	readonly #options: FeedFollowerOptions;
	readonly #batchSize: number;
	/** The tables a rebuild clears, and those opened in a batch transaction. */
	readonly #tables: readonly string[];
	readonly #opened: readonly string[];
	readonly #gate = new HandOverGate();
	#chain: Promise<void> = Promise.resolve();
	/** Tasks enqueued and not finished: projections settle when it falls to 0. */
	#pending = 0;
	/** A catch-up waiting to start: calls made meanwhile share it (a bulk write notifies once per write). */
	#queued: Promise<void> | null = null;
	#unsubscribe: (() => void) | null = null;
	#stopped = false;

	constructor(options: FeedFollowerOptions) {
		this.#options = options;
		this.#batchSize = options.batchSize ?? FEED_BATCH_SIZE;
		this.#tables = [...new Set(options.projections.flatMap((p) => p.tables))];
		this.#opened = [...new Set([...this.#tables, ...options.projections.flatMap((p) => p.shares ?? []), 'meta'])];
	}

	/** Catches up, then follows new changes. */
	start(): void {
		const onChange = () => {
			if (this.#gate.onChange()) this.#catchUpInBackground();
		};
		if (this.#options.subscribe) {
			this.#unsubscribe = this.#options.subscribe(onChange);
		} else {
			const live = this.#options.source.changes({ since: 'now', live: true });
			live.on('change', onChange);
			live.on('error', (err: unknown) => this.#report('live changes', err));
			this.#unsubscribe = () => live.cancel();
		}
		this.#catchUpInBackground();
	}

	/** Resolves once every change present now has been applied by every projection. */
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
	 * seen meanwhile wait for release() instead of reading the batch back.
	 */
	hold(): void {
		this.#gate.hold();
	}

	release(): void {
		this.#gate.release(
			(task) => this.#enqueue(task),
			() => this.#drain()
		);
	}

	/**
	 * Applies documents the caller just wrote, without reading them back from the feed:
	 * `changes` must be exactly the changes between local seqs `before` and `after` (the caller
	 * checked that nothing else was written in between). Applied when the checkpoint stands at
	 * `before`; otherwise (something else moved it) the feed is read as usual, so nothing is skipped.
	 */
	applyWritten(changes: readonly Change[], before: Seq, after: Seq): Promise<void> {
		this.#gate.handOverQueued();
		return this.#enqueue(async () => {
			this.#gate.handOverStarted();
			if (String(await this.checkpoint()) === String(before)) await this.applyBatch(changes, after);
			else await this.#drain();
		});
	}

	/** Clears every projection's tables and the checkpoint, and replays the feed from 0. */
	rebuild(): Promise<void> {
		return this.#enqueue(async () => {
			const { db, checkpointKey, projections } = this.#options;
			await db.transaction(
				'rw',
				[...this.#tables, 'meta'].map((name) => db.table(name)),
				async () => {
					await Promise.all(this.#tables.map((name) => db.table(name).clear()));
					await db.meta.delete(checkpointKey);
				}
			);
			for (const projection of projections) projection.clear?.();
			await this.#drain();
		});
	}

	async stop(): Promise<void> {
		this.#stopped = true;
		this.#unsubscribe?.();
		this.#unsubscribe = null;
		await this.#chain;
	}

	/** The feed sequence every projection includes. */
	async checkpoint(): Promise<Seq> {
		return ((await this.#options.db.meta.get(this.#options.checkpointKey))?.value ?? 0) as Seq;
	}

	/** Applies one batch of changes and the checkpoint after it, in one transaction. */
	async applyBatch(changes: readonly Change[], lastSeq: Seq): Promise<void> {
		const { db, checkpointKey, projections } = this.#options;
		const writes: Array<PreparedWrite | void> = [];
		for (const projection of projections) writes.push(await projection.prepare?.(changes));
		await db.transaction(
			'rw',
			this.#opened.map((name) => db.table(name)),
			async () => {
				for (const [i, projection] of projections.entries()) {
					await projection.apply?.(changes, db);
					await writes[i]?.(db);
				}
				await db.meta.put({ key: checkpointKey, value: lastSeq });
			}
		);
		for (const projection of projections) {
			// committed: a projection's own follow-up failing must not undo the batch or stop the others
			await projection.afterBatch?.(changes, lastSeq).catch((err: unknown) => this.#report(projection.name, err));
		}
	}

	/**
	 * Runs `task` after every task queued before it; its failure is reported once, here. When no
	 * other task waits behind it, the projections settle (Projection.settle) before it resolves.
	 */
	#enqueue(task: () => Promise<void>): Promise<void> {
		this.#pending++;
		const run = this.#chain.then(async () => {
			this.#queued = null; // started: a later call must queue another run (it may be about a newer change)
			try {
				if (!this.#stopped) await task();
			} finally {
				this.#pending--;
			}
			if (this.#pending === 0 && !this.#stopped) await this.#settle();
		});
		this.#chain = run.catch((err: unknown) => this.#report('projection', err));
		return run;
	}

	async #settle(): Promise<void> {
		const { db, projections } = this.#options;
		for (const projection of projections) {
			// its tables are consistent with the batches either way: a failure is retried at the next settle
			await projection.settle?.(db).catch((err: unknown) => this.#report(projection.name, err));
		}
	}

	#catchUpInBackground(): void {
		// no caller waits for this run: its failure was reported by #enqueue, and the next change retries
		this.catchUp().catch(() => undefined);
	}

	async #drain(): Promise<void> {
		const { source, conflicts } = this.#options;
		for (;;) {
			const since = await this.checkpoint();
			const feed = await source.changes({
				since,
				limit: this.#batchSize,
				include_docs: true,
				...(conflicts ? { conflicts: true } : {})
			});
			if (feed.results.length === 0 || this.#stopped) return;
			await this.applyBatch(feed.results, feed.last_seq);
			if (feed.results.length < this.#batchSize) return;
		}
	}

	#report(what: string, err: unknown): void {
		this.#options.onProblem(`${this.#options.name} feed, ${what}: ${err instanceof Error ? err.message : String(err)}`);
	}
}

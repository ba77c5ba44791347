// When the server compacts a shared database (community, library-files; one scheduler each): once
// at start, every night, and soon after an edit that supersedes a revision (a profile field hidden
// or changed, a post, thread or resource edited or deleted, a file deleted), so the old content
// leaves the store instead of only being hidden by
// the gateway (server/couch/superseded.ts). Edits are debounced: a burst waits COALESCE_MS for
// the rest of itself, and compactions start at most once per MIN_INTERVAL_MS. How a database is
// compacted is the storage layer's business (Storage.compact); the last run is recorded
// (compaction/record.ts) for a health page to read.
import type { Storage } from '../storage/index';
import { writeCompactionRecord, type CompactionRecord } from './record';
import { errorMessage } from '../../src/lib/domain/errors';

export const COMPACTION_MIN_INTERVAL_MS = 60_000;
export const COMPACTION_COALESCE_MS = 5_000;
/** Local hour of the nightly compaction. */
export const COMPACTION_NIGHTLY_HOUR = 3;
/** Wait before following the changes feed again after it failed (a CouchDB connection dropped). */
const FEED_RETRY_MS = 30_000;
const DAY_MS = 24 * 60 * 60_000;

export type CompactionReason = 'start' | 'nightly' | 'edit' | 'manual';

export interface Timers {
	set(fn: () => void, ms: number): unknown;
	clear(handle: unknown): void;
}

const realTimers: Timers = {
	set(fn, ms) {
		const handle = setTimeout(fn, ms);
		handle.unref(); // never what keeps the process alive
		return handle;
	},
	clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>)
};

export interface CompactionOptions {
	storage: Storage;
	dbName: string;
	clock?: () => Date;
	timers?: Timers;
	minIntervalMs?: number;
	coalesceMs?: number;
	nightlyHour?: number;
	/** Where failures are reported (stderr by default). */
	log?: (line: string) => void;
}

export class CompactionScheduler {
	readonly #o: Required<Omit<CompactionOptions, 'storage' | 'dbName'>> & Pick<CompactionOptions, 'storage' | 'dbName'>;
	#running: Promise<void> = Promise.resolve();
	#lastStartMs = -Infinity;
	#editTimer: unknown = null;
	#nightlyTimer: unknown = null;
	#feed: PouchDB.Core.Changes<object> | null = null;
	#feedRetry: unknown = null;
	#started = false;
	#last: CompactionRecord | null = null;
	/** Compactions run (for tests and diagnosis). */
	runs = 0;

	constructor(options: CompactionOptions) {
		this.#o = {
			clock: () => new Date(),
			timers: realTimers,
			minIntervalMs: COMPACTION_MIN_INTERVAL_MS,
			coalesceMs: COMPACTION_COALESCE_MS,
			nightlyHour: COMPACTION_NIGHTLY_HOUR,
			log: (line) => void process.stderr.write(line + '\n'),
			...options
		};
	}

	/** The last compaction run by this process, if any. */
	get last(): CompactionRecord | null {
		return this.#last;
	}

	/** Compacts now, then nightly and after edits, until stop(). */
	start(): void {
		if (this.#started) return;
		this.#started = true;
		this.#follow();
		this.#scheduleNightly();
		void this.run('start');
	}

	async stop(): Promise<void> {
		this.#started = false;
		for (const timer of [this.#editTimer, this.#nightlyTimer, this.#feedRetry])
			if (timer !== null) this.#o.timers.clear(timer);
		this.#editTimer = this.#nightlyTimer = this.#feedRetry = null;
		this.#feed?.cancel();
		this.#feed = null;
		await this.#running;
	}

	/**
	 * A revision was superseded: compact once the burst it belongs to is over, and not sooner than
	 * the minimum interval after the last start. A compaction already planned covers this edit too.
	 */
	contentRemoved(): void {
		if (!this.#started || this.#editTimer !== null) return;
		const now = this.#o.clock().getTime();
		const at = Math.max(now + this.#o.coalesceMs, this.#lastStartMs + this.#o.minIntervalMs);
		this.#editTimer = this.#o.timers.set(() => {
			this.#editTimer = null;
			void this.run('edit');
		}, at - now);
	}

	/** Compacts after any compaction under way (one at a time); failures are logged and recorded. */
	run(reason: CompactionReason): Promise<void> {
		const next = this.#running.then(() => this.#compact(reason));
		this.#running = next;
		return next;
	}

	async #compact(reason: CompactionReason): Promise<void> {
		const { storage, dbName, clock } = this.#o;
		const started = clock();
		this.#lastStartMs = started.getTime();
		let error: string | null = null;
		try {
			await storage.compact(dbName);
		} catch (err) {
			error = errorMessage(err);
			this.#o.log(`[compaction] ${dbName} not compacted: ${error}`);
		}
		this.runs++;
		const finished = clock();
		this.#last = {
			db: dbName,
			reason,
			startedAt: started.toISOString(),
			finishedAt: finished.toISOString(),
			durationMs: finished.getTime() - started.getTime(),
			error
		};
		await writeCompactionRecord(storage, this.#last).catch((err: unknown) =>
			this.#o.log(`[compaction] record not kept: ${String(err)}`)
		);
	}

	/** Follows the database's changes: a leaf past its first generation superseded a revision. */
	#follow(): void {
		if (!this.#started) return;
		const feed = this.#o.storage
			.db(this.#o.dbName)
			.changes({ live: true, since: 'now', style: 'all_docs', return_docs: false } as PouchDB.Core.ChangesOptions);
		this.#feed = feed;
		feed.on('change', (change) => {
			if (change.changes.some(({ rev }) => Number.parseInt(rev, 10) > 1)) this.contentRemoved();
		});
		feed.on('error', (err: unknown) => {
			if (this.#feed !== feed || !this.#started) return;
			this.#o.log(`[compaction] changes of ${this.#o.dbName} not followed: ${String(err)}`);
			this.#feed = null;
			this.#feedRetry = this.#o.timers.set(() => {
				this.#feedRetry = null;
				this.#follow();
			}, FEED_RETRY_MS);
		});
	}

	#scheduleNightly(): void {
		if (!this.#started) return;
		this.#nightlyTimer = this.#o.timers.set(
			() => {
				this.#nightlyTimer = null;
				void this.run('nightly');
				this.#scheduleNightly();
			},
			msUntilHour(this.#o.clock(), this.#o.nightlyHour)
		);
	}
}

/** Milliseconds from `now` to the next `hour`:00 local time (a full day when it is that now). */
export function msUntilHour(now: Date, hour: number): number {
	const next = new Date(now);
	next.setHours(hour, 0, 0, 0);
	if (next.getTime() <= now.getTime()) next.setDate(next.getDate() + 1);
	return Math.min(next.getTime() - now.getTime(), DAY_MS + 60 * 60_000); // DST days are 23–25 h
}

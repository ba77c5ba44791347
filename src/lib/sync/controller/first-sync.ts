/// <reference types="pouchdb-core" />
// A first sync's progress ("Syncing n of N") and its batch size: small batches first, so the
// first screens fill soon on a slow link, then large ones once enough is in.
import type { StatusSink } from './types';

/** Documents per replication batch (PouchDB's default is 100). */
export const SYNC_BATCH_SIZE = 1000;
/**
 * A first sync starts with small batches so the first screens fill soon on a slow link, then,
 * once FIRST_SYNC_RAMP_AFTER documents are in, restarts the replication (it resumes from its
 * checkpoint) with SYNC_BATCH_SIZE for fewer round trips and better compression.
 */
export const FIRST_BATCH_SIZE = 250;
export const FIRST_SYNC_RAMP_AFTER = 500;

/** Whether a first sync got enough in small batches to restart with large ones. */
export function rampDue(progress: { initial: boolean; batchSize: number; received: number }): boolean {
	return progress.initial && progress.batchSize < SYNC_BATCH_SIZE && progress.received >= FIRST_SYNC_RAMP_AFTER;
}

export class FirstSync {
	#received = 0;
	#total: number | null = null;
	#initial = false;
	#batchSize = SYNC_BATCH_SIZE;
	readonly #status: StatusSink;
	readonly #community: { local: PouchDB.Database; remote: PouchDB.Database };

	constructor(status: StatusSink, community: { local: PouchDB.Database; remote: PouchDB.Database }) {
		this.#status = status;
		this.#community = community;
	}

	/** This device is receiving its first full copy of the community. */
	get initial(): boolean {
		return this.#initial;
	}

	/** The batch size the connection's replications start with. */
	get batchSize(): number {
		return this.#batchSize;
	}

	/**
	 * At the start of a connection: is this a first sync (an empty replica), and how much must it
	 * fetch? A `ramped` connection continues the first sync it replaces, with large batches.
	 */
	async measure(ramped: boolean): Promise<void> {
		if (ramped) {
			this.#batchSize = SYNC_BATCH_SIZE;
			return;
		}
		this.#initial = (await this.#community.local.info()).doc_count === 0;
		this.#received = 0;
		this.#total = null;
		this.#batchSize = this.#initial ? FIRST_BATCH_SIZE : SYNC_BATCH_SIZE;
		this.#show();
		if (!this.#initial) return;
		// The server's count only sizes the progress bar: it is asked beside the snapshot download,
		// not before it (a round trip less before the first documents).
		void this.#community.remote.info().then(
			(remote) => {
				if (!this.#initial) return;
				this.#total = Math.max(this.#total ?? 0, remote.doc_count);
				this.#show();
			},
			() => {
				// Without the count the bar only has no total yet: the same failure reaches the
				// snapshot download or the replication, which report it.
			}
		);
	}

	/** The snapshot wrote `written` of its `docs` documents. */
	snapshotProgress(written: number, docs: number): void {
		if (!this.#initial) return;
		this.#received = written;
		this.#total = Math.max(this.#total ?? 0, docs);
		this.#show();
	}

	/** What is left after a snapshot is what changed since: large batches. */
	snapshotLoaded(): void {
		this.#batchSize = SYNC_BATCH_SIZE;
	}

	/** A pulled batch of community; true when it is time to restart with large batches. */
	pulled(count: number, pending: number | undefined): boolean {
		this.#received += count;
		if (this.#initial && typeof pending === 'number')
			this.#total = Math.max(this.#total ?? 0, this.#received + pending);
		this.#show();
		return rampDue({ initial: this.#initial, batchSize: this.#batchSize, received: this.#received });
	}

	/** Every replication caught up: the first sync, if this was one, is over. */
	caughtUp(): void {
		if (!this.#initial) return;
		this.#initial = false;
		this.#show();
	}

	#show(): void {
		this.#status.setProgress(this.#received, this.#total, this.#initial);
	}
}

/// <reference types="pouchdb-core" />
// A first sync from the home server (or one whose snapshot download was cut off) loads the
// bootstrap snapshot (sync/bootstrap.ts) before it replicates; the replications then start from
// the snapshot's seq instead of from nothing.
import type { ReplicaPort } from '../../store/replica-port';
import { loadBootstrap, type BootstrapState, type BootstrapStateStore } from '../bootstrap';
import type { FirstSync } from './first-sync';
import type { SyncLog } from './report';

type Seq = number | string;

/** Where the download's progress is kept (replica state). */
const BOOTSTRAP_KEY = 'bootstrap.community';

export interface SnapshotOptions {
	/** null: no snapshot (a hub, or a remote that is not the home server). */
	url: string | null;
	replica: Pick<ReplicaPort, 'community' | 'getState' | 'setState' | 'writeSnapshotPart'>;
	fetch: typeof fetch;
	log: SyncLog;
}

export class Snapshot {
	/** The community pull continues from a loaded snapshot's seq until it has its own checkpoint. */
	#since: Seq | undefined;
	/**
	 * Where the community push may start after a snapshot: everything in the replica up to it came
	 * from the server (bootstrap.ts localSeq), so reading it back to ask the server about it is waste.
	 */
	#pushSince: Seq | undefined;
	/** Aborts the download when the connection ends (offline, stop, restart). */
	#abort: AbortController | null = null;
	/** The load under way: a new one waits until it has written what it received. */
	#loading: Promise<unknown> = Promise.resolve();
	readonly #options: SnapshotOptions;
	readonly #state: BootstrapStateStore;

	constructor(options: SnapshotOptions) {
		this.#options = options;
		this.#state = {
			get: async () => (await options.replica.getState(BOOTSTRAP_KEY)) as BootstrapState | undefined,
			set: (state) => options.replica.setState(BOOTSTRAP_KEY, state)
		};
	}

	get since(): Seq | undefined {
		return this.#since;
	}

	get pushSince(): Seq | undefined {
		return this.#pushSince;
	}

	/**
	 * Loads the snapshot, or the rest of one cut off, when the replica needs it. `current`: the
	 * connection is still the controller's; `onStart`: the download begins.
	 */
	async load(current: () => boolean, progress: FirstSync, onStart: () => void): Promise<void> {
		this.#since = undefined;
		this.#pushSince = undefined;
		const { url, replica } = this.#options;
		if (!url || !current()) return;
		await this.#loading.catch(() => {
			// only waited for: the connection that started that load reported its failure
		});
		const state = await this.#state.get();
		if (!current() || (!state && !progress.initial)) return;
		onStart();
		this.#abort = new AbortController();
		const write = replica.writeSnapshotPart?.bind(replica);
		const load = loadBootstrap({
			signal: this.#abort.signal,
			url,
			local: replica.community,
			...(write ? { write } : {}),
			state: this.#state,
			fetch: this.#options.fetch,
			onProgress: (written, docs) => progress.snapshotProgress(written, docs)
		});
		this.#loading = load;
		const outcome = await load;
		if (!outcome) return;
		this.#since = outcome.since;
		this.#pushSince = outcome.pushSince;
		progress.snapshotLoaded();
		if (state?.complete !== true) this.#options.log.info(`bootstrap snapshot loaded (seq ${String(outcome.since)})`);
	}

	/** The community pull caught up from the snapshot's seq: its own checkpoint takes over. */
	pulledPast(): void {
		if (this.#since === undefined) return;
		this.#since = undefined;
		void this.#state
			.set(undefined)
			.catch((err: unknown) => this.#options.log.failed('clear the finished snapshot download', err));
	}

	/** The connection ends: stop the download (what was received is still written). */
	abort(): void {
		this.#abort?.abort();
		this.#abort = null;
	}
}

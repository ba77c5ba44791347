// The state of one sync controller (the home server's: `syncStatus`; a hub's: its own instance),
// as the controller reports it. Svelte 5 runes class with private state. What the member reads
// combines both (connection.ts describes it).

import type { SyncState } from './controller';

export type { SyncState };

/** The states that wait for a next try at a known time. */
const WAITS_FOR_RETRY: ReadonlySet<SyncState> = new Set(['offline', 'unreachable', 'throttled', 'error']);

export class SyncStatus {
	#state = $state<SyncState>('idle');
	#pending = $state(0);
	#received = $state(0);
	#total = $state<number | null>(null);
	#initial = $state(false);
	#lastSyncedAt = $state<string | null>(null);
	#error = $state<string | null>(null);
	#retryAt = $state<number | null>(null);
	#rejected = $state(0);

	get state(): SyncState {
		return this.#state;
	}
	/** Local writes not yet acknowledged by the server. */
	get pending(): number {
		return this.#pending;
	}
	/** Documents received during the first sync of this device. */
	get received(): number {
		return this.#received;
	}
	/** Documents to receive during the first sync (null when unknown or not a first sync). */
	get total(): number | null {
		return this.#total;
	}
	/** True while this device is receiving its first full copy. */
	get initial(): boolean {
		return this.#initial;
	}
	get lastSyncedAt(): string | null {
		return this.#lastSyncedAt;
	}
	get error(): string | null {
		return this.#error;
	}
	/** Writes the server refused (the "Needs attention" count). */
	get rejected(): number {
		return this.#rejected;
	}

	/** When the next attempt is due (epoch ms) while offline, unreachable, slowed down or in error. */
	get retryAt(): number | null {
		return this.#retryAt;
	}

	setState(state: SyncState, error: string | null = null, retryAt: number | null = null): void {
		this.#state = state;
		this.#error = state === 'idle' || state === 'syncing' ? null : error;
		this.#retryAt = WAITS_FOR_RETRY.has(state) ? retryAt : null;
	}
	setPending(count: number): void {
		this.#pending = count;
	}
	setRejected(count: number): void {
		this.#rejected = count;
	}
	setProgress(received: number, total: number | null, initial: boolean): void {
		this.#received = received;
		this.#total = total;
		this.#initial = initial;
	}
	markSynced(at: string = new Date().toISOString()): void {
		this.#lastSyncedAt = at;
	}
	reset(): void {
		this.#state = 'idle';
		this.#pending = 0;
		this.#received = 0;
		this.#total = null;
		this.#initial = false;
		this.#lastSyncedAt = null;
		this.#error = null;
		this.#retryAt = null;
		this.#rejected = 0;
	}
}

export const syncStatus = new SyncStatus();

// Sync status shown in the header: one reactive instance (`syncStatus`) that the sync controller
// updates and the layout reads. Svelte 5 runes class with private state and derived labels.

export type SyncState = 'idle' | 'syncing' | 'offline' | 'error' | 'unauthorized';

export class SyncStatus {
	#state = $state<SyncState>('idle');
	#pending = $state(0);
	#received = $state(0);
	#total = $state<number | null>(null);
	#initial = $state(false);
	#lastSyncedAt = $state<string | null>(null);
	#error = $state<string | null>(null);
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

	/** A short text for the header: "Up to date", "Syncing 120/4000", "Offline", "3 waiting"... */
	label = $derived.by(() => {
		switch (this.#state) {
			case 'offline':
				return this.#pending > 0 ? `Offline · ${this.#pending} waiting` : 'Offline';
			case 'unauthorized':
				return 'Signed out — sign in again';
			case 'error':
				return `Error: ${this.#error ?? 'unknown'}`;
			case 'syncing':
				if (this.#initial && this.#total) return `Syncing ${this.#received}/${this.#total}`;
				return this.#pending > 0 ? `Syncing · ${this.#pending} waiting` : 'Syncing';
			default:
				return this.#pending > 0 ? `${this.#pending} waiting` : 'Up to date';
		}
	});

	setState(state: SyncState, error: string | null = null): void {
		this.#state = state;
		this.#error = state === 'error' || state === 'unauthorized' ? error : null;
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
		this.#rejected = 0;
	}
}

export const syncStatus = new SyncStatus();

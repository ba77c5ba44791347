// The meetup hub connection of this device (one instance, kept across page changes): the saved
// hub address and token, why the hub cannot be reached, and the second sync controller while
// connected. The central server's own sync keeps running beside it.
// While connected, `active` is kept with the hub address, so the app reconnects on its next start
// (the header calls resume()) until the member disconnects.
import { SyncStatus } from './status.svelte';
import { createHubSync, fetchHubToken, forgetHub, loadSavedHub, parseHubAddress, probeHub, saveHub, tokenValid, type SavedHub } from './hub';
import type { SyncController } from './controller';
import { destroyHubStaging, readRefused, type RefusedDoc } from './hub-verify';
import type { Store } from '../store/index';
import { errorMessage } from '../domain/errors';

export class HubSession {
	#saved = $state<SavedHub | null>(null);
	#problem = $state<string | null>(null);
	#busy = $state(false);
	#connected = $state(false);
	#name = $state<string | null>(null);
	#refused = $state<RefusedDoc[]>([]);
	#controller: SyncController | null = null;
	readonly status = new SyncStatus();

	constructor() {
		if (typeof localStorage !== 'undefined') this.#saved = loadSavedHub();
	}

	get saved(): SavedHub | null {
		return this.#saved;
	}
	get hasToken(): boolean {
		return tokenValid(this.#saved);
	}
	get problem(): string | null {
		return this.#problem;
	}
	get busy(): boolean {
		return this.#busy;
	}
	get connected(): boolean {
		return this.#connected;
	}
	/** What attendees call the hub: its enrolled name, else its address without the scheme. */
	get name(): string | null {
		const url = this.#saved?.url;
		return this.#name ?? (url ? url.replace(/^https?:\/\//, '') : null);
	}
	/** Documents from the hub that failed verification (kept out of this device's community data). */
	get refused(): readonly RefusedDoc[] {
		return this.#refused;
	}

	/** Shows the refusals kept from the last connection (the /hub page calls it when it opens). */
	async loadRefused(store: Store): Promise<void> {
		if (this.#connected) return; // the live list is kept up to date
		this.#refused = await readRefused(store).catch(() => []);
	}

	/** Gets (or renews) the hub token from the central server: do it before the meetup. */
	async getToken(): Promise<boolean> {
		const result = await fetchHubToken();
		if (!result.ok) {
			this.#problem = result.reason;
			return false;
		}
		this.#saved = { url: this.#saved?.url ?? '', ...result.token };
		saveHub(this.#saved);
		this.#problem = null;
		return true;
	}

	async connect(store: Store, address: string): Promise<void> {
		const parsed = parseHubAddress(address);
		if (!parsed.ok) {
			this.#problem = parsed.reason;
			return;
		}
		this.#busy = true;
		try {
			this.#saved = { ...(this.#saved ?? {}), url: parsed.url };
			saveHub(this.#saved);
			if (!tokenValid(this.#saved) && !(await this.getToken())) {
				this.#problem = `No valid hub token on this device, and the central server cannot give one now. ${this.#problem ?? ''} Use “Save updates to a file” instead.`;
				return;
			}
			const saved = this.#saved as SavedHub & { token: string };
			const probe = await probeHub(saved.url, saved.token);
			if (!probe.ok) {
				this.#problem = probe.reason;
				return;
			}
			this.#problem = null;
			this.#name = probe.name;
			await this.#controller?.stop();
			try {
				this.#controller = await createHubSync({
					store,
					hubUrl: saved.url,
					token: saved.token,
					username: store.member.name,
					status: this.status,
					onRefused: (refused) => (this.#refused = [...refused])
				});
			} catch (err) {
				this.#controller = null;
				this.#problem = `This device could not prepare the hub connection (${errorMessage(err)}). Use “Save updates to a file” instead.`;
				return;
			}
			this.#controller.start();
			this.#connected = true;
			this.#saved = { ...saved, active: true };
			saveHub(this.#saved);
		} finally {
			this.#busy = false;
		}
	}

	/** Back to the central server only. */
	async disconnect(): Promise<void> {
		await this.#controller?.stop();
		this.#controller = null;
		this.#connected = false;
		if (this.#saved) {
			this.#saved = { ...this.#saved, active: false };
			saveHub(this.#saved);
		}
	}

	/** Disconnects and removes what this device kept for the hub (its staging database and refusals). */
	async forget(store: Store): Promise<void> {
		await this.disconnect();
		await destroyHubStaging(store);
		this.#refused = [];
		this.#problem = null;
		if (this.#saved) {
			this.#saved = { ...this.#saved, url: '', active: false };
			saveHub(this.#saved);
		}
	}

	/**
	 * Removes the saved hub address and the member's hub token from this device (their data is
	 * being removed at sign-out). Disconnect first.
	 */
	forgetSaved(): void {
		this.#saved = null;
		this.#name = null;
		this.#refused = [];
		this.#problem = null;
		if (typeof localStorage !== 'undefined') forgetHub();
	}

	/** Disconnects and forgets the hub, its token and its refusals (the account was deleted). */
	async clear(): Promise<void> {
		await this.disconnect();
		this.forgetSaved();
	}

	/** On app start: reconnect to the hub the member left connected (quietly, once). */
	async resume(store: Store): Promise<void> {
		if (this.#connected || this.#busy || !this.#saved?.active || !tokenValid(this.#saved)) return;
		await this.connect(store, this.#saved.url);
	}
}

export const hubSession = new HubSession();

// The meetup hub connection of this device (one instance, kept across page changes): the saved
// hub address and token, why the hub cannot be reached, and the second sync controller while
// connected. The central server's own sync keeps running beside it.
// While connected, `active` is kept with the hub address, so the app reconnects on its next start
// (the header calls resume()) until the member disconnects. The app session hands it the signed-in
// member's replica port (use()): the hub connection syncs into it, screens never see it.
import { SyncStatus } from './status.svelte';
import {
	createHubSync,
	fetchHubToken,
	forgetHub,
	loadSavedHub,
	parseHubAddress,
	probeHub,
	saveHub,
	tokenValid,
	type SavedHub
} from './hub';
import type { SyncController } from './controller';
import { destroyHubStaging, readRefused, type RefusedDoc } from './hub-verify';
import type { ReplicaPort } from '../store/replica-port';
import { hasDeviceStorage } from '../store/kept-keys';
import { errorMessage } from '../domain/errors';
import { t } from '../i18n';

export class HubSession {
	#saved = $state<SavedHub | null>(null);
	#problem = $state<string | null>(null);
	#busy = $state(false);
	#connected = $state(false);
	#name = $state<string | null>(null);
	#refused = $state<RefusedDoc[]>([]);
	#controller: SyncController | null = null;
	#replica: ReplicaPort | null = null;
	readonly status = new SyncStatus();

	constructor() {
		if (hasDeviceStorage()) this.#saved = loadSavedHub();
	}

	/** The signed-in member's replica port (null once their store is closed). */
	use(replica: ReplicaPort | null): void {
		this.#replica = replica;
	}

	#port(): ReplicaPort {
		if (!this.#replica) throw new Error('No member is signed in on this device.');
		return this.#replica;
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
	async loadRefused(): Promise<void> {
		if (this.#connected) return; // the live list is kept up to date
		const replica = this.#replica;
		if (!replica) return;
		this.#refused = await readRefused(replica).catch(() => []);
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

	async connect(address: string): Promise<void> {
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
				this.#problem = t('hub:session.noToken', { problem: this.#problem ?? '' });
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
				const replica = this.#port();
				this.#controller = await createHubSync({
					replica,
					hubUrl: saved.url,
					token: saved.token,
					username: replica.member.name,
					status: this.status,
					onRefused: (refused) => (this.#refused = [...refused])
				});
			} catch (err) {
				this.#controller = null;
				this.#problem = t('hub:session.prepareFailed', { error: errorMessage(err) });
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
	async forget(): Promise<void> {
		await this.disconnect();
		await destroyHubStaging(this.#port());
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
		if (hasDeviceStorage()) forgetHub();
	}

	/** Disconnects and forgets the hub, its token and its refusals (the account was deleted). */
	async clear(): Promise<void> {
		await this.disconnect();
		this.forgetSaved();
	}

	/** On app start: reconnect to the hub the member left connected (quietly, once). */
	async resume(): Promise<void> {
		if (this.#connected || this.#busy || !this.#saved?.active || !tokenValid(this.#saved) || !this.#replica) return;
		await this.connect(this.#saved.url);
	}
}

export const hubSession = new HubSession();

// The app session: who is signed in on this device, their open store and the sync controller.
// One exported instance (`session`); the layout calls init() once, the login/register pages call
// signIn(), the header's sign-out dialog calls signOut(). Screens read `session.store` (the app
// store); the replica port goes only to the sync controllers (this one and the hub session's).
// `ownDevice` is the member's answer to "This is my own device" (store/device-choice.ts): off,
// signing out removes their data by default and the browser is never asked to keep it.
import { createSyncController, fetchSession, logout, syncStatus, type SyncController } from '$lib/sync';
import { hubSession } from '$lib/sync/hub-session.svelte';
import { libraryFilesRemote } from '$lib/sync/library-files';
import { couchBase } from '$lib/sync/gateway';
import {
	destroyLocalData,
	forgetMember,
	forgetOwnDevice,
	openStore,
	ownDeviceChoice,
	rememberMember,
	rememberOwnDevice,
	requestPersistentStorage,
	runsInstalled,
	rememberedMember,
	type Member,
	type ReplicaPort,
	type Store
} from '$lib/store';
import { testHookWanted } from '$lib/store/kept-keys';
import { accountRemoval } from './account-removal.svelte';
import { errorMessage } from '../domain/errors';

export type SessionState = 'loading' | 'signed-out' | 'ready' | 'failed';

export class AppSession {
	#state = $state<SessionState>('loading');
	#member = $state<Member | null>(null);
	#store = $state.raw<Store | null>(null);
	#replica: ReplicaPort | null = null;
	#error = $state<string | null>(null);
	#ownDevice = $state(false);
	#controller: SyncController | null = null;
	#initialised: Promise<void> | null = null;

	get state(): SessionState {
		return this.#state;
	}
	get member(): Member | null {
		return this.#member;
	}
	get store(): Store | null {
		return this.#store;
	}
	/** The member said this is their own device: keep their data at sign-out, may ask to persist it. */
	get ownDevice(): boolean {
		return this.#ownDevice;
	}
	/** Why the local store could not be opened (state 'failed'). */
	get error(): string | null {
		return this.#error;
	}

	/** Opens the remembered member's data, if any; safe to call more than once. */
	init(): Promise<void> {
		this.#initialised ??= this.#restore();
		return this.#initialised;
	}

	async #restore(): Promise<void> {
		this.#exposeTestHook();
		const member = await rememberedMember().catch(() => null);
		if (!member) {
			this.#state = 'signed-out';
			return;
		}
		// signed in before the question existed: treated as a device that is not their own, the
		// safe side (the sign-out dialog still lets them keep their data)
		this.#ownDevice = (await ownDeviceChoice(member.name).catch(() => null)) ?? false;
		await this.#open(member);
		// Ask the server in the background: a 401 means the session expired (keep the local data).
		void fetchSession().then((result) => {
			if (!result.ok && result.kind === 'unauthorized') syncStatus.setState('unauthorized', result.reason);
		});
	}

	/** After a successful login or registration; `ownDevice`: the member's "This is my own device". */
	async signIn(member: Member, { ownDevice }: { ownDevice: boolean }): Promise<void> {
		await this.#close();
		await rememberMember(member);
		await rememberOwnDevice(member.name, ownDevice);
		this.#ownDevice = ownDevice;
		await this.#open(member);
		// An installed app on the member's own device is where they rely on offline data: ask the
		// browser to keep it. Never on someone else's device, whose owner's space it would hold.
		if (ownDevice && runsInstalled()) void requestPersistentStorage();
	}

	/** Ends the session on the server (when reachable) and, if asked, removes the member's local data. */
	async signOut(removeData: boolean): Promise<void> {
		const name = this.#member?.name;
		// the hub connection syncs into the store and holds the member's hub token
		await hubSession.disconnect();
		await this.#close();
		await logout();
		await forgetMember();
		if (removeData && name) {
			await destroyLocalData(name);
			hubSession.forgetSaved();
			await forgetOwnDevice(name);
		}
		syncStatus.reset();
		this.#member = null;
		this.#state = 'signed-out';
	}

	/**
	 * The member's account was deleted (here, or on another device: the sync heard so): every
	 * database of theirs on this device goes, then the device forgets them. Forgotten last, so a
	 * removal cut short is done again at the next start (the server still answers account_deleted).
	 */
	async removeDeletedAccount(): Promise<void> {
		const name = this.#member?.name;
		this.#member = null;
		this.#state = 'signed-out';
		await this.#close();
		syncStatus.reset();
		if (name) await destroyLocalData(name);
		await forgetMember();
		await logout(); // the browser drops the session cookie (no answer offline: it is refused anyway)
	}

	/** "Sync now" in the header. */
	syncNow(): void {
		this.#controller?.syncNow();
	}

	async #open(member: Member): Promise<void> {
		try {
			const { store, replica } = await openStore(member, { filesRemote: libraryFilesRemote() });
			this.#member = member;
			this.#replica = replica;
			hubSession.use(replica);
			this.#store = store;
			this.#error = null;
			this.#state = 'ready';
			this.#startSync(replica, member);
		} catch (err) {
			this.#member = member;
			this.#error = errorMessage(err);
			this.#state = 'failed';
		}
	}

	/** Local data stays usable when sync cannot start: the header shows the error. */
	#startSync(replica: ReplicaPort, member: Member): void {
		try {
			this.#controller = createSyncController({
				replica,
				remoteBase: couchBase(),
				username: member.name,
				onAccountDeleted: () => void accountRemoval.run(() => this.removeDeletedAccount())
			});
			this.#controller.start();
		} catch (err) {
			syncStatus.setState('error', errorMessage(err));
		}
	}

	async #close(): Promise<void> {
		const controller = this.#controller;
		const store = this.#store;
		this.#controller = null;
		this.#store = null;
		this.#replica = null;
		hubSession.use(null);
		if (controller) await controller.stop();
		if (store) await store.close();
	}

	/** Tests drive the store (and read the replica) from the page through `window.__praxisTest`, only when opted in. */
	#exposeTestHook(): void {
		if (testHookWanted()) window.__praxisTest = { session: this, replica: () => this.#replica };
	}
}

export const session = new AppSession();

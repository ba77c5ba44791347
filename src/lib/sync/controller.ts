/// <reference types="pouchdb-core" />
// Live two-way replication between the member's local PouchDB replicas and a remote (the home
// server or, later, a meetup hub): community ↔ {remote}/community, private ↔ {remote}/userdb-{hex}.
import type { Store } from '../store/index';

export interface SyncControllerOptions {
	store: Store;
	/** e.g. `location.origin + '/couch'` */
	remoteBase: string;
	username: string;
	fetch?: typeof fetch;
}

export interface SyncController {
	/** Starts replication when online (and listens to online/offline events). */
	start(): void;
	/** Retries now, skipping any backoff wait. */
	syncNow(): void;
	/** Stops replication and removes listeners. */
	stop(): Promise<void>;
}

export function createSyncController(options: SyncControllerOptions): SyncController {
	void options;
	throw new Error('TODO: createSyncController');
}

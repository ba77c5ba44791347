/// <reference types="pouchdb-core" />
// The sync controller's contract with its callers: what it reports to, what it is given, and
// what it offers. The states it moves through are in state.ts.
import type { ReplicaPort } from '../../store/replica-port';
import type { NetworkWatch } from '../network';

/**
 * offline: no answer at all; unreachable: something other than the server answered; throttled:
 * the server asked to slow down; suspended: it refuses the member's writes (replication-error.ts).
 */
export type SyncState =
	'idle' | 'syncing' | 'offline' | 'unreachable' | 'throttled' | 'suspended' | 'error' | 'unauthorized';

/** What the controller reports to (the SyncStatus runes class implements it). */
export interface StatusSink {
	/** `retryAt`: when the next attempt is due (epoch ms), for the states that wait for one. */
	setState(state: SyncState, error?: string | null, retryAt?: number | null): void;
	setPending(count: number): void;
	setRejected(count: number): void;
	setProgress(received: number, total: number | null, initial: boolean): void;
	markSynced(at?: string): void;
}

export interface SyncControllerOptions {
	/** The member's local replicas and their hooks (store/replica-port.ts). */
	replica: ReplicaPort;
	/** e.g. `location.origin + '/couch'` (or a meetup hub's address) */
	remoteBase: string;
	username: string;
	fetch?: typeof fetch;
	status: StatusSink;
	network?: NetworkWatch;
	/** Retry delay per attempt (tests shorten it). */
	delay?: (attempt: number) => number;
	/**
	 * Where to certify the device's signing key before replicating: by default the
	 * remote's own `/api` when `remoteBase` ends in `/couch`; null for a hub (it cannot certify).
	 */
	deviceApi?: string | null;
	/** Replicate `community` only (a hub: private databases stay between device and home server). */
	communityOnly?: boolean;
	/**
	 * Push only signed community documents (the remote requires signatures): by default when the
	 * device is certified through `deviceApi`; a hub's controller sets it too.
	 */
	signedOnly?: boolean;
	/**
	 * Where `community` pulls into instead of the community replica (a hub's staging database:
	 * an untrusted relay's documents are verified before they reach community, sync/hub-verify.ts).
	 */
	pullTarget?: PouchDB.Database;
	/** Called after each pulled batch of `community` (the staging verifier's cue). */
	onPulled?: () => void;
	/**
	 * The bootstrap snapshot a first sync starts with (src/lib/sync/bootstrap.ts): by
	 * default the home server's `/api/bootstrap/community` when `remoteBase` ends in `/couch`, the
	 * device is certified there and every database replicates; never for a hub (null).
	 */
	bootstrapUrl?: string | null;
	/**
	 * Where the time of the last complete sync is kept on the device (replica state), so the
	 * "This device" page and the header show it after a restart. Default: LAST_SYNC_KEYS.server.
	 */
	lastSyncKey?: string;
	/**
	 * The server answered that the member's account was deleted (on another device, or on this
	 * one): called once, after the controller stopped for good; the caller removes the data.
	 */
	onAccountDeleted?: () => void;
}

export interface SyncController {
	/** Starts replication when online (and follows online/offline events). */
	start(): void;
	/** Restarts replication now, skipping any backoff wait (also after signing in again). */
	syncNow(): void;
	/** Stops replication and removes listeners. */
	stop(): Promise<void>;
	/** Resolves when both replications are paused with nothing left to transfer (for tests). */
	idle(): Promise<void>;
}

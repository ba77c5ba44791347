/// <reference types="pouchdb-core" />
// Live two-way replication between the member's local PouchDB replicas and a remote (the home
// server or, later, a meetup hub): community ↔ {remote}/community, private ↔ {remote}/userdb-{hex}.
// Connectivity is judged from the requests themselves (replication-error.ts): a request with no
// answer means offline, a gateway's or portal's answer means the server is unreachable; both
// stop the replications and try again after an exponential, jittered delay (sooner when the
// browser reports a network coming back or the page is shown again). navigator.onLine is only a
// hint: when it says offline, nothing is tried until it changes. A 401 stops everything until
// the member signs in again (local data and pending writes are kept), except a 401 saying the
// account was deleted: then everything stops for good and `onAccountDeleted` removes the data.
// Refused documents go to the store's `rejected` table, acknowledged pushes leave its outbox.
import { COMMUNITY_DB, userDbName } from '../domain/ids';
import { ACCOUNT_DELETED_REASON } from '../domain/account-api';
import type { ReplicaPort } from '../store/replica-port';
import type { LocalDbKind } from '../store/types';
import { nextDelay } from '../domain/backoff';
import { browserNetwork, type NetworkWatch } from './network';
import { classifyError } from './replication-error';
import { ensureDeviceCertificate, isSignedDoc, uncertifiedError } from './hub-device';
import { rememberRoles, rememberServerKeys } from './hub-keys';
import { loadBootstrap, type BootstrapState } from './bootstrap';
import { watchAccountDeleted } from './account-deleted';
import { openRemote } from './remote';

/** offline: no answer at all; unreachable: something other than the server answered (replication-error.ts). */
export type SyncState = 'idle' | 'syncing' | 'offline' | 'unreachable' | 'error' | 'unauthorized';

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

/** Documents per replication batch (PouchDB's default is 100). */
export const SYNC_BATCH_SIZE = 1000;
/**
 * A first sync starts with small batches so the first screens fill soon on a slow link, then,
 * once FIRST_SYNC_RAMP_AFTER documents are in, restarts the replication (it resumes from its
 * checkpoint) with SYNC_BATCH_SIZE for fewer round trips and better compression.
 */
export const FIRST_BATCH_SIZE = 250;
export const FIRST_SYNC_RAMP_AFTER = 500;
/**
 * A request that got no answer says nothing about the server's load, so while offline the next
 * try comes at most this long after the last (the server's own outages back off to the full
 * SYNC_BACKOFF_MAX_MS).
 */
export const OFFLINE_RETRY_MAX_MS = 30_000;
/** The kept last-sync time is rewritten at most this often (the header shows the live one). */
const LAST_SYNC_WRITE_EVERY_MS = 30_000;
/** Where each remote's last complete sync time is kept (replica state). */
export const LAST_SYNC_KEYS = { server: 'lastSync.server', hub: 'lastSync.hub' } as const;

/** The last complete sync with the home server and with a hub, as kept on the device. */
export async function lastSyncTimes(replica: Pick<ReplicaPort, 'getState'>): Promise<{ server: string | null; hub: string | null }> {
	const read = async (key: string) => {
		const at = await replica.getState(key).catch(() => undefined);
		return typeof at === 'string' ? at : null;
	};
	const [server, hub] = await Promise.all([read(LAST_SYNC_KEYS.server), read(LAST_SYNC_KEYS.hub)]);
	return { server, hub };
}

type Direction = 'push' | 'pull';

/**
 * The remote's current version of a document it just refused (null when it has none): what a
 * discard of the refusal restores, since the device keeps no superseded revision. Undefined when
 * it cannot be read now.
 */
async function serverVersion(remote: PouchDB.Database, id: string): Promise<Record<string, unknown> | null | undefined> {
	try {
		return (await remote.get(id)) as Record<string, unknown>;
	} catch (err) {
		return (err as { status?: unknown }).status === 404 ? null : undefined;
	}
}

/** One replication (push or pull) of one local database. */
interface Flow {
	direction: Direction;
	handler: PouchDB.Replication.Replication<object>;
	paused: boolean;
}

interface Link {
	kind: LocalDbKind;
	local: PouchDB.Database;
	remote: PouchDB.Database;
	flows: Flow[];
}

type DeniedDoc = { id?: string; reason?: string; message?: string } | undefined;

export function createSyncController(options: SyncControllerOptions): SyncController {
	const { replica, status } = options;
	const network = options.network ?? browserNetwork();
	/** Every request of this controller: a 401 naming a deleted account stops it for good. */
	const fetchFn = watchAccountDeleted(options.fetch ?? ((input, init) => globalThis.fetch(input, init)), () => accountGone());
	let deleted = false;
	const delay = options.delay ?? ((attempt: number) => nextDelay(attempt));
	const base = options.remoteBase.replace(/\/+$/, '');
	const deviceApi = options.deviceApi === undefined ? (base.endsWith('/couch') ? base.slice(0, -'/couch'.length) + '/api' : null) : options.deviceApi;
	const signedOnly = Boolean(replica.signing) && (options.signedOnly ?? deviceApi !== null);
	const bootstrapUrl =
		options.bootstrapUrl !== undefined ? options.bootstrapUrl : deviceApi && !options.communityOnly && base.endsWith('/couch') ? `${deviceApi}/bootstrap/${COMMUNITY_DB}` : null;
	const links: Link[] = [{ kind: 'community', local: replica.community, remote: openRemote(replica.PouchDB, `${base}/${COMMUNITY_DB}`, fetchFn), flows: [] }];
	if (!options.communityOnly) {
		links.push({ kind: 'private', local: replica.private, remote: openRemote(replica.PouchDB, `${base}/${userDbName(options.username)}`, fetchFn), flows: [] });
	}
	let started = false;
	let running = false;
	let attempt = 0;
	let timer: ReturnType<typeof setTimeout> | null = null;
	let unsubscribeNetwork: () => void = () => {};
	let unsubscribeLocal: () => void = () => {};
	let received = 0;
	let total: number | null = null;
	let initial = false;
	/** The replication restarts with large batches: keep the first-sync progress across it. */
	let ramping = false;
	let batchSize = SYNC_BATCH_SIZE;
	/** The community pull continues from a loaded snapshot's seq until it has its own checkpoint. */
	let snapshotSince: number | string | undefined;
	/**
	 * Where the community push may start after a snapshot: everything in the replica up to it came
	 * from the server (bootstrap.ts localSeq), so reading it back to ask the server about it is waste.
	 */
	let pushSince: number | string | undefined;
	/** Counts connect() calls: a chain left over from an earlier connection must not act. */
	let connections = 0;
	/** Aborts the snapshot download when replication stops (offline, stop, restart). */
	let bootstrapAbort: AbortController | null = null;
	/** The snapshot load under way: a new one waits until it has written what it received. */
	let bootstrapLoad: Promise<unknown> = Promise.resolve();
	let idleWaiters: Array<() => void> = [];
	/** A sync completed since start: the time kept from an earlier run is older. */
	let syncedSinceStart = false;
	/** When the last sync time was last written to the device (live sync goes idle after every change). */
	let lastSyncWrittenMs = 0;

	const lastSyncKey = options.lastSyncKey ?? LAST_SYNC_KEYS.server;
	const log = (level: 'info' | 'warn' | 'error', message: string) => void replica.log(level, message).catch(() => {});
	const refreshCounts = async () => {
		status.setPending(await replica.pendingCount());
		status.setRejected(await replica.rejectedCount());
	};
	const refresh = () => void refreshCounts().catch(() => {});

	function clearTimer() {
		if (timer) clearTimeout(timer);
		timer = null;
	}

	function teardown() {
		running = false;
		bootstrapAbort?.abort();
		bootstrapAbort = null;
		for (const link of links) {
			for (const flow of link.flows) flow.handler.cancel();
			link.flows = [];
		}
	}

	/**
	 * Certifies the device key when the server can. Without any certificate the sync stops with
	 * the reason (shown in the status, retried with backoff): unsigned writes stay pending.
	 */
	async function certifyDevice() {
		if (!deviceApi || !replica.signing) return;
		const outcome = await ensureDeviceCertificate(replica.signing, deviceApi, fetchFn);
		await rememberServerKeys(fetchFn, deviceApi).catch(() => {}); // to verify bundles offline
		await rememberRoles(fetchFn, deviceApi).catch(() => {}); // to judge moderators' edits a hub or bundle brings
		if (!outcome.ok) {
			log('warn', `device key not certified: ${outcome.reason}`);
			if (!(await replica.signing.certificate())) throw uncertifiedError(outcome);
		} else if (outcome.registered) log('info', `device key certified (${outcome.certificate._id}); ${outcome.signedPending} pending writes signed`);
	}

	async function measureFirstSync() {
		if (ramping) {
			ramping = false;
			batchSize = SYNC_BATCH_SIZE;
			return;
		}
		const community = links[0];
		initial = (await community.local.info()).doc_count === 0;
		received = 0;
		total = null;
		batchSize = initial ? FIRST_BATCH_SIZE : SYNC_BATCH_SIZE;
		status.setProgress(received, total, initial);
		if (!initial) return;
		// The server's count only sizes the progress bar: it is asked beside the snapshot download,
		// not before it (a round trip less before the first documents; failures surface there).
		void community.remote.info().then(
			(remote) => {
				if (!initial) return;
				total = Math.max(total ?? 0, remote.doc_count);
				status.setProgress(received, total, initial);
			},
			() => {}
		);
	}

	const BOOTSTRAP_KEY = 'bootstrap.community';
	const bootstrapState = {
		get: async () => (await replica.getState(BOOTSTRAP_KEY)) as BootstrapState | undefined,
		set: (state: BootstrapState | undefined) => replica.setState(BOOTSTRAP_KEY, state)
	};

	/** A first sync (or one whose snapshot was cut off) loads the snapshot before replicating. */
	async function bootstrapFirst() {
		snapshotSince = undefined;
		pushSince = undefined;
		if (!bootstrapUrl || !running) return;
		await bootstrapLoad.catch(() => {});
		const state = await bootstrapState.get();
		if (!running || (!state && !initial)) return;
		bootstrapAbort = new AbortController();
		const load = loadBootstrap({
			signal: bootstrapAbort.signal,
			url: bootstrapUrl,
			local: links[0].local,
			...(replica.writeSnapshotPart ? { write: (docs: PouchDB.Core.PutDocument<object>[], onlySnapshotAt: number | string | null) => replica.writeSnapshotPart!(docs, onlySnapshotAt) } : {}),
			state: bootstrapState,
			fetch: fetchFn,
			onProgress: (written, docs) => {
				if (!initial) return;
				received = written;
				total = Math.max(total ?? 0, docs);
				status.setProgress(received, total, initial);
			}
		});
		bootstrapLoad = load;
		const outcome = await load;
		if (!outcome) return;
		snapshotSince = outcome.since;
		pushSince = outcome.pushSince;
		batchSize = SYNC_BATCH_SIZE; // what is left is what changed since the snapshot
		if (state?.complete !== true) log('info', `bootstrap snapshot loaded (seq ${String(outcome.since)})`);
	}

	/** The account was deleted: nothing of it may sync again; the data is the caller's to remove. */
	function accountGone() {
		if (deleted) return;
		deleted = true;
		started = false;
		clearTimer();
		teardown();
		unsubscribeNetwork();
		unsubscribeLocal();
		status.setState('unauthorized', ACCOUNT_DELETED_REASON);
		queueMicrotask(() => options.onAccountDeleted?.());
	}

	function onFailure(err: unknown) {
		if (!running) return;
		teardown();
		const { kind, reason } = classifyError(err);
		if (kind === 'unauthorized') {
			status.setState('unauthorized', reason);
			log('warn', `sync stopped: ${reason}`);
			return; // no retry: syncNow() after signing in again
		}
		clearTimer();
		if (!network.isOnline()) return status.setState('offline'); // the 'online' event brings it back
		const offline = kind === 'offline';
		const wait = offline ? Math.min(delay(attempt++), OFFLINE_RETRY_MAX_MS) : delay(attempt++);
		status.setState(kind, reason, Date.now() + wait);
		log(offline ? 'info' : 'warn', `sync ${offline ? 'found no connection' : 'failed'} (${reason}); retry ${attempt} in ${wait} ms`);
		timer = setTimeout(() => connect(), wait);
	}

	function onPaused(flow: Flow, err: unknown) {
		if (err) return onFailure(err);
		flow.paused = true;
		if (snapshotSince !== undefined && flow.direction === 'pull' && flow === links[0].flows[0]) {
			// caught up from the snapshot's seq: the replication's own checkpoint takes over
			snapshotSince = undefined;
			void bootstrapState.set(undefined).catch(() => {});
		}
		// idle once every flow has caught up (a push may pause before the first pull even starts)
		if (links.every((l) => l.flows.length > 0 && l.flows.every((f) => f.paused))) {
			attempt = 0;
			if (initial) {
				initial = false;
				status.setProgress(received, total, false);
			}
			status.setState('idle');
			const at = new Date().toISOString();
			syncedSinceStart = true;
			status.markSynced(at);
			if (Date.now() - lastSyncWrittenMs >= LAST_SYNC_WRITE_EVERY_MS) {
				lastSyncWrittenMs = Date.now();
				void replica.setState(lastSyncKey, at).catch(() => {});
			}
			refresh();
			const waiters = idleWaiters;
			idleWaiters = [];
			waiters.forEach((resolve) => resolve());
		}
	}

	function onChange(link: Link, direction: Direction, info: PouchDB.Replication.ReplicationResult<object>) {
		const docs = info.docs as Array<{ _id: string; _rev?: string }>;
		if (direction === 'push') {
			void replica.acknowledge(link.kind, docs).then(refresh, () => {});
		} else if (link.kind === 'community') {
			options.onPulled?.();
			received += docs.length;
			const pending = (info as { pending?: number }).pending;
			if (initial && typeof pending === 'number') total = Math.max(total ?? 0, received + pending);
			status.setProgress(received, total, initial);
			if (initial && batchSize < SYNC_BATCH_SIZE && received >= FIRST_SYNC_RAMP_AFTER && !ramping) {
				ramping = true;
				queueMicrotask(() => {
					if (!running) return void (ramping = false);
					teardown();
					connect();
				});
			}
		}
	}

	function onDenied(link: Link, doc: DeniedDoc) {
		const id = doc?.id;
		if (!id) return;
		const reason = doc.reason ?? doc.message ?? 'refused by the server';
		log('warn', `refused ${id}: ${reason}`);
		void serverVersion(link.remote, id)
			.then((previous) => replica.recordDenied(link.kind, id, reason, previous))
			.then(refresh, () => {});
	}

	function watch(link: Link, direction: Direction, handler: PouchDB.Replication.Replication<object>): Flow {
		const flow: Flow = { direction, handler, paused: false };
		handler
			.on('change', (info) => onChange(link, direction, info))
			.on('active', () => {
				flow.paused = false;
				status.setState('syncing');
			})
			.on('paused', (err) => onPaused(flow, err))
			.on('denied', (doc) => {
				if (direction === 'push') onDenied(link, doc as DeniedDoc);
			})
			.on('error', (err) => onFailure(err));
		return flow;
	}

	function connect() {
		clearTimer();
		if (!started || running) return;
		if (!network.isOnline()) return status.setState('offline');
		running = true;
		status.setState('syncing');
		const generation = ++connections;
		const current = () => running && generation === connections;
		// Certifying the device is only needed before pushing: the snapshot downloads meanwhile.
		const certified = certifyDevice();
		certified.catch(() => {}); // reported once the chain below reaches it
		void measureFirstSync()
			.then(() => (current() ? bootstrapFirst() : undefined))
			.then(() => certified)
			.then(() => {
				if (!current()) return;
				for (const link of links) {
					// Up to 1,000 documents a batch: a first sync of 10,000 takes 5× fewer round trips (each batch
					// costs a _changes, a _bulk_get and checkpoint reads/writes) and compresses better
					// (bench/initial-sync.ts: see the README's Benchmarks section for before/after).
					const opts = { live: true, retry: false, batch_size: batchSize };
					// unsigned community writes wait on the device until they are signed
					const signedPush = signedOnly && link.kind === 'community' ? { ...opts, filter: isSignedDoc } : opts;
					const pushOpts = link === links[0] && pushSince !== undefined ? { ...signedPush, since: pushSince } : signedPush;
					const since = link === links[0] && snapshotSince !== undefined ? { since: snapshotSince } : {};
					const pullInto = link.kind === 'community' && options.pullTarget ? options.pullTarget : link.local;
					link.flows = [
						watch(link, 'pull', pullInto.replicate.from(link.remote, { ...opts, ...since })),
						watch(link, 'push', link.local.replicate.to(link.remote, pushOpts))
					];
				}
			})
			.catch((err: unknown) => {
				if (generation === connections) onFailure(err);
			});
	}

	/** A hint that a connection may be back: try now instead of at the end of the wait. */
	function onNetwork(online: boolean) {
		if (!started) return;
		if (online) {
			attempt = 0;
			connect();
		} else {
			clearTimer();
			teardown();
			status.setState('offline');
		}
	}

	return {
		start() {
			if (started || deleted) return;
			started = true;
			unsubscribeNetwork = network.subscribe(onNetwork);
			unsubscribeLocal = replica.onLocalChange(refresh);
			refresh();
			void replica.getState(lastSyncKey).then(
				(at) => {
					if (!syncedSinceStart && typeof at === 'string' && !Number.isNaN(Date.parse(at))) status.markSynced(at);
				},
				() => {}
			);
			connect();
		},
		syncNow() {
			if (!started) return this.start();
			attempt = 0;
			teardown();
			connect();
		},
		async stop() {
			started = false;
			clearTimer();
			teardown();
			unsubscribeNetwork();
			unsubscribeLocal();
			await Promise.all(links.map((l) => l.remote.close().catch(() => {})));
		},
		idle() {
			return new Promise<void>((resolve) => idleWaiters.push(resolve));
		}
	};
}

/// <reference types="pouchdb-core" />
// Live two-way replication between the member's local PouchDB replicas and a remote (the home
// server or a meetup hub). This shell wires the parts: the states and their rules (state.ts),
// the first sync's progress and snapshot (first-sync.ts, snapshot.ts), device certification
// (certify.ts), the live replications (flows.ts), the retry timer (retry.ts), the last-sync
// time (last-sync.ts) and the sync log (report.ts).
//
// Connectivity is judged from the requests themselves (replication-error.ts): a request with no
// answer means offline, a gateway's or portal's answer means the server is unreachable; both
// stop the replications and try again after an exponential, jittered delay (sooner when the
// browser reports a network coming back or the page is shown again). navigator.onLine is only a
// hint: when it says offline, nothing is tried until it changes. A 401 stops everything until
// the member signs in again (local data and pending writes are kept), except a 401 saying the
// account was deleted: then everything stops for good and `onAccountDeleted` removes the data.
// A 429 (the server asks to slow down) waits as long as its Retry-After says and tries again; a
// 403 `suspended` stops only the pushes, tried again every SUSPENDED_RETRY_MS, while pulling
// goes on. Neither marks a write refused: the outbox keeps them all.
import { browserNetwork } from '../network';
import { classifyError } from '../replication-error';
import { watchAccountDeleted } from '../account-deleted';
import { withRetryAfter } from '../retry-after';
import { certifyDevice } from './certify';
import { FirstSync } from './first-sync';
import {
	acknowledge,
	allPaused,
	cancelFlows,
	cancelPushes,
	closeRemotes,
	isCommunityPull,
	openLinks,
	recordRefusal,
	refusal,
	startFlows,
	type FlowEvents
} from './flows';
import { LastSync } from './last-sync';
import { syncLog } from './report';
import { Retry } from './retry';
import { controllerSettings } from './settings';
import { Snapshot } from './snapshot';
import {
	isConnected,
	isCurrent,
	isStarted,
	statusOf,
	SUSPENDED_RETRY_MS,
	transition,
	type ControllerEvent,
	type ControllerState
} from './state';
import type { SyncController, SyncControllerOptions } from './types';

export type { SyncState, StatusSink, SyncControllerOptions, SyncController } from './types';
export type { ControllerState } from './state';
export { SYNC_BATCH_SIZE, FIRST_BATCH_SIZE, FIRST_SYNC_RAMP_AFTER } from './first-sync';
export { OFFLINE_RETRY_MAX_MS } from './retry';
export { LAST_SYNC_KEYS, lastSyncTimes } from './last-sync';

export function createSyncController(options: SyncControllerOptions): SyncController {
	const { replica, status } = options;
	const settings = controllerSettings(options, Boolean(replica.signing));
	const network = options.network ?? browserNetwork();
	const log = syncLog(replica);
	/** Every request of this controller: a 401 naming a deleted account stops it for good. */
	const fetchFn = watchAccountDeleted(
		withRetryAfter(options.fetch ?? ((input, init) => globalThis.fetch(input, init))),
		() => dispatch({ type: 'account-deleted' })
	);
	const links = openLinks(replica, settings.base, options.username, settings.communityOnly, fetchFn);
	const retry = new Retry(options.delay);
	const firstSync = new FirstSync(status, links[0]);
	const snapshot = new Snapshot({ url: settings.bootstrapUrl, replica, fetch: fetchFn, log });
	const lastSync = new LastSync(replica, settings.lastSyncKey, status, log);

	let state: ControllerState = { name: 'idle' };
	/** Numbers connections; a number is used up even when its connect is ignored (only equality counts). */
	let generations = 0;
	let idleWaiters: Array<() => void> = [];
	let unsubscribe: () => void = () => {};

	const refresh = () => {
		void (async () => {
			status.setPending(await replica.pendingCount());
			status.setRejected(await replica.rejectedCount());
		})().catch((err: unknown) => log.failed('count the waiting and refused writes', err));
	};

	/** Moves to the state `event` leads to, and does what leaving the old one and entering the new one takes. */
	function dispatch(event: ControllerEvent): void {
		const previous = state;
		const next = transition(previous, event);
		if (next === previous) return;
		state = next;
		if (previous.name === 'backing-off' || previous.name === 'suspended') retry.cancel();
		if (isConnected(previous) && !isCurrent(next, previous.generation)) endConnection();
		if (!isStarted(next) && isStarted(previous)) unsubscribe();
		const report = statusOf(next);
		if (report) status.setState(report.state, report.error, report.retryAt);
		enter(next);
	}

	function enter(next: ControllerState): void {
		switch (next.name) {
			case 'connecting':
				return connect(next.generation, next.ramped);
			case 'backing-off': {
				const calm = next.cause === 'offline' || next.cause === 'throttled';
				retry.schedule(next.waitMs, () =>
					dispatch({ type: 'connect', online: network.isOnline(), generation: ++generations })
				);
				const what = next.cause === 'offline' ? 'found no connection' : calm ? 'was asked to slow down' : 'failed';
				return log[calm ? 'info' : 'warn'](
					`sync ${what} (${next.reason}); retry ${retry.attempt} in ${next.waitMs} ms`
				);
			}
			case 'suspended':
				// the pulls keep the device up to date; the writes wait in the outbox
				cancelPushes(links);
				retry.schedule(Math.max(0, next.retryAt - Date.now()), () =>
					dispatch({ type: 'connect', online: network.isOnline(), generation: ++generations, restart: true })
				);
				return log.warn(`sending paused: ${next.reason}`);
			case 'unauthorized':
				// no retry: syncNow() after signing in again
				return log.warn(`sync stopped: ${next.reason}`);
			case 'account-deleted':
				return queueMicrotask(() => options.onAccountDeleted?.());
		}
	}

	function endConnection(): void {
		snapshot.abort();
		cancelFlows(links);
	}

	function fail(err: unknown): void {
		// a failure of a connection that already ended (stopped, replaced, gone offline) is moot
		if (!isConnected(state)) return;
		const { kind, reason, waitMs } = classifyError(err);
		// the server's own Retry-After when it asked to slow down, else the backoff
		const wait = kind === 'suspended' ? SUSPENDED_RETRY_MS : (waitMs ?? retry.wait(kind));
		dispatch({ type: 'failed', kind, reason, online: network.isOnline(), now: Date.now(), waitMs: wait });
	}

	/** A connection: certify and (first sync) load the snapshot, then start the live replications. */
	function connect(generation: number, ramped: boolean): void {
		const current = () => isCurrent(state, generation);
		// Certifying the device is only needed before pushing: the snapshot downloads meanwhile.
		const certified = certifyDevice({ signing: replica.signing, deviceApi: settings.deviceApi, fetch: fetchFn, log });
		certified.catch(() => {
			// not lost: the chain below awaits `certified` and reports its failure once it gets there
		});
		void firstSync
			.measure(ramped)
			.then(() =>
				current() ? snapshot.load(current, firstSync, () => dispatch({ type: 'snapshot', generation })) : undefined
			)
			.then(() => certified)
			.then(() => {
				if (!current()) return;
				dispatch({ type: 'flows-started', generation });
				const plan = {
					batchSize: firstSync.batchSize,
					signedOnly: settings.signedOnly,
					pullTarget: options.pullTarget,
					pullSince: snapshot.since,
					pushSince: snapshot.pushSince
				};
				startFlows(links, plan, flowEvents(generation));
			})
			.catch((err: unknown) => {
				// a connection replaced or ended meanwhile has nothing left to fail
				if (current()) fail(err);
			});
	}

	function flowEvents(generation: number): FlowEvents {
		return {
			change(link, direction, info) {
				if (direction === 'push') {
					void acknowledge(replica, link, info).then(refresh, (err: unknown) =>
						log.failed(`acknowledge pushed ${link.kind} writes`, err)
					);
					return;
				}
				if (link.kind !== 'community') return;
				options.onPulled?.();
				const pending = (info as { pending?: number }).pending;
				if (firstSync.pulled(info.docs.length, pending) && state.name === 'live') rampUp(generation);
			},
			active: () => dispatch({ type: 'active' }),
			paused(flow) {
				if (isCommunityPull(links, flow)) snapshot.pulledPast();
				if (allPaused(links)) caughtUp();
			},
			denied(link, doc) {
				const refused = refusal(doc);
				if (!refused) return;
				log.warn(`refused ${refused.id}: ${refused.reason}`);
				void recordRefusal(replica, link, refused).then(refresh, (err: unknown) =>
					log.failed(`record the refusal of ${refused.id}`, err)
				);
			},
			failed: fail
		};
	}

	/** The first sync has enough: restart its replications (from their checkpoints) with large batches. */
	function rampUp(generation: number): void {
		dispatch({ type: 'ramp' });
		queueMicrotask(() => {
			// anything that ended the connection meanwhile (a failure, stop, syncNow) wins over the ramp
			if (state.name !== 'ramping' || state.generation !== generation) return;
			dispatch({ type: 'connect', online: network.isOnline(), generation: ++generations, restart: true, ramped: true });
		});
	}

	function caughtUp(): void {
		retry.reset();
		firstSync.caughtUp();
		dispatch({ type: 'caught-up' });
		lastSync.record();
		refresh();
		const waiters = idleWaiters;
		idleWaiters = [];
		waiters.forEach((resolve) => resolve());
	}

	/** A hint that a connection may be back: try now instead of at the end of the wait. */
	function onNetwork(online: boolean): void {
		if (!isStarted(state)) return;
		if (!online) return dispatch({ type: 'network-lost' });
		retry.reset();
		dispatch({ type: 'connect', online: network.isOnline(), generation: ++generations });
	}

	return {
		start() {
			if (state.name !== 'idle' && state.name !== 'stopped') return;
			const unsubscribeNetwork = network.subscribe(onNetwork);
			const unsubscribeLocal = replica.onLocalChange(refresh);
			unsubscribe = () => {
				unsubscribeNetwork();
				unsubscribeLocal();
			};
			refresh();
			lastSync.restore();
			dispatch({ type: 'start', online: network.isOnline(), generation: ++generations });
		},
		syncNow() {
			if (!isStarted(state)) return this.start();
			retry.reset();
			dispatch({ type: 'connect', online: network.isOnline(), generation: ++generations, restart: true });
		},
		async stop() {
			dispatch({ type: 'stop' });
			await closeRemotes(links, log);
		},
		idle() {
			return new Promise<void>((resolve) => idleWaiters.push(resolve));
		}
	};
}

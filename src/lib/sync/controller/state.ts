// The states of a sync controller and the pure rules that move it from one to the next. The
// shell (index.ts) feeds every event through `transition` and acts on the state it gets back:
// it opens or tears down the connection, schedules the retry and reports `statusOf` the new
// state. An event a state does not expect returns that same state object, so "nothing changed"
// is `next === state`.
import { ACCOUNT_DELETED_REASON } from '../../domain/account-api';
import type { ErrorKind } from '../replication-error';
import type { SyncState } from './types';

/** While suspended, pushing is tried again this often (the suspension may be lifted any time). */
export const SUSPENDED_RETRY_MS = 15 * 60_000;

/**
 * Where the controller stands. `generation` numbers a connection (certification, snapshot and
 * the live replications started from it), so work left over from an earlier one can tell.
 */
export type ControllerState =
	/** Created, not started yet. */
	| { name: 'idle' }
	/** The browser is sure there is no network: nothing is tried until it says otherwise. */
	| { name: 'offline' }
	/**
	 * A try failed and the next one is due at `retryAt`: no answer at all (`offline`),
	 * something other than the server answered (`unreachable`), or the server's own `error`.
	 * `waitMs`: how long after the failure that is.
	 */
	| { name: 'backing-off'; cause: RetryCause; reason: string; retryAt: number; waitMs: number }
	/**
	 * A connection starting: certifying the device and measuring what a first sync must fetch.
	 * `ramped`: it restarts a first sync with large batches (keep its progress).
	 */
	| { name: 'connecting'; generation: number; ramped: boolean }
	/** A first sync loading the bootstrap snapshot before it replicates (sync/bootstrap.ts). */
	| { name: 'bootstrapping'; generation: number }
	/** The replications run; `caughtUp` once every one has paused with nothing to transfer. */
	| { name: 'live'; generation: number; caughtUp: boolean }
	/**
	 * The server refuses the member's writes while their account is suspended (`reason`, its
	 * words): the pulls of this connection go on, the pushes stop and are tried again at
	 * `retryAt`; every write waits in the outbox, none is marked refused.
	 */
	| { name: 'suspended'; generation: number; reason: string; retryAt: number }
	/** A first sync got enough in small batches: its replications restart with large ones. */
	| { name: 'ramping'; generation: number }
	/** A 401: nothing is tried until the member signs in again (syncNow) or the network comes back. */
	| { name: 'unauthorized'; reason: string }
	/** The server said the account was deleted: nothing syncs again, ever. */
	| { name: 'account-deleted' }
	/** stop() was called; start() may start it again. */
	| { name: 'stopped' };

export type StateName = ControllerState['name'];
export type RetryCause = Exclude<ErrorKind, 'unauthorized' | 'suspended'>;
/** The states that hold a connection (and its replications). */
export type Connected = Extract<ControllerState, { generation: number }>;

export type ControllerEvent =
	/** start(), or syncNow() before it. */
	| { type: 'start'; online: boolean; generation: number }
	/**
	 * Try now: the retry is due, the network may be back, or (`restart`) syncNow() or a ramp
	 * replaces the connection under way.
	 */
	| { type: 'connect'; online: boolean; generation: number; restart?: boolean; ramped?: boolean }
	/** The connection's first sync starts loading the snapshot. */
	| { type: 'snapshot'; generation: number }
	/** The connection starts its live replications. */
	| { type: 'flows-started'; generation: number }
	/** A replication is transferring again. */
	| { type: 'active' }
	/** Every replication paused with nothing left to transfer. */
	| { type: 'caught-up' }
	/** A first sync reached the size where large batches pay. */
	| { type: 'ramp' }
	/**
	 * The connection failed (replication-error.ts `kind`); `waitMs`: the wait before the next try
	 * (the backoff, or the server's Retry-After when it asked to slow down).
	 */
	| { type: 'failed'; kind: ErrorKind; reason: string; online: boolean; now: number; waitMs: number }
	/** The browser reports the network gone. */
	| { type: 'network-lost' }
	| { type: 'stop' }
	| { type: 'account-deleted' };

export function isConnected(state: ControllerState): state is Connected {
	return 'generation' in state;
}

/** Whether `generation` is the connection the controller holds now. */
export function isCurrent(state: ControllerState, generation: number): boolean {
	return isConnected(state) && state.generation === generation;
}

/** Started and not stopped: the network and local changes are followed. */
export function isStarted(state: ControllerState): boolean {
	return state.name !== 'idle' && state.name !== 'stopped' && state.name !== 'account-deleted';
}

export function transition(state: ControllerState, event: ControllerEvent): ControllerState {
	switch (event.type) {
		case 'start':
			return state.name === 'idle' || state.name === 'stopped' ? open(event.online, event.generation, false) : state;
		case 'connect':
			if (!isStarted(state) || (isConnected(state) && !event.restart)) return state;
			return open(event.online, event.generation, event.ramped ?? false);
		case 'snapshot':
			return state.name === 'connecting' && state.generation === event.generation
				? { name: 'bootstrapping', generation: event.generation }
				: state;
		case 'flows-started':
			return (state.name === 'connecting' || state.name === 'bootstrapping') && state.generation === event.generation
				? { name: 'live', generation: event.generation, caughtUp: false }
				: state;
		case 'active':
			return state.name === 'live' && state.caughtUp ? { ...state, caughtUp: false } : state;
		case 'caught-up':
			// while ramping the replications are about to restart: the restart wins
			return state.name === 'live' && !state.caughtUp ? { ...state, caughtUp: true } : state;
		case 'ramp':
			return state.name === 'live' ? { name: 'ramping', generation: state.generation } : state;
		case 'failed':
			if (!isConnected(state)) return state;
			// a second push refused the same way while suspended changes nothing
			if (event.kind === 'suspended' && state.name === 'suspended') return state;
			return afterFailure(state.generation, event);
		case 'network-lost':
			return isStarted(state) ? { name: 'offline' } : state;
		case 'stop':
			// a deleted account stays deleted: start() must not bring it back
			return state.name === 'account-deleted' || state.name === 'stopped' ? state : { name: 'stopped' };
		case 'account-deleted':
			return state.name === 'account-deleted' ? state : { name: 'account-deleted' };
	}
}

/** Opening a connection; when the browser is sure there is no network, only its event helps. */
function open(online: boolean, generation: number, ramped: boolean): ControllerState {
	return online ? { name: 'connecting', generation, ramped } : { name: 'offline' };
}

/**
 * A 401 waits for the member (retrying blindly would not sign them in); a suspension keeps the
 * connection pulling and tries pushing again rarely; with the browser sure it is offline, its
 * 'online' event brings the next try; anything else (a 429 too) retries after `waitMs`.
 */
function afterFailure(generation: number, event: Extract<ControllerEvent, { type: 'failed' }>): ControllerState {
	if (event.kind === 'unauthorized') return { name: 'unauthorized', reason: event.reason };
	if (event.kind === 'suspended')
		return { name: 'suspended', generation, reason: event.reason, retryAt: event.now + SUSPENDED_RETRY_MS };
	if (!event.online) return { name: 'offline' };
	return {
		name: 'backing-off',
		cause: event.kind,
		reason: event.reason,
		retryAt: event.now + event.waitMs,
		waitMs: event.waitMs
	};
}

export interface StatusReport {
	state: SyncState;
	error: string | null;
	retryAt: number | null;
}

/** What the member is told in a state (SyncStatus); null: nothing new to tell (idle, stopped). */
export function statusOf(state: ControllerState): StatusReport | null {
	const report = (syncState: SyncState, error: string | null = null, retryAt: number | null = null): StatusReport => ({
		state: syncState,
		error,
		retryAt
	});
	switch (state.name) {
		case 'idle':
		case 'stopped':
			return null;
		case 'offline':
			return report('offline');
		case 'backing-off':
			return report(state.cause, state.reason, state.retryAt);
		case 'connecting':
		case 'bootstrapping':
		case 'ramping':
			return report('syncing');
		case 'live':
			return report(state.caughtUp ? 'idle' : 'syncing');
		case 'suspended':
			return report('suspended', state.reason);
		case 'unauthorized':
			return report('unauthorized', state.reason);
		case 'account-deleted':
			return report('unauthorized', ACCOUNT_DELETED_REASON);
	}
}

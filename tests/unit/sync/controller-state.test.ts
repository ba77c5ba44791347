// The sync controller's states and their rules, without a network or a replica: which event
// moves which state where, which it ignores, and what the member is told in each.
import { describe, expect, it } from 'vitest';
import {
	isConnected,
	isCurrent,
	isStarted,
	statusOf,
	transition,
	SUSPENDED_RETRY_MS,
	type ControllerEvent,
	type ControllerState
} from '../../../src/lib/sync/controller/state';
import { ACCOUNT_DELETED_REASON } from '../../../src/lib/domain/account-api';
import type { ErrorKind } from '../../../src/lib/sync/replication-error';

const idle: ControllerState = { name: 'idle' };
const offline: ControllerState = { name: 'offline' };
const connecting: ControllerState = { name: 'connecting', generation: 1, ramped: false };
const bootstrapping: ControllerState = { name: 'bootstrapping', generation: 1 };
const live: ControllerState = { name: 'live', generation: 1, caughtUp: false };
const caughtUp: ControllerState = { name: 'live', generation: 1, caughtUp: true };
const ramping: ControllerState = { name: 'ramping', generation: 1 };
const backingOff: ControllerState = {
	name: 'backing-off',
	cause: 'unreachable',
	reason: 'The server is not answering.',
	retryAt: 1_050,
	waitMs: 50
};
const unauthorized: ControllerState = { name: 'unauthorized', reason: 'Your session has expired: sign in again.' };
const deleted: ControllerState = { name: 'account-deleted' };
const stopped: ControllerState = { name: 'stopped' };
const all = [
	idle,
	offline,
	connecting,
	bootstrapping,
	live,
	caughtUp,
	ramping,
	backingOff,
	unauthorized,
	deleted,
	stopped
];
const connected = [connecting, bootstrapping, live, caughtUp, ramping];

const failed = (kind: ErrorKind, online = true): Extract<ControllerEvent, { type: 'failed' }> => ({
	type: 'failed',
	kind,
	reason: `because ${kind}`,
	online,
	now: 1_000,
	waitMs: 50
});

describe('sync controller states', () => {
	it('starts from idle or stopped only: connecting when online, offline when the browser is sure', () => {
		expect(transition(idle, { type: 'start', online: true, generation: 1 })).toEqual({
			name: 'connecting',
			generation: 1,
			ramped: false
		});
		expect(transition(stopped, { type: 'start', online: false, generation: 2 })).toEqual({ name: 'offline' });
		for (const state of [offline, backingOff, unauthorized, deleted, ...connected])
			expect(transition(state, { type: 'start', online: true, generation: 9 })).toBe(state);
	});

	it('connects from a waiting state, never over a running connection unless restarting', () => {
		for (const state of [offline, backingOff, unauthorized]) {
			expect(transition(state, { type: 'connect', online: true, generation: 5 })).toEqual({
				name: 'connecting',
				generation: 5,
				ramped: false
			});
			expect(transition(state, { type: 'connect', online: false, generation: 5 })).toEqual({ name: 'offline' });
		}
		for (const state of connected) {
			expect(transition(state, { type: 'connect', online: true, generation: 5 })).toBe(state);
			expect(transition(state, { type: 'connect', online: true, generation: 5, restart: true })).toEqual({
				name: 'connecting',
				generation: 5,
				ramped: false
			});
		}
		expect(transition(ramping, { type: 'connect', online: true, generation: 5, restart: true, ramped: true })).toEqual({
			name: 'connecting',
			generation: 5,
			ramped: true
		});
		// not started, stopped or gone for good: a timer or a network hint left behind does nothing
		for (const state of [idle, stopped, deleted])
			expect(transition(state, { type: 'connect', online: true, generation: 5, restart: true })).toBe(state);
	});

	it('goes through the snapshot to live replication, for the current connection only', () => {
		expect(transition(connecting, { type: 'snapshot', generation: 1 })).toEqual(bootstrapping);
		expect(transition(connecting, { type: 'snapshot', generation: 2 })).toBe(connecting);
		expect(transition(connecting, { type: 'flows-started', generation: 1 })).toEqual(live);
		expect(transition(bootstrapping, { type: 'flows-started', generation: 1 })).toEqual(live);
		expect(transition(bootstrapping, { type: 'flows-started', generation: 0 })).toBe(bootstrapping);
		expect(transition(backingOff, { type: 'flows-started', generation: 1 })).toBe(backingOff);
	});

	it('is caught up once every replication paused, and syncing again when one is active', () => {
		expect(transition(live, { type: 'caught-up' })).toEqual(caughtUp);
		expect(transition(caughtUp, { type: 'caught-up' })).toBe(caughtUp);
		expect(transition(caughtUp, { type: 'active' })).toEqual(live);
		expect(transition(live, { type: 'active' })).toBe(live);
		// a ramp under way restarts the replications: catching up does not cancel it
		expect(transition(ramping, { type: 'caught-up' })).toBe(ramping);
		expect(transition(connecting, { type: 'caught-up' })).toBe(connecting);
	});

	it('ramps up from live replication only', () => {
		expect(transition(live, { type: 'ramp' })).toEqual(ramping);
		expect(transition(caughtUp, { type: 'ramp' })).toEqual(ramping);
		for (const state of [connecting, bootstrapping, ramping, offline, backingOff])
			expect(transition(state, { type: 'ramp' })).toBe(state);
	});

	it('after a failure: waits for a sign-in on 401, for the browser when it is sure, else backs off', () => {
		for (const state of connected) {
			expect(transition(state, failed('unauthorized'))).toEqual({
				name: 'unauthorized',
				reason: 'because unauthorized'
			});
			expect(transition(state, failed('unreachable', false))).toEqual(offline);
			expect(transition(state, failed('offline'))).toEqual({
				name: 'backing-off',
				cause: 'offline',
				reason: 'because offline',
				retryAt: 1_050,
				waitMs: 50
			});
			expect(transition(state, failed('error'))).toMatchObject({ name: 'backing-off', cause: 'error', retryAt: 1_050 });
		}
		// a failure reported after the connection ended (a late replication error) changes nothing
		for (const state of [idle, offline, backingOff, unauthorized, deleted, stopped])
			expect(transition(state, failed('error'))).toBe(state);
	});

	it('goes offline when the network is lost, from any started state', () => {
		for (const state of [offline, backingOff, unauthorized, ...connected])
			expect(transition(state, { type: 'network-lost' })).toEqual(offline);
		for (const state of [idle, stopped, deleted]) expect(transition(state, { type: 'network-lost' })).toBe(state);
	});

	it('stops from anywhere but a deleted account, which stays deleted for good', () => {
		for (const state of all.filter((s) => s !== deleted && s !== stopped))
			expect(transition(state, { type: 'stop' })).toEqual(stopped);
		expect(transition(stopped, { type: 'stop' })).toBe(stopped);
		expect(transition(deleted, { type: 'stop' })).toBe(deleted);
		for (const state of all.filter((s) => s !== deleted))
			expect(transition(state, { type: 'account-deleted' })).toEqual(deleted);
		expect(transition(deleted, { type: 'account-deleted' })).toBe(deleted);
		expect(transition(deleted, { type: 'start', online: true, generation: 3 })).toBe(deleted);
	});

	it('tells the member what each state means', () => {
		expect(statusOf(idle)).toBeNull();
		expect(statusOf(stopped)).toBeNull();
		expect(statusOf(offline)).toEqual({ state: 'offline', error: null, retryAt: null });
		expect(statusOf({ ...backingOff, cause: 'offline' })).toEqual({
			state: 'offline',
			error: 'The server is not answering.',
			retryAt: 1_050
		});
		expect(statusOf(backingOff)).toEqual({
			state: 'unreachable',
			error: 'The server is not answering.',
			retryAt: 1_050
		});
		for (const state of [connecting, bootstrapping, ramping, live])
			expect(statusOf(state)).toEqual({ state: 'syncing', error: null, retryAt: null });
		expect(statusOf(caughtUp)).toEqual({ state: 'idle', error: null, retryAt: null });
		expect(statusOf(unauthorized)).toEqual({
			state: 'unauthorized',
			error: 'Your session has expired: sign in again.',
			retryAt: null
		});
		expect(statusOf(deleted)).toEqual({ state: 'unauthorized', error: ACCOUNT_DELETED_REASON, retryAt: null });
	});

	it('names which states hold a connection, and which are started', () => {
		expect(all.filter(isConnected)).toEqual(connected);
		expect(all.filter(isStarted)).toEqual([
			offline,
			connecting,
			bootstrapping,
			live,
			caughtUp,
			ramping,
			backingOff,
			unauthorized
		]);
		expect(isCurrent(live, 1)).toBe(true);
		expect(isCurrent(live, 2)).toBe(false);
		expect(isCurrent(backingOff, 1)).toBe(false);
	});

	it('waits as long as the server asked when told to slow down, calmly', () => {
		for (const state of connected) {
			const next = transition(state, { ...failed('throttled'), reason: 'You are writing faster…', waitMs: 12_000 });
			expect(next).toEqual({
				name: 'backing-off',
				cause: 'throttled',
				reason: 'You are writing faster…',
				retryAt: 13_000,
				waitMs: 12_000
			});
			expect(statusOf(next)).toEqual({ state: 'throttled', error: 'You are writing faster…', retryAt: 13_000 });
		}
	});

	it('keeps the connection pulling while suspended, and tries pushing again rarely', () => {
		const suspended: ControllerState = {
			name: 'suspended',
			generation: 1,
			reason: 'Your account is suspended until 10 December 2026: spam.',
			retryAt: 1_000 + SUSPENDED_RETRY_MS
		};
		for (const state of connected)
			expect(transition(state, { ...failed('suspended'), reason: suspended.reason })).toEqual(suspended);
		expect(isConnected(suspended)).toBe(true);
		expect(isCurrent(suspended, 1)).toBe(true);
		expect(isStarted(suspended)).toBe(true);
		// the second push refused the same way, pulls' progress: nothing changes
		expect(transition(suspended, failed('suspended'))).toBe(suspended);
		for (const event of [{ type: 'active' }, { type: 'caught-up' }, { type: 'ramp' }] as ControllerEvent[])
			expect(transition(suspended, event)).toBe(suspended);
		expect(transition(suspended, { type: 'connect', online: true, generation: 2 })).toBe(suspended);
		// its retry (or syncNow) opens a new connection, which pushes again
		expect(transition(suspended, { type: 'connect', online: true, generation: 2, restart: true })).toEqual({
			name: 'connecting',
			generation: 2,
			ramped: false
		});
		// a pull failing meanwhile is handled as any failure
		expect(transition(suspended, failed('offline'))).toMatchObject({ name: 'backing-off', cause: 'offline' });
		expect(transition(suspended, { type: 'network-lost' })).toEqual(offline);
		expect(transition(suspended, { type: 'stop' })).toEqual(stopped);
		expect(statusOf(suspended)).toEqual({ state: 'suspended', error: suspended.reason, retryAt: null });
	});
});

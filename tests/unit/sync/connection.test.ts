// What the member is told about the connection, from the home server's and a hub's sync states.
import { describe, expect, it } from 'vitest';
import {
	describeConnection,
	OFFLINE_TEXT,
	retryText,
	sendHint,
	SIGNED_OUT_TEXT,
	SUSPENDED_TEXT,
	SYNC_FAILED_TEXT,
	THROTTLED_TEXT,
	UNREACHABLE_TEXT,
	type ControllerView
} from '../../../src/lib/sync/connection';
import { classifyError } from '../../../src/lib/sync/replication-error';

const home = (state: ControllerView['state'], more: Partial<ControllerView> = {}): ControllerView => ({
	state,
	pending: 0,
	received: 0,
	total: null,
	initial: false,
	error: null,
	retryAt: null,
	...more
});

describe('describeConnection', () => {
	it('reports the home server when it answers', () => {
		expect(describeConnection(home('idle'), null)).toMatchObject({ route: 'server', tone: 'ok', text: 'Up to date' });
		expect(describeConnection(home('idle', { pending: 3 }), null).text).toBe('3 waiting to send');
		expect(describeConnection(home('syncing', { initial: true, received: 120, total: 4000 }), null)).toMatchObject({
			tone: 'busy',
			text: 'Syncing 120 of 4000'
		});
		expect(describeConnection(home('syncing', { pending: 1 }), null).text).toBe('Syncing · 1 waiting to send');
		// a hub beside a reachable server changes nothing: writes reach the server
		expect(describeConnection(home('idle'), { name: 'village-hall', state: 'idle' }).route).toBe('server');
	});

	it('names the hub while the home server is out of reach, without an error', () => {
		for (const state of ['offline', 'unreachable', 'error'] as const) {
			const view = describeConnection(home(state, { retryAt: 1, pending: 2 }), {
				name: 'village-hall',
				state: 'syncing'
			});
			expect(view).toMatchObject({
				route: 'hub',
				tone: 'busy',
				text: 'Syncing with the meetup hub village-hall',
				retryAt: null,
				waiting: 0
			});
		}
		// a hub that does not answer either: back to the home server's state
		expect(describeConnection(home('offline'), { name: 'village-hall', state: 'offline' }).text).toBe(OFFLINE_TEXT);
	});

	it('tells offline from a server that does not answer, in neutral tones', () => {
		const offline = describeConnection(home('offline', { pending: 2, retryAt: 5_000 }), null);
		expect(offline).toMatchObject({ route: 'none', tone: 'quiet', text: OFFLINE_TEXT, waiting: 2, retryAt: 5_000 });
		expect(describeConnection(home('unreachable', { retryAt: 5_000 }), null)).toMatchObject({
			tone: 'quiet',
			text: UNREACHABLE_TEXT
		});
		expect(describeConnection(home('error', { error: 'bad_request' }), null)).toMatchObject({
			tone: 'quiet',
			text: SYNC_FAILED_TEXT,
			detail: 'bad_request'
		});
	});

	it('is red only when the member must sign in again', () => {
		expect(describeConnection(home('unauthorized', { error: 'expired' }), null)).toMatchObject({
			tone: 'alert',
			text: SIGNED_OUT_TEXT
		});
		expect(describeConnection(home('unauthorized'), { name: 'hall', state: 'idle' })).toMatchObject({
			tone: 'alert',
			route: 'hub'
		});
		const tones = (['idle', 'syncing', 'offline', 'unreachable', 'error'] as const).map(
			(s) => describeConnection(home(s), null).tone
		);
		expect(tones).not.toContain('alert');
	});

	it('says where a write goes', () => {
		expect(sendHint(describeConnection(home('idle'), null), null)).toBe('sent to the server straight away');
		expect(sendHint(describeConnection(home('offline'), { name: 'hall', state: 'idle' }), 'hall')).toBe(
			'sent through the meetup hub hall'
		);
		expect(sendHint(describeConnection(home('offline'), null), null)).toBe('sent when this device is connected again');
	});

	it('says calmly that the server asked to slow down, and when sending starts again', () => {
		const view = describeConnection(
			home('throttled', { pending: 4, retryAt: 12_000, error: 'You are writing faster than this community allows.' }),
			null
		);
		expect(view).toEqual({
			route: 'none',
			tone: 'quiet',
			text: THROTTLED_TEXT,
			waiting: 4,
			retryAt: 12_000,
			detail: 'You are writing faster than this community allows.'
		});
		expect(THROTTLED_TEXT).toBe('Waiting: the server asked this device to slow down.');
		expect(retryText(12_000, 0, 'Sending again')).toBe('Sending again in 12 s');
	});

	it('shows the server’s reason for a suspension, calmly, with the writes that wait', () => {
		const reason =
			'Your account is suspended until 10 December 2026: Spam. What you write stays on your device and is sent when the suspension ends.';
		expect(describeConnection(home('suspended', { pending: 2, error: reason }), null)).toEqual({
			route: 'none',
			tone: 'quiet',
			text: 'Your account is suspended until 10 December 2026: Spam. What you write stays on this device and is sent when the suspension ends.',
			waiting: 2,
			retryAt: null,
			detail: null
		});
		expect(describeConnection(home('suspended'), null).text).toBe(SUSPENDED_TEXT);
	});

	it('counts down to the next try', () => {
		expect(retryText(10_500, 0)).toBe('Trying again in 11 s');
		expect(retryText(1_000, 500)).toBe('Trying again now');
		expect(retryText(300_000, 0)).toBe('Trying again in 5 min');
	});
});

describe('classifyError', () => {
	it('judges from what happened to the request', () => {
		expect(classifyError(new TypeError('Failed to fetch')).kind).toBe('offline');
		expect(
			classifyError({
				name: 'FetchError',
				message: 'request to http://x failed, reason: connect ECONNREFUSED 127.0.0.1:1'
			}).kind
		).toBe('offline');
		expect(classifyError({ status: 503, name: 'unavailable' }).kind).toBe('unreachable');
		expect(classifyError({ status: 502 }).kind).toBe('unreachable');
		expect(classifyError(new SyntaxError('Unexpected token < in JSON')).kind).toBe('unreachable');
		expect(
			classifyError({
				message: `invalid json response body at http://x reason: Unexpected token '<', "<html>" is not valid JSON`
			}).kind
		).toBe('unreachable');
		expect(classifyError({ status: 401, name: 'unauthorized' }).kind).toBe('unauthorized');
		// a 429 is "wait", for as long as Retry-After said (retry-after.ts copies it into the body)
		expect(
			classifyError({ status: 429, name: 'too_many_requests', reason: 'Slow down.', retryAfterSeconds: 12 })
		).toEqual({ kind: 'throttled', reason: 'Slow down.', waitMs: 12_000 });
		expect(classifyError({ status: 429, name: 'too_many_requests', reason: 'Slow down.' })).toMatchObject({
			kind: 'throttled',
			waitMs: 30_000
		});
		expect(classifyError({ status: 403, name: 'suspended', reason: 'Your account is suspended.' })).toEqual({
			kind: 'suspended',
			reason: 'Your account is suspended.'
		});
		// a per-request 403 of another kind stays an error
		expect(classifyError({ status: 403, name: 'forbidden', reason: 'no' }).kind).toBe('error');
		expect(classifyError({ status: 400, name: 'bad_request', reason: 'Invalid rev format' })).toEqual({
			kind: 'error',
			reason: 'Invalid rev format'
		});
	});
});

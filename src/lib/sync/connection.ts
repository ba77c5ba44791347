// What the member is told about the connection: one state at a time, as one plain sentence,
// combined from the home server's sync and a meetup hub's. Pure, so every screen that depends
// on connectivity (the header, "sent when…" hints, files not kept offline, the hub page) reads
// the same answer, and the rules are unit-tested.
//
// Rules, in order:
// 1. signed out on the server → the only state shown in red, the member must act;
//    suspended → the server's reason, calmly: writes wait on the device, reading goes on;
// 2. the home server answers → its progress ("Up to date", "Syncing n of N", "N waiting to send");
// 3. a meetup hub answers → "Syncing with the meetup hub {name}" (the home server being out of
//    reach is normal at a meetup, not an error);
// 4. no answer at all → offline; an answer from something else (a gateway, a Wi-Fi sign-in
//    page) → "Can't reach the server right now"; asked to slow down → "Waiting: …" (nothing is
//    wrong, it sends again by itself); any other failure → "Can't sync right now".
import type { SyncState } from './controller';
import { t } from '../i18n';

export interface ControllerView {
	state: SyncState;
	pending: number;
	received: number;
	total: number | null;
	initial: boolean;
	error: string | null;
	retryAt: number | null;
}

export interface HubView {
	/** The hub's name (as enrolled on the central server) or its address. */
	name: string;
	state: SyncState;
}

/** Which way a write leaves this device right now. */
export type Route = 'server' | 'hub' | 'none';

/** ok: all is well; busy: transferring; quiet: waiting, nothing to do; alert: the member must act. */
export type Tone = 'ok' | 'busy' | 'quiet' | 'alert';

export interface ConnectionView {
	route: Route;
	tone: Tone;
	text: string;
	/** Writes not yet acknowledged by the home server, worth saying beside the text. */
	waiting: number;
	/** When the next try is due (epoch ms), while waiting for one. */
	retryAt: number | null;
	/** Why the last try failed, in the sync's words (the "This device" page shows it). */
	detail: string | null;
}

// The English wording of each sentence, for tests and for comparing; what the member reads comes
// from `t` in the interface language.
export const OFFLINE_TEXT = 'Offline — what you write is kept on this device and sent later.';
export const UNREACHABLE_TEXT = "Can't reach the server right now — your changes are safe on this device";
export const SYNC_FAILED_TEXT = "Can't sync right now — your changes are safe on this device";
export const SIGNED_OUT_TEXT = 'Signed out — sign in again';
export const THROTTLED_TEXT = 'Waiting: the server asked this device to slow down.';
/** Shown when a suspension came without the server's words (they are shown when given). */
export const SUSPENDED_TEXT =
	'Your account is suspended. What you write stays on this device and is sent when the suspension ends.';
export const hubText = (name: string): string => t('common:sync.hub', { name });

const working = (state: SyncState): boolean => state === 'idle' || state === 'syncing';

function serverText(home: ControllerView): string {
	if (home.state === 'syncing') {
		if (home.initial && home.total) return t('common:sync.progress', { received: home.received, total: home.total });
		return home.pending > 0 ? `${t('common:sync.syncing')} · ${waitingText(home.pending)}` : t('common:sync.syncing');
	}
	return home.pending > 0 ? waitingText(home.pending) : t('common:sync.upToDate');
}

export const waitingText = (n: number): string => t('common:sync.waiting', { count: n });

export function describeConnection(home: ControllerView, hub: HubView | null): ConnectionView {
	const hubWorks = hub !== null && working(hub.state);
	const base = { waiting: 0, retryAt: null, detail: null };
	if (home.state === 'unauthorized') {
		return {
			...base,
			route: hubWorks ? 'hub' : 'none',
			tone: 'alert',
			text: t('common:sync.signedOut'),
			waiting: home.pending,
			detail: home.error
		};
	}
	if (home.state === 'suspended') {
		return {
			...base,
			route: hubWorks ? 'hub' : 'none',
			tone: 'quiet',
			text: suspendedText(home.error),
			waiting: home.pending
		};
	}
	if (working(home.state))
		return { ...base, route: 'server', tone: home.state === 'syncing' ? 'busy' : 'ok', text: serverText(home) };
	if (hubWorks)
		return { ...base, route: 'hub', tone: hub.state === 'syncing' ? 'busy' : 'ok', text: hubText(hub.name) };
	const waiting = { waiting: home.pending, retryAt: home.retryAt, detail: home.error };
	if (home.state === 'offline')
		return { ...base, ...waiting, route: 'none', tone: 'quiet', text: t('common:sync.offline') };
	if (home.state === 'unreachable')
		return { ...base, ...waiting, route: 'none', tone: 'quiet', text: t('common:sync.unreachable') };
	if (home.state === 'throttled')
		return { ...base, ...waiting, route: 'none', tone: 'quiet', text: t('common:sync.throttled') };
	return { ...base, ...waiting, route: 'none', tone: 'quiet', text: t('common:sync.failed') };
}

/**
 * The server's reason for refusing a suspended member's writes, said of this device ("stays on
 * your device" → "stays on this device"), or the plain sentence when it gave none.
 */
export function suspendedText(reason: string | null): string {
	return reason ? reason.replace('stays on your device', 'stays on this device') : t('common:sync.suspended');
}

/**
 * "Trying again in 12 s" / "in 2 min" for a retry due at `retryAt`; `what` names the retry
 * ("Sending again" when the server only asked to slow down).
 */
export function retryText(
	retryAt: number,
	now: number,
	what: 'Trying again' | 'Sending again' = 'Trying again'
): string {
	const kind = what === 'Sending again' ? 'resend' : 'retry';
	const seconds = Math.max(0, Math.ceil((retryAt - now) / 1000));
	if (seconds <= 1) return t(`common:sync.${kind}.now`);
	if (seconds < 90) return t(`common:sync.${kind}.seconds`, { seconds });
	return t(`common:sync.${kind}.minutes`, { minutes: Math.round(seconds / 60) });
}

/** How a form says where what the member writes goes: "…; sent through the meetup hub X." */
export function sendHint(view: Pick<ConnectionView, 'route' | 'text'>, hubName: string | null): string {
	if (view.route === 'server') return t('common:sync.sendHint.server');
	if (view.route === 'hub')
		return hubName ? t('common:sync.sendHint.hub', { name: hubName }) : t('common:sync.sendHint.hubUnnamed');
	return t('common:sync.sendHint.later');
}

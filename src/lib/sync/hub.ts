// The meetup hub as a second sync remote. While online, the app gets a hub token from
// the central server (POST /api/auth/hub-token: aud praxis-hub, 12 h) and keeps it on the device;
// at the meetup it replicates `community` and the member's private db with the hub through a
// second sync controller whose fetch sends the token as a bearer header and asks Chromium for
// local-network access (`targetAddressSpace: 'local'`). The central server's controller keeps
// running; it simply cannot reach the server in the hall, and catches up afterwards.
import type { ReplicaPort } from '../store/replica-port';
import type { HubToken, SavedHub } from '../store/kept-keys';
import { createSyncController, LAST_SYNC_KEYS, type StatusSink, type SyncController } from './controller';
import type { NetworkWatch } from './network';
import { API_PATH, COUCH_PATH, couchBase } from './gateway';
import { openHubVerifier, type HubVerifier, type HubVerifierOptions } from './hub-verify';
import { startHubMail, type HubMail } from './hub-mail';
import { t } from '../i18n';
import { accountErrorOr } from '../i18n/error-words';

// the saved hub address and token are kept on the device by the store
export { HUB_STORAGE_KEY, loadSavedHub, saveHub, forgetHub, type HubToken, type SavedHub } from '../store/kept-keys';

type Fetch = typeof fetch;

/** A hub address as typed or scanned (QR codes carry a URL): its origin, or a reason. */
export function parseHubAddress(text: string): { ok: true; url: string } | { ok: false; reason: string } {
	const raw = text.trim();
	if (!raw) return { ok: false, reason: t('common:net.hub.noAddress') };
	if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) && !/^https?:\/\//i.test(raw))
		return { ok: false, reason: t('common:net.hub.scheme') };
	let url: URL;
	try {
		url = new URL(/^https?:\/\//i.test(raw) ? raw : `http://${raw}`);
	} catch {
		return { ok: false, reason: t('common:net.hub.notAddress', { raw }) };
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: t('common:net.hub.scheme') };
	// PouchDB's URL parser breaks bracketed IPv6 hosts ([fd00::2] becomes "[fd00/…"): ask for the IPv4 one
	if (url.hostname.startsWith('['))
		return {
			ok: false,
			reason: t('common:net.hub.ipv6')
		};
	return { ok: true, url: url.origin };
}

export function tokenValid(hub: SavedHub | null, now = Date.now()): hub is SavedHub & HubToken {
	return !!hub?.token && !!hub.expiresAt && Date.parse(hub.expiresAt) > now;
}

/** Asks the central server (the page's own origin by default) for a hub token. */
export async function fetchHubToken(
	fetchFn: Fetch = fetch,
	apiBase = API_PATH
): Promise<{ ok: true; token: HubToken } | { ok: false; reason: string }> {
	let response: Response;
	try {
		response = await fetchFn(`${apiBase}/auth/hub-token`, {
			method: 'POST',
			credentials: 'include',
			headers: { accept: 'application/json' }
		});
	} catch {
		return {
			ok: false,
			reason: t('common:net.hub.tokenUnreachable')
		};
	}
	const body = (await response.json().catch(() => null)) as (Partial<HubToken> & { reason?: string }) | null;
	if (!response.ok || typeof body?.token !== 'string' || typeof body.expiresAt !== 'string') {
		return {
			ok: false,
			reason: accountErrorOr(body, body?.reason ?? t('common:net.hub.centralAnswered', { status: response.status }))
		};
	}
	return { ok: true, token: { token: body.token, expiresAt: body.expiresAt } };
}

/**
 * Chromium's Local Network Access address space of a hub URL: 'local' for private LAN addresses
 * and `.local` names, 'loopback' for this machine, none for public addresses. Chromium refuses a
 * fetch whose declared space does not match the address it reaches, so it is never guessed wider.
 */
export function targetAddressSpaceOf(url: string): 'local' | 'loopback' | null {
	const host = new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase();
	if (host === 'localhost' || /^127\./.test(host) || host === '::1') return 'loopback';
	if (
		/^10\./.test(host) ||
		/^192\.168\./.test(host) ||
		/^169\.254\./.test(host) ||
		/^172\.(1[6-9]|2\d|3[01])\./.test(host)
	)
		return 'local';
	if (/^f[cd][0-9a-f]{2}:/.test(host) || /^fe80:/.test(host) || host.endsWith('.local')) return 'local';
	return null;
}

/** fetch for the hub: bearer token, CORS with credentials, Chromium's local address space. */
export function hubFetch(token: string, fetchFn: Fetch = fetch): Fetch {
	return (input, init = {}) => {
		const headers = new Headers(init.headers);
		headers.set('authorization', `Bearer ${token}`);
		const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
		const space = targetAddressSpaceOf(url);
		// `targetAddressSpace` is Chromium's Local Network Access option (not yet in the DOM types).
		const options = {
			...init,
			headers,
			mode: 'cors',
			credentials: 'include',
			...(space ? { targetAddressSpace: space } : {})
		} as RequestInit;
		return fetchFn(input, options);
	};
}

export type HubProbe =
	| { ok: true; name: string | null }
	| { ok: false; kind: 'mixed-content' | 'local-network' | 'unreachable' | 'refused'; reason: string };

/**
 * Chromium's Local Network Access permission for this page ('granted', 'denied', 'prompt'), or
 * null where the browser has no such permission. A secure page on a public address (the central
 * server on the internet) must be granted it before it can reach a hub on the LAN.
 */
export async function localNetworkPermission(): Promise<PermissionState | null> {
	try {
		if (typeof navigator === 'undefined' || !navigator.permissions) return null;
		// 'local-network-access' is not yet in the DOM types' PermissionName
		return (await navigator.permissions.query({ name: 'local-network-access' as PermissionName })).state;
	} catch {
		return null;
	}
}

/** Can this page talk to the hub? Says why not in words the member can act on. */
export async function probeHub(
	hubUrl: string,
	token: string,
	fetchFn: Fetch = fetch,
	pageOrigin: string | null = globalThis.location?.origin ?? null,
	permission: () => Promise<PermissionState | null> = localNetworkPermission
): Promise<HubProbe> {
	const offerFile = t('common:net.hub.offerFile');
	let response: Response;
	try {
		response = await hubFetch(token, fetchFn)(`${hubUrl}${COUCH_PATH}/`, { method: 'GET' });
	} catch {
		// Chromium refuses when the member did not allow it; whether the hub is "local" depends on the
		// address a name resolves to, which the page cannot see, so a denied permission is reason enough
		if (!isLoopback(hubUrl) && (await permission()) === 'denied') {
			return {
				ok: false,
				kind: 'local-network',
				reason: t('common:net.hub.localNetwork', { hubUrl, offerFile })
			};
		}
		if (pageOrigin?.startsWith('https:') && hubUrl.startsWith('http:') && !isLoopback(hubUrl)) {
			return {
				ok: false,
				kind: 'mixed-content',
				reason: t('common:net.hub.mixedContent', { hubUrl, offerFile })
			};
		}
		return {
			ok: false,
			kind: 'unreachable',
			reason: t('common:net.hub.noAnswer', { hubUrl, offerFile })
		};
	}
	if (response.status === 401)
		return {
			ok: false,
			kind: 'refused',
			reason: t('common:net.hub.tokenRefused', { offerFile })
		};
	if (!response.ok)
		return { ok: false, kind: 'refused', reason: t('common:net.hub.answered', { status: response.status, offerFile }) };
	return { ok: true, name: await hubName(hubUrl, token, fetchFn) };
}

/** The hub's enrolled name (GET /api/hub), which attendees see in the header; null if it has none. */
async function hubName(hubUrl: string, token: string, fetchFn: Fetch): Promise<string | null> {
	try {
		const response = await hubFetch(token, fetchFn)(`${hubUrl}/api/hub`, { method: 'GET' });
		const body = (await response.json()) as { name?: unknown };
		return typeof body.name === 'string' && body.name ? body.name : null;
	} catch {
		return null;
	}
}

function isLoopback(url: string): boolean {
	return targetAddressSpaceOf(url) === 'loopback';
}

export interface HubSyncOptions {
	/** The member's replica port (the hub's pull goes to its staging database). */
	replica: ReplicaPort;
	hubUrl: string;
	token: string;
	username: string;
	status: StatusSink;
	fetch?: Fetch;
	network?: NetworkWatch;
	delay?: (attempt: number) => number;
	/** The central server's public keys, to verify what the hub sends (default: kept on the device). */
	serverKeys?: HubVerifierOptions['serverKeys'];
	/** Told the list of documents from this hub that failed verification, after every check. */
	onRefused?: HubVerifierOptions['onChange'];
	/** Where the last complete sync with a hub is kept (controller.ts lastSyncKey). */
	lastSyncKey?: string;
}

export interface HubSync extends SyncController {
	/** Checks what the hub sends before it reaches `community` (hub-verify.ts). */
	readonly verifier: HubVerifier;
	/** Direct messages through the hub (hub-mail.ts), while started. */
	mail(): HubMail | null;
}

/**
 * A second sync controller, with the hub as its remote: community only, no device certification,
 * and the pull goes to a staging database, verified there before it reaches community (the hub
 * is an untrusted relay). Push to the hub is unchanged (the hub verifies what it gets).
 */
export async function createHubSync(options: HubSyncOptions): Promise<HubSync> {
	const verifier = await openHubVerifier({
		replica: options.replica,
		hubUrl: options.hubUrl,
		serverKeys: options.serverKeys,
		onChange: options.onRefused
	});
	const fetchHub = hubFetch(options.token, options.fetch);
	const controller = createSyncController({
		replica: options.replica,
		remoteBase: couchBase(options.hubUrl),
		username: options.username,
		fetch: fetchHub,
		status: options.status,
		network: options.network,
		delay: options.delay,
		lastSyncKey: options.lastSyncKey ?? LAST_SYNC_KEYS.hub,
		deviceApi: null,
		communityOnly: true,
		// a hub requires signatures: writes made before this device's certificate wait for it
		signedOnly: true,
		pullTarget: verifier.staging,
		onPulled: () => verifier.schedule()
	});
	let mail: HubMail | null = null;
	return {
		verifier,
		mail: () => mail,
		start() {
			controller.start();
			mail ??= startHubMail({
				replica: options.replica,
				hubUrl: options.hubUrl,
				fetch: fetchHub,
				serverKeys: options.serverKeys
			});
		},
		syncNow: () => {
			void mail?.round();
			return controller.syncNow();
		},
		async stop() {
			mail?.stop();
			mail = null;
			await controller.stop();
			await verifier.close();
		},
		async idle() {
			await controller.idle();
			await verifier.settled();
		}
	};
}

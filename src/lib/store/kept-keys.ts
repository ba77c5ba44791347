// What the device keeps in localStorage (per browser, not per member), all in this one module:
//   praxis-server-keys   the central server's public keys (JWKs), to verify bundles and hub
//                        documents offline (sync/hub-keys.ts fetches them)
//   praxis-hub-keys      the enrolled meetup hubs' own keys ([{name, publicKey}]) as the central
//                        server published them beside its own: they vouch for the header of an
//                        updates file a hub saved, never for a document (sync/hub-keys.ts)
//   praxis-member-roles  the privileged members' roles, to judge their signed edits offline
//   praxis-hub           the meetup hub's address, the member's hub token and whether the hub
//                        was connected when last seen (sync/hub.ts, sync/hub-session.svelte.ts)
//   praxisTest           set by end-to-end tests only: the app then exposes its test hook
// Every function takes the storage as a last parameter so tests can pass a fake; by default it is
// the browser's localStorage, read each call (undefined in Node).
import { ROLES, type Role } from '../domain/schemas';

export const SERVER_KEYS_STORAGE_KEY = 'praxis-server-keys';
export const HUB_KEYS_STORAGE_KEY = 'praxis-hub-keys';
export const MEMBER_ROLES_STORAGE_KEY = 'praxis-member-roles';
/** Where the hub address and token are kept on the device. */
export const HUB_STORAGE_KEY = 'praxis-hub';
export const TEST_HOOK_STORAGE_KEY = 'praxisTest';

/** The browser's localStorage, or undefined where there is none (Node). */
export function deviceStorage(): Storage | undefined {
	return globalThis.localStorage;
}

/** Whether this runtime has localStorage at all (the sync layer skips keeping things without it). */
export function hasDeviceStorage(): boolean {
	return typeof localStorage !== 'undefined';
}

// ---- The central server's keys ----

export function keepServerKeys(keys: readonly unknown[], storage: Pick<Storage, 'setItem'> = localStorage): void {
	storage.setItem(SERVER_KEYS_STORAGE_KEY, JSON.stringify(keys));
}

/** The kept keys as stored (JWKs, unchecked); empty when none or unreadable. */
export function keptServerKeys(storage: Pick<Storage, 'getItem'> = localStorage): unknown[] {
	let kept: unknown;
	try {
		kept = JSON.parse(storage.getItem(SERVER_KEYS_STORAGE_KEY) ?? '[]');
	} catch {
		kept = [];
	}
	return Array.isArray(kept) ? kept : [];
}

// ---- The meetup hubs' keys ----

/** Replaces the kept hub keys with the list just published (a revoked hub's key leaves with it). */
export function keepHubKeys(hubs: readonly unknown[], storage: Pick<Storage, 'setItem'> = localStorage): void {
	storage.setItem(HUB_KEYS_STORAGE_KEY, JSON.stringify(hubs));
}

/** The kept hub keys, well-formed entries only; empty when none or unreadable. */
export function keptHubKeys(
	storage: Pick<Storage, 'getItem'> | undefined = deviceStorage()
): Array<{ name: string; publicKey: string }> {
	let kept: unknown;
	try {
		kept = JSON.parse(storage?.getItem(HUB_KEYS_STORAGE_KEY) ?? '[]');
	} catch {
		kept = [];
	}
	if (!Array.isArray(kept)) return [];
	return kept.flatMap((entry: unknown) => {
		const { name, publicKey } = (entry ?? {}) as { name?: unknown; publicKey?: unknown };
		return typeof name === 'string' && typeof publicKey === 'string' ? [{ name, publicKey }] : [];
	});
}

// ---- The privileged members' roles ----

export function keepRoles(roles: object, storage: Pick<Storage, 'setItem'>): void {
	storage.setItem(MEMBER_ROLES_STORAGE_KEY, JSON.stringify(roles));
}

/** The kept roles of privileged members (empty when none were kept). */
export function keptRoles(storage: Pick<Storage, 'getItem'> | undefined = deviceStorage()): Map<string, Role[]> {
	const out = new Map<string, Role[]>();
	if (!storage) return out;
	try {
		const kept = JSON.parse(storage.getItem(MEMBER_ROLES_STORAGE_KEY) ?? '{}') as Record<string, unknown>;
		for (const [name, roles] of Object.entries(kept)) {
			if (Array.isArray(roles))
				out.set(
					name,
					roles.filter((r): r is Role => typeof r === 'string' && (ROLES as readonly string[]).includes(r))
				);
		}
	} catch {
		// unreadable: judged as plain members until the next contact
	}
	return out;
}

// ---- The meetup hub ----

export interface HubToken {
	token: string;
	expiresAt: string;
}

export interface SavedHub extends Partial<HubToken> {
	url: string;
	/** Connected when last seen: reconnect on the next start. */
	active?: boolean;
}

export function loadSavedHub(storage: Pick<Storage, 'getItem'> = globalThis.localStorage): SavedHub | null {
	try {
		const value = JSON.parse(storage.getItem(HUB_STORAGE_KEY) ?? 'null') as unknown;
		const hub = value as Partial<SavedHub> | null;
		if (!hub || typeof hub.url !== 'string') return null;
		return {
			url: hub.url,
			active: hub.active === true,
			...(typeof hub.token === 'string' && typeof hub.expiresAt === 'string'
				? { token: hub.token, expiresAt: hub.expiresAt }
				: {})
		};
	} catch {
		return null;
	}
}

export function saveHub(hub: SavedHub, storage: Pick<Storage, 'setItem'> = globalThis.localStorage): void {
	storage.setItem(HUB_STORAGE_KEY, JSON.stringify(hub));
}

export function forgetHub(storage: Pick<Storage, 'removeItem'> = globalThis.localStorage): void {
	storage.removeItem(HUB_STORAGE_KEY);
}

// ---- End-to-end tests ----

/** Whether the tests asked for the app's test hook; false where localStorage is unavailable (privacy modes). */
export function testHookWanted(): boolean {
	try {
		return !!localStorage.getItem(TEST_HOOK_STORAGE_KEY);
	} catch {
		return false;
	}
}

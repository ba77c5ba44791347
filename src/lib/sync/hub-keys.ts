// The central server's public keys on the device (GET /api/auth/keys), fetched while online and
// kept in localStorage, so a bundle opened offline can still be verified.
/// <reference types="pouchdb-core" />
import { publicKeysFrom } from './hub-jwks';
import type { SignerAuthority } from '../domain/signing';
import { currentDoc } from '../bundle/index';
import { ROLES, type Role } from '../domain/schemas';

export const SERVER_KEYS_STORAGE_KEY = 'praxis-server-keys';

/** Keeps the server keys for later offline checks (no-op where there is no localStorage, e.g. Node). */
export async function rememberServerKeys(fetchFn: typeof fetch, apiBase: string): Promise<void> {
	if (typeof localStorage === 'undefined') return;
	await serverKeys(fetchFn, apiBase, localStorage);
}

/** Fetches and keeps the keys when online; falls back to the kept ones. */
export async function serverKeys(fetchFn: typeof fetch = fetch, apiBase = '/api', storage: Pick<Storage, 'getItem' | 'setItem'> = localStorage): Promise<Map<string, CryptoKey>> {
	try {
		const response = await fetchFn(`${apiBase}/auth/keys`, { headers: { accept: 'application/json' } });
		if (response.ok) {
			const body = (await response.json()) as { keys?: unknown };
			if (Array.isArray(body.keys)) storage.setItem(SERVER_KEYS_STORAGE_KEY, JSON.stringify(body.keys));
		}
	} catch {
		// offline: use the keys kept from the last time
	}
	let kept: unknown = [];
	try {
		kept = JSON.parse(storage.getItem(SERVER_KEYS_STORAGE_KEY) ?? '[]');
	} catch {
		kept = [];
	}
	return publicKeysFrom(Array.isArray(kept) ? kept : []);
}

export const MEMBER_ROLES_STORAGE_KEY = 'praxis-member-roles';

/**
 * Keeps the privileged members' roles (GET /api/auth/revocations `roles`) for judging, offline, a
 * moderator's or reviewer's signed edit of another member's document that a hub or a bundle brings
 * (sync/hub-verify.ts, the file exchange). No-op without localStorage.
 */
export async function rememberRoles(fetchFn: typeof fetch, apiBase: string, storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage): Promise<void> {
	if (!storage) return;
	const response = await fetchFn(`${apiBase}/auth/revocations`, { credentials: 'include', headers: { accept: 'application/json' } });
	if (!response.ok) return;
	const body = (await response.json()) as { roles?: unknown };
	if (body.roles && typeof body.roles === 'object') storage.setItem(MEMBER_ROLES_STORAGE_KEY, JSON.stringify(body.roles));
}

/** The kept roles of privileged members (empty when none were kept). */
export function keptRoles(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): Map<string, Role[]> {
	const out = new Map<string, Role[]>();
	if (!storage) return out;
	try {
		const kept = JSON.parse(storage.getItem(MEMBER_ROLES_STORAGE_KEY) ?? '{}') as Record<string, unknown>;
		for (const [name, roles] of Object.entries(kept)) {
			if (Array.isArray(roles)) out.set(name, roles.filter((r): r is Role => typeof r === 'string' && (ROLES as readonly string[]).includes(r)));
		}
	} catch {
		// unreadable: judged as plain members until the next contact
	}
	return out;
}

/**
 * What a device knows to judge a signer other than the author: the kept roles (a certified
 * device is a member's, so anyone not listed is a plain member) and the replica's current
 * revisions. The server judges again when the document reaches it.
 */
export function deviceAuthority(community: PouchDB.Database, roles: ReadonlyMap<string, readonly Role[]> = keptRoles()): SignerAuthority {
	return {
		rolesOf: async (name) => roles.get(name) ?? ['member'],
		current: (id) => currentDoc(community, id)
	};
}

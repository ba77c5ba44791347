// The central server's public keys, the enrolled meetup hubs' keys it publishes beside them, and
// the privileged members' roles, fetched while online and kept on the device (store/kept-keys.ts),
// so a bundle opened or a hub document received offline can still be verified.
import { publicKeysFrom } from './hub-jwks';
import { API_PATH } from './gateway';
import { importPublicKey } from '../domain/signing';
import {
	deviceStorage,
	hasDeviceStorage,
	keepHubKeys,
	keepRoles,
	keepServerKeys,
	keptHubKeys,
	keptServerKeys
} from '../store/kept-keys';

export { SERVER_KEYS_STORAGE_KEY, HUB_KEYS_STORAGE_KEY, MEMBER_ROLES_STORAGE_KEY, keptRoles } from '../store/kept-keys';
export { deviceAuthority } from '../store/device-authority';

/** Keeps the server keys for later offline checks (no-op where there is no localStorage, e.g. Node). */
export async function rememberServerKeys(fetchFn: typeof fetch, apiBase: string): Promise<void> {
	if (!hasDeviceStorage()) return;
	await serverKeys(fetchFn, apiBase, deviceStorage());
}

/** Fetches and keeps the keys when online; falls back to the kept ones. */
export async function serverKeys(
	fetchFn: typeof fetch = fetch,
	apiBase = API_PATH,
	storage?: Pick<Storage, 'getItem' | 'setItem'>
): Promise<Map<string, CryptoKey>> {
	try {
		const response = await fetchFn(`${apiBase}/auth/keys`, { headers: { accept: 'application/json' } });
		if (response.ok) {
			const body = (await response.json()) as { keys?: unknown; hubs?: unknown };
			if (Array.isArray(body.keys)) {
				keepServerKeys(body.keys, storage);
				// the list replaces the kept one, so a revoked hub's key is forgotten here too
				keepHubKeys(Array.isArray(body.hubs) ? body.hubs : [], storage);
			}
		}
	} catch {
		// offline: use the keys kept from the last time
	}
	return publicKeysFrom(keptServerKeys(storage));
}

/**
 * The keys an updates file is checked with: the central server's (fetched now when online, else
 * the kept ones) and the meetup hubs' it published, by hub name, for headers signed `hub:{name}`.
 */
export async function bundleKeys(
	fetchFn: typeof fetch = fetch,
	apiBase = API_PATH,
	storage?: Pick<Storage, 'getItem' | 'setItem'>
): Promise<{ serverKeys: Map<string, CryptoKey>; hubKeys: Map<string, CryptoKey> }> {
	const server = await serverKeys(fetchFn, apiBase, storage);
	const hubKeys = new Map<string, CryptoKey>();
	for (const { name, publicKey } of keptHubKeys(storage ?? deviceStorage())) {
		const key = await importPublicKey(publicKey);
		if (key) hubKeys.set(name, key);
	}
	return { serverKeys: server, hubKeys };
}

/**
 * Keeps the privileged members' roles (GET /api/auth/revocations `roles`) for judging, offline, a
 * moderator's or reviewer's signed edit of another member's document that a hub or a bundle brings
 * (sync/hub-verify.ts, the file exchange). No-op without localStorage.
 */
export async function rememberRoles(
	fetchFn: typeof fetch,
	apiBase: string,
	storage: Pick<Storage, 'setItem'> | undefined = deviceStorage()
): Promise<void> {
	if (!storage) return;
	const response = await fetchFn(`${apiBase}/auth/revocations`, {
		credentials: 'include',
		headers: { accept: 'application/json' }
	});
	if (!response.ok) return;
	const body = (await response.json()) as { roles?: unknown };
	if (body.roles && typeof body.roles === 'object') keepRoles(body.roles, storage);
}

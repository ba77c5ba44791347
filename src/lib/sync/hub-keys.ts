// The central server's public keys on the device (GET /api/auth/keys), fetched while online and
// kept in localStorage, so a bundle opened offline can still be verified (issue 7).
import { publicKeysFrom } from './hub-jwks';

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

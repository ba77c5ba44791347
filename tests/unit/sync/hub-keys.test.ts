// The keys a device opens updates files with (sync/hub-keys.ts bundleKeys): the central server's
// and the meetup hubs' it publishes, kept for offline use, a revoked hub's key forgotten as soon
// as the published list no longer has it.
import { describe, expect, it } from 'vitest';
import { exportPublicKey, generateDeviceKeys } from '../../../src/lib/domain/signing';
import { bundleKeys } from '../../../src/lib/sync/hub-keys';
import { HUB_KEYS_STORAGE_KEY, keptHubKeys } from '../../../src/lib/store/kept-keys';

function fakeStorage() {
	const data = new Map<string, string>();
	return { data, getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
}

const serverJwk = async () => {
	const { publicKey } = await generateDeviceKeys();
	return { kid: 'k1', ...(await crypto.subtle.exportKey('jwk', publicKey)) };
};

const answering =
	(body: unknown): typeof fetch =>
	async () =>
		new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });

describe('bundleKeys', () => {
	it('keeps the published hubs’ keys beside the server’s, offline too, and forgets a removed hub', async () => {
		const storage = fakeStorage();
		const jwk = await serverJwk();
		const hall = await exportPublicKey((await generateDeviceKeys()).publicKey);
		const listed = await bundleKeys(
			answering({ keys: [jwk], hubs: [{ name: 'hall', publicKey: hall }] }),
			'/api',
			storage
		);
		expect([...listed.serverKeys.keys()]).toEqual(['k1']);
		expect([...listed.hubKeys.keys()]).toEqual(['hall']);
		expect(await exportPublicKey(listed.hubKeys.get('hall')!)).toBe(hall);

		const offline: typeof fetch = async () => {
			throw new TypeError('Failed to fetch');
		};
		expect([...(await bundleKeys(offline, '/api', storage)).hubKeys.keys()]).toEqual(['hall']);

		const revoked = await bundleKeys(answering({ keys: [jwk], hubs: [] }), '/api', storage);
		expect(revoked.hubKeys.size).toBe(0);
		expect(keptHubKeys(storage)).toEqual([]);
	});

	it('skips malformed entries and keys', async () => {
		const storage = fakeStorage();
		storage.data.set(
			HUB_KEYS_STORAGE_KEY,
			JSON.stringify([{ name: 'hall', publicKey: 'not-a-key' }, { name: 7 }, 'x', null])
		);
		const offline: typeof fetch = async () => new Response('', { status: 503 });
		expect((await bundleKeys(offline, '/api', storage)).hubKeys.size).toBe(0);
		storage.data.set(HUB_KEYS_STORAGE_KEY, '{"not":"a list"}');
		expect(keptHubKeys(storage)).toEqual([]);
	});
});

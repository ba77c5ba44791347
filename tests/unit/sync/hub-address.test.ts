// Pure parts of the hub client (src/lib/sync/hub.ts): reading a typed or scanned hub address,
// Chromium's address space for it, the hub pass kept on the device, the bearer fetch.
import { describe, expect, it } from 'vitest';
import {
	hubFetch,
	loadSavedHub,
	parseHubAddress,
	saveHub,
	targetAddressSpaceOf,
	tokenValid
} from '../../../src/lib/sync/hub';

function memoryStorage() {
	const m = new Map<string, string>();
	return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) };
}

describe('hub client helpers', () => {
	it('reads addresses as typed or scanned, and says what is wrong', () => {
		expect(parseHubAddress('192.168.1.20:3000')).toEqual({ ok: true, url: 'http://192.168.1.20:3000' });
		expect(parseHubAddress(' http://hall.local:3000/some/path ')).toEqual({ ok: true, url: 'http://hall.local:3000' });
		expect(parseHubAddress('')).toMatchObject({ ok: false });
		expect(parseHubAddress('ftp://x')).toMatchObject({ ok: false, reason: expect.stringMatching(/http/) });
		expect(parseHubAddress('http://[bad')).toMatchObject({ ok: false });
		expect(parseHubAddress('http://[fd00::2]:3000')).toMatchObject({
			ok: false,
			reason: expect.stringMatching(/IPv4/)
		});
	});

	it('declares the local address space only for LAN addresses', () => {
		expect(targetAddressSpaceOf('http://192.168.1.20:3000')).toBe('local');
		expect(targetAddressSpaceOf('http://10.0.0.5')).toBe('local');
		expect(targetAddressSpaceOf('http://172.20.1.1')).toBe('local');
		expect(targetAddressSpaceOf('http://172.40.1.1')).toBeNull();
		expect(targetAddressSpaceOf('http://hall.local:3000')).toBe('local');
		expect(targetAddressSpaceOf('http://127.0.0.1:3000')).toBe('loopback');
		expect(targetAddressSpaceOf('http://[::1]:3000')).toBe('loopback');
		expect(targetAddressSpaceOf('https://praxis.example.org')).toBeNull();
	});

	it('keeps the hub pass and knows when it expired', () => {
		const storage = memoryStorage();
		expect(loadSavedHub(storage)).toBeNull();
		saveHub(
			{ url: 'http://10.0.0.5:3000', token: 't', expiresAt: new Date(Date.now() + 60_000).toISOString(), active: true },
			storage
		);
		const saved = loadSavedHub(storage);
		expect(saved).toMatchObject({ url: 'http://10.0.0.5:3000', token: 't', active: true });
		expect(tokenValid(saved)).toBe(true);
		expect(tokenValid(saved, Date.now() + 120_000)).toBe(false);
		storage.setItem('praxis-hub', '{not json');
		expect(loadSavedHub(storage)).toBeNull();
	});

	it('sends the token as a bearer header with CORS credentials and the address space', async () => {
		let seen: RequestInit | undefined;
		const f = hubFetch('tok', (async (_input: string | URL | Request, init?: RequestInit) => {
			seen = init;
			return new Response('{}');
		}) as typeof fetch);
		await f('http://192.168.1.20:3000/couch/', { headers: { accept: 'application/json' } });
		expect(new Headers(seen?.headers).get('authorization')).toBe('Bearer tok');
		expect(new Headers(seen?.headers).get('accept')).toBe('application/json');
		expect(seen).toMatchObject({ mode: 'cors', credentials: 'include', targetAddressSpace: 'local' });
	});
});

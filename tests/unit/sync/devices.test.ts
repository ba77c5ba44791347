// The member's device list and revocation as the /device page asks for them: malformed entries
// dropped, newest first, and a reason for every failure instead of a throw.
import { describe, expect, it } from 'vitest';
import { deviceName, listDevices, revokeDevice } from '../../../src/lib/sync/devices';

const answer =
	(status: number, body: unknown): typeof fetch =>
	async () =>
		new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const offline: typeof fetch = async () => {
	throw new TypeError('Failed to fetch');
};

describe('devices', () => {
	it('lists valid certificates, newest first', async () => {
		const certificates = [
			{
				_id: 'device:A',
				createdAt: '2026-01-01T00:00:00.000Z',
				expiresAt: '2027-01-01T00:00:00.000Z',
				label: 'laptop',
				revoked: true
			},
			{ _id: 'device:B', createdAt: '2026-03-01T00:00:00.000Z', expiresAt: '2027-03-01T00:00:00.000Z' },
			{ _id: 42 }
		];
		expect(await listDevices(answer(200, { certificates }))).toEqual({
			ok: true,
			devices: [
				{
					_id: 'device:B',
					createdAt: '2026-03-01T00:00:00.000Z',
					expiresAt: '2027-03-01T00:00:00.000Z',
					revoked: false
				},
				{
					_id: 'device:A',
					createdAt: '2026-01-01T00:00:00.000Z',
					expiresAt: '2027-01-01T00:00:00.000Z',
					label: 'laptop',
					revoked: true
				}
			]
		});
	});

	it('says why when it cannot list or revoke', async () => {
		expect(await listDevices(offline)).toMatchObject({
			ok: false,
			reason: expect.stringContaining('server can be reached')
		});
		expect(await listDevices(answer(401, { error: 'unauthorized', reason: 'sign in to manage your devices' }))).toEqual(
			{ ok: false, reason: 'sign in to manage your devices' }
		);
		expect(
			await revokeDevice(
				'device:A',
				answer(403, { reason: 'only its owner, a moderator or an admin may revoke a device' })
			)
		).toEqual({ ok: false, reason: 'only its owner, a moderator or an admin may revoke a device' });
		expect(await revokeDevice('device:A', offline)).toMatchObject({ ok: false });
		expect(await revokeDevice('device:A', answer(200, { revocation: {} }))).toEqual({ ok: true });
	});

	it('names a browser by its kind and system, and keeps other labels', () => {
		expect(
			deviceName(
				'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/150.0.0.0 Safari/537.36'
			)
		).toBe('Chrome on Linux');
		expect(
			deviceName(
				'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0 Mobile Safari/537.36'
			)
		).toBe('Chrome on Android');
		expect(
			deviceName(
				'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1'
			)
		).toBe('Safari on iOS');
		expect(deviceName('Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0')).toBe(
			'Firefox on Windows'
		);
		expect(
			deviceName(
				'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0 Safari/537.36 Edg/150.0'
			)
		).toBe('Edge on Windows');
		expect(deviceName('e2e API client')).toBe('e2e API client');
		expect(deviceName(undefined)).toBe('Device');
	});
});

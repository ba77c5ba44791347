// The member's device list and revocation as the /device page asks for them: malformed entries
// dropped, newest first, and a reason for every failure instead of a throw.
import { describe, expect, it } from 'vitest';
import { listDevices, revokeDevice } from '../../../src/lib/sync/devices';

const answer = (status: number, body: unknown): typeof fetch => async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const offline: typeof fetch = async () => {
	throw new TypeError('Failed to fetch');
};

describe('devices', () => {
	it('lists valid certificates, newest first', async () => {
		const certificates = [
			{ _id: 'device:A', createdAt: '2026-01-01T00:00:00.000Z', expiresAt: '2027-01-01T00:00:00.000Z', label: 'laptop', revoked: true },
			{ _id: 'device:B', createdAt: '2026-03-01T00:00:00.000Z', expiresAt: '2027-03-01T00:00:00.000Z' },
			{ _id: 42 }
		];
		expect(await listDevices(answer(200, { certificates }))).toEqual({
			ok: true,
			devices: [
				{ _id: 'device:B', createdAt: '2026-03-01T00:00:00.000Z', expiresAt: '2027-03-01T00:00:00.000Z', revoked: false },
				{ _id: 'device:A', createdAt: '2026-01-01T00:00:00.000Z', expiresAt: '2027-01-01T00:00:00.000Z', label: 'laptop', revoked: true }
			]
		});
	});

	it('says why when it cannot list or revoke', async () => {
		expect(await listDevices(offline)).toMatchObject({ ok: false, reason: expect.stringContaining('server can be reached') });
		expect(await listDevices(answer(401, { error: 'unauthorized', reason: 'sign in to manage your devices' }))).toEqual({ ok: false, reason: 'sign in to manage your devices' });
		expect(await revokeDevice('device:A', answer(403, { reason: 'only its owner, a moderator or an admin may revoke a device' }))).toEqual({ ok: false, reason: 'only its owner, a moderator or an admin may revoke a device' });
		expect(await revokeDevice('device:A', offline)).toMatchObject({ ok: false });
		expect(await revokeDevice('device:A', answer(200, { revocation: {} }))).toEqual({ ok: true });
	});
});

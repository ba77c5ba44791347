// Device certification is bounded per member (a script certified 200 keys in a second, each a
// community document nobody can remove), and a device can be revoked by its owner or a
// moderator, not by other members.
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness';
import { exportPublicKey, generateDeviceKeys, type DeviceCertificate } from '../../../src/lib/domain/signing';
import { DEVICE_CERTS_PER_DAY } from '../../../server/devices/routes';

let h: Harness;
afterEach(async () => h?.close());

async function certify(cookie: string): Promise<Response> {
	const keys = await generateDeviceKeys();
	return h.post('/api/devices', { publicKey: await exportPublicKey(keys.publicKey), label: 'phone' }, { cookie });
}

describe('device certification limits', () => {
	it(`certifies at most ${DEVICE_CERTS_PER_DAY} devices a member per 24 hours`, async () => {
		const now = { ms: Date.parse('2026-12-01T08:00:00.000Z') };
		h = createHarness({ now, logRequests: false });
		const ana = await h.register('ana');
		for (let i = 0; i < DEVICE_CERTS_PER_DAY; i++) {
			expect((await certify(ana)).status).toBe(201);
			now.ms += 60_000;
		}
		const refused = await certify(ana);
		expect(refused.status).toBe(429);
		expect(await refused.json()).toMatchObject({
			error: 'too_many_requests',
			reason: expect.stringContaining('revoke the devices you no longer use')
		});
		// the oldest of the ten leaves the window 24 h after it was issued
		expect(Number(refused.headers.get('retry-after'))).toBe(24 * 3600 - DEVICE_CERTS_PER_DAY * 60);
		const list = (await (await h.request('/api/devices', { headers: { cookie: ana } })).json()) as {
			certificates: unknown[];
		};
		expect(list.certificates).toHaveLength(DEVICE_CERTS_PER_DAY);
		// another member is not held back by ana's
		expect((await certify(await h.register('ben'))).status).toBe(201);
		now.ms += 24 * 3600 * 1000;
		expect((await certify(ana)).status).toBe(201);
	});

	it('lets the owner or a moderator revoke a device, nobody else', async () => {
		h = createHarness({ logRequests: false });
		const ana = await h.register('ana');
		const ben = await h.register('ben');
		const mia = await h.register('mia');
		await h.auth.users.updateRoles('mia', (roles) => [...roles, 'moderator']);
		const ids: string[] = [];
		for (let i = 0; i < 2; i++)
			ids.push(((await (await certify(ana)).json()) as { certificate: DeviceCertificate }).certificate._id);
		const byBen = await h.request(`/api/devices/${ids[0]}`, { method: 'DELETE', headers: { cookie: ben } });
		expect(byBen.status).toBe(403);
		expect((await h.request(`/api/devices/${ids[0]}`, { method: 'DELETE', headers: { cookie: mia } })).status).toBe(
			200
		);
		expect((await h.request(`/api/devices/${ids[1]}`, { method: 'DELETE', headers: { cookie: ana } })).status).toBe(
			200
		);
		const list = (await (await h.request('/api/devices', { headers: { cookie: ana } })).json()) as {
			certificates: Array<{ _id: string; revoked: boolean }>;
		};
		expect(list.certificates.map((c) => c.revoked)).toEqual([true, true]);
	});
});

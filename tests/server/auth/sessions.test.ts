// GET|DELETE /api/auth/sessions: a member's signed-in devices with when each was last seen, and
// signing one out, which ends its session, the hub tokens issued to it and its device
// certificate, linked at certification or later by the device signing the session's challenge.
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, PASSWORD, sessionCookie, type Harness } from '../support/harness';
import { certifyTestDevice } from '../helpers/signing';
import { toBase64Url } from '../../../src/lib/domain/signing';
import { sessionLinkBytes } from '../../../src/lib/domain/session-link';
import { LAST_SEEN_WRITE_MS } from '../../../server/auth/sessions';

let h: Harness;
afterEach(async () => {
	await h?.close();
});

interface Listed {
	id: string;
	current: boolean;
	createdAt: string;
	lastSeenAt: string;
	agent?: string;
	device?: string;
	deviceLabel?: string;
}

const PHONE = 'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/150.0 Mobile Safari/537.36';
const signIn = async (agent = PHONE) =>
	sessionCookie(await h.post('/api/auth/login', { username: 'ines', password: PASSWORD }, { 'user-agent': agent }));
const list = async (cookie: string): Promise<Listed[]> =>
	((await (await h.request('/api/auth/sessions', { headers: { cookie } })).json()) as { sessions: Listed[] }).sessions;
const end = (cookie: string, id: string, headers: Record<string, string> = {}) =>
	h.request(`/api/auth/sessions/${id}`, { method: 'DELETE', headers: { cookie, ...headers } });
const status = async (cookie: string) => (await h.request('/api/auth/session', { headers: { cookie } })).status;

describe('signed-in devices', () => {
	it('lists the member’s sessions with the current one marked, and answers 401 without a session', async () => {
		h = createHarness();
		const laptop = await h.register('ines');
		const phone = await signIn();
		await h.register('ben');
		expect((await h.request('/api/auth/sessions')).status).toBe(401);
		const sessions = await list(laptop);
		expect(sessions).toHaveLength(2);
		expect(sessions.filter((s) => s.current)).toHaveLength(1);
		expect(sessions.find((s) => !s.current)?.agent).toBe(PHONE);
		expect((await list(phone)).find((s) => s.current)?.agent).toBe(PHONE);
	});

	it('records when a session was last used, at most every few minutes', async () => {
		const now = { ms: Date.parse('2026-03-01T09:00:00Z') };
		h = createHarness({ now });
		const laptop = await h.register('ines');
		const phone = await signIn();
		const seen = async () => (await list(laptop)).find((s) => !s.current)?.lastSeenAt;
		expect(await seen()).toBe('2026-03-01T09:00:00.000Z');
		now.ms += 60_000;
		await status(phone);
		expect(await seen()).toBe('2026-03-01T09:00:00.000Z'); // throttled
		now.ms += LAST_SEEN_WRITE_MS;
		await status(phone);
		expect(await seen()).toBe('2026-03-01T09:06:00.000Z');
	});

	it('signs out another device: its session, its hub token and its device certificate', async () => {
		h = createHarness();
		const laptop = await h.register('ines');
		const phone = await signIn();
		const device = await certifyTestDevice(h, phone);
		const hub = (await (
			await h.request('/api/auth/hub-token', { method: 'POST', headers: { cookie: phone } })
		).json()) as { token: string };
		const target = (await list(laptop)).find((s) => !s.current)!;
		expect(target.device).toBe(device.certificate._id);
		expect(target.deviceLabel).toBe('test device');

		expect((await end(laptop, target.id, { origin: 'https://evil.example' })).status).toBe(403);
		const res = await end(laptop, target.id);
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({ ok: true, revokedDevice: device.certificate._id });
		expect(await status(phone)).toBe(401);
		expect(await status(laptop)).toBe(200);
		const jti = (JSON.parse(Buffer.from(hub.token.split('.')[1], 'base64url').toString()) as { jti: string }).jti;
		expect(await h.auth.revokedTokenIds()).toContain(jti);
		const devices = (await (await h.request('/api/devices', { headers: { cookie: laptop } })).json()) as {
			certificates: Array<{ _id: string; revoked: boolean }>;
		};
		expect(devices.certificates.find((c) => c._id === device.certificate._id)?.revoked).toBe(true);
		expect(await list(laptop)).toHaveLength(1);
		expect((await end(laptop, target.id)).status).toBe(404);
	});

	it('answers 404 for another member’s session and for ids that are no session, 401 without a session', async () => {
		h = createHarness();
		const ines = await h.register('ines');
		const ben = await h.register('ben');
		const bens = (await list(ben))[0];
		expect((await end(ines, bens.id)).status).toBe(404);
		expect((await end(ines, 'not-an-id')).status).toBe(404);
		expect((await h.request(`/api/auth/sessions/${bens.id}`, { method: 'DELETE' })).status).toBe(401);
		expect(await status(ben)).toBe(200);
	});

	it('links a device certified in an earlier session once it signs the new session’s challenge', async () => {
		h = createHarness();
		const first = await h.register('ines');
		const device = await certifyTestDevice(h, first);
		const later = await signIn();
		const listing = (await (await h.request('/api/devices', { headers: { cookie: later } })).json()) as {
			session: { device: string | null; challenge: string };
		};
		expect(listing.session.device).toBeNull();
		const link = (signature: string, cookie = later) =>
			h.post(`/api/devices/${device.certificate._id}/session`, { signature }, { cookie });
		const sign = async (challenge: string) =>
			toBase64Url(
				await crypto.subtle.sign(
					{ name: 'Ed25519' },
					device.keys.privateKey,
					sessionLinkBytes(device.certificate._id, challenge)
				)
			);

		// a signature over another session's challenge, or by another key, is refused
		const firstChallenge = (
			(await (await h.request('/api/devices', { headers: { cookie: first } })).json()) as typeof listing
		).session.challenge;
		expect(firstChallenge).not.toBe(listing.session.challenge);
		expect((await link(await sign(firstChallenge))).status).toBe(403);
		expect((await link('AAAA')).status).toBe(403);
		expect(
			(
				await h.post(`/api/devices/${device.certificate._id}/session`, {
					signature: await sign(listing.session.challenge)
				})
			).status
		).toBe(401);

		expect((await link(await sign(listing.session.challenge))).status).toBe(200);
		const linked = (await (await h.request('/api/devices', { headers: { cookie: later } })).json()) as typeof listing;
		expect(linked.session.device).toBe(device.certificate._id);
		const target = (await list(first)).find((s) => !s.current)!;
		expect(target.device).toBe(device.certificate._id);
	});

	it('drops sessions that expired from the list and from storage', async () => {
		const now = { ms: Date.parse('2026-03-01T09:00:00Z') };
		h = createHarness({ now });
		await h.register('ines');
		await signIn();
		now.ms += 31 * 24 * 60 * 60 * 1000;
		const fresh = await signIn();
		const sessions = await list(fresh);
		expect(sessions).toHaveLength(1);
		expect(sessions[0].current).toBe(true);
		const stored = await h.storage
			.db('praxis-sessions')
			.allDocs({ startkey: 'session:ines:', endkey: 'session:ines:\ufff0' });
		expect(stored.rows).toHaveLength(1);
	});

	it('replaces the session when the same member signs in again on that browser', async () => {
		h = createHarness();
		const first = await h.register('ines');
		const device = await certifyTestDevice(h, first);
		const hub = (await (
			await h.request('/api/auth/hub-token', { method: 'POST', headers: { cookie: first } })
		).json()) as { token: string };
		const again = sessionCookie(
			await h.post('/api/auth/login', { username: 'ines', password: PASSWORD }, { cookie: first, 'user-agent': PHONE })
		);
		expect(await status(first)).toBe(401);
		const sessions = await list(again);
		expect(sessions).toHaveLength(1);
		expect(sessions[0]).toMatchObject({ current: true, device: device.certificate._id });
		// the hub token given to the replaced session is this device's still, and ends with it
		const jti = (JSON.parse(Buffer.from(hub.token.split('.')[1], 'base64url').toString()) as { jti: string }).jti;
		expect(await h.auth.revokedTokenIds()).not.toContain(jti);
		expect((await end(again, sessions[0].id)).status).toBe(200);
		expect(await h.auth.revokedTokenIds()).toContain(jti);
	});

	it('keeps the key of the device in hand when an older session of it is signed out', async () => {
		h = createHarness();
		const older = await h.register('ines');
		const device = await certifyTestDevice(h, older);
		const current = await signIn(); // no cookie sent: a second session of the same device
		const { session } = (await (await h.request('/api/devices', { headers: { cookie: current } })).json()) as {
			session: { challenge: string };
		};
		const signature = toBase64Url(
			await crypto.subtle.sign(
				{ name: 'Ed25519' },
				device.keys.privateKey,
				sessionLinkBytes(device.certificate._id, session.challenge)
			)
		);
		expect(
			(await h.post(`/api/devices/${device.certificate._id}/session`, { signature }, { cookie: current })).status
		).toBe(200);
		const target = (await list(current)).find((s) => !s.current)!;
		const res = await end(current, target.id);
		expect(await res.json()).toEqual({ ok: true });
		expect(await status(older)).toBe(401);
		const devices = (await (await h.request('/api/devices', { headers: { cookie: current } })).json()) as {
			certificates: Array<{ _id: string; revoked: boolean }>;
		};
		expect(devices.certificates.find((c) => c._id === device.certificate._id)?.revoked).toBe(false);
	});
});

// Login, logout and session: cookies, revocation, and the rate limits on failed logins.
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, PASSWORD, sessionCookie, type Harness } from '../support/harness';

let h: Harness;
afterEach(async () => {
	await h?.close();
});

const login = (username: string, password: string, address?: string, headers: Record<string, string> = {}) =>
	h.post('/api/auth/login', { username, password }, headers, address);

describe('login and session', () => {
	it('signs in with the right password and answers the session', async () => {
		h = createHarness();
		await h.register('ines', { displayName: 'Inês Costa' });
		const res = await login('ines', PASSWORD);
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({ user: { name: 'ines', roles: ['member'], displayName: 'Inês Costa' } });
		const session = await h.request('/api/auth/session', { headers: { cookie: sessionCookie(res) } });
		expect(session.status).toBe(200);
		expect(session.headers.get('cache-control')).toBe('no-store');
		expect((await session.json()).user.name).toBe('ines');
	});

	it('answers 401 for a wrong password, an unknown user and no session', async () => {
		h = createHarness();
		await h.register('ines');
		for (const [name, password] of [
			['ines', 'wrong-password!'],
			['nobody', PASSWORD]
		]) {
			const res = await login(name, password);
			expect(res.status).toBe(401);
			expect(await res.json()).toEqual({
				error: 'unauthorized',
				reason: 'wrong username or password',
				code: 'wrongCredentials'
			});
			expect(res.headers.getSetCookie()).toEqual([]);
		}
		const anonymous = await h.request('/api/auth/session');
		expect(anonymous.status).toBe(401);
		expect((await anonymous.json()).error).toBe('unauthorized');
		const garbage = await h.request('/api/auth/session', { headers: { cookie: 'praxis_session=not.a.token' } });
		expect(garbage.status).toBe(401);
	});

	it('answers 400 when username or password is missing, and for malformed JSON', async () => {
		h = createHarness();
		expect((await h.post('/api/auth/login', { username: 'ines' })).status).toBe(400);
		expect((await h.post('/api/auth/login', { password: PASSWORD })).status).toBe(400);
		expect((await h.post('/api/auth/login', 'nope')).status).toBe(400);
	});

	it('sets Secure on the cookie when configured, over https, or behind an https proxy', async () => {
		h = createHarness({ secureCookies: true });
		await h.register('ines');
		expect((await login('ines', PASSWORD)).headers.get('set-cookie')).toMatch(/Secure/);
		await h.close();

		h = createHarness();
		await h.register('ines');
		const https = await h.request('https://praxis.example/api/auth/login', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ username: 'ines', password: PASSWORD })
		});
		expect(https.headers.get('set-cookie')).toMatch(/Secure/);
		expect(
			(await login('ines', PASSWORD, undefined, { 'x-forwarded-proto': 'https' })).headers.get('set-cookie')
		).toMatch(/Secure/);
		expect((await login('ines', PASSWORD)).headers.get('set-cookie')).not.toMatch(/Secure/);
	});

	it('logout revokes the token (cookie and Bearer) and clears the cookie, also after a restart of the service', async () => {
		h = createHarness();
		await h.register('ines');
		const cookie = sessionCookie(await login('ines', PASSWORD));
		const token = cookie.slice('praxis_session='.length);
		const out = await h.request('/api/auth/logout', { method: 'POST', headers: { cookie } });
		expect(out.status).toBe(200);
		expect(out.headers.get('set-cookie')).toMatch(/praxis_session=;.*Max-Age=0/);
		expect((await h.request('/api/auth/session', { headers: { cookie } })).status).toBe(401);
		expect((await h.request('/api/auth/session', { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
		expect((await h.request('/couch/community', { headers: { cookie } })).status).toBe(401);
		// A new session still works.
		const fresh = sessionCookie(await login('ines', PASSWORD));
		expect((await h.request('/api/auth/session', { headers: { cookie: fresh } })).status).toBe(200);
		// Logging out without a session is harmless.
		expect((await h.request('/api/auth/logout', { method: 'POST' })).status).toBe(200);
	});

	it('answers 429 with Retry-After after 5 failures for one username, from any address', async () => {
		const now = { ms: Date.parse('2026-03-01T09:00:00Z') };
		h = createHarness({ now });
		await h.register('ines');
		for (let i = 0; i < 5; i++) expect((await login('ines', 'wrong-password!', `203.0.113.${i}`)).status).toBe(401);
		const limited = await login('ines', PASSWORD, '203.0.113.77');
		expect(limited.status).toBe(429);
		const body = (await limited.json()) as { error: string; reason: string; code: string; params: object };
		expect(body.error).toBe('too_many_requests');
		expect(body.code).toBe('tooManyAttempts');
		expect(body.params).toEqual({ minutes: 15 });
		const retryAfter = Number(limited.headers.get('retry-after'));
		expect(retryAfter).toBeGreaterThan(0);
		expect(retryAfter).toBeLessThanOrEqual(15 * 60);
		// Other accounts are not affected.
		await h.register('other');
		expect((await login('other', PASSWORD, '203.0.113.77')).status).toBe(200);
		// After the window, the right password works again.
		now.ms += retryAfter * 1000 + 1;
		expect((await login('ines', PASSWORD, '203.0.113.77')).status).toBe(200);
	});

	it('a successful login resets the username counter', async () => {
		h = createHarness();
		await h.register('ines');
		for (let i = 0; i < 4; i++) await login('ines', 'wrong-password!');
		expect((await login('ines', PASSWORD)).status).toBe(200);
		for (let i = 0; i < 4; i++) expect((await login('ines', 'wrong-password!')).status).toBe(401);
		expect((await login('ines', PASSWORD)).status).toBe(200);
	});

	it('answers 429 after 20 failures from one address, across usernames', async () => {
		h = createHarness();
		await h.register('ines');
		for (let i = 0; i < 20; i++) expect((await login(`guess${i}`, 'wrong-password!', '203.0.113.50')).status).toBe(401);
		const limited = await login('ines', PASSWORD, '203.0.113.50');
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
		expect((await login('ines', PASSWORD, '203.0.113.51')).status).toBe(200);
	});

	it('behind a trusted proxy, limits by the X-Forwarded-For address the proxy saw; otherwise ignores the header', async () => {
		h = createHarness({ trustProxy: true, limits: { loginFailuresPerAddress: 3 } });
		await h.register('ines');
		const via = (forwarded: string) => ({ 'x-forwarded-for': forwarded });
		for (let i = 0; i < 3; i++)
			await login(`guess${i}`, 'wrong-password!', '10.0.0.1', via(`198.51.100.1, 203.0.113.5`));
		expect((await login('ines', PASSWORD, '10.0.0.1', via('203.0.113.5'))).status).toBe(429);
		// Another client behind the same proxy is not affected, whatever it claims first.
		expect((await login('ines', PASSWORD, '10.0.0.1', via('203.0.113.5, 203.0.113.6'))).status).toBe(200);
		await h.close();

		h = createHarness({ limits: { loginFailuresPerAddress: 3 } });
		await h.register('ines');
		for (let i = 0; i < 3; i++) await login(`guess${i}`, 'wrong-password!', '10.0.0.1', via(`203.0.113.${i}`));
		expect((await login('ines', PASSWORD, '10.0.0.1', via('203.0.113.99'))).status).toBe(429);
	});
});

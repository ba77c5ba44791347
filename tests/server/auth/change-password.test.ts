// POST /api/auth/password: who may call it, what it refuses (CSRF, malformed bodies, a wrong
// current password with the sign-in limits, weak new passwords), and which sessions survive.
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, PASSWORD, sessionCookie, type Harness } from '../support/harness';
import { signSession } from '../../../server/auth/tokens';

let h: Harness;
afterEach(async () => {
	await h?.close();
});

const NEW_PASSWORD = 'lantern-orchard-quietly-9';
const change = (cookie: string, body: unknown, headers: Record<string, string> = {}, address?: string) =>
	h.post('/api/auth/password', body, { cookie, ...headers }, address);
const login = async (password: string, username = 'ines') =>
	h.post('/api/auth/login', { username, password }, { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/150.0' });
const sessionStatus = async (cookie: string) => (await h.request('/api/auth/session', { headers: { cookie } })).status;
const jtiOf = (token: string): string =>
	(JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { jti: string }).jti;

describe('change password', () => {
	it('answers 401 without a session, and refuses cross-site and non-JSON requests with 403', async () => {
		h = createHarness();
		const cookie = await h.register('ines');
		expect((await h.post('/api/auth/password', { current: PASSWORD, next: NEW_PASSWORD })).status).toBe(401);
		const foreign = await change(cookie, { current: PASSWORD, next: NEW_PASSWORD }, { origin: 'https://evil.example' });
		expect(foreign.status).toBe(403);
		expect((await foreign.json()).reason).toMatch(/cross-site/);
		const asText = await h.request('/api/auth/password', {
			method: 'POST',
			headers: { cookie, 'content-type': 'text/plain' },
			body: JSON.stringify({ current: PASSWORD, next: NEW_PASSWORD })
		});
		expect(asText.status).toBe(403);
		expect((await login(PASSWORD)).status).toBe(200); // nothing changed
	});

	it('answers 400 for malformed bodies and 413 for oversized ones', async () => {
		h = createHarness();
		const cookie = await h.register('ines');
		for (const body of [
			'not json',
			'[]',
			{ next: NEW_PASSWORD },
			{ current: PASSWORD },
			{ current: PASSWORD, next: 42 },
			{ current: PASSWORD, next: NEW_PASSWORD, signOutOthers: 'yes' }
		]) {
			const res = await change(cookie, body);
			expect(res.status, JSON.stringify(body)).toBe(400);
			expect((await res.json()).error).toBe('bad_request');
		}
		expect((await change(cookie, { current: PASSWORD, next: 'x'.repeat(70_000) })).status).toBe(413);
		expect((await change(cookie, { current: PASSWORD, next: 'x'.repeat(1025) })).status).toBe(400);
	});

	it('answers 403 with a clear reason for a wrong current password, limited like sign-in', async () => {
		h = createHarness();
		const cookie = await h.register('ines');
		const wrong = await change(cookie, { current: 'not-my-password', next: NEW_PASSWORD });
		expect(wrong.status).toBe(403);
		expect(await wrong.json()).toEqual({
			error: 'forbidden',
			reason: 'Your current password is not right, so the password was not changed.',
			code: 'wrongCurrentPassword'
		});
		for (let i = 0; i < 4; i++)
			expect((await change(cookie, { current: `guess-${i}`, next: NEW_PASSWORD })).status).toBe(403);
		const limited = await change(cookie, { current: PASSWORD, next: NEW_PASSWORD });
		expect(limited.status).toBe(429);
		expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
		// the same counter as sign-in: guessing here is guessing there
		expect((await login(PASSWORD)).status).toBe(429);
	});

	it('refuses weak new passwords with 400 and the advice', async () => {
		h = createHarness();
		const cookie = await h.register('ines');
		const cases: Array<[string, RegExp]> = [
			['1111111111', /at least 12 characters.*Repeated characters/],
			['password1234', /too easy to guess.*commonly used password/],
			['my-name-is-INES-hello', /username/],
			[PASSWORD, /same as the current one/]
		];
		for (const [next, reason] of cases) {
			const res = await change(cookie, { current: PASSWORD, next });
			expect(res.status, next).toBe(400);
			const body = (await res.json()) as { reason: string; advice?: string[] };
			expect(body.reason).toMatch(reason);
		}
		const weak = (await (await change(cookie, { current: PASSWORD, next: 'password1234' })).json()) as {
			field: string;
			advice: string[];
		};
		expect(weak.field).toBe('next');
		expect(weak.advice.length).toBeGreaterThan(0);
		expect((await login(PASSWORD)).status).toBe(200);
	});

	it('changes the password and keeps the other sessions unless asked', async () => {
		h = createHarness();
		const cookie = await h.register('ines');
		const other = sessionCookie(await login(PASSWORD));
		const res = await change(cookie, { current: PASSWORD, next: NEW_PASSWORD });
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({ ok: true, signedOut: 0 });
		expect(await sessionStatus(cookie)).toBe(200);
		expect(await sessionStatus(other)).toBe(200);
		expect((await login(PASSWORD)).status).toBe(401);
		expect((await login(NEW_PASSWORD)).status).toBe(200);
	});

	it('with signOutOthers, ends every other session and its hub tokens, and keeps this one under a fresh cookie', async () => {
		const now = { ms: Date.parse('2026-03-01T09:00:00Z') };
		h = createHarness({ now });
		const cookie = await h.register('ines');
		// a session from before session records existed: ended by the cut-off
		const { token: old } = await signSession(h.auth.signingKey(), 'ines', ['member'], new Date(now.ms - 86_400_000));
		const { token: unused } = await signSession(h.auth.signingKey(), 'ines', ['member'], new Date(now.ms - 86_400_000));
		now.ms += 60_000;
		const other = sessionCookie(await login(PASSWORD));
		const otherHub = (await (
			await h.request('/api/auth/hub-token', { method: 'POST', headers: { cookie: other } })
		).json()) as { token: string };
		const mineHub = (await (
			await h.request('/api/auth/hub-token', { method: 'POST', headers: { cookie } })
		).json()) as { token: string };
		expect(await sessionStatus(`praxis_session=${old}`)).toBe(200);

		const res = await change(cookie, { current: PASSWORD, next: NEW_PASSWORD, signOutOthers: true });
		expect(res.status).toBe(200);
		expect((await res.json()).signedOut).toBe(2); // the other sign-in, and the old session (recorded when it was used)
		const renewed = sessionCookie(res);
		expect(renewed).not.toBe(cookie);
		expect(await sessionStatus(renewed)).toBe(200);
		expect(await sessionStatus(other)).toBe(401);
		expect(await sessionStatus(`praxis_session=${old}`)).toBe(401);
		expect(await sessionStatus(`praxis_session=${unused}`)).toBe(401); // never recorded: the cut-off ends it
		const revoked = await h.auth.revokedTokenIds();
		expect(revoked).toContain(jtiOf(otherHub.token));
		expect(revoked).not.toContain(jtiOf(mineHub.token));
		// this device keeps its hub token: the renewed session still lists it
		const sessions = (await (await h.request('/api/auth/sessions', { headers: { cookie: renewed } })).json()) as {
			sessions: Array<{ current: boolean }>;
		};
		expect(sessions.sessions).toHaveLength(1);
		expect(sessions.sessions[0].current).toBe(true);
		// Basic credentials with the old password stop at once, the new ones work
		const basic = (password: string) => ({
			authorization: `Basic ${Buffer.from(`ines:${password}`).toString('base64')}`
		});
		expect((await h.request('/api/auth/session', { headers: basic(PASSWORD) })).status).toBe(401);
		expect((await h.request('/api/auth/session', { headers: basic(NEW_PASSWORD) })).status).toBe(200);
		// a sign-in right after (the same second) is not caught by the cut-off
		expect(await sessionStatus(sessionCookie(await login(NEW_PASSWORD)))).toBe(200);
	});
});

// One-time reset codes: issuing them (moderators and admins only, the CLI), using them at
// POST /api/auth/reset (single use, 24 hours, the newest only, rate-limited), and what a reset
// ends: every session and hub token of the member.
import { afterEach, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { createHarness, PASSWORD, sessionCookie, tempDir, type Harness } from '../support/harness';
import { runAdmin } from '../../../server/admin';
import { USERS_DB } from '../../../server/storage/index';

let h: Harness;
afterEach(async () => {
	await h?.close();
});

const NEW_PASSWORD = 'harbour-violet-kettle-52';
const CODE_FORMAT = /^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/;

async function setup(options: Parameters<typeof createHarness>[0] = {}) {
	h = createHarness(options);
	const member = await h.register('ines');
	const moderator = await h.register('mod');
	const admin = await h.register('boss');
	await h.auth.users.updateRoles('mod', (roles) => [...roles, 'moderator']);
	await h.auth.users.updateRoles('boss', (roles) => [...roles, 'admin']);
	h.auth.invalidate('mod');
	h.auth.invalidate('boss');
	return { member, moderator, admin };
}

const issue = (cookie: string | null, name: string, headers: Record<string, string> = {}) =>
	h.request(`/api/moderation/members/${name}/reset-code`, {
		method: 'POST',
		headers: { ...(cookie ? { cookie } : {}), ...headers }
	});
async function codeFor(cookie: string, name = 'ines'): Promise<string> {
	const res = await issue(cookie, name);
	expect(res.status).toBe(201);
	return ((await res.json()) as { code: string }).code;
}
const reset = (body: unknown, address?: string, headers: Record<string, string> = {}) =>
	h.post('/api/auth/reset', body, headers, address);
const login = (password: string, username = 'ines') => h.post('/api/auth/login', { username, password });

describe('issuing reset codes', () => {
	it('lets moderators and admins issue a readable 24-hour code, stored only as a hash', async () => {
		const now = { ms: Date.parse('2026-03-01T09:00:00Z') };
		const { moderator } = await setup({ now });
		const res = await issue(moderator, 'ines');
		expect(res.status).toBe(201);
		expect(res.headers.get('cache-control')).toBe('no-store');
		const body = (await res.json()) as { username: string; code: string; expiresAt: string };
		expect(body.username).toBe('ines');
		expect(body.code).toMatch(CODE_FORMAT);
		expect(body.expiresAt).toBe('2026-03-02T09:00:00.000Z');
		const stored = JSON.stringify(await h.storage.db(USERS_DB).get('user:ines'));
		expect(stored).not.toContain(body.code);
		expect(stored).not.toContain(body.code.replace(/-/g, ''));
		expect(stored).toMatch(/"issuedBy":"mod"/);
	});

	it('answers 401 without a session, 403 to members, 404 for an unknown member, 403 cross-site', async () => {
		const { member, moderator } = await setup();
		expect((await issue(null, 'ines')).status).toBe(401);
		const refused = await issue(member, 'mod');
		expect(refused.status).toBe(403);
		expect((await refused.json()).reason).toMatch(/moderators and administrators/);
		expect((await issue(moderator, 'nobody')).status).toBe(404);
		expect((await issue(moderator, 'Not A Name')).status).toBe(404);
		expect((await issue(moderator, 'ines', { origin: 'https://evil.example' })).status).toBe(403);
	});

	it('keeps moderators and admins for admins: a moderator cannot take over an admin account', async () => {
		const { moderator, admin } = await setup();
		const res = await issue(moderator, 'boss');
		expect(res.status).toBe(403);
		expect((await res.json()).reason).toMatch(/Only an administrator/);
		expect((await issue(admin, 'mod')).status).toBe(201);
	});

	it('prints a code and its expiry with npm run admin -- reset-code NAME', async () => {
		const dataDir = tempDir('praxis-reset-cli-');
		try {
			h = createHarness({ kind: 'leveldb', dataDir });
			await h.register('ines');
			await h.close({ keepData: true });
			const lines: string[] = [];
			const errors: string[] = [];
			const io = { env: { DATA_DIR: dataDir }, out: (l: string) => lines.push(l), err: (l: string) => errors.push(l) };
			expect(await runAdmin(['reset-code', 'nobody'], io)).toBe(1);
			expect(errors.join('\n')).toMatch(/No member named "nobody"/);
			expect(await runAdmin(['reset-code', 'ines'], io)).toBe(0);
			const code = /Reset code for ines: (\S+)/.exec(lines.join('\n'))?.[1] ?? '';
			expect(code).toMatch(CODE_FORMAT);
			expect(lines.join('\n')).toMatch(/Valid until \d{4}-\d\d-\d\dT.* \(24 hours\), once/);
			h = createHarness({ kind: 'leveldb', dataDir });
			expect((await reset({ username: 'ines', code, password: NEW_PASSWORD })).status).toBe(200);
			expect((await login(NEW_PASSWORD)).status).toBe(200);
			await h.close({ keepData: true });
		} finally {
			rmSync(dataDir, { recursive: true, force: true });
		}
	});
});

describe('resetting a password with a code', () => {
	it('sets the new password and ends every session and hub token of the member', async () => {
		const { member, moderator } = await setup();
		const second = sessionCookie(await login(PASSWORD));
		const hub = (await (
			await h.request('/api/auth/hub-token', { method: 'POST', headers: { cookie: member } })
		).json()) as { token: string };
		const code = await codeFor(moderator);
		// typed in lower case with spaces: still the code
		const res = await reset({ username: 'Ines', code: code.toLowerCase().replace(/-/g, ' '), password: NEW_PASSWORD });
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({ ok: true, signedOut: 2 });
		for (const cookie of [member, second])
			expect((await h.request('/api/auth/session', { headers: { cookie } })).status).toBe(401);
		const jti = (JSON.parse(Buffer.from(hub.token.split('.')[1], 'base64url').toString()) as { jti: string }).jti;
		expect(await h.auth.revokedTokenIds()).toContain(jti);
		expect((await login(PASSWORD)).status).toBe(401);
		const fresh = await login(NEW_PASSWORD);
		expect(fresh.status).toBe(200);
		expect((await h.request('/api/auth/session', { headers: { cookie: sessionCookie(fresh) } })).status).toBe(200);
		// the moderator's own session is untouched
		expect((await h.request('/api/auth/session', { headers: { cookie: moderator } })).status).toBe(200);
	});

	it('refuses a reused code, a wrong code, a wrong username and a replaced code with 403 and a reason', async () => {
		const { moderator } = await setup();
		const first = await codeFor(moderator);
		const second = await codeFor(moderator);
		const replaced = await reset({ username: 'ines', code: first, password: NEW_PASSWORD });
		expect(replaced.status).toBe(403);
		expect(await replaced.json()).toMatchObject({ reason: expect.stringMatching(/not right/), code: 'badResetLink' });
		expect((await reset({ username: 'ines', code: 'ABCDE-FGHJK-MNPQR', password: NEW_PASSWORD })).status).toBe(403);
		expect((await reset({ username: 'mod', code: second, password: NEW_PASSWORD })).status).toBe(403);
		expect((await reset({ username: 'nobody', code: second, password: NEW_PASSWORD })).status).toBe(403);
		expect((await reset({ username: 'ines', code: second, password: NEW_PASSWORD })).status).toBe(200);
		const reused = await reset({ username: 'ines', code: second, password: 'another-fresh-pass-word-7' });
		expect(reused.status).toBe(403);
		expect(await reused.json()).toEqual({
			error: 'forbidden',
			reason: expect.stringMatching(/already used/),
			code: 'resetCodeUsed'
		});
		expect((await login(NEW_PASSWORD)).status).toBe(200);
	});

	it('refuses an expired code after 24 hours', async () => {
		const now = { ms: Date.parse('2026-03-01T09:00:00Z') };
		const { moderator } = await setup({ now });
		const code = await codeFor(moderator);
		now.ms += 24 * 60 * 60 * 1000 + 1000;
		const res = await reset({ username: 'ines', code, password: NEW_PASSWORD });
		expect(res.status).toBe(403);
		expect(await res.json()).toMatchObject({
			reason: expect.stringMatching(/expired.*24 hours/),
			code: 'resetCodeExpired'
		});
		expect((await login(PASSWORD)).status).toBe(200);
	});

	it('refuses a weak password with 400 and the advice, without using up the code', async () => {
		const { moderator } = await setup();
		const code = await codeFor(moderator);
		for (const password of ['1111111111', 'password1234', 'ines-garden-party-42']) {
			const res = await reset({ username: 'ines', code, password });
			expect(res.status, password).toBe(400);
			const body = (await res.json()) as { reason: string; field: string; code: string };
			expect(body.field).toBe('password');
			expect(body.code).toBe('weakPassword');
			expect(body.reason.length).toBeGreaterThan(10);
		}
		expect((await reset({ username: 'ines', code, password: NEW_PASSWORD })).status).toBe(200);
	});

	it('limits wrong codes per username and per client address (429 with Retry-After)', async () => {
		const { moderator } = await setup({ resetLimits: { resetFailuresPerUsername: 3, resetFailuresPerAddress: 5 } });
		const code = await codeFor(moderator);
		for (let i = 0; i < 3; i++)
			expect(
				(await reset({ username: 'ines', code: 'ABCDE-FGHJK-MNPQR', password: NEW_PASSWORD }, `203.0.113.${i}`)).status
			).toBe(403);
		const limited = await reset({ username: 'ines', code, password: NEW_PASSWORD }, '203.0.113.99');
		expect(limited.status).toBe(429);
		expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
		expect(await limited.json()).toMatchObject({
			reason: expect.stringMatching(/Too many wrong reset codes/),
			code: 'tooManyResetAttempts'
		});
		// per address: guesses spread over usernames
		for (let i = 0; i < 5; i++)
			expect(
				(await reset({ username: `user${i}`, code: 'ABCDE-FGHJK-MNPQR', password: NEW_PASSWORD }, '198.51.100.7'))
					.status
			).toBe(403);
		expect(
			(await reset({ username: 'mod', code: 'ABCDE-FGHJK-MNPQR', password: NEW_PASSWORD }, '198.51.100.7')).status
		).toBe(429);
	});

	it('answers 400 for malformed bodies, 413 for oversized ones and 403 for cross-site or text/plain posts', async () => {
		await setup();
		for (const body of [
			'nope',
			'[]',
			{},
			{ username: 'ines', code: 'ABCDE-FGHJK-MNPQR' },
			{ username: 'ines', password: NEW_PASSWORD },
			{ code: 'X', password: NEW_PASSWORD },
			{ username: 5, code: 'X', password: NEW_PASSWORD }
		]) {
			const res = await reset(body);
			expect(res.status, JSON.stringify(body)).toBe(400);
		}
		expect((await reset({ username: 'ines', code: 'x'.repeat(70_000), password: NEW_PASSWORD })).status).toBe(413);
		expect(
			(
				await reset({ username: 'ines', code: 'ABCDE-FGHJK-MNPQR', password: NEW_PASSWORD }, undefined, {
					origin: 'https://evil.example'
				})
			).status
		).toBe(403);
		const asText = await h.request('/api/auth/reset', {
			method: 'POST',
			headers: { 'content-type': 'text/plain' },
			body: '{}'
		});
		expect(asText.status).toBe(403);
	});
});

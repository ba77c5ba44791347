// The privacy notice (GET /api/privacy from DATA_DIR/privacy.md or the built-in default), the
// consent registration requires and records, and "I have read it" when the notice changes.
import { afterEach, describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createHarness, PASSWORD, sessionCookie, type Harness } from '../support/harness';
import { parseNotice } from '../../../server/privacy/notice';

let h: Harness;
afterEach(async () => {
	await h?.close();
});

interface Notice {
	version: string;
	markdown: string;
	updatedAt: string | null;
	source: string;
}

const notice = async (): Promise<Notice> => (await h.request('/api/privacy')).json() as Promise<Notice>;
const consentState = async (cookie: string) =>
	(await h.request('/api/privacy/consent', { headers: { cookie } })).json() as Promise<{
		version: string;
		consented: { version: string; consentedAt: string } | null;
		upToDate: boolean;
	}>;
const writeNotice = (text: string) => writeFile(join(h.config.dataDir, 'privacy.md'), text);

describe('parseNotice', () => {
	it('takes the version from a first "version:" line and leaves it out of the text', () => {
		expect(parseNotice('version: 2026-03\n\n# Notice\nText')).toEqual({
			version: '2026-03',
			markdown: '# Notice\nText'
		});
		expect(parseNotice('\uFEFFVersion:  v2 \r\n# N')).toEqual({ version: 'v2', markdown: '# N' });
	});

	it('otherwise versions the text by the first 12 hex digits of its SHA-256', () => {
		const a = parseNotice('# Notice\nOne');
		expect(a.version).toMatch(/^[0-9a-f]{12}$/);
		expect(a.markdown).toBe('# Notice\nOne');
		expect(parseNotice('# Notice\nTwo').version).not.toBe(a.version);
		expect(parseNotice('# Notice\nOne').version).toBe(a.version);
	});
});

describe('GET /api/privacy', () => {
	it('serves the built-in notice when the operator wrote none, to anyone', async () => {
		h = createHarness();
		const res = await h.request('/api/privacy');
		expect(res.status).toBe(200);
		const body = (await res.json()) as Notice;
		expect(body).toMatchObject({
			source: 'default',
			updatedAt: null,
			version: expect.stringMatching(/^[0-9a-f]{12}$/)
		});
		expect(body.markdown).toMatch(/^# Privacy notice/);
		expect(body.markdown).toMatch(/Download my data/);
	});

	it('serves DATA_DIR/privacy.md with its declared version and the time it was changed', async () => {
		h = createHarness();
		await writeNotice('version: 2026-11\n# Our notice\n\nThe city of Lund runs this server.\n');
		const body = await notice();
		expect(body).toEqual({
			version: '2026-11',
			markdown: '# Our notice\n\nThe city of Lund runs this server.\n',
			updatedAt: expect.any(String),
			source: 'operator'
		});
		expect(Date.parse(body.updatedAt!)).not.toBeNaN();
	});
});

describe('consent', () => {
	it('is required to register and recorded in the account', async () => {
		h = createHarness();
		const refused = await h.post('/api/auth/register', { username: 'noconsent', password: PASSWORD, displayName: 'N' });
		expect(refused.status).toBe(400);
		expect(await refused.json()).toMatchObject({
			error: 'bad_request',
			field: 'privacyConsent',
			reason: expect.stringMatching(/privacy notice/)
		});

		const { version } = await notice();
		const res = await h.post('/api/auth/register', {
			username: 'amira',
			password: PASSWORD,
			displayName: 'Amira',
			privacyConsent: true,
			privacyVersion: version
		});
		expect(res.status).toBe(201);
		const user = await h.auth.users.get('amira');
		expect(user).toMatchObject({ privacyVersion: version, consentedAt: expect.any(String) });
		// a later change of roles keeps it
		await h.auth.users.updateRoles('amira', (roles) => [...roles, 'reviewer']);
		expect(await h.auth.users.get('amira')).toMatchObject({ privacyVersion: version, roles: ['member', 'reviewer'] });
		expect(await consentState(sessionCookie(res))).toEqual({
			version,
			consented: { version, consentedAt: user!.consentedAt },
			upToDate: true
		});
	});

	it('refuses a registration that agreed to an older version (409)', async () => {
		h = createHarness();
		const { version: before } = await notice();
		await writeNotice('version: 2\n# Changed');
		const res = await h.post('/api/auth/register', {
			username: 'late',
			password: PASSWORD,
			displayName: 'L',
			privacyConsent: true,
			privacyVersion: before
		});
		expect(res.status).toBe(409);
		expect((await res.json()).reason).toMatch(/changed/);
		expect(await h.auth.users.get('late')).toBeNull();
	});

	it('asks again after the notice changed, and records "I have read it"', async () => {
		h = createHarness();
		const cookie = await h.register('bruno');
		await writeNotice('# Notice, new edition\n');
		const { version } = await notice();
		const state = await consentState(cookie);
		expect(state.upToDate).toBe(false);
		expect(state.version).toBe(version);
		expect(state.consented?.version).not.toBe(version);

		const stale = await h.post('/api/privacy/consent', { version: state.consented!.version }, { cookie });
		expect(stale.status).toBe(409);
		const ok = await h.post('/api/privacy/consent', { version }, { cookie });
		expect(ok.status).toBe(200);
		expect(await ok.json()).toEqual({ version, consentedAt: expect.any(String) });
		expect((await consentState(cookie)).upToDate).toBe(true);
	});

	it('is for signed-in members, as JSON, from the app itself', async () => {
		h = createHarness();
		const cookie = await h.register('carla');
		const { version } = await notice();
		expect((await h.request('/api/privacy/consent')).status).toBe(401);
		expect((await h.post('/api/privacy/consent', { version })).status).toBe(401);
		const form = await h.request('/api/privacy/consent', {
			method: 'POST',
			headers: { cookie, 'content-type': 'text/plain' },
			body: JSON.stringify({ version })
		});
		expect(form.status).toBe(403);
		const crossSite = await h.post('/api/privacy/consent', { version }, { cookie, origin: 'https://evil.example' });
		expect(crossSite.status).toBe(403);
		const empty = await h.request('/api/privacy/consent', { method: 'POST', headers: { cookie } });
		expect(empty.status).toBe(415);
		const noVersion = await h.post('/api/privacy/consent', {}, { cookie });
		expect(noVersion.status).toBe(400);
	});

	it('is missing for accounts made without their holder, who are asked at first sign-in', async () => {
		h = createHarness();
		await h.auth.createMember({
			username: 'admin1',
			password: PASSWORD,
			displayName: 'Admin',
			roles: ['admin'],
			privacy: null
		});
		const login = await h.post('/api/auth/login', { username: 'admin1', password: PASSWORD });
		const state = await consentState(sessionCookie(login));
		expect(state).toMatchObject({ consented: null, upToDate: false });
	});
});

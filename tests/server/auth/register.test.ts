// POST /api/auth/register: the happy path, the profile and private database it creates,
// and every validation error.
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, PASSWORD, sessionCookie, type Harness } from '../support/harness';
import { COMMUNITY_DB, userDbName } from '../../../src/lib/domain/ids';
import { validateCommunityDoc } from '../../../src/lib/domain/validate';
import { USERS_DB } from '../../../server/storage/index';

let h: Harness;
afterEach(async () => {
	await h?.close();
});

const register = (body: unknown, address?: string) => h.post('/api/auth/register', body, {}, address);

describe('register', () => {
	it('creates the account, a valid profile and the private database, and signs in', async () => {
		h = createHarness();
		const res = await register({
			username: 'amira_k',
			password: PASSWORD,
			displayName: ' Amira Khan ',
			organization: 'City of Lund',
			privacyConsent: true
		});
		expect(res.status).toBe(201);
		expect(await res.json()).toEqual({ user: { name: 'amira_k', roles: ['member'], displayName: 'Amira Khan' } });

		const cookie = res.headers.getSetCookie().find((c) => c.startsWith('praxis_session='))!;
		expect(cookie).toMatch(/HttpOnly/i);
		expect(cookie).toMatch(/SameSite=Lax/i);
		expect(cookie).toMatch(/Path=\//);
		expect(cookie).toMatch(/Max-Age=2592000/);
		expect(cookie).not.toMatch(/Secure/i);

		const profile = await h.storage.db(COMMUNITY_DB).get('profile:amira_k');
		expect(validateCommunityDoc(profile).ok).toBe(true);
		expect(profile).toMatchObject({
			type: 'profile',
			author: 'amira_k',
			displayName: 'Amira Khan',
			organization: 'City of Lund',
			mentor: false
		});
		expect(await h.storage.exists(userDbName('amira_k'))).toBe(true);

		const user = (await h.storage.db(USERS_DB).get('user:amira_k')) as unknown as Record<string, unknown>;
		expect(user.hash).toMatchObject({ alg: 'scrypt' });
		expect(JSON.stringify(user)).not.toContain(PASSWORD);

		const session = await h.request('/api/auth/session', { headers: { cookie: sessionCookie(res) } });
		expect(await session.json()).toEqual({ user: { name: 'amira_k', roles: ['member'], displayName: 'Amira Khan' } });
	});

	it('refuses a taken username with 409 and a reserved one too', async () => {
		h = createHarness();
		await h.register('taken');
		const again = await register({
			username: 'taken',
			password: PASSWORD,
			displayName: 'Someone else',
			privacyConsent: true
		});
		expect(again.status).toBe(409);
		expect(await again.json()).toEqual({
			error: 'conflict',
			reason: 'the username taken is taken',
			code: 'usernameTaken',
			params: { username: 'taken' }
		});
		const reserved = await register({
			username: 'praxis',
			password: PASSWORD,
			displayName: 'Impostor',
			privacyConsent: true
		});
		expect(reserved.status).toBe(409);
		expect(await reserved.json()).toMatchObject({
			reason: expect.stringMatching(/reserved/),
			code: 'usernameReserved'
		});
	});

	const invalid: Array<[string, unknown, string, RegExp]> = [
		['a too short username', { username: 'ab', password: PASSWORD, displayName: 'A' }, 'username', /3 to 32/],
		['a too long username', { username: 'a'.repeat(33), password: PASSWORD, displayName: 'A' }, 'username', /3 to 32/],
		[
			'upper case in the username',
			{ username: 'Amira', password: PASSWORD, displayName: 'A' },
			'username',
			/lower-case/
		],
		['a space in the username', { username: 'amira k', password: PASSWORD, displayName: 'A' }, 'username', /a-z/],
		['no username', { password: PASSWORD, displayName: 'A' }, 'username', /required/],
		[
			'an 11-character password',
			{ username: 'amira', password: 'river-plum7', displayName: 'A', privacyConsent: true },
			'password',
			/at least 12/
		],
		[
			'a repeated password',
			{ username: 'amira', password: '1111111111', displayName: 'A', privacyConsent: true },
			'password',
			/at least 12.*Repeated characters/
		],
		[
			'a common password',
			{ username: 'amira', password: 'password1234', displayName: 'A', privacyConsent: true },
			'password',
			/too easy to guess.*commonly used password/
		],
		[
			'a password containing the username',
			{ username: 'amira', password: 'Amira-tea-garden-lantern', displayName: 'A', privacyConsent: true },
			'password',
			/username/
		],
		[
			'a password over 1024 characters',
			{ username: 'amira', password: 'x'.repeat(1025), displayName: 'A' },
			'password',
			/at most 1024/
		],
		['a numeric password', { username: 'amira', password: 12345678901, displayName: 'A' }, 'password', /required/],
		['no display name', { username: 'amira', password: PASSWORD }, 'displayName', /required/],
		['a blank display name', { username: 'amira', password: PASSWORD, displayName: '   ' }, 'displayName', /required/],
		[
			'an 81-character display name',
			{ username: 'amira', password: PASSWORD, displayName: 'x'.repeat(81) },
			'displayName',
			/at most 80/
		],
		[
			'an organization that is not text',
			{ username: 'amira', password: PASSWORD, displayName: 'A', organization: 42 },
			'organization',
			/text/
		],
		[
			'no privacy consent',
			{ username: 'amira', password: PASSWORD, displayName: 'A' },
			'privacyConsent',
			/privacy notice/
		],
		[
			'a privacy consent that is not true',
			{ username: 'amira', password: PASSWORD, displayName: 'A', privacyConsent: 'yes' },
			'privacyConsent',
			/privacy notice/
		],
		['an array body', [], '', /JSON object/]
	];
	for (const [what, body, field, reason] of invalid) {
		it(`answers 400 for ${what}`, async () => {
			h = createHarness();
			const res = await register(body);
			expect(res.status).toBe(400);
			const json = (await res.json()) as { error: string; reason: string; field?: string };
			expect(json.error).toBe('bad_request');
			expect(json.reason).toMatch(reason);
			if (field) expect(json.field).toBe(field);
			expect(res.headers.getSetCookie()).toEqual([]);
		});
	}

	it('answers 400 for malformed JSON and for an empty body', async () => {
		h = createHarness();
		const bad = await register('{"username": "amira",');
		expect(bad.status).toBe(400);
		expect(await bad.json()).toEqual({ error: 'bad_request', reason: 'the request body is not valid JSON' });
		const empty = await h.request('/api/auth/register', { method: 'POST' });
		expect(empty.status).toBe(400);
	});

	it('answers 413 for a body over 64 KiB', async () => {
		h = createHarness();
		const res = await register({
			username: 'amira',
			password: PASSWORD,
			displayName: 'A',
			padding: 'x'.repeat(70_000)
		});
		expect(res.status).toBe(413);
		expect((await res.json()).error).toBe('too_large');
	});

	it('limits registrations per address (429 with Retry-After)', async () => {
		h = createHarness({ limits: { registrationsPerAddress: 3 } });
		for (let i = 0; i < 3; i++) {
			expect(
				(
					await register(
						{ username: `user${i}`, password: PASSWORD, displayName: 'U', privacyConsent: true },
						'203.0.113.9'
					)
				).status
			).toBe(201);
		}
		const limited = await register(
			{ username: 'user3', password: PASSWORD, displayName: 'U', privacyConsent: true },
			'203.0.113.9'
		);
		expect(limited.status).toBe(429);
		expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
		expect(await limited.json()).toMatchObject({ error: 'too_many_requests', code: 'tooManyAccounts' });
		expect(
			(
				await register(
					{ username: 'user3', password: PASSWORD, displayName: 'U', privacyConsent: true },
					'203.0.113.10'
				)
			).status
		).toBe(201);
	});
});

// Session tokens: the JWKS verifies them, Bearer and Basic credentials work, expiry and
// foreign keys are refused, roles follow the user record, the key survives restarts.
import { afterEach, describe, expect, it } from 'vitest';
import { createLocalJWKSet, jwtVerify, SignJWT, decodeProtectedHeader } from 'jose';
import { generateKeyPairSync } from 'node:crypto';
import { statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createHarness, PASSWORD, sessionCookie, tempDir, TEST_SCRYPT_COST, type Harness } from '../support/harness';
import { hashPassword, SCRYPT_CONCURRENCY, scryptActivity } from '../../../server/auth/passwords';
import { loadOrCreateSigningKey } from '../../../server/auth/keys';
import { SESSIONS_DB } from '../../../server/storage/index';

let h: Harness;
afterEach(async () => {
	await h?.close();
});

const tokenOf = (cookie: string) => cookie.slice('praxis_session='.length);
const basic = (name: string, password: string) => `Basic ${Buffer.from(`${name}:${password}`).toString('base64')}`;

describe('session tokens', () => {
	it('publishes a JWKS whose key verifies a session token with the expected claims', async () => {
		h = createHarness();
		const token = tokenOf(await h.register('ines'));
		const res = await h.request('/api/auth/keys');
		expect(res.status).toBe(200);
		const jwks = (await res.json()) as { keys: Array<Record<string, string>> };
		expect(jwks.keys).toHaveLength(1);
		expect(jwks.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
		expect(jwks.keys[0]).not.toHaveProperty('d');
		const { payload, protectedHeader } = await jwtVerify(
			token,
			createLocalJWKSet(jwks as Parameters<typeof createLocalJWKSet>[0])
		);
		expect(protectedHeader).toMatchObject({ alg: 'EdDSA', kid: jwks.keys[0].kid });
		expect(payload).toMatchObject({ sub: 'ines', roles: ['member'] });
		expect(typeof payload.jti).toBe('string');
		expect(payload.exp! - payload.iat!).toBe(30 * 24 * 60 * 60);
	});

	it('accepts Bearer tokens and refuses expired or foreign-signed ones', async () => {
		const now = { ms: Date.parse('2026-03-01T09:00:00Z') };
		h = createHarness({ now });
		const token = tokenOf(await h.register('ines'));
		const bearer = (t: string) => h.request('/api/auth/session', { headers: { authorization: `Bearer ${t}` } });
		expect((await bearer(token)).status).toBe(200);

		const foreign = generateKeyPairSync('ed25519').privateKey;
		const forged = await new SignJWT({ roles: ['admin'] })
			.setProtectedHeader({ alg: 'EdDSA', kid: decodeProtectedHeader(token).kid })
			.setSubject('ines')
			.setJti('x')
			.setIssuedAt()
			.setExpirationTime('1h')
			.sign(foreign);
		expect((await bearer(forged)).status).toBe(401);
		expect((await bearer('a.b.c')).status).toBe(401);

		now.ms += 31 * 24 * 60 * 60 * 1000;
		expect((await bearer(token)).status).toBe(401);
	});

	it('accepts HTTP Basic credentials, caches a success for 60 s, and refuses wrong ones', async () => {
		const now = { ms: Date.parse('2026-03-01T09:00:00Z') };
		h = createHarness({ now });
		await h.register('ines');
		const req = new Request('http://x/', { headers: { authorization: basic('ines', PASSWORD) } });
		expect(await h.auth.authenticate(req, '192.0.2.1')).toEqual({ name: 'ines', roles: ['member'] });
		expect(
			await h.auth.authenticate(
				new Request('http://x/', { headers: { authorization: basic('ines', 'wrong-password!') } }),
				'192.0.2.1'
			)
		).toBeNull();
		expect(
			await h.auth.authenticate(new Request('http://x/', { headers: { authorization: 'Basic !!!' } }), '192.0.2.1')
		).toBeNull();

		// The cache answers without scrypt: prove it by changing the password underneath.
		await h.auth.users.setPassword('ines', await hashPassword('a-new-password-1', TEST_SCRYPT_COST));
		expect(await h.auth.authenticate(req, '192.0.2.1')).toEqual({ name: 'ines', roles: ['member'] });
		now.ms += 61_000;
		expect(await h.auth.authenticate(req, '192.0.2.1')).toBeNull();

		const res = await h.request('/couch/_session', { headers: { authorization: basic('ines', 'a-new-password-1') } });
		expect(await res.json()).toMatchObject({ ok: true, userCtx: { name: 'ines', roles: ['member'] } });
	});

	it('checks the same Basic credentials arriving together once, and hashes at most SCRYPT_CONCURRENCY at a time', async () => {
		h = createHarness();
		await h.register('ines');
		const before = scryptActivity().completed;
		const req = () => new Request('http://x/', { headers: { authorization: basic('ines', PASSWORD) } });
		const users = await Promise.all(Array.from({ length: 10 }, () => h.auth.authenticate(req(), '192.0.2.1')));
		expect(users.every((u) => u?.name === 'ines')).toBe(true);
		expect(scryptActivity().completed - before).toBe(1);
		// a wrong password arriving together is checked once too, and refused for each request
		const wrong = await Promise.all(
			Array.from({ length: 4 }, () =>
				h.auth.authenticate(
					new Request('http://x/', { headers: { authorization: basic('ines', 'wrong-password!') } }),
					'192.0.2.1'
				)
			)
		);
		expect(wrong).toEqual([null, null, null, null]);
		expect(scryptActivity().completed - before).toBe(2);

		let most = 0;
		let sampling = true;
		const sample = (): void => {
			most = Math.max(most, scryptActivity().running);
			if (sampling) setImmediate(sample);
		};
		sample();
		await Promise.all(Array.from({ length: 6 }, (_, i) => hashPassword(`password-number-${i}`, TEST_SCRYPT_COST)));
		sampling = false;
		expect(most).toBe(SCRYPT_CONCURRENCY);
	});

	it('rate-limits failed Basic checks like logins', async () => {
		h = createHarness();
		await h.register('ines');
		for (let i = 0; i < 5; i++) {
			await h.auth.authenticate(
				new Request('http://x/', { headers: { authorization: basic('ines', `wrong-${i}-password`) } }),
				'192.0.2.1'
			);
		}
		const limited = await h.post('/api/auth/login', { username: 'ines', password: PASSWORD });
		expect(limited.status).toBe(429);
	});

	it('reads roles from the user record, so a grant works without a new login', async () => {
		const now = { ms: Date.parse('2026-03-01T09:00:00Z') };
		h = createHarness({ now });
		const cookie = await h.register('ines');
		await h.auth.users.updateRoles('ines', (roles) => [...roles, 'reviewer']);
		now.ms += 10_000;
		const res = await h.request('/api/auth/session', { headers: { cookie } });
		expect((await res.json()).user.roles).toEqual(['member', 'reviewer']);
	});

	it('keeps the signing key in DATA_DIR/keys (mode 600) across restarts', async () => {
		const dataDir = tempDir();
		h = createHarness({ kind: 'leveldb', dataDir });
		const cookie = await h.register('ines');
		const kid = ((await (await h.request('/api/auth/keys')).json()) as { keys: Array<{ kid: string }> }).keys[0].kid;
		await h.close();

		const keysDir = join(dataDir, 'keys');
		for (const file of readdirSync(keysDir)) expect(statSync(join(keysDir, file)).mode & 0o777).toBe(0o600);
		expect(loadOrCreateSigningKey(keysDir).kid).toBe(kid);

		h = createHarness({ kind: 'leveldb', dataDir });
		const session = await h.request('/api/auth/session', { headers: { cookie } });
		expect(session.status).toBe(200);
		expect(sessionCookie(await h.post('/api/auth/login', { username: 'ines', password: PASSWORD }))).toMatch(
			/^praxis_session=/
		);
	});

	it('forgets revocations of tokens that have expired anyway', async () => {
		const dataDir = tempDir();
		const now = { ms: Date.parse('2026-03-01T09:00:00Z') };
		h = createHarness({ kind: 'leveldb', dataDir, now });
		const cookie = await h.register('ines');
		await h.request('/api/auth/logout', { method: 'POST', headers: { cookie } });
		const revoked = async () =>
			(await h.storage.db(SESSIONS_DB).allDocs({ startkey: 'revoked:', endkey: 'revoked:\ufff0' })).rows.length;
		expect(await revoked()).toBe(1);
		await h.close({ keepData: true });

		now.ms += 31 * 24 * 60 * 60 * 1000;
		h = createHarness({ kind: 'leveldb', dataDir, now });
		expect((await h.request('/api/auth/session', { headers: { cookie } })).status).toBe(401);
		const fresh = sessionCookie(await h.post('/api/auth/login', { username: 'ines', password: PASSWORD }));
		expect((await h.request('/api/auth/session', { headers: { cookie: fresh } })).status).toBe(200); // loads the list
		await new Promise((r) => setTimeout(r, 100));
		expect(await revoked()).toBe(0);
	});
});

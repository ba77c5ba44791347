// CouchDB cookie authentication at /couch/_session, as PouchDB and CouchDB clients use it.
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, PASSWORD, sessionCookie, type Harness } from '../support/harness';
import { hashPassword, verifyPassword } from '../../../server/auth/passwords';

let h: Harness;
afterEach(async () => {
	await h?.close();
});

describe('/couch/_session', () => {
	it('signs in with JSON (never a form: cross-site forms need no preflight), and the cookie opens the gateway', async () => {
		h = createHarness();
		await h.register('ines');
		const json = await h.post('/couch/_session', { name: 'ines', password: PASSWORD });
		expect(json.status).toBe(200);
		expect(await json.json()).toEqual({ ok: true, name: 'ines', roles: ['member'] });
		const form = await h.request('/couch/_session', {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ name: 'ines', password: PASSWORD }).toString()
		});
		expect(form.status).toBe(403);
		expect(form.headers.getSetCookie()).toEqual([]);
		const cookie = sessionCookie(json);

		const ctx = await h.request('/couch/_session', { headers: { cookie } });
		expect(await ctx.json()).toMatchObject({ ok: true, userCtx: { name: 'ines', roles: ['member'] } });
		expect((await h.request('/couch/community', { headers: { cookie } })).status).toBe(200);

		const out = await h.request('/couch/_session', { method: 'DELETE', headers: { cookie } });
		expect(await out.json()).toEqual({ ok: true });
		expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/);
		expect((await h.request('/couch/community', { headers: { cookie } })).status).toBe(401);
	});

	it('answers anonymous GET with a null name, and 401 for a wrong password in CouchDB shape', async () => {
		h = createHarness();
		await h.register('ines');
		const anonymous = await h.request('/couch/_session');
		expect(anonymous.status).toBe(200);
		expect(await anonymous.json()).toMatchObject({ ok: true, userCtx: { name: null, roles: [] } });
		const wrong = await h.post('/couch/_session', { name: 'ines', password: 'wrong-password!' });
		expect(wrong.status).toBe(401);
		expect(await wrong.json()).toEqual({ error: 'unauthorized', reason: 'Name or password is incorrect.' });
		expect((await h.post('/couch/_session', { name: 'ines' })).status).toBe(400);
		expect((await h.post('/couch/_session', '{oops')).status).toBe(400);
	});

	it('shares the login rate limit', async () => {
		h = createHarness();
		await h.register('ines');
		for (let i = 0; i < 5; i++) await h.post('/couch/_session', { name: 'ines', password: 'wrong-password!' });
		const limited = await h.post('/couch/_session', { name: 'ines', password: PASSWORD });
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
	});
});

describe('password hashing', () => {
	it('salts every hash and verifies only the right password', async () => {
		const cost = { N: 1024, r: 8, p: 1 };
		const a = await hashPassword('correct horse battery', cost);
		const b = await hashPassword('correct horse battery', cost);
		expect(a.salt).not.toBe(b.salt);
		expect(a.key).not.toBe(b.key);
		expect(a).toMatchObject({ alg: 'scrypt', N: 1024, r: 8, p: 1 });
		expect(await verifyPassword('correct horse battery', a)).toBe(true);
		expect(await verifyPassword('correct horse batterY', a)).toBe(false);
	});
});

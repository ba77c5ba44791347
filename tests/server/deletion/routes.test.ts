// POST /api/account/delete: who may ask and how (signed in, their password, JSON from the app's
// own origin), and how every credential of the deleted account is answered afterwards.
import { afterEach, describe, expect, it } from 'vitest';
import { sessionCookie, type Harness } from '../support/harness';
import { basicAuth } from '../helpers/fake-auth';
import { ACCOUNT_DELETED, ACCOUNT_DELETED_REASON } from '../../../src/lib/domain/account-api';
import { COMMUNITY_DB, userDbName } from '../../../src/lib/domain/ids';
import { community, deleteAccount, PASSWORD, revisions } from './setup';

let h: Harness | null = null;
afterEach(async () => {
	await h?.close();
	h = null;
});

const deletedAnswer = { error: ACCOUNT_DELETED, reason: ACCOUNT_DELETED_REASON, code: 'accountDeleted' };

describe('POST /api/account/delete: refusals', () => {
	it('answers 401 to anyone not signed in, and leaves the account alone', async () => {
		const c = await community();
		h = c.h;
		const res = await h.post('/api/account/delete', { password: PASSWORD });
		expect(res.status).toBe(401);
		expect((await h.request('/api/auth/session', { headers: { cookie: c.cookies.ines } })).status).toBe(200);
	});

	it('refuses a wrong password with 403, counted against the sign-in limits (then 429)', async () => {
		const c = await community({ limits: { loginFailuresPerUsername: 3 } });
		h = c.h;
		const wrong = await deleteAccount(h, c.cookies.ines, { password: 'not my password', deleteContributions: true });
		expect(wrong.status).toBe(403);
		expect(await wrong.json()).toMatchObject({
			error: 'forbidden',
			reason: 'Your password is not right, so the account was not deleted.',
			field: 'password',
			code: 'wrongPassword'
		});
		await deleteAccount(h, c.cookies.ines, { password: 'still wrong' });
		await deleteAccount(h, c.cookies.ines, { password: 'wrong again' });
		const limited = await deleteAccount(h, c.cookies.ines, { password: PASSWORD });
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
		expect(await h.auth.users.get('ines')).not.toBeNull();
	});

	it('refuses cross-site requests: a foreign Origin, or a text/plain body (403, CSRF)', async () => {
		const c = await community();
		h = c.h;
		const foreign = await deleteAccount(h, c.cookies.ines, { password: PASSWORD }, { origin: 'https://evil.example' });
		expect(foreign.status).toBe(403);
		const plain = await h.request('/api/account/delete', {
			method: 'POST',
			headers: { cookie: c.cookies.ines, 'content-type': 'text/plain' },
			body: JSON.stringify({ password: PASSWORD })
		});
		expect(plain.status).toBe(403);
		const sibling = await deleteAccount(h, c.cookies.ines, { password: PASSWORD }, { 'sec-fetch-site': 'same-site' });
		expect(sibling.status).toBe(403);
		expect(await h.auth.users.get('ines')).not.toBeNull();
	});

	it('refuses to delete the only administrator, and lets one of two go', async () => {
		const c = await community();
		h = c.h;
		await h.auth.users.updateRoles('ines', (roles) => [...roles, 'admin']);
		h.auth.invalidate('ines');
		const only = await deleteAccount(h, c.cookies.ines, { password: PASSWORD });
		expect(only.status).toBe(403);
		expect(((await only.json()) as { reason: string }).reason).toMatch(/only administrator/);
		await h.auth.users.updateRoles('ben', (roles) => [...roles, 'admin']);
		expect((await deleteAccount(h, c.cookies.ines, { password: PASSWORD })).status).toBe(200);
	});

	it('answers 400 to a malformed body', async () => {
		const c = await community();
		h = c.h;
		for (const body of [
			'{"password":',
			'[]',
			'"text"',
			{},
			{ password: '' },
			{ password: 42 },
			{ password: PASSWORD, deleteContributions: 'yes' },
			{ password: 'x'.repeat(1025) }
		]) {
			const res = await deleteAccount(h, c.cookies.ines, body);
			expect(res.status, JSON.stringify(body)).toBe(400);
		}
		const untyped = await h.request('/api/account/delete', {
			method: 'POST',
			headers: { authorization: basicAuth('ines', PASSWORD) },
			body: JSON.stringify({ password: PASSWORD })
		});
		expect(untyped.status).toBe(400);
		expect(await h.auth.users.get('ines')).not.toBeNull();
	});
});

describe('after the deletion', () => {
	it('refuses sign-in with a plain reason, and the username cannot be registered again', async () => {
		const c = await community();
		h = c.h;
		const res = await deleteAccount(h, c.cookies.ines, { password: PASSWORD });
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({ ok: true, deletedContributions: 0 });
		expect(res.headers.getSetCookie().some((cookie) => /^praxis_session=;/.test(cookie))).toBe(true);

		const login = await h.post('/api/auth/login', { username: 'ines', password: PASSWORD });
		expect(login.status).toBe(401);
		expect(await login.json()).toEqual(deletedAnswer);
		const couchLogin = await h.post('/couch/_session', { name: 'ines', password: PASSWORD });
		expect(couchLogin.status).toBe(401);
		expect(await couchLogin.json()).toEqual(deletedAnswer);

		// a browser still holding the deleted account's cookie: someone else signing in there is told about their own account
		const wrongForBen = await h.post(
			'/api/auth/login',
			{ username: 'ben', password: 'not his password' },
			{ cookie: c.cookies.ines }
		);
		expect(await wrongForBen.json()).toMatchObject({ error: 'unauthorized' });
		expect(
			(await h.post('/api/auth/login', { username: 'ben', password: PASSWORD }, { cookie: c.cookies.ines })).status
		).toBe(200);

		const again = await h.post(
			'/api/auth/register',
			{ username: 'ines', password: 'another long passphrase 2027', displayName: 'Ines', privacyConsent: true },
			{},
			'198.51.100.77'
		);
		expect(again.status).toBe(409);
		expect(
			await h.storage
				.db(COMMUNITY_DB)
				.get('profile:ines')
				.catch((err: { status: number }) => err.status)
		).toBe(404);
	});

	it('answers the old session cookie, Basic credentials and a Bearer token with 401 account_deleted, on /api and /couch', async () => {
		const c = await community();
		h = c.h;
		const phone = sessionCookie(await h.post('/api/auth/login', { username: 'ines', password: PASSWORD }));
		const bearer = phone.slice('praxis_session='.length);
		expect((await deleteAccount(h, c.cookies.ines, { password: PASSWORD })).status).toBe(200);

		const asked: Array<[string, RequestInit]> = [
			['/api/auth/session', { headers: { cookie: phone } }],
			['/api/auth/session', { headers: { cookie: c.cookies.ines } }],
			['/api/devices', { headers: { authorization: `Bearer ${bearer}` } }],
			[`/couch/${COMMUNITY_DB}/_changes`, { headers: { cookie: phone } }],
			[`/couch/${COMMUNITY_DB}/_changes`, { headers: { authorization: basicAuth('ines', PASSWORD) } }],
			[`/couch/${userDbName('ines')}/`, { headers: { authorization: basicAuth('ines', 'any password at all') } }],
			[
				`/couch/${COMMUNITY_DB}/_bulk_docs`,
				{ method: 'POST', headers: { cookie: phone, 'content-type': 'application/json' }, body: '{"docs":[]}' }
			],
			['/api/bootstrap/community', { headers: { cookie: phone } }]
		];
		for (const [path, init] of asked) {
			const res = await h.request(path, init);
			expect(res.status, path).toBe(401);
			expect(await res.json(), path).toEqual(deletedAnswer);
		}
	});

	it('answers other members and strangers as before: a bad cookie or an unknown name is a plain 401', async () => {
		const c = await community();
		h = c.h;
		expect((await deleteAccount(h, c.cookies.ines, { password: PASSWORD })).status).toBe(200);
		expect((await h.request('/api/auth/session', { headers: { cookie: c.cookies.ben } })).status).toBe(200);
		const refused: Array<Record<string, string>> = [
			{ cookie: 'praxis_session=not-a-token' },
			{ authorization: basicAuth('nobody', PASSWORD) },
			{ authorization: basicAuth('ben', 'wrong') }
		];
		for (const headers of refused) {
			const res = await h.request(`/couch/${COMMUNITY_DB}/_changes`, { headers });
			expect(res.status).toBe(401);
			expect(((await res.json()) as { error: string }).error).toBe('unauthorized');
		}
	});

	it('changes nothing of other members', async () => {
		const c = await community();
		h = c.h;
		const before = await revisions(h);
		expect((await deleteAccount(h, c.cookies.ines, { password: PASSWORD, deleteContributions: true })).status).toBe(
			200
		);
		const after = await revisions(h);
		for (const [id, was] of before)
			if (was.author !== 'ines' && !id.startsWith('revocation:')) expect(after.get(id), id).toEqual(was);
		expect(await h.auth.users.get('ben')).toMatchObject({ name: 'ben', roles: ['member'] });
		const benSessions = await h.request('/api/auth/sessions', { headers: { cookie: c.cookies.ben } });
		expect(((await benSessions.json()) as { sessions: unknown[] }).sessions).toHaveLength(1);
	});
});

// Who may reach which database through /couch, the welcome and db-level endpoints.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCouchHarness, type CouchHarness } from '../helpers/couch-harness';
import { userDbName } from '../../../src/lib/domain/ids';
import { createCouchApp } from '../../../server/couch/index';
import { createStorage } from '../../../server/storage/index';
import { Hono } from 'hono';
import { fakeAuth } from '../helpers/fake-auth';

let h: CouchHarness;
beforeEach(() => {
	h = createCouchHarness();
});
afterEach(async () => {
	await h.close();
});

describe('couch access', () => {
	it('answers the welcome at /couch and /couch/ without credentials', async () => {
		for (const path of ['/couch', '/couch/']) {
			const res = await h.request(path, { user: null });
			expect(res.status).toBe(200);
			expect(await res.json()).toMatchObject({ couchdb: 'Welcome', uuid: 'test-uuid', vendor: { name: 'Praxis' } });
		}
	});

	it('refuses anonymous database access with 401', async () => {
		const res = await h.request('/couch/community/', { user: null });
		expect(res.status).toBe(401);
		expect(await res.json()).toMatchObject({ error: 'unauthorized' });
		expect((await h.request('/couch/community/_changes', { user: null })).status).toBe(401);
	});

	it('answers db info for community with and without a trailing slash', async () => {
		for (const path of ['/couch/community', '/couch/community/']) {
			const res = await h.request(path);
			expect(res.status).toBe(200);
			expect(await res.json()).toMatchObject({
				db_name: 'community',
				doc_count: 0,
				instance_start_time: expect.any(String)
			});
		}
	});

	it('hides server-only and unknown databases with 404', async () => {
		for (const name of ['praxis-users', 'praxis-sessions', 'other', '_users', 'userdb-zz']) {
			const res = await h.request(`/couch/${name}/`);
			expect(res.status, name).toBe(404);
			expect(await res.json()).toMatchObject({ error: 'not_found' });
		}
		expect(await h.storage.exists('praxis-users')).toBe(false);
		expect((await h.request('/couch/praxis-users/_all_docs')).status).toBe(404);
		expect((await h.request('/couch/praxis-users', { method: 'PUT' })).status).toBe(404);
	});

	it("gives a member their own userdb, created lazily, and 403 on someone else's", async () => {
		const mine = userDbName('alice');
		expect(await h.storage.exists(mine)).toBe(false);
		const put = await h.request(`/couch/${mine}/`, { method: 'PUT' });
		expect(put.status).toBe(201);
		expect((await h.request(`/couch/${mine}/`, { method: 'PUT' })).status).toBe(412);
		expect((await h.request(`/couch/${mine}/`)).status).toBe(200);
		const theirs = await h.request(`/couch/${userDbName('bob')}/`);
		expect(theirs.status).toBe(403);
		expect(await theirs.json()).toMatchObject({ error: 'forbidden' });
		expect((await h.request(`/couch/${userDbName('bob')}/_all_docs`)).status).toBe(403);
	});

	it('answers 412 to PUT of community and never deletes it', async () => {
		const res = await h.request('/couch/community/', { method: 'PUT' });
		expect(res.status).toBe(412);
		expect(await res.json()).toMatchObject({ error: 'file_exists' });
		expect((await h.request('/couch/community/', { method: 'DELETE' })).status).toBe(403);
	});

	it('answers 404 to unknown routes', async () => {
		expect((await h.request('/couch/community/_design/x')).status).toBe(404);
		expect((await h.request('/couch/community/_nothing', { method: 'POST', body: '{}' })).status).toBe(404);
		expect((await h.request('/couch/_all_dbs')).status).toBe(404);
	});

	it('keeps a userdb to objects with a string type, validating known types', async () => {
		const db = userDbName('alice');
		const res = await h.request(`/couch/${db}/_bulk_docs`, {
			method: 'POST',
			body: JSON.stringify({
				docs: [{ _id: 'draft:1', type: 'draft', text: 'x' }, { _id: 'n:1' }, { _id: 'thread:bad', type: 'thread' }]
			})
		});
		expect(res.status).toBe(201);
		const results = (await res.json()) as { id: string; ok?: boolean; error?: string }[];
		expect(results[0]).toMatchObject({ id: 'draft:1', ok: true });
		expect(results[1]).toMatchObject({ id: 'n:1', error: 'forbidden' });
		expect(results[2]).toMatchObject({ id: 'thread:bad', error: 'forbidden' });
	});

	it('treats a failing auth service as anonymous (401), not a 500', async () => {
		const storage = createStorage({ kind: 'memory', memoryPrefix: `couch-auth-fail-${Date.now()}` });
		const auth = {
			authenticate: async (): Promise<null> => {
				throw new Error('session store unavailable');
			}
		};
		const app = createCouchApp({ storage, auth, uuid: 'u', version: 'v' });
		const res = await app.request('/community/');
		expect(res.status).toBe(401);
		await storage.close();
	});

	it('leaves /couch/_session to the parent app, mounted before or after it', async () => {
		const storage = createStorage({ kind: 'memory', memoryPrefix: `couch-session-${Date.now()}` });
		const couch = createCouchApp({ storage, auth: fakeAuth({}), uuid: 'u', version: 'v' });
		const after = new Hono().route('/couch', couch);
		after.get('/couch/_session', (c) => c.json({ ok: true, userCtx: { name: null } }));
		after.post('/couch/_session', (c) => c.json({ ok: true }));
		const before = new Hono();
		before.get('/couch/_session', (c) => c.json({ ok: true, userCtx: { name: null } }));
		before.route('/couch', couch);
		for (const app of [after, before]) {
			const res = await app.request('/couch/_session');
			expect(res.status).toBe(200);
			expect(await res.json()).toMatchObject({ ok: true });
		}
		expect((await after.request('/couch/_session', { method: 'POST' })).status).toBe(200);
		await storage.close();
	});
});

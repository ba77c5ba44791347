// /api/admin (server/administration/routes.ts): what the admin CLI does, on a running server,
// for administrators only; a live replication keeps going while roles change and hubs are enrolled.
import { afterEach, describe, expect, it } from 'vitest';
import PouchDB from 'pouchdb';
import { createHarness, type Harness } from './support/harness';
import { certifyTestDevice, storeSigned } from './helpers/signing';
import { thread } from './helpers/community-docs';
import { seedCategories } from '../../server/seed';
import { serverSigner } from '../../server/devices/server-key';
import { COMMUNITY_DB } from '../../src/lib/domain/ids';

let h: Harness | null = null;
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
	for (const c of cleanups.splice(0).reverse()) await c().catch(() => {});
	await h?.close();
	h = null;
});

async function setup(now?: { ms: number }) {
	h = createHarness(now ? { now } : {});
	await seedCategories(h.storage, new Date(), await serverSigner(h.auth.signingKey()));
	const root = await h.register('root');
	await h.auth.users.updateRoles('root', (roles) => [...roles, 'admin']);
	h.auth.invalidate('root');
	const ana = await h.register('ana');
	const mod = await h.register('mod');
	await h.auth.users.updateRoles('mod', (roles) => [...roles, 'moderator']);
	h.auth.invalidate('mod');
	return { h, root, ana, mod };
}

const json = { 'content-type': 'application/json' };

async function call(
	h: Harness,
	method: string,
	path: string,
	cookie: string | null,
	body?: unknown,
	extra: Record<string, string> = {}
) {
	const res = await h.request(`/api/admin${path}`, {
		method,
		headers: { ...(cookie ? { cookie } : {}), ...(body !== undefined ? json : {}), ...extra },
		...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {})
	});
	return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> };
}

const ROUTES: Array<[string, string, unknown?]> = [
	['GET', '/members'],
	['POST', '/members/ana/roles', { grant: 'moderator' }],
	['GET', '/hubs'],
	['POST', '/hubs', { name: 'village-hall' }],
	['DELETE', '/hubs/village-hall'],
	['POST', '/members/ana/suspension', { reason: 'Spam' }],
	['DELETE', '/members/ana/suspension'],
	['POST', '/members/ana/reset-code'],
	['GET', '/health'],
	['GET', '/bundle']
];

describe('/api/admin', () => {
	it('answers 401 to anonymous callers and 403 to members and moderators on every route, changing nothing', async () => {
		const { h, ana, mod } = await setup();
		for (const [method, path, body] of ROUTES) {
			expect((await call(h, method, path, null, body)).status, `${method} ${path}`).toBe(401);
			for (const cookie of [ana, mod]) {
				const res = await call(h, method, path, cookie, body);
				expect(res.status, `${method} ${path}`).toBe(403);
				expect(res.body).toMatchObject({ error: 'forbidden', reason: expect.stringMatching(/administrators/) });
			}
		}
		expect((await h.auth.users.get('ana'))?.roles).toEqual(['member']);
		expect(
			await h.storage
				.db('praxis-users')
				.get('hub:village-hall')
				.catch((e: { status: number }) => e.status)
		).toBe(404);
	});

	it('finds members and grants and takes away roles, which count at once', async () => {
		const { h, root, ana } = await setup();
		const all = await call(h, 'GET', '/members', root);
		expect(all.body).toMatchObject({
			total: 3,
			members: [{ name: 'ana' }, { name: 'mod' }, { name: 'root', roles: ['member', 'admin'] }]
		});
		const found = await call(h, 'GET', '/members?q=AN', root);
		expect(found.body).toMatchObject({ total: 1, members: [{ name: 'ana', roles: ['member'] }] });
		expect((await call(h, 'GET', `/members?q=${'x'.repeat(101)}`, root)).status).toBe(400);

		// ana cannot rename a category until she is a moderator; then she can, with no restart
		const who = async () => (await h.request('/api/auth/session', { headers: { cookie: ana } })).json();
		expect(await who()).toMatchObject({ user: { roles: ['member'] } });
		expect(await call(h, 'POST', '/members/ana/roles', root, { grant: 'moderator' })).toMatchObject({
			status: 200,
			body: { member: { name: 'ana', roles: ['member', 'moderator'] } }
		});
		expect(await who()).toMatchObject({ user: { roles: ['member', 'moderator'] } });
		expect(await call(h, 'POST', '/members/ana/roles', root, { revoke: 'moderator' })).toMatchObject({
			status: 200,
			body: { member: { roles: ['member'] } }
		});
		expect(await who()).toMatchObject({ user: { roles: ['member'] } });
	});

	it('refuses bad role changes with a clear 4xx', async () => {
		const { h, root } = await setup();
		const bad: Array<[unknown, number]> = [
			[{ grant: 'emperor' }, 400],
			[{ grant: 'member' }, 400],
			[{ grant: 'moderator', revoke: 'reviewer' }, 400],
			[{}, 400],
			[[], 400],
			['{not json', 400]
		];
		for (const [body, status] of bad)
			expect((await call(h, 'POST', '/members/ana/roles', root, body)).status, JSON.stringify(body)).toBe(status);
		expect((await call(h, 'POST', '/members/nobody/roles', root, { grant: 'reviewer' })).status).toBe(404);
		expect((await call(h, 'POST', '/members/NOT%20A%20NAME/roles', root, { grant: 'reviewer' })).status).toBe(404);
		const own = await call(h, 'POST', '/members/root/roles', root, { revoke: 'admin' });
		expect(own).toMatchObject({ status: 403, body: { reason: expect.stringMatching(/your own admin role/) } });
		expect((await h.auth.users.get('root'))?.roles).toContain('admin');
		// a cross-site page cannot use an admin's cookie
		const forged = await call(
			h,
			'POST',
			'/members/ana/roles',
			root,
			{ grant: 'admin' },
			{ origin: 'https://evil.example' }
		);
		expect(forged.status).toBe(403);
		expect((await h.auth.users.get('ana'))?.roles).toEqual(['member']);
	});

	it('enrols a hub (credential shown once), shows its last contact and revokes it', async () => {
		const { h, root } = await setup();
		expect(await call(h, 'GET', '/hubs', root)).toMatchObject({ status: 200, body: { hubs: [] } });
		const enrolled = await call(h, 'POST', '/hubs', root, { name: 'village-hall' });
		expect(enrolled).toMatchObject({
			status: 201,
			body: { name: 'village-hall', credential: expect.stringMatching(/^praxis-hub:village-hall:/) }
		});
		const credential = String(enrolled.body.credential);
		expect((await call(h, 'POST', '/hubs', root, { name: 'village-hall' })).status).toBe(400); // already enrolled
		expect((await call(h, 'POST', '/hubs', root, { name: 'Bad Name' })).status).toBe(400);
		expect((await call(h, 'POST', '/hubs', root, { nom: 'x' })).status).toBe(400);
		const listed = await call(h, 'GET', '/hubs', root);
		expect(listed.body.hubs).toEqual([{ name: 'village-hall', createdAt: expect.any(String) }]); // no secret, never contacted

		// the hub uses its credential: its last contact is recorded
		const asHub = () =>
			h.request(`/couch/${COMMUNITY_DB}/_changes?limit=1`, { headers: { authorization: `Bearer ${credential}` } });
		expect((await asHub()).status).toBe(200);
		await expect
			.poll(
				async () =>
					((await call(h, 'GET', '/hubs', root)).body.hubs as Array<{ lastContactAt?: string }>)[0].lastContactAt
			)
			.toMatch(/^\d{4}-/);

		expect(await call(h, 'DELETE', '/hubs/village-hall', root)).toMatchObject({
			status: 200,
			body: { name: 'village-hall', revokedAt: expect.any(String) }
		});
		expect((await asHub()).status).toBe(401);
		expect((await call(h, 'DELETE', '/hubs/nowhere', root)).status).toBe(404);
		expect((await call(h, 'GET', '/hubs', root)).body.hubs).toMatchObject([
			{ name: 'village-hall', revokedAt: expect.any(String) }
		]);
	});

	it('suspends a member: sessions kept, sign-in refused with the reason, until it ends or is lifted', async () => {
		const now = { ms: Date.parse('2026-12-02T10:00:00Z') };
		const { h, root, ana } = await setup(now);
		const login = () => h.post('/api/auth/login', { username: 'ana', password: 'a-long-enough-password' });
		const signedIn = async (cookie: string) => (await h.request('/api/auth/session', { headers: { cookie } })).status;
		expect(await signedIn(ana)).toBe(200);

		const suspended = await call(h, 'POST', '/members/ana/suspension', root, {
			reason: 'Repeated spam in the forums',
			days: 7
		});
		expect(suspended).toMatchObject({
			status: 200,
			body: {
				member: {
					name: 'ana',
					suspended: { by: 'root', reason: 'Repeated spam in the forums', until: '2026-12-09T10:00:00.000Z' }
				}
			}
		});
		// still signed in, so her devices hear why their writes wait (tests/server/couch/suspension.test.ts)
		expect(await signedIn(ana)).toBe(200);
		const refused = await login();
		expect(refused.status).toBe(403);
		expect(await refused.json()).toMatchObject({
			reason: expect.stringMatching(/suspended until 2026-12-09: Repeated spam in the forums/)
		});
		expect((await call(h, 'GET', '/members?q=ana', root)).body.members).toMatchObject([
			{ name: 'ana', suspended: { reason: 'Repeated spam in the forums' } }
		]);

		now.ms += 8 * 86_400_000; // it ends by itself
		expect((await login()).status).toBe(200);
		expect((await call(h, 'GET', '/members?q=ana', root)).body.members).toEqual([
			expect.not.objectContaining({ suspended: expect.anything() })
		]);

		expect((await call(h, 'POST', '/members/ana/suspension', root, { reason: 'Again' })).status).toBe(200); // until lifted
		expect((await login()).status).toBe(403);
		expect(await call(h, 'DELETE', '/members/ana/suspension', root)).toMatchObject({
			status: 200,
			body: { member: { name: 'ana' } }
		});
		expect((await login()).status).toBe(200);
	});

	it('refuses bad suspensions with a clear 4xx', async () => {
		const { h, root } = await setup();
		for (const body of [
			{},
			{ reason: '' },
			{ reason: '   ' },
			{ reason: 'x'.repeat(501) },
			{ reason: 'ok', days: 0 },
			{ reason: 'ok', days: 1.5 },
			{ reason: 'ok', days: 366 },
			{ reason: 'ok', days: '3' },
			[]
		]) {
			expect((await call(h, 'POST', '/members/ana/suspension', root, body)).status, JSON.stringify(body)).toBe(400);
		}
		expect((await call(h, 'POST', '/members/nobody/suspension', root, { reason: 'x' })).status).toBe(404);
		expect(await call(h, 'POST', '/members/ana/reset-code', root)).toMatchObject({
			status: 201,
			body: { username: 'ana', code: expect.any(String) }
		});
		expect((await call(h, 'POST', '/members/nobody/reset-code', root)).status).toBe(404);
		expect((await call(h, 'DELETE', '/members/nobody/suspension', root)).status).toBe(404);
		expect((await call(h, 'POST', '/members/root/suspension', root, { reason: 'x' })).status).toBe(403);
		await h.auth.users.updateRoles('ana', (roles) => [...roles, 'admin']);
		expect(await call(h, 'POST', '/members/ana/suspension', root, { reason: 'x' })).toMatchObject({
			status: 403,
			body: { reason: expect.stringMatching(/administrator role first/) }
		});
		expect((await h.auth.users.get('ana'))?.suspended).toBeUndefined();
	});

	it('gives a server-signed updates file of the community, as the bundle command does', async () => {
		const { h, root } = await setup();
		const res = await h.request('/api/admin/bundle', { headers: { cookie: root } });
		expect(res.status).toBe(200);
		expect(res.headers.get('content-disposition')).toMatch(
			/^attachment; filename="praxis-updates-\d{4}-\d{2}-\d{2}\.praxis"$/
		);
		expect(Number(res.headers.get('x-praxis-documents'))).toBeGreaterThan(0);
		const bytes = new Uint8Array(await res.arrayBuffer());
		expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]); // gzip
		// any member can apply it on another server or a hub through the file exchange
		expect(
			(
				await h.request('/api/bundles', {
					method: 'POST',
					headers: { cookie: root, 'content-type': 'application/gzip' },
					body: bytes
				})
			).status
		).toBe(200);
		expect((await h.request('/api/admin/bundle?since=yesterday', { headers: { cookie: root } })).status).toBe(400);
		const later = await h.request(
			`/api/admin/bundle?since=${encodeURIComponent(new Date(Date.now() + 86_400_000).toISOString())}`,
			{ headers: { cookie: root } }
		);
		expect(later.headers.get('x-praxis-documents')).toBe('0');
	});

	it("reports the server's health", async () => {
		const { h, root } = await setup();
		const health = await call(h, 'GET', '/health', root);
		expect(health).toMatchObject({
			status: 200,
			body: { version: expect.any(String), store: 'memory', members: 3, hubs: 0, lastCompaction: null }
		});
		expect(health.body.databases).toEqual(
			expect.arrayContaining([expect.objectContaining({ name: COMMUNITY_DB, docCount: expect.any(Number) })])
		);
	});

	it('grants a role and enrols a hub while a live replication keeps going', async () => {
		const { h, root, ana } = await setup();
		const base = await h.listen();
		const device = await certifyTestDevice(h, ana);
		const local = new PouchDB(`admin-live-${process.pid}-${Math.random()}`, { adapter: 'memory' });
		cleanups.push(() => local.destroy());
		const remote = new PouchDB(`${base}/couch/${COMMUNITY_DB}`, {
			fetch: (url: string | Request, init?: RequestInit) => {
				const headers = new Headers(init?.headers);
				headers.set('cookie', ana);
				return fetch(url, { ...init, headers });
			}
		} as PouchDB.Configuration.RemoteDatabaseConfiguration);
		const live = local.sync(remote, { live: true, retry: true });
		cleanups.push(async () => live.cancel());
		const arrived = (id: string) =>
			expect
				.poll(
					async () =>
						(await h.storage
							.db(COMMUNITY_DB)
							.get(id)
							.catch(() => null)) !== null,
					{ timeout: 10_000 }
				)
				.toBe(true);

		const first = await device.signRevision(thread('ana', { title: 'Before' }));
		await storeSigned(local, [first]);
		await arrived(first._id);

		expect((await call(h, 'POST', '/members/ana/roles', root, { grant: 'reviewer' })).status).toBe(200);
		expect((await call(h, 'POST', '/hubs', root, { name: 'town-hall' })).status).toBe(201);

		const second = await device.signRevision(thread('ana', { title: 'After' }));
		await storeSigned(local, [second]);
		await arrived(second._id);
		expect((await h.auth.users.get('ana'))?.roles).toEqual(['member', 'reviewer']);
	});
});

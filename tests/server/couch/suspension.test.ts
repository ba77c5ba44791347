// What a suspension does (server/auth/suspension.ts): the member stays signed in and keeps
// reading, the gateway refuses their writes with the reason, the upstream's relay refuses what
// they signed (the other members' documents of the batch are stored), their hub tokens end and
// new ones are refused; all of it until the suspension ends by itself or is lifted.
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, PASSWORD, type Harness } from '../support/harness';
import { certifyTestDevice, type TestDevice } from '../helpers/signing';
import { thread } from '../helpers/community-docs';
import { seedCategories } from '../../../server/seed';
import { serverSigner } from '../../../server/devices/server-key';
import { setMemberSuspension } from '../../../server/auth/suspension';
import type { Suspension } from '../../../server/auth/users';
import { COMMUNITY_DB, docId, userDbName } from '../../../src/lib/domain/ids';

let h: Harness | null = null;
afterEach(async () => {
	await h?.close();
	h = null;
});

const WEEK_REASON =
	'Your account is suspended until 10 December 2026: Repeated spam in the forums. What you write stays on your device and is sent when the suspension ends.';

async function setup(options: { writesPerMinute?: number } = {}) {
	const now = { ms: Date.parse('2026-12-03T10:00:00Z') };
	const harness = createHarness({
		now,
		...(options.writesPerMinute ? { writeLimits: { writesPerMinute: options.writesPerMinute } } : {})
	});
	h = harness;
	await seedCategories(harness.storage, new Date(now.ms), await serverSigner(harness.auth.signingKey()));
	const root = await harness.register('root');
	await harness.auth.users.updateRoles('root', (roles) => [...roles, 'admin']);
	harness.auth.invalidate('root');
	const ana = await harness.register('ana');
	const ben = await harness.register('ben');
	const anaDevice = await certifyTestDevice(harness, ana);
	const benDevice = await certifyTestDevice(harness, ben);
	const suspend = (s: Partial<Suspension> | null) =>
		setMemberSuspension(
			harness.auth,
			'ana',
			s && { at: new Date(now.ms).toISOString(), by: 'root', reason: 'Repeated spam in the forums', ...s }
		);
	return { h: harness, now, root, ana, ben, anaDevice, benDevice, suspend };
}

const json = { 'content-type': 'application/json' };

function bulk(h: Harness, cookie: string, docs: unknown[], db = COMMUNITY_DB) {
	return h.request(`/couch/${db}/_bulk_docs`, {
		method: 'POST',
		headers: { cookie, ...json },
		body: JSON.stringify({ docs })
	});
}

const stored = async (h: Harness, id: string) =>
	h.storage
		.db(COMMUNITY_DB)
		.get(id)
		.then(
			() => true,
			() => false
		);

const jtiOf = (token: string): string =>
	(JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { jti: string }).jti;

async function signedThread(device: TestDevice, author: string) {
	return device.sign(thread(author));
}

describe('a suspended member', () => {
	it('stays signed in and reads, while every write is refused with the reason and nothing is stored', async () => {
		const { h, ana, anaDevice, suspend } = await setup();
		await suspend({ until: '2026-12-10T10:00:00.000Z' });
		expect((await h.request('/api/auth/session', { headers: { cookie: ana } })).status).toBe(200);

		const doc = await signedThread(anaDevice, 'ana');
		const refused = await bulk(h, ana, [doc]);
		expect(refused.status).toBe(403);
		expect(await refused.json()).toEqual({ error: 'suspended', reason: WEEK_REASON });
		const put = await h.request(`/couch/${COMMUNITY_DB}/${encodeURIComponent(doc._id)}`, {
			method: 'PUT',
			headers: { cookie: ana, ...json },
			body: JSON.stringify(doc)
		});
		expect(put.status).toBe(403);
		expect(((await put.json()) as { error: string }).error).toBe('suspended');
		const message = {
			_id: docId('message'),
			type: 'message',
			author: 'ana',
			to: 'ben',
			createdAt: new Date().toISOString(),
			body: 'Buy my product'
		};
		expect((await bulk(h, ana, [message], userDbName('ana'))).status).toBe(403);
		for (const [method, path] of [
			['DELETE', `/couch/${COMMUNITY_DB}/${encodeURIComponent(doc._id)}?rev=1-a`],
			['PUT', '/couch/library-files/file:01J0000000000000000000000F/data']
		]) {
			const res = await h.request(path, { method, headers: { cookie: ana, 'content-type': 'text/plain' }, body: 'x' });
			expect(res.status, `${method} ${path}`).toBe(403);
		}
		expect(await stored(h, doc._id)).toBe(false);
		expect((await h.storage.db(userDbName('ana')).allDocs()).rows.some((r) => r.id === message._id)).toBe(false);

		// reads and replication bookkeeping go on
		const read = (path: string, body?: unknown) =>
			h.request(`/couch/${COMMUNITY_DB}${path}`, {
				method: body === undefined ? 'GET' : 'POST',
				headers: { cookie: ana, ...json },
				...(body === undefined ? {} : { body: JSON.stringify(body) })
			});
		expect((await read('/_changes')).status).toBe(200);
		expect((await read('/_all_docs', {})).status).toBe(200);
		expect((await read('/_revs_diff', { [doc._id]: ['1-a'] })).status).toBe(200);
		expect((await read('/_bulk_get', { docs: [] })).status).toBe(200);
		const local = await h.request(`/couch/${COMMUNITY_DB}/_local/checkpoint`, {
			method: 'PUT',
			headers: { cookie: ana, ...json },
			body: JSON.stringify({ last_seq: 3 })
		});
		expect(local.status).toBe(201);
	});

	it('is refused with HTTP Basic credentials too, with the same reason (not as signed out)', async () => {
		const { h, anaDevice, suspend } = await setup();
		await suspend({ until: '2026-12-10T10:00:00.000Z' });
		const basic = `Basic ${Buffer.from(`ana:${PASSWORD}`).toString('base64')}`;
		const res = await h.request(`/couch/${COMMUNITY_DB}/_bulk_docs`, {
			method: 'POST',
			headers: { authorization: basic, ...json },
			body: JSON.stringify({ docs: [await signedThread(anaDevice, 'ana')] })
		});
		expect(res.status).toBe(403);
		expect(await res.json()).toEqual({ error: 'suspended', reason: WEEK_REASON });
		// signing in, though, stays refused with its own message
		const login = await h.post('/api/auth/login', { username: 'ana', password: PASSWORD });
		expect(login.status).toBe(403);
		expect(((await login.json()) as { reason: string }).reason).toMatch(/suspended until 2026-12-10/);
	});

	it('writes again once the suspension ends by itself', async () => {
		const { h, now, ana, anaDevice, suspend } = await setup();
		await suspend({ until: '2026-12-10T10:00:00.000Z' });
		expect((await bulk(h, ana, [await signedThread(anaDevice, 'ana')])).status).toBe(403);
		now.ms = Date.parse('2026-12-10T10:00:01Z');
		const doc = await signedThread(anaDevice, 'ana');
		const res = await bulk(h, ana, [doc]);
		expect(res.status).toBe(201);
		expect(await res.json()).toEqual([expect.objectContaining({ id: doc._id, ok: true })]);
		expect(await stored(h, doc._id)).toBe(true);
	});

	it('is told "until an administrator lifts it" without an end, and writes at once when lifted', async () => {
		const { h, ana, anaDevice, suspend } = await setup();
		await suspend({});
		const refused = await bulk(h, ana, [await signedThread(anaDevice, 'ana')]);
		expect(await refused.json()).toEqual({
			error: 'suspended',
			reason:
				'Your account is suspended until an administrator lifts it: Repeated spam in the forums. What you write stays on your device and is sent when the suspension ends.'
		});
		await suspend(null);
		expect((await bulk(h, ana, [await signedThread(anaDevice, 'ana')])).status).toBe(201);
	});

	it('loses their hub tokens and cannot get new ones while suspended', async () => {
		const { h, ana, ben, suspend } = await setup();
		const issued = await h.request('/api/auth/hub-token', { method: 'POST', headers: { cookie: ana } });
		expect(issued.status).toBe(200);
		const { token } = (await issued.json()) as { token: string };

		await suspend({ until: '2026-12-10T10:00:00.000Z' });
		const revocations = await h.request('/api/auth/revocations', { headers: { cookie: ben } });
		expect(((await revocations.json()) as { tokens: string[] }).tokens).toContain(jtiOf(token));
		const refused = await h.request('/api/auth/hub-token', { method: 'POST', headers: { cookie: ana } });
		expect(refused.status).toBe(403);
		expect(await refused.json()).toMatchObject({
			error: 'suspended',
			reason: expect.stringMatching(/^Your account is suspended until 10 December 2026: Repeated spam in the forums\./)
		});

		await suspend(null);
		expect((await h.request('/api/auth/hub-token', { method: 'POST', headers: { cookie: ana } })).status).toBe(200);
	});
});

describe('the relay of an enrolled hub', () => {
	async function enrolHub(h: Harness, root: string): Promise<string> {
		const res = await h.post('/api/admin/hubs', { name: 'village-hall' }, { cookie: root });
		expect(res.status).toBe(201);
		return ((await res.json()) as { credential: string }).credential;
	}
	const relay = (h: Harness, credential: string, docs: unknown[]) =>
		h.request(`/couch/${COMMUNITY_DB}/_bulk_docs`, {
			method: 'POST',
			headers: { authorization: `Bearer ${credential}`, ...json },
			body: JSON.stringify({ docs })
		});

	it('refuses, one by one, what a suspended member signed, and stores the others’ documents', async () => {
		const { h, root, anaDevice, benDevice, suspend } = await setup();
		const credential = await enrolHub(h, root);
		await suspend({ until: '2026-12-10T10:00:00.000Z' });
		const anas = await signedThread(anaDevice, 'ana');
		const bens = await signedThread(benDevice, 'ben');
		const res = await relay(h, credential, [anas, bens]);
		expect(res.status).toBe(201);
		expect(await res.json()).toEqual([
			{
				id: anas._id,
				error: 'forbidden',
				reason:
					'ana is suspended until 10 December 2026: Repeated spam in the forums. What they wrote is sent when the suspension ends.'
			},
			expect.objectContaining({ id: bens._id, ok: true })
		]);
		expect(await stored(h, anas._id)).toBe(false);
		expect(await stored(h, bens._id)).toBe(true);
	});

	it('is not held to members’ write limits, while the members themselves are', async () => {
		const { h, root, ben, benDevice } = await setup({ writesPerMinute: 2 });
		const credential = await enrolHub(h, root);
		const docs = await Promise.all(Array.from({ length: 5 }, () => signedThread(benDevice, 'ben')));
		for (const doc of docs) {
			const res = await relay(h, credential, [doc]);
			expect(res.status).toBe(201);
			expect(await res.json()).toEqual([expect.objectContaining({ ok: true })]);
		}
		expect((await bulk(h, ben, [await signedThread(benDevice, 'ben')])).status).toBe(201);
		expect((await bulk(h, ben, [await signedThread(benDevice, 'ben')])).status).toBe(201);
		const limited = await bulk(h, ben, [await signedThread(benDevice, 'ben')]);
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toBe('30');
	});
});

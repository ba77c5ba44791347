// Cross-site request forgery: a cookie-authenticated write from another origin (or a sibling
// origin of the same site), or with a body a form or a no-cors fetch can send (text/plain,
// form-encoded), is refused with 403 before anything is stored; the app's own requests and
// requests carrying Basic or Bearer credentials are not affected.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, PASSWORD, type Harness } from '../support/harness';
import { userDbName } from '../../../src/lib/domain/ids';

let h: Harness;
let cookie: string;

beforeAll(async () => {
	h = createHarness();
	cookie = await h.register('victim');
});
afterAll(() => h.close());

const thread = (id: string) => ({
	_id: id,
	type: 'thread',
	author: 'victim',
	createdAt: new Date().toISOString(),
	category: 'general',
	title: 'Forged',
	body: 'x',
	tags: []
});
const forms = { 'content-type': 'application/x-www-form-urlencoded' };
const plain = { 'content-type': 'text/plain;charset=UTF-8' };
const json = { 'content-type': 'application/json' };

async function write(path: string, headers: Record<string, string>, body: string, method = 'POST') {
	return h.request(path, { method, headers: { cookie, ...headers }, body });
}

async function stored(db: string, id: string): Promise<boolean> {
	return h.storage
		.db(db)
		.get(id)
		.then(
			() => true,
			() => false
		);
}

describe('CSRF defence', () => {
	it('refuses text/plain and form bodies on cookie-authenticated writes, storing nothing', async () => {
		const devicesBefore = await (await h.request('/api/devices', { headers: { cookie } })).json();
		const key = JSON.stringify({ publicKey: 'A'.repeat(43), label: 'attacker' });
		for (const headers of [plain, forms, {}]) {
			const res = await write('/api/devices', headers, key);
			expect(res.status, JSON.stringify(headers)).toBe(403);
			expect(await res.json()).toMatchObject({
				error: 'forbidden',
				reason: expect.stringMatching(/application\/json/)
			});
		}
		expect(await (await h.request('/api/devices', { headers: { cookie } })).json()).toEqual(devicesBefore);

		for (const db of ['community', userDbName('victim')]) {
			for (const headers of [plain, forms]) {
				const id = `thread:01JCSRF${db.length}${Object.keys(headers).length}XXXXXXXXXXXXXXX`.slice(0, 33);
				const res = await write(`/couch/${db}/_bulk_docs`, headers, JSON.stringify({ docs: [thread(id)] }));
				expect(res.status).toBe(403);
				expect(await stored(db, id)).toBe(false);
			}
		}
	});

	it('refuses writes from another origin or a sibling origin of the same site', async () => {
		const id = 'thread:01JCSRF0000000000000000000';
		const body = JSON.stringify({ docs: [thread(id)] });
		const sources: Record<string, string>[] = [
			{ origin: 'https://evil.example' },
			{ origin: 'http://localhost:8080' },
			{ origin: 'null' },
			{ 'sec-fetch-site': 'same-site' },
			{ 'sec-fetch-site': 'cross-site' }
		];
		for (const from of sources) {
			const res = await write('/couch/community/_bulk_docs', { ...json, ...from }, body);
			expect(res.status, JSON.stringify(from)).toBe(403);
			expect(((await res.json()) as { reason: string }).reason).toMatch(/cross-site/);
		}
		expect(await stored('community', id)).toBe(false);
		// logout, a new calendar secret, a device: none from elsewhere
		expect((await write('/api/auth/logout', { origin: 'https://evil.example' }, '')).status).toBe(403);
		expect((await h.request('/api/auth/session', { headers: { cookie } })).status).toBe(200);
		expect((await write('/api/calendar/secret', { origin: 'https://evil.example' }, '')).status).toBe(403);
		await expect((await h.request('/api/calendar/secret', { headers: { cookie } })).json()).resolves.toMatchObject({
			active: false
		});
	});

	it('refuses a cross-site sign-in (login CSRF) in either form', async () => {
		await h.register('attacker');
		const asForm = await h.request('/couch/_session', {
			method: 'POST',
			headers: { ...forms, origin: 'https://evil.example' },
			body: `name=attacker&password=${PASSWORD}`
		});
		expect(asForm.status).toBe(403);
		expect(asForm.headers.getSetCookie()).toEqual([]);
		const formSameOrigin = await h.request('/couch/_session', {
			method: 'POST',
			headers: { ...forms, 'sec-fetch-site': 'same-origin' },
			body: `name=attacker&password=${PASSWORD}`
		});
		expect(formSameOrigin.status).toBe(403); // a form body is never what the app sends
		const login = await h.request('/api/auth/login', {
			method: 'POST',
			headers: { ...json, origin: 'https://evil.example' },
			body: JSON.stringify({ username: 'attacker', password: PASSWORD })
		});
		expect(login.status).toBe(403);
		expect(login.headers.getSetCookie()).toEqual([]);
	});

	it("lets the app's own requests and Basic or Bearer clients through", async () => {
		const own = await write(
			'/couch/community/_bulk_docs',
			{ ...json, origin: 'http://localhost', 'sec-fetch-site': 'same-origin' },
			JSON.stringify({ docs: [] })
		);
		expect(own.status).toBe(201);
		const noBrowser = await write('/couch/community/_bulk_docs', json, JSON.stringify({ docs: [] }));
		expect(noBrowser.status).toBe(201);
		const basic = `Basic ${Buffer.from(`victim:${PASSWORD}`).toString('base64')}`;
		const script = await h.request('/couch/community/_bulk_docs', {
			method: 'POST',
			headers: { ...json, authorization: basic, origin: 'https://elsewhere.example' },
			body: JSON.stringify({ docs: [] })
		});
		expect(script.status).toBe(201);
		// an attachment is uploaded with its own type
		const attachment = await write(
			'/couch/community/thread:01JCSRFATT00000000000000000/photo.png',
			{ 'content-type': 'image/png', origin: 'http://localhost' },
			'png',
			'PUT'
		);
		expect(((await attachment.json()) as { reason: string }).reason).not.toMatch(/cross-site|application\/json/); // judged by the gateway's own rules
		// reads are never refused for their origin
		expect((await h.request('/couch/community', { headers: { cookie, origin: 'https://evil.example' } })).status).toBe(
			200
		);
	});

	it('accepts configured origins (a development server)', async () => {
		const dev = createHarness();
		const { createApp } = await import('../../../server/app');
		const { app } = createApp({
			storage: dev.storage,
			auth: dev.auth,
			config: { ...dev.config, allowedOrigins: ['http://localhost:5173'] },
			log: () => {}
		});
		const res = await app.request('/api/auth/register', {
			method: 'POST',
			headers: { ...json, origin: 'http://localhost:5173' },
			body: JSON.stringify({ username: 'devuser', password: PASSWORD, displayName: 'Dev', privacyConsent: true })
		});
		expect(res.status).toBe(201);
		const other = await app.request('/api/auth/register', {
			method: 'POST',
			headers: { ...json, origin: 'http://localhost:5174' },
			body: JSON.stringify({ username: 'devuser2', password: PASSWORD, displayName: 'Dev', privacyConsent: true })
		});
		expect(other.status).toBe(403);
		await dev.close();
	});
});

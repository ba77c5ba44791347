// Email (server/mail), against an SMTP server started inside the test: the confirmation of an
// address, and a digest of what happened (a reply, a mention, a message); without SMTP_URL no
// mailer exists and nothing is tried.
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './support/harness';
import { startTestSmtp, type TestSmtp } from './helpers/smtp';
import { certifyTestDevice } from './helpers/signing';
import { post, thread } from './helpers/community-docs';
import { createMailer } from '../../server/mail/mailer';
import { createEmailStore } from '../../server/mail/addresses';
import { digestDue, sendDueDigests } from '../../server/mail/digest';
import { seedCategories } from '../../server/seed';
import { serverSigner } from '../../server/devices/server-key';
import { COMMUNITY_DB, userDbName } from '../../src/lib/domain/ids';

let h: Harness | null = null;
let smtp: TestSmtp | null = null;
afterEach(async () => {
	await h?.close();
	await smtp?.close();
	h = null;
	smtp = null;
});

const APP = 'https://praxis.example.org';

async function setup(withMail = true) {
	smtp = withMail ? await startTestSmtp() : null;
	const mailer = smtp ? createMailer({ smtpUrl: smtp.url, from: 'Praxis <praxis@example.org>' }) : null;
	const now = { ms: Date.parse('2026-12-02T07:00:00Z') };
	h = createHarness({ mailer, publicUrl: APP, now });
	await seedCategories(h.storage, new Date(now.ms), await serverSigner(h.auth.signingKey()));
	const ana = await h.register('ana');
	const ben = await h.register('ben');
	return { h, smtp, mailer, now, ana, ben };
}

async function call(h: Harness, method: string, path: string, cookie: string | null, body?: unknown) {
	const res = await h.request(`/api/account/email${path === '/' ? '' : path}`, {
		method,
		headers: { ...(cookie ? { cookie } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
		...(body !== undefined ? { body: JSON.stringify(body) } : {})
	});
	return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> };
}

const tokenIn = (text: string): string => /\/settings\/email\?token=([A-Za-z0-9_-]+)/.exec(text)?.[1] ?? '';

describe('email', () => {
	it('sends a confirmation link; the address counts once the link is used, once', async () => {
		const { h, smtp, ana } = await setup();
		expect(await call(h, 'GET', '/', ana)).toMatchObject({
			status: 200,
			body: { mail: true, address: null, confirmed: false, pending: null, digest: 'off' }
		});
		expect(await call(h, 'PUT', '/', ana, { address: 'ana@council.example' })).toMatchObject({
			status: 202,
			body: { pending: 'ana@council.example' }
		});
		const [mail] = await smtp!.waitFor(1);
		expect(mail.to).toEqual(['ana@council.example']);
		expect(mail.subject).toBe('Confirm your email address for Praxis');
		expect(mail.text).toContain(`${APP}/settings/email?token=`);
		expect(await call(h, 'GET', '/', ana)).toMatchObject({
			body: { confirmed: false, pending: 'ana@council.example' }
		});
		// a digest needs a confirmed address
		expect((await call(h, 'PUT', '/digest', ana, { frequency: 'daily' })).status).toBe(409);

		const token = tokenIn(mail.text);
		expect(await call(h, 'POST', '/confirm', null, { token: token.slice(0, -2) + 'xx' })).toMatchObject({
			status: 400
		});
		expect(await call(h, 'POST', '/confirm', null, { token })).toMatchObject({
			status: 200,
			body: { ok: true, name: 'ana' }
		});
		expect(await call(h, 'POST', '/confirm', null, { token })).toMatchObject({
			status: 400,
			body: { reason: expect.stringMatching(/not valid any more/) }
		});
		expect(await call(h, 'GET', '/', ana)).toMatchObject({
			body: { address: 'ana@council.example', confirmed: true, pending: null }
		});
		expect(await call(h, 'PUT', '/digest', ana, { frequency: 'weekly' })).toMatchObject({
			status: 200,
			body: { digest: 'weekly' }
		});
		expect(await call(h, 'DELETE', '/', ana)).toMatchObject({ status: 200 });
		expect(await call(h, 'GET', '/', ana)).toMatchObject({ body: { address: null, digest: 'off' } });
	});

	it('refuses what it must, with a clear 4xx', async () => {
		const { h, ana } = await setup();
		for (const [method, path, body] of [
			['GET', '/'],
			['PUT', '/', { address: 'a@b.example' }],
			['DELETE', '/'],
			['PUT', '/digest', { frequency: 'daily' }]
		] as const) {
			expect((await call(h, method, path, null, body)).status, `${method} ${path}`).toBe(401);
		}
		for (const address of ['', 'not an address', 'a@b', '<a@b.example>', 42, 'x'.repeat(250) + '@b.example']) {
			expect((await call(h, 'PUT', '/', ana, { address })).status, String(address)).toBe(400);
		}
		expect((await call(h, 'PUT', '/digest', ana, { frequency: 'hourly' })).status).toBe(400);
		expect((await call(h, 'POST', '/confirm', null, {})).status).toBe(400);
		expect((await call(h, 'POST', '/confirm', null, { token: '../../etc' })).status).toBe(400);
		// three confirmation emails an hour, then 429
		for (let i = 0; i < 3; i++)
			expect((await call(h, 'PUT', '/', ana, { address: `ana${i}@council.example` })).status).toBe(202);
		const limited = await h.request('/api/account/email', {
			method: 'PUT',
			headers: { cookie: ana, 'content-type': 'application/json' },
			body: JSON.stringify({ address: 'x@council.example' })
		});
		expect(limited.status).toBe(429);
		expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
		// a cross-site page cannot set an address with the member's cookie
		const forged = await h.request('/api/account/email', {
			method: 'PUT',
			headers: { cookie: ana, 'content-type': 'text/plain', origin: 'https://evil.example' },
			body: JSON.stringify({ address: 'evil@evil.example' })
		});
		expect(forged.status).toBe(403);
	});

	it('without SMTP_URL there is no mailer: nothing is sent and the member is told', async () => {
		expect(createMailer({})).toBeNull();
		expect(createMailer({ smtpUrl: '  ' })).toBeNull();
		const { h, ana } = await setup(false);
		expect(await call(h, 'GET', '/', ana)).toMatchObject({ status: 200, body: { mail: false } });
		expect(await call(h, 'PUT', '/', ana, { address: 'ana@council.example' })).toMatchObject({
			status: 409,
			body: { reason: expect.stringMatching(/not set up/) }
		});
	});

	it('emails a reset link to a confirmed address, telling no one which accounts have one', async () => {
		const { h, smtp, ana } = await setup();
		await call(h, 'PUT', '/', ana, { address: 'ana@council.example' });
		const [confirmation] = await smtp!.waitFor(1);
		await call(h, 'POST', '/confirm', null, { token: tokenIn(confirmation.text) });
		const forgot = async (body: unknown) => {
			const res = await h.post('/api/auth/forgot', body);
			return { status: res.status, body: (await res.json()) as Record<string, unknown> };
		};
		expect((await (await h.request('/api/auth/forgot')).json()) as unknown).toEqual({ mail: true });
		const same = {
			status: 202,
			body: { ok: true, message: expect.stringMatching(/^If this account has a confirmed email address/) }
		};
		expect(await forgot({ username: 'nobody' })).toMatchObject(same);
		expect(await forgot({ username: 'ben' })).toMatchObject(same); // no address
		expect(await forgot({ username: 'ANA ' })).toMatchObject(same);
		const mails = await smtp!.waitFor(2);
		expect(mails).toHaveLength(2); // the confirmation, then one reset email: for ana only
		const reset = mails[1];
		expect(reset).toMatchObject({ to: ['ana@council.example'], subject: 'Reset your Praxis password' });
		const link = new URL(/https:\/\/praxis\.example\.org\/reset\?\S+/.exec(reset.text)![0]);
		expect(link.searchParams.get('username')).toBe('ana');
		const code = link.searchParams.get('code')!;
		expect(code).toMatch(/^[2-9A-Z]{5}-[2-9A-Z]{5}-[2-9A-Z]{5}$/);
		const set = await h.post('/api/auth/reset', {
			username: 'ana',
			code,
			password: 'grey heron over the weir at dawn'
		});
		expect(set.status).toBe(200);
		expect(
			(await h.post('/api/auth/login', { username: 'ana', password: 'grey heron over the weir at dawn' })).status
		).toBe(200);
		expect(
			(await h.post('/api/auth/reset', { username: 'ana', code, password: 'another quiet path by the river' })).status
		).toBe(403); // used

		expect((await forgot({})).status).toBe(400);
		expect((await forgot({ username: 'no spaces allowed' })).status).toBe(400);
		expect((await forgot({ username: 'ana' })).status).toBe(202);
		expect((await forgot({ username: 'ana' })).status).toBe(202);
		const limited = await h.post('/api/auth/forgot', { username: 'ana' });
		expect(limited.status).toBe(429);
	});

	it('says so when asked for a reset email on a server that sends none', async () => {
		const { h } = await setup(false);
		expect((await (await h.request('/api/auth/forgot')).json()) as unknown).toEqual({ mail: false });
		const res = await h.post('/api/auth/forgot', { username: 'ana' });
		expect(res.status).toBe(409);
		expect(((await res.json()) as { reason: string }).reason).toMatch(/reset code/);
	});

	it('tells a member in their digest when a place at an event they go to becomes theirs', async () => {
		const { h, smtp, mailer, now, ana, ben } = await setup();
		const put = async (
			cookie: string,
			device: Awaited<ReturnType<typeof certifyTestDevice>>,
			doc: Record<string, unknown>,
			rev?: string
		) => {
			const res = await h.request(`/couch/${COMMUNITY_DB}/${encodeURIComponent(String(doc._id))}`, {
				method: 'PUT',
				headers: { cookie, 'content-type': 'application/json' },
				body: JSON.stringify(await device.sign(rev ? { ...doc, _rev: rev } : doc))
			});
			expect(res.status, await res.clone().text()).toBe(201);
			return ((await res.json()) as { rev: string }).rev;
		};
		const [anaDevice, benDevice] = [await certifyTestDevice(h, ana), await certifyTestDevice(h, ben)];
		const at = (ms: number) => new Date(ms).toISOString();
		const E = '01J00000000000000000000EVT';
		const event = {
			_id: `event:${E}`,
			type: 'event',
			author: 'ben',
			createdAt: at(now.ms),
			kind: 'meetup',
			title: 'Winter roads meetup',
			description: '',
			start: at(now.ms + 7 * 86_400_000),
			end: at(now.ms + 7 * 86_400_000 + 3_600_000),
			timeZone: 'UTC',
			location: { venue: 'Village hall' },
			organisers: ['ben'],
			tags: [],
			capacity: 1
		};
		await put(ben, benDevice, event);
		const rsvp = (who: string, status: string, createdAt: string) => ({
			_id: `rsvp:${E}:${who}`,
			type: 'rsvp',
			author: who,
			createdAt,
			event: `event:${E}`,
			status
		});
		const benRev = await put(ben, benDevice, rsvp('ben', 'going', at(now.ms)));
		await put(ana, anaDevice, rsvp('ana', 'going', at(now.ms + 1000))); // the one place is ben's: ana waits

		const emails = createEmailStore(h.storage);
		await emails.update('ana', (r) => ({
			...r,
			address: 'ana@council.example',
			confirmedAt: at(now.ms),
			digest: 'daily'
		}));
		const deps = {
			storage: h.storage,
			emails,
			users: h.auth.users,
			mailer: mailer!,
			appUrl: APP,
			clock: () => new Date(now.ms)
		};
		expect(await sendDueDigests(deps)).toBe(0); // the first run only marks where the digest starts

		await put(ben, benDevice, { ...rsvp('ben', 'not-going', at(now.ms)), updatedAt: at(now.ms + 60_000) }, benRev); // ben cannot come
		now.ms += 24 * 60 * 60 * 1000;

		expect(await sendDueDigests(deps)).toBe(1);
		const [mail] = await smtp!.waitFor(1);
		expect(mail.text).toContain('Changes to events you go to:');
		expect(mail.text).toContain('- You have a place at “Winter roads meetup” now.');
		expect(mail.text).toContain(`${APP}/events/${E}`);
	});

	it('sends a daily digest of replies, mentions and messages, and nothing when nothing happened', async () => {
		const { h, smtp, mailer, now, ana, ben } = await setup();
		const emails = createEmailStore(h.storage);
		await emails.update('ana', (r) => ({
			...r,
			address: 'ana@council.example',
			confirmedAt: new Date(now.ms).toISOString(),
			digest: 'daily'
		}));
		const deps = {
			storage: h.storage,
			emails,
			users: h.auth.users,
			mailer: mailer!,
			appUrl: APP,
			clock: () => new Date(now.ms)
		};
		// the first run only marks where the digest starts
		expect(await sendDueDigests(deps)).toBe(0);
		expect(digestDue((await emails.get('ana'))!, new Date(now.ms))).toBe(false);

		// ben replies to ana's thread, mentions her, and messages her
		const anaDevice = await certifyTestDevice(h, ana);
		const benDevice = await certifyTestDevice(h, ben);
		const t = thread('ana', { title: 'Winter road gritting rota' });
		const put = async (cookie: string, doc: Record<string, unknown>) => {
			const res = await h.request(`/couch/${COMMUNITY_DB}/${encodeURIComponent(String(doc._id))}`, {
				method: 'PUT',
				headers: { cookie, 'content-type': 'application/json' },
				body: JSON.stringify(doc)
			});
			expect(res.status).toBe(201);
		};
		await put(ana, await anaDevice.sign(t));
		await put(ben, await benDevice.sign(post('ben', t._id, { body: 'We share ours with the next district, @ana.' })));
		const message = {
			_id: 'message:01J0000000000000000000000M',
			type: 'message',
			author: 'ben',
			to: 'ana',
			createdAt: new Date(now.ms).toISOString(),
			body: 'Can we talk about the rota on Friday?'
		};
		const res = await h.post(`/couch/${userDbName('ben')}/_bulk_docs`, { docs: [message] }, { cookie: ben });
		expect(res.status).toBe(201);
		await expect.poll(async () => (await h.storage.db(userDbName('ana')).allDocs()).rows.length).toBeGreaterThan(0);

		now.ms += 23 * 60 * 60 * 1000; // the next morning
		expect(await sendDueDigests(deps)).toBe(1);
		const [mail] = await smtp!.waitFor(1);
		expect(mail.to).toEqual(['ana@council.example']);
		expect(mail.subject).toMatch(/^Praxis: \d+ things for you today$/);
		expect(mail.text).toContain('Replies:');
		// a reply in her thread that names her is one notice, not a reply and a mention
		expect(mail.text).toContain('replied in “Winter road gritting rota” and mentioned you');
		expect(mail.text).not.toContain('Mentions of you:');
		expect(mail.text).toContain('Messages:');
		expect(mail.text).toContain('Can we talk about the rota on Friday?');
		expect(mail.text).toContain(`${APP}/forums/t/${t._id.slice('thread:'.length)}`);
		expect(mail.text).toContain(`${APP}/settings/account`);
		expect(mail.raw).toContain('text/html');

		// the next day, nothing new: no email
		now.ms += 24 * 60 * 60 * 1000;
		expect(await sendDueDigests(deps)).toBe(0);
		expect(smtp!.mails).toHaveLength(1);
	});
});

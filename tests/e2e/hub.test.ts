// Acceptance in Chromium: two members' apps, signed in at the central server, connect
// to a meetup hub on another origin (the /hub page: hub pass, address, CORS + bearer token +
// targetAddressSpace 'local'). With the central server unreachable from both browsers (requests
// to it aborted), Alice's thread reaches Bob through the hub and Bob's reply reaches Alice; when
// the central server is reachable again, both documents are there, signed, each exactly once.
// Meanwhile the hub alters Alice's thread: the devices keep it out and the /hub page says so.
//
// Local Network Access (Chromium 142+): when this machine has a non-loopback IPv4 address, the
// hub listens there, and Chromium is told (--ip-address-space-overrides) to treat the central
// server's origin (127.0.0.1:PORT, a secure context) as a PUBLIC site, as a central server on the
// internet is, and the hub's address as LOCAL, as a hall's 192.168.x.y is. Then the app's fetch
// to the hub needs the 'local-network-access' permission: the two members grant it (what they do
// at Chromium's prompt); a third member who does not (headless Chromium denies the prompt) is
// told why on the /hub page and offered the file exchange. Without such an address the hub stays
// on 127.0.0.1 (a loopback page reaching loopback: no permission involved) and that test is skipped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAdmin } from '../../server/admin';
import { communityDocs, registerMember, startServer, type ApiMember, type TestServer } from './support/server';
import { signIn, waitForOfflineShell, waitUpToDate, type Device } from './support/browser';
import { startHub } from '../server/hub/support';
import { lanAddress, openLanDevice as openLanDeviceAt } from './support/lan';
import { COMMUNITY_DB } from '../../src/lib/domain/ids';

const lan = lanAddress();

let server: TestServer;
let hub: Awaited<ReturnType<typeof startHub>>;
const devices: Device[] = [];

beforeAll(async () => {
	const dataDir = await mkdtemp(join(tmpdir(), 'praxis-e2e-hub-'));
	const out: string[] = [];
	expect(
		await runAdmin(['enrol-hub', 'hall'], {
			env: { DATA_DIR: dataDir },
			out: (l) => out.push(l),
			err: (l) => out.push(l)
		})
	).toBe(0);
	const credential = out[out.indexOf(out.find((l) => l.startsWith('Enrolled hub'))!) + 1];
	server = await startServer({ dataDir });
	hub = await startHub(server.url, credential, lan ?? '127.0.0.1');
	await hub.hub.start();
}, 60_000);

afterAll(async () => {
	for (const d of devices) await d.dispose();
	await hub?.close();
	await server?.dispose();
});

/** A browser for which the central server is a public site, so reaching a LAN hub needs the permission. */
async function openLanDevice(grant: boolean): Promise<Device> {
	const device = await openLanDeviceAt({ central: server.url, hub: hub.base, lan, grant: grant });
	devices.push(device);
	return device;
}

type Hooked = {
	__praxisTest: {
		session: {
			store: {
				createThread(i: object): Promise<string>;
				reply(i: object): Promise<string>;
				signing: { certificate(): Promise<unknown> };
			};
		};
	};
};

async function waitForDocs(
	member: ApiMember,
	ids: string[],
	timeoutMs = 45_000
): Promise<Map<string, Record<string, unknown>>> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const docs = await communityDocs(server.url, member);
		if (ids.every((id) => docs.has(id))) return docs;
		await new Promise((r) => setTimeout(r, 300));
	}
	throw new Error('the documents never reached the central server');
}

describe('meetup hub in the browser', () => {
	it('syncs two members through the hub while the central server is unreachable, then central gets everything once', async () => {
		const alice = await registerMember(server.url, 'alice', 'Alice Martin');
		await registerMember(server.url, 'bob', 'Bob Okafor');
		const a = await openLanDevice(true);
		const b = await openLanDevice(true);
		for (const [d, name] of [
			[a, 'alice'],
			[b, 'bob']
		] as const) {
			await signIn(d.page, server.url, name);
			await waitUpToDate(d.page);
			await d.page.waitForFunction(
				async () => (await (window as unknown as Hooked).__praxisTest.session.store.signing.certificate()) !== null
			);
			await d.page.getByRole('link', { name: 'Hub', exact: true }).click();
			await d.page.getByRole('button', { name: 'Get a hub pass' }).click();
			await d.page.getByText(/has a hub pass until/).waitFor();
		}
		// the hall has no internet: the central server cannot be reached from either browser
		const central = new URL(server.url);
		for (const d of [a, b])
			await d.context.route(
				(url) => url.host === central.host && url.pathname.startsWith('/couch'),
				(route) => route.abort('internetdisconnected')
			);
		// Alice types the hub's address; Bob opens the link the hub prints (its QR code), which
		// asks once whether to connect
		await a.page.getByLabel('Hub address').fill(hub.base);
		await a.page.getByRole('button', { name: 'Connect' }).click();
		await b.page.goto(`${server.url}/hub?connect=${encodeURIComponent(hub.base)}`);
		await b.page.getByRole('heading', { name: 'Connect to this meetup hub?' }).waitFor();
		await b.page.getByRole('button', { name: 'Connect to this hub' }).click();
		await b.page.getByRole('heading', { name: 'Connect to this meetup hub?' }).waitFor({ state: 'detached' });
		for (const d of [a, b]) {
			const connected = d.page.getByRole('status').filter({ hasText: 'Connected to the meetup hub hall' });
			const problem = d.page.getByRole('alert');
			await connected.or(problem).first().waitFor();
			expect(await problem.count(), (await problem.allTextContents()).join(' ')).toBe(0);
		}

		// the header names the hub, in calm colours, and forms say writes go through it (the home
		// server's open longpoll outlived the block: "Sync now" makes it try, as moving halls does)
		for (const d of [a, b]) {
			await d.page.locator('header .sync').getByRole('button', { name: 'Sync now' }).click();
			await d.page
				.getByRole('status')
				.filter({ hasText: 'Syncing with the meetup hub hall' })
				.waitFor({ timeout: 30_000 });
			expect(await d.page.locator('header .sync').getAttribute('data-tone')).not.toBe('alert');
			expect(await d.page.getByText(/Error|cannot be reached/).count()).toBe(0);
		}
		await a.page.goto(`${server.url}/forums/new`);
		await a.page
			.getByText('Saved on this device as you type; sent through the meetup hub hall.')
			.waitFor({ timeout: 30_000 });

		const title = `At the village hall ${Date.now()}`;
		const thread = await a.page.evaluate(
			(t) =>
				(window as unknown as Hooked).__praxisTest.session.store.createThread({
					category: 'procurement',
					title: t,
					body: 'Agenda',
					tags: []
				}),
			title
		);
		await b.page.goto(`${server.url}/forums/t/${thread.slice('thread:'.length)}`);
		await b.page.getByRole('heading', { name: title }).waitFor({ timeout: 30_000 });
		const reply = await b.page.evaluate(
			(t) =>
				(window as unknown as Hooked).__praxisTest.session.store.reply({ thread: t, body: 'I will bring the figures' }),
			thread
		);
		await a.page.goto(`${server.url}/forums/t/${thread.slice('thread:'.length)}`);
		await a.page.getByText('I will bring the figures').waitFor({ timeout: 30_000 });

		// The hub alters Alice's thread after she signed it: neither device takes it, and Bob's /hub page says so.
		const hubDb = hub.storage.db(COMMUNITY_DB);
		const signed = await hubDb.get(thread);
		await hubDb.put({ ...signed, body: 'Altered by the hub' });
		await b.page.goto(`${server.url}/hub`);
		await b.page.getByText('1 document from this hub failed verification').waitFor({ timeout: 30_000 });
		const refusal = b.page.getByRole('listitem').filter({ hasText: thread });
		await expect.poll(() => refusal.textContent()).toMatch(/altered after signing/);
		await a.page.goto(`${server.url}/forums/t/${thread.slice('thread:'.length)}`);
		await a.page.getByText('Agenda').first().waitFor();
		expect(await a.page.getByText('Altered by the hub').count()).toBe(0);

		for (const d of [a, b]) await d.context.unrouteAll();
		const docs = await waitForDocs(alice, [thread, reply]);
		expect(docs.get(thread)).toMatchObject({
			author: 'alice',
			title,
			body: 'Agenda',
			signature: { device: expect.stringMatching(/^device:/) }
		});
		expect(docs.get(reply)).toMatchObject({ author: 'bob', signature: { device: expect.stringMatching(/^device:/) } });
		for (const id of [thread, reply]) expect(String(docs.get(id)!._rev)).toMatch(/^1-/);
		const titles = [...docs.values()].filter((d) => d.title === title);
		expect(titles).toHaveLength(1);
	}, 180_000);

	it.skipIf(!lan)(
		'explains a refused local-network permission and offers the file exchange',
		async () => {
			await registerMember(server.url, 'carol', 'Carol Diaz');
			const c = await openLanDevice(false);
			await signIn(c.page, server.url, 'carol');
			await waitUpToDate(c.page);
			await c.page.getByRole('link', { name: 'Hub', exact: true }).click();
			await c.page.getByRole('button', { name: 'Get a hub pass' }).click();
			await c.page.getByText(/has a hub pass until/).waitFor();
			await c.page.getByLabel('Hub address').fill(hub.base);
			await c.page.getByRole('button', { name: 'Connect' }).click();
			const problem = c.page.getByRole('alert');
			await problem.waitFor();
			expect(await problem.textContent()).toMatch(/Allow access to devices on your local network/);
			expect(
				await c.page.evaluate(
					async () => (await navigator.permissions.query({ name: 'local-network-access' as PermissionName })).state
				)
			).toBe('denied');
			await problem.getByRole('link', { name: 'Exchange updates with a file instead' }).waitFor();
			expect(await c.page.getByRole('status').filter({ hasText: 'Connected to' }).count()).toBe(0);
		},
		120_000
	);

	it('names the hub in the header when the home server is stopped, after a restart of the app', async () => {
		const [a] = devices;
		await waitForOfflineShell(a.page);
		await server.stop();
		await a.page.goto(`${server.url}/forums`); // served by the app's worker; the hub link is resumed
		await a.page
			.getByRole('status')
			.filter({ hasText: 'Syncing with the meetup hub hall' })
			.waitFor({ timeout: 45_000 });
		expect(await a.page.locator('header .sync').getAttribute('data-tone')).not.toBe('alert');
		await a.page.getByRole('link', { name: 'This device' }).click();
		await a.page
			.locator('dd')
			.filter({ hasText: /(just now|ago)\s\(hall\)/ })
			.waitFor();
	}, 120_000);
});

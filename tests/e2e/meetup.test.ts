// A meetup night, rehearsed in Chromium: a central server and a hub; two members join the hub
// by the link its QR code carries; the central server stops (the hall has no internet); they
// exchange a thread, a reply and a direct message through the hub, and the sender sees the message
// "Delivered through the hub"; the organiser opens, on the hub's own page, the updates file of a
// member who could not come; the central server starts again, and everything is there exactly
// once — and the hub's files never held the message's words. Last, the hub's own updates file
// opens on a member's device. Screenshots at 360 px go to /tmp.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAdmin } from '../../server/admin';
import { communityDocs, couch, registerMember, startServer, type ApiMember, type TestServer } from './support/server';
import { openDevice, signIn, waitForOfflineShell, waitUpToDate, type Device } from './support/browser';
import { startHub } from '../server/hub/support';
import { lanAddress, openLanDevice as openLanDeviceAt } from './support/lan';
import { hubJoinLink } from '../../src/lib/domain/hub-link';
import { userDbName } from '../../src/lib/domain/ids';

const lan = lanAddress();

let server: TestServer;
let hub: Awaited<ReturnType<typeof startHub>>;
const devices: Device[] = [];

type Hooked = {
	__praxisTest: {
		session: {
			store: {
				createThread(i: object): Promise<string>;
				reply(i: object): Promise<string>;
				signing: { certificate(): Promise<{ boxKey?: string } | null> };
			};
		};
	};
};

beforeAll(async () => {
	const dataDir = await mkdtemp(join(tmpdir(), 'praxis-e2e-meetup-'));
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
	// on disk, so the test can read every byte the hub stored
	hub = await startHub(server.url, credential, lan ?? '127.0.0.1', { onDisk: true });
	await hub.hub.start();
}, 60_000);

afterAll(async () => {
	for (const d of devices) await d.dispose();
	await hub?.close();
	await server?.dispose();
});

async function openMemberDevice(): Promise<Device> {
	const device = await openLanDeviceAt({ central: server.url, hub: hub.base, lan, grant: true });
	devices.push(device);
	return device;
}

/** Signs in, waits for the first sync and for a certificate that carries the box key. */
async function arrive(d: Device, name: string): Promise<void> {
	await signIn(d.page, server.url, name);
	await waitUpToDate(d.page);
	await d.page.waitForFunction(
		async () => !!(await (window as unknown as Hooked).__praxisTest.session.store.signing.certificate())?.boxKey
	);
	await d.page.waitForFunction(() => localStorage.getItem('praxis-server-keys') !== null);
	await waitForOfflineShell(d.page);
}

/** Every file under `dir`, read whole. */
async function filesUnder(dir: string): Promise<Buffer[]> {
	const out: Buffer[] = [];
	for (const name of await readdir(dir)) {
		const path = join(dir, name);
		if ((await stat(path)).isDirectory()) out.push(...(await filesUnder(path)));
		else out.push(await readFile(path));
	}
	return out;
}
const hubHolds = async (text: string) => (await filesUnder(hub.dataDir)).some((b) => b.includes(Buffer.from(text)));

async function until<T>(
	what: string,
	read: () => Promise<T | null | undefined | false>,
	timeoutMs = 60_000
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const value = await read().catch(() => null);
		if (value) return value;
		await new Promise((r) => setTimeout(r, 500));
	}
	throw new Error(`timed out waiting for ${what}`);
}

async function privateDocs(url: string, member: ApiMember): Promise<Array<Record<string, unknown>>> {
	const res = await couch(url, member, `${userDbName(member.username)}/_all_docs?include_docs=true`);
	const rows = (res.body as { rows?: Array<{ doc?: Record<string, unknown> }> } | null)?.rows ?? [];
	return rows.flatMap((r) => (r.doc ? [r.doc] : []));
}

describe('a meetup night', () => {
	it('joins by the QR link, passes posts and a sealed message through the hub, and the central server gets everything once', async () => {
		const alice = await registerMember(server.url, 'alice', 'Alice Martin');
		const bob = await registerMember(server.url, 'bob', 'Bob Okafor');
		await registerMember(server.url, 'carol', 'Carol Diaz');
		const a = await openMemberDevice();
		const b = await openMemberDevice();
		const c = await openMemberDevice();
		await arrive(a, 'alice');
		await arrive(b, 'bob');
		await arrive(c, 'carol');

		// Carol cannot come: at home, offline, she writes and saves an updates file for the organiser
		await c.page.goto(`${server.url}/exchange`);
		await c.page.getByRole('heading', { name: 'Exchange updates with a file' }).waitFor();
		await c.page.waitForFunction(() => !!(window as unknown as Partial<Hooked>).__praxisTest?.session?.store);
		await c.context.setOffline(true);
		const carols = `Notes from the district office ${Date.now()}`;
		const carolsThread = await c.page.evaluate(
			(t) =>
				(window as unknown as Hooked).__praxisTest.session.store.createThread({
					category: 'procurement',
					title: t,
					body: 'Sorry I could not come',
					tags: []
				}),
			carols
		);
		const downloading = c.page.waitForEvent('download');
		await c.page.getByRole('button', { name: 'Save updates to a file' }).click();
		const carolsFile = join(c.profileDir, 'carol.praxis');
		await (await downloading).saveAs(carolsFile);

		// both scan the hub's QR code: it opens their own Praxis, which asks once
		const link = hubJoinLink(server.url, hub.base);
		await b.page.setViewportSize({ width: 360, height: 740 });
		for (const d of [a, b]) {
			await d.page.goto(link);
			await d.page.getByRole('heading', { name: 'Connect to this meetup hub?' }).waitFor();
			if (d === b) await b.page.screenshot({ path: '/tmp/meetup-join-360.png', fullPage: true });
			await d.page.getByRole('button', { name: 'Connect to this hub' }).click();
			await d.page.getByRole('status').filter({ hasText: 'Connected to the meetup hub hall' }).waitFor();
		}
		await b.page.screenshot({ path: '/tmp/meetup-joined-360.png', fullPage: true });

		// the organiser opens the hub's own page on the hub laptop
		const organiser = await openDevice(undefined, { viewport: { width: 360, height: 740 } });
		devices.push(organiser);
		const o = organiser.page;
		await o.goto(`${hub.base}/hub`);
		await o.getByLabel('Organiser code').fill(hub.hub.organiserAccess.code);
		await o.getByRole('button', { name: 'Open the organiser’s page' }).click();
		const live = o.locator('#live[role="status"]');
		await live.filter({ hasText: /2 attendees connected now:/ }).waitFor({ timeout: 30_000 });

		// the hall has no internet
		const port = Number(new URL(server.url).port);
		await server.stop();

		const title = `Shared services evening ${Date.now()}`;
		const thread = await a.page.evaluate(
			(t) =>
				(window as unknown as Hooked).__praxisTest.session.store.createThread({
					category: 'procurement',
					title: t,
					body: 'What we learned from joint purchasing',
					tags: []
				}),
			title
		);
		await b.page.goto(`${server.url}/forums/t/${thread.slice('thread:'.length)}`);
		await b.page.getByRole('heading', { name: title }).waitFor({ timeout: 45_000 });
		const reply = await b.page.evaluate(
			(t) =>
				(window as unknown as Hooked).__praxisTest.session.store.reply({ thread: t, body: 'Our county saved 12%' }),
			thread
		);
		await a.page.goto(`${server.url}/forums/t/${thread.slice('thread:'.length)}`);
		await a.page.getByText('Our county saved 12%').waitFor({ timeout: 45_000 });

		// a direct message, written in the app, sealed to Bob's device, through the hub
		const words = `Can you send me the tender template? ${Date.now()}`;
		await a.page.goto(`${server.url}/messages/bob`);
		await a.page.getByLabel('Message').fill(words);
		await a.page.getByRole('button', { name: 'Send' }).click();
		const sent = a.page.locator('li').filter({ hasText: words });
		await sent
			.getByText('Waiting to reach the central server')
			.or(sent.getByText('Delivered through the hub'))
			.waitFor();
		await b.page.goto(`${server.url}/messages/alice`);
		const received = b.page.locator('li').filter({ hasText: words });
		await received.waitFor({ timeout: 45_000 });
		await received.getByText('Came through the meetup hub').waitFor();
		await sent.getByText('Delivered through the hub').waitFor({ timeout: 30_000 });
		await a.page.setViewportSize({ width: 360, height: 740 });
		await a.page.screenshot({ path: '/tmp/meetup-message-360.png', fullPage: true });

		// the organiser opens Carol's file on the hub's page; the attendees get her thread
		await o.getByLabel('Updates file (.praxis)').setInputFiles(carolsFile);
		await o.getByRole('button', { name: 'Import the file' }).click();
		const report = o.locator('#import-result[role="status"]');
		await report.filter({ hasText: /^[1-9]\d* new, \d+ already here, 0 refused\./ }).waitFor();
		await b.page.goto(`${server.url}/forums/t/${carolsThread.slice('thread:'.length)}`);
		await b.page.getByRole('heading', { name: carols }).waitFor({ timeout: 45_000 });
		await live
			.filter({ hasText: /The central server .* is unreachable; [1-9]\d* documents? (is|are) waiting to go up\./ })
			.waitFor({ timeout: 30_000 });
		await live.filter({ hasText: '1 direct message passed on, sealed: the hub cannot read it.' }).waitFor();
		await o.evaluate(() => window.scrollTo(0, 0));
		await o.screenshot({ path: '/tmp/meetup-organiser-360.png', fullPage: true });
		// the hub relayed it without being able to read it; the scan does find what it can read
		expect(await hubHolds(title)).toBe(true);
		expect(await hubHolds(words)).toBe(false);
		expect(await hubHolds('tender template')).toBe(false);

		// the internet comes back
		server = await startServer({ dataDir: server.dataDir, port });
		await o.getByRole('button', { name: 'Sync now' }).click();
		for (const d of [a, b]) {
			await d.page.setViewportSize({ width: 1280, height: 800 });
			await d.page.locator('header .sync').getByRole('button', { name: 'Sync now' }).click();
		}
		const docs = await until('the evening on the central server', async () => {
			const all = await communityDocs(server.url, alice);
			return all.has(thread) && all.has(reply) && all.has(carolsThread) ? all : null;
		});
		expect([...docs.values()].filter((d) => d.title === title)).toHaveLength(1);
		expect([...docs.values()].filter((d) => d.title === carols)).toHaveLength(1);
		await live.filter({ hasText: 'everything is up to date' }).waitFor({ timeout: 60_000 });
		expect([...docs.values()].filter((d) => d.body === 'Our county saved 12%')).toHaveLength(1);
		const inBobs = await until('the message in Bob’s private database', async () => {
			const found = (await privateDocs(server.url, bob)).filter((d) => d.body === words);
			return found.length > 0 ? found : null;
		});
		expect(inBobs).toHaveLength(1);
		expect(inBobs[0]).toMatchObject({ type: 'message', author: 'alice', to: 'bob' });
		expect((await privateDocs(server.url, alice)).filter((d) => d.body === words)).toHaveLength(1);
		// on Bob's device, the server's copy replaces the hub's: shown once, no longer "through the hub"
		await b.page.goto(`${server.url}/messages/alice`);
		await received.waitFor();
		await received.getByText('Came through the meetup hub').waitFor({ state: 'detached', timeout: 60_000 });
		expect(await b.page.locator('li').filter({ hasText: words }).count()).toBe(1);
		await sent.waitFor();
		await sent.getByText('Delivered through the hub').waitFor({ state: 'detached', timeout: 60_000 });
		expect(await sent.getByText('Waiting to reach the central server').count()).toBe(0);

		// the organiser saves the hub's file (signed by the hub, whose key the central server
		// publishes); a member's device opens it and says where it came from
		const saving = o.waitForEvent('download');
		await o.getByRole('link', { name: 'Save an updates file' }).click();
		const hubFile = join(organiser.profileDir, 'hub.praxis');
		await (await saving).saveAs(hubFile);
		await b.page.goto(`${server.url}/exchange`);
		await b.page.getByLabel('Updates file (.praxis)').setInputFiles(hubFile);
		await b.page
			.getByRole('status')
			.filter({ hasText: /^(Opened \d+ documents?|Nothing new) from the meetup hub hall: / })
			.waitFor();
		expect(await b.page.getByRole('alert').count()).toBe(0);
		expect(await hubHolds(words)).toBe(false);
	}, 240_000);
});

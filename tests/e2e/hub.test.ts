// Acceptance (issue 7) in Chromium: two members' apps, signed in at the central server, connect
// to a meetup hub on another origin (the /hub page: hub pass, address, CORS + bearer token +
// targetAddressSpace 'local'). With the central server unreachable from both browsers (requests
// to it aborted), Alice's thread reaches Bob through the hub and Bob's reply reaches Alice; when
// the central server is reachable again, both documents are there, signed, each exactly once.
// (Both servers listen on 127.0.0.1, so Chromium's local-network prompt does not apply here.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAdmin } from '../../server/admin';
import { communityDocs, registerMember, startServer, type ApiMember, type TestServer } from './support/server';
import { openDevice, signIn, waitUpToDate, type Device } from './support/browser';
import { startHub } from '../server/hub/support';

let server: TestServer;
let hub: Awaited<ReturnType<typeof startHub>>;
const devices: Device[] = [];

beforeAll(async () => {
	const dataDir = await mkdtemp(join(tmpdir(), 'praxis-e2e-hub-'));
	const out: string[] = [];
	expect(await runAdmin(['enrol-hub', 'hall'], { env: { DATA_DIR: dataDir }, out: (l) => out.push(l), err: (l) => out.push(l) })).toBe(0);
	const credential = out[out.indexOf(out.find((l) => l.startsWith('Enrolled hub'))!) + 1];
	server = await startServer({ dataDir });
	hub = await startHub(server.url, credential);
	await hub.hub.start();
}, 60_000);

afterAll(async () => {
	for (const d of devices) await d.dispose();
	await hub?.close();
	await server?.dispose();
});

type Hooked = {
	__praxisTest: { session: { store: { createThread(i: object): Promise<string>; reply(i: object): Promise<string>; signing: { certificate(): Promise<unknown> } } } };
};

async function waitForDocs(member: ApiMember, ids: string[], timeoutMs = 45_000): Promise<Map<string, Record<string, unknown>>> {
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
		const a = await openDevice(undefined, { testHook: true });
		const b = await openDevice(undefined, { testHook: true });
		devices.push(a, b);
		for (const [d, name] of [[a, 'alice'], [b, 'bob']] as const) {
			await signIn(d.page, server.url, name);
			await waitUpToDate(d.page);
			await d.page.waitForFunction(async () => (await (window as unknown as Hooked).__praxisTest.session.store.signing.certificate()) !== null);
			await d.page.getByRole('link', { name: 'Hub', exact: true }).click();
			await d.page.getByRole('button', { name: 'Get a hub pass' }).click();
			await d.page.getByText(/has a hub pass until/).waitFor();
		}
		// the hall has no internet: the central server cannot be reached from either browser
		const central = new URL(server.url);
		for (const d of [a, b]) await d.context.route((url) => url.host === central.host && url.pathname.startsWith('/couch'), (route) => route.abort('internetdisconnected'));
		for (const d of [a, b]) {
			await d.page.getByLabel('Hub address').fill(hub.base);
			await d.page.getByRole('button', { name: 'Connect' }).click();
			const connected = d.page.getByRole('status').filter({ hasText: `Connected to ${hub.base}` });
			const problem = d.page.getByRole('alert');
			await connected.or(problem).first().waitFor();
			expect(await problem.count(), (await problem.allTextContents()).join(' ')).toBe(0);
		}

		const title = `At the village hall ${Date.now()}`;
		const thread = await a.page.evaluate((t) => (window as unknown as Hooked).__praxisTest.session.store.createThread({ category: 'procurement', title: t, body: 'Agenda', tags: [] }), title);
		await b.page.goto(`${server.url}/forums/t/${thread.slice('thread:'.length)}`);
		await b.page.getByRole('heading', { name: title }).waitFor({ timeout: 30_000 });
		const reply = await b.page.evaluate((t) => (window as unknown as Hooked).__praxisTest.session.store.reply({ thread: t, body: 'I will bring the figures' }), thread);
		await a.page.goto(`${server.url}/forums/t/${thread.slice('thread:'.length)}`);
		await a.page.getByText('I will bring the figures').waitFor({ timeout: 30_000 });

		for (const d of [a, b]) await d.context.unrouteAll();
		const docs = await waitForDocs(alice, [thread, reply]);
		expect(docs.get(thread)).toMatchObject({ author: 'alice', title, signature: { device: expect.stringMatching(/^device:/) } });
		expect(docs.get(reply)).toMatchObject({ author: 'bob', signature: { device: expect.stringMatching(/^device:/) } });
		for (const id of [thread, reply]) expect(String(docs.get(id)!._rev)).toMatch(/^1-/);
		const titles = [...docs.values()].filter((d) => d.title === title);
		expect(titles).toHaveLength(1);
	}, 180_000);
});

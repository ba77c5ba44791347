// Acceptance: two browsers with no network exchange a signed updates file. Alice writes
// a thread offline (signed by her certified device key), saves updates to a file; Bob, offline,
// opens it and reads the thread; opening it again changes nothing; a tampered copy is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { registerMember, startServer, type TestServer } from './support/server';
import { openDevice, signIn, waitUpToDate, type Device } from './support/browser';

let server: TestServer;
const devices: Device[] = [];

beforeAll(async () => {
	server = await startServer();
});

afterAll(async () => {
	for (const d of devices) await d.dispose();
	await server?.dispose();
});

type Hooked = {
	__praxisTest: {
		session: { store: { createThread(i: object): Promise<string>; signing: { certificate(): Promise<unknown> } } };
	};
};

describe('file exchange between two browsers with no network', () => {
	it('carries a signed thread, re-opening changes nothing, a tampered file is refused', async () => {
		await registerMember(server.url, 'alice', 'Alice Martin');
		await registerMember(server.url, 'bob', 'Bob Okafor');
		const a = await openDevice(undefined, { testHook: true });
		const b = await openDevice();
		devices.push(a, b);
		for (const [d, name] of [
			[a, 'alice'],
			[b, 'bob']
		] as const) {
			await signIn(d.page, server.url, name);
			await waitUpToDate(d.page);
			await d.page.waitForFunction(() => localStorage.getItem('praxis-server-keys') !== null);
			await d.page.evaluate(async () => {
				await navigator.serviceWorker.ready;
			});
			await d.page.goto(`${server.url}/exchange`); // now controlled by the service worker
			await d.page.getByRole('heading', { name: 'Exchange updates with a file' }).waitFor();
		}
		await a.page.waitForFunction(
			async () => (await (window as unknown as Hooked).__praxisTest.session.store.signing.certificate()) !== null
		);

		await a.context.setOffline(true);
		await b.context.setOffline(true);
		const title = `Notes from the village hall ${Date.now()}`;
		const id = await a.page.evaluate(
			(t) =>
				(window as unknown as Hooked).__praxisTest.session.store.createThread({
					category: 'procurement',
					title: t,
					body: 'Shared services agenda',
					tags: ['meetup']
				}),
			title
		);

		const downloading = a.page.waitForEvent('download');
		await a.page.getByRole('button', { name: 'Save updates to a file' }).click();
		const download = await downloading;
		const file = join(a.profileDir, 'updates.praxis');
		await download.saveAs(file);
		await a.page
			.getByRole('status')
			.filter({ hasText: /Saved \d+ documents/ })
			.waitFor();

		await b.page.getByLabel('Updates file (.praxis)').setInputFiles(file);
		const opened = b.page.getByRole('status').filter({ hasText: /Opened \d+ documents from alice/ });
		await opened.waitFor();
		expect(await opened.textContent()).toMatch(/: [1-9]\d* new on this device, \d+ already here\.$/);

		// the same file again: nothing new, said as such
		await b.page.getByLabel('Updates file (.praxis)').setInputFiles(file);
		await b.page
			.getByRole('status')
			.filter({ hasText: /^Nothing new from alice: \d+ of the file's \d+ documents were already on this device\.$/ })
			.waitFor();

		const text = new TextDecoder()
			.decode(gunzipSync(new Uint8Array(await readFile(file))))
			.replace('Shared services agenda', 'Shared services AGENDA');
		const tampered = join(b.profileDir, 'tampered.praxis');
		await writeFile(tampered, new Uint8Array(gzipSync(new TextEncoder().encode(text))));
		await b.page.getByLabel('Updates file (.praxis)').setInputFiles(tampered);
		await b.page
			.getByRole('alert')
			.filter({ hasText: /Refused: .*changed after it was saved/ })
			.waitFor();

		await b.page.goto(`${server.url}/forums/t/${id.slice('thread:'.length)}`); // offline: the service worker serves the app
		await b.page.getByRole('heading', { name: title }).waitFor();
	}, 120_000);
});

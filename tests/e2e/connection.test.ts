// The header's connection state comes from what requests do, not from navigator.onLine (which
// Chromium 150, hall Wi-Fi without internet and captive portals all leave true): requests to the
// server failing → the offline sentence, in neutral tones; the server answering 503 → "Can't
// reach the server…"; the server back → "Up to date". What is written meanwhile waits on the
// device and the forms say where it will go.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { registerMember, startServer, type TestServer } from './support/server';
import { openDevice, signIn, waitForOfflineShell, waitUpToDate, type Device } from './support/browser';

const OFFLINE = 'Offline — what you write is kept on this device and sent later.';
const UNREACHABLE = "Can't reach the server right now — your changes are safe on this device";

let server: TestServer;
let device: Device | null = null;

beforeAll(async () => {
	server = await startServer();
});

afterAll(async () => {
	await device?.dispose();
	await server?.dispose();
});

/** Requests from the app to the server's data and API (the app's own files stay reachable). */
function serverRequests(context: BrowserContext, handler: Parameters<BrowserContext['route']>[1]) {
	const host = new URL(server.url).host;
	return context.route((url) => url.host === host && /^\/(couch|api)\//.test(url.pathname), handler);
}

const header = (page: Page) => page.locator('header .sync');
const tone = (page: Page) => header(page).getAttribute('data-tone');

describe('connection state', () => {
	it('says offline when requests fail, "can\'t reach" on a 503, and up to date once back', async () => {
		await registerMember(server.url, 'alice', 'Alice Martin');
		device = await openDevice(undefined, { testHook: true });
		const { page, context } = device;
		await signIn(page, server.url, 'alice');
		await waitUpToDate(page);
		await waitForOfflineShell(page);

		// the network "works" as far as the browser knows, but nothing reaches the server
		await serverRequests(context, (route) => route.abort('internetdisconnected'));
		expect(await page.evaluate(() => navigator.onLine)).toBe(true);
		await header(page).getByRole('button', { name: 'Sync now' }).click();
		await page.getByRole('status').filter({ hasText: OFFLINE }).waitFor();
		expect(await tone(page)).toBe('quiet');
		await header(page)
			.getByText(/Trying again (in \d+ s|now)/)
			.waitFor();

		// an offline reload: the same sentence, never an error
		await page.reload();
		await page.getByRole('status').filter({ hasText: OFFLINE }).waitFor();
		expect(await page.getByText(/Error|cannot be reached/).count()).toBe(0);

		// what is written now waits on the device, and the form says so
		await page.getByRole('link', { name: 'New thread' }).first().click();
		await page.getByText('Saved on this device as you type; sent when this device is connected again.').waitFor();
		await page.evaluate(() =>
			window.__praxisTest!.session.store!.createThread({
				category: 'general',
				title: 'Written while the server was away',
				body: 'x',
				tags: []
			})
		);
		await page.getByRole('status').filter({ hasText: '1 waiting to send' }).waitFor();

		// the network is up but the server is not: a gateway answers 503
		await context.unrouteAll({ behavior: 'ignoreErrors' });
		await serverRequests(context, (route) =>
			route.fulfill({ status: 503, contentType: 'text/html', body: '<h1>Service unavailable</h1>' })
		);
		await header(page).getByRole('button', { name: 'Sync now' }).click();
		await page.getByRole('status').filter({ hasText: UNREACHABLE }).waitFor();
		expect(await tone(page)).toBe('quiet');

		// the server is back: the retry finds it without the member doing anything
		await context.unrouteAll({ behavior: 'ignoreErrors' });
		await waitUpToDate(page, 60_000);
		expect(await tone(page)).toBe('ok');
		// the form still open says so too (it reads the same state)
		await page.getByText('Saved on this device as you type; sent to the server straight away.').waitFor();
	}, 150_000);
});

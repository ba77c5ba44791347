// Acceptance: after one online visit the service worker is active, and the app opens from local
// data both on an offline reload and after a browser restart with the server gone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createThread, registerMember, startServer, type TestServer } from './support/server';
import { openDevice, signIn, waitUpToDate, type Device } from './support/browser';

let server: TestServer;
let device: Device | null = null;
let profileDir = '';

beforeAll(async () => {
	server = await startServer();
});

afterAll(async () => {
	await device?.dispose();
	await server?.dispose();
});

describe('offline app shell', () => {
	it('opens the forums and a thread offline, on reload and after a restart', async () => {
		const alice = await registerMember(server.url, 'alice', 'Alice Martin');
		const ulid = await createThread(server.url, alice, {
			category: 'open-data',
			title: 'Which licence for our bus timetables?',
			body: 'We publish **GTFS** files weekly.'
		});

		device = await openDevice();
		profileDir = device.profileDir;
		const { page } = device;
		await signIn(page, server.url, 'alice');
		await page.getByRole('link', { name: 'Open data' }).waitFor();
		await waitUpToDate(page);

		// First visit installs the worker; after a reload it controls the page.
		await page.evaluate(async () => {
			await navigator.serviceWorker.ready;
		});
		await page.reload();
		expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

		// The manifest and icons make the app installable (what Chromium checks before offering it).
		const cdp = await device.context.newCDPSession(page);
		const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: unknown[] };
		expect(installabilityErrors).toEqual([]);
		await cdp.detach();

		await device.context.setOffline(true);
		await page.reload();
		await page.getByRole('heading', { name: 'Forums' }).waitFor();
		await page.getByRole('link', { name: 'Open data' }).waitFor();
		await page.goto(`${server.url}/forums/t/${ulid}`);
		await page.getByRole('heading', { name: 'Which licence for our bus timetables?' }).waitFor();
		expect(await page.locator('strong', { hasText: 'GTFS' }).count()).toBe(1);

		// A cold start with nothing serving: stop the server, restart the browser on the same profile.
		await server.stop();
		await device.close();
		device = await openDevice(profileDir, { offline: true });
		await device.page.goto(`${server.url}/forums`);
		await device.page.getByRole('link', { name: 'Open data' }).waitFor();
		await expect(device.page.getByRole('status').filter({ hasText: 'Offline' }).count()).resolves.toBe(1);
		await device.page.getByRole('link', { name: 'Open data' }).click();
		await device.page.getByRole('link', { name: 'Which licence for our bus timetables?' }).click();
		await device.page.getByRole('heading', { name: 'Which licence for our bus timetables?' }).waitFor();
	});
});

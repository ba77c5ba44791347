// Offline readiness: until the service worker controls the page (with the whole app cached),
// going offline gives a clear "getting ready" page, never a broken one; once the app says
// "Ready to use offline", it opens from local data on a reload with the server unreachable and
// on a cold start with the server stopped. Connectivity is cut the ways real networks fail
// (requests blocked while the browser says online, a stopped server), not only setOffline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createThread, registerMember, startServer, type TestServer } from './support/server';
import { openDevice, signIn, waitUpToDate, type Device } from './support/browser';

const OFFLINE = 'Offline — what you write is kept on this device and sent later.';

let server: TestServer;
const devices: Device[] = [];

beforeAll(async () => {
	server = await startServer();
});

afterAll(async () => {
	for (const d of devices) await d.dispose();
	await server?.dispose();
});

const serverHost = () => new URL(server.url).host;

describe('offline app shell', () => {
	it('says it is still getting ready when the connection goes before the app is cached', async () => {
		await registerMember(server.url, 'bruno', 'Bruno Keller');
		const device = await openDevice();
		devices.push(device);
		const { page, context } = device;
		// the worker cannot install (as if the connection dropped while it was downloading the app)
		await context.route(
			(url) => url.host === serverHost() && url.pathname === '/sw.js',
			(route) => route.abort('internetdisconnected')
		);
		await signIn(page, server.url, 'bruno');
		await waitUpToDate(page);
		await page.getByRole('link', { name: 'Getting ready for offline use…' }).waitFor();

		await context.route(
			(url) => url.host === serverHost(),
			(route) => route.abort('internetdisconnected')
		);
		await page.getByRole('main').getByRole('link', { name: 'Open data' }).click();
		await page.getByRole('heading', { name: 'Not available offline yet' }).waitFor();
		await page.getByText('Praxis was still getting ready for offline use; connect once more.').waitFor();
		expect(await page.getByText(/Unable to preload|Internal Error|dynamically imported/).count()).toBe(0);
		// the header still works and says why
		await page
			.getByRole('status')
			.filter({ hasText: OFFLINE })
			.or(page.getByRole('status').filter({ hasText: 'Up to date' }))
			.first()
			.waitFor();
	}, 120_000);

	it('opens the forums and a thread offline, on reload and after a restart', async () => {
		const alice = await registerMember(server.url, 'alice', 'Alice Martin');
		const ulid = await createThread(server.url, alice, {
			category: 'open-data',
			title: 'Which licence for our bus timetables?',
			body: 'We publish **GTFS** files weekly.'
		});

		const device = await openDevice();
		devices.push(device);
		const { page, context } = device;
		await signIn(page, server.url, 'alice');
		await page.getByRole('main').getByRole('link', { name: 'Open data' }).waitFor();
		await waitUpToDate(page);

		// the header says when the app is ready for offline use, and so does "This device"
		await page.getByRole('link', { name: 'This device' }).click();
		await page.getByRole('status').filter({ hasText: 'Ready to use offline' }).waitFor({ timeout: 30_000 });
		expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
		await page.getByText('Last sync with the server').waitFor();
		await page.getByText(/Nothing: everything you wrote has reached the server/).waitFor();
		// the member's devices: this one marked (not revocable from itself), the API client revocable
		const mine = page.getByRole('region', { name: 'Your devices' });
		await mine.locator('.pill', { hasText: 'This device' }).waitFor();
		expect(await mine.getByRole('button', { name: /^Revoke/ }).allTextContents()).toHaveLength(1);
		await mine.getByRole('button', { name: /^Revoke e2e API client/ }).waitFor();

		// The manifest and icons make the app installable (what Chromium checks before offering it).
		const cdp = await context.newCDPSession(page);
		const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
			installabilityErrors: unknown[];
		};
		expect(installabilityErrors).toEqual([]);
		await cdp.detach();

		// Nothing reaches the server, though the browser says it is online: a reload opens the app.
		await context.route(
			(url) => url.host === serverHost(),
			(route) => route.abort('internetdisconnected')
		);
		await page.goto(`${server.url}/forums`);
		await page.getByRole('heading', { name: 'Forums' }).waitFor();
		await page.getByRole('main').getByRole('link', { name: 'Open data' }).waitFor();
		await page.goto(`${server.url}/forums/t/${ulid}`);
		await page.getByRole('heading', { name: 'Which licence for our bus timetables?' }).waitFor();
		expect(await page.locator('strong', { hasText: 'GTFS' }).count()).toBe(1);
		await page.getByRole('status').filter({ hasText: OFFLINE }).waitFor();

		// A cold start with nothing serving: stop the server, restart the browser on the same profile.
		await server.stop();
		await device.close();
		const again = await openDevice(device.profileDir);
		devices.push(again);
		await again.page.goto(`${server.url}/forums`);
		await again.page.getByRole('main').getByRole('link', { name: 'Open data' }).waitFor();
		await again.page.getByRole('status').filter({ hasText: OFFLINE }).waitFor();
		expect(await again.page.locator('header .sync').getAttribute('data-tone')).toBe('quiet');
		await again.page.getByRole('main').getByRole('link', { name: 'Open data' }).click();
		await again.page.getByRole('link', { name: 'Which licence for our bus timetables?' }).click();
		await again.page.getByRole('heading', { name: 'Which licence for our bus timetables?' }).waitFor();
	}, 120_000);
});

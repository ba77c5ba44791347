// A new version of the app: the waiting service worker is announced with "A new version is
// available" and only the user's "Reload" activates it (the app never reloads by itself).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendFile, cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerMember, startServer, type TestServer } from './support/server';
import { openDevice, signIn, waitUpToDate, type Device } from './support/browser';

let server: TestServer;
let device: Device | null = null;
let staticDir = '';

beforeAll(async () => {
	// A copy of the build, so this test can publish a "new version" without touching build/.
	staticDir = await mkdtemp(join(tmpdir(), 'praxis-static-'));
	await cp('build', staticDir, { recursive: true });
	server = await startServer({ staticDir });
});

afterAll(async () => {
	await device?.dispose();
	await server?.dispose();
	await rm(staticDir, { recursive: true, force: true });
});

describe('app update', () => {
	it('waits for the user before switching to a new version', async () => {
		await registerMember(server.url, 'ivan', 'Ivan');
		device = await openDevice();
		const { page } = device;
		await signIn(page, server.url, 'ivan');
		await waitUpToDate(page);
		await page.evaluate(async () => {
			await navigator.serviceWorker.ready;
		});
		await page.reload();
		expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
		const banner = page.getByText('A new version is available');
		expect(await banner.count()).toBe(0);

		await appendFile(join(staticDir, 'sw.js'), '\n// next version\n');
		await page.reload();
		await banner.waitFor({ timeout: 30_000 });

		// Nothing reloads by itself: text typed in the page survives a while.
		const marker = await page.evaluate(() => ((window as unknown as { __marker: number }).__marker = Math.random()));
		await page.waitForTimeout(1_500);
		expect(await page.evaluate(() => (window as unknown as { __marker?: number }).__marker)).toBe(marker);

		await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Reload' }).click()]);
		await page.getByRole('heading', { name: 'Forums' }).waitFor();
		expect(await page.evaluate(() => (window as unknown as { __marker?: number }).__marker)).toBeUndefined();
		expect(
			await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting ?? null)
		).toBeNull();
		expect(await banner.count()).toBe(0);
	});
});

// The impact dashboard renders from the device's documents with no network (charts, their
// tables and CSV downloads); the suggestion box and the public open-data page pass axe at
// 360 px and on a desktop screen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createThread, registerMember, startServer, type TestServer } from './support/server';
import { openDevice, signIn, waitUpToDate, waitForOfflineShell, type Device } from './support/browser';
import { seriousViolations } from './support/axe';

let server: TestServer;
const devices: Device[] = [];

beforeAll(async () => {
	server = await startServer();
	const erin = await registerMember(server.url, 'erin', 'Erin Costa');
	await createThread(server.url, erin, {
		category: 'citizen-engagement',
		title: 'Plain-language letters',
		body: 'We rewrote our tax letters.'
	});
});

afterAll(async () => {
	for (const d of devices) await d.dispose();
	await server?.dispose();
});

describe('impact, suggestions and open data', () => {
	it('shows the dashboard offline with charts, tables and CSV, and passes axe on the new pages', async () => {
		const device = await openDevice(undefined, { bypassCSP: true });
		devices.push(device);
		const { page, context } = device;

		await page.goto(`${server.url}/open`);
		await page.getByRole('link', { name: 'Download everything (ZIP)' }).waitFor();
		await page.getByRole('table', { name: 'Files' }).getByRole('link', { name: 'stories.csv' }).waitFor();

		await signIn(page, server.url, 'erin');
		await waitUpToDate(page);
		const found: Record<string, string[]> = {};
		for (const width of [1280, 360]) {
			await page.setViewportSize({ width, height: width === 360 ? 740 : 800 });
			for (const [path, ready] of [
				['/impact', 'Active members per month'],
				['/suggestions', 'Suggest an improvement'],
				['/open', 'Download everything (ZIP)']
			] as const) {
				await page.goto(`${server.url}${path}`);
				await page.getByText(ready).first().waitFor();
				found[`${path} @${width}`] = await seriousViolations(page);
			}
		}
		expect(Object.entries(found).filter(([, v]) => v.length > 0)).toEqual([]);

		// no network: the dashboard is worked out from what the device holds
		await page.setViewportSize({ width: 1280, height: 800 });
		await waitForOfflineShell(page);
		await context.setOffline(true);
		await page.goto(`${server.url}/impact`);
		const engagement = page.locator('section', { has: page.getByRole('heading', { name: 'Engagement', level: 2 }) });
		await engagement.getByRole('heading', { name: 'Contributions per month' }).waitFor();
		await expect.poll(() => engagement.locator('canvas').count(), { timeout: 15_000 }).toBeGreaterThan(0);
		await engagement.getByText('Show the figures as a table').first().click();
		const table = engagement.getByRole('table').first();
		await table.waitFor();
		expect(await table.locator('tbody tr').count()).toBeGreaterThan(0);
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			engagement.getByRole('button', { name: 'Download CSV' }).first().click()
		]);
		expect(download.suggestedFilename()).toMatch(/\.csv$/);

		// filters change the figures: erin's thread counts under its own category, not under another
		const contributions = engagement.locator('figure', { hasText: 'Contributions per month' });
		await contributions.getByText('Show the figures as a table').click();
		const threadsThisMonth = async (): Promise<string> => {
			const table = contributions.getByRole('table', { name: 'Contributions per month' });
			const column = (await table.locator('thead th').allInnerTexts()).indexOf('Discussions started');
			expect(column).toBeGreaterThan(0);
			return table.locator('tbody tr').last().locator('th, td').nth(column).innerText();
		};
		await page.getByRole('radio', { name: 'Last 3 months' }).check();
		await page.getByLabel('Category').selectOption({ label: 'Citizen engagement' });
		await expect.poll(threadsThisMonth, { timeout: 10_000 }).toBe('1');
		await page.getByLabel('Category').selectOption({ label: 'Procurement' });
		await expect.poll(threadsThisMonth, { timeout: 10_000 }).toBe('0');
		await context.setOffline(false);
	});
});

// Following: a member watches one category and mutes another from the category pages. New
// threads by others in the watched one notify them; the muted one says nothing, and it moves to
// the end of the forum index, labelled.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createThread, registerMember, startServer, type TestServer } from './support/server';
import { openDevice, signIn, waitUpToDate, type Device } from './support/browser';
import type { Page } from 'playwright-core';

let server: TestServer;
let device: Device | null = null;

beforeAll(async () => {
	server = await startServer();
});

afterAll(async () => {
	await device?.dispose();
	await server?.dispose();
});

async function chooseLevel(page: Page, slug: string, heading: string, level: string): Promise<void> {
	await page.goto(`${server.url}/forums/${slug}`);
	await page.getByRole('heading', { level: 1, name: heading }).waitFor();
	const select = page.getByLabel('Notifications for this category');
	await expect.poll(() => select.isEnabled()).toBe(true);
	await select.selectOption({ label: level });
	await page.getByText('Saved.').waitFor();
}

describe('following categories', () => {
	it('notifies of what is watched, not of what is muted, and lists muted categories last', async () => {
		await registerMember(server.url, 'fiona', 'Fiona Walsh');
		const gus = await registerMember(server.url, 'gus', 'Gus Moreau');
		device = await openDevice();
		const { page } = device;
		await signIn(page, server.url, 'fiona');
		await waitUpToDate(page);

		await chooseLevel(page, 'procurement', 'Procurement', 'Watching');
		await chooseLevel(page, 'digital-services', 'Digital services', 'Muted');

		await page.goto(`${server.url}/forums`);
		const cards = page.locator('main ul.categories > li');
		await expect.poll(() => cards.last().locator('h2').textContent()).toBe('Digital services');
		await expect.poll(() => cards.last().getByText('Muted', { exact: true }).count()).toBe(1);
		await expect.poll(() => cards.first().getByText('Muted', { exact: true }).count()).toBe(0);

		await createThread(server.url, gus, {
			category: 'procurement',
			title: 'Framework agreements for small towns',
			body: 'Which frameworks can a town of 5,000 join?'
		});
		await createThread(server.url, gus, {
			category: 'digital-services',
			title: 'Our new permit form',
			body: 'We rebuilt the permit form; comments welcome.'
		});
		await page.goto(`${server.url}/notifications`);
		await page.getByText('Framework agreements for small towns').waitFor({ timeout: 30_000 });
		// both threads arrived in the same sync: the muted one is on the device but not notified
		await page.goto(`${server.url}/forums/digital-services`);
		await page.getByRole('link', { name: 'Our new permit form' }).waitFor();
		await page.goto(`${server.url}/notifications`);
		await page.getByText('Framework agreements for small towns').waitFor();
		expect(await page.getByText('Our new permit form').count()).toBe(0);
	});
});

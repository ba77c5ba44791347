// Acceptance (Chromium): a form refused before writing says what to fix next to each field, in
// a sentence the field names with aria-describedby, moves focus to the first one, and keeps
// everything typed: a resource with an over-long title and a bad link, an event ending before
// it starts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
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

/** The sentence a field is described by when it is refused, and that the field is marked invalid. */
async function errorOf(page: Page, id: string): Promise<string> {
	const field = page.locator(`#${id}`);
	expect(await field.getAttribute('aria-invalid')).toBe('true');
	expect((await field.getAttribute('aria-describedby'))?.split(' ')).toContain(`${id}-error`);
	return (await page.locator(`#${id}-error`).textContent()) ?? '';
}

describe('per-field messages', () => {
	it('shows a long title and a bad link next to their fields, keeping what was typed', async () => {
		await registerMember(server.url, 'alice', 'Alice Martin');
		const a = await openDevice();
		devices.push(a);
		const page = a.page;
		await signIn(page, server.url, 'alice');
		await waitUpToDate(page);

		await page.goto(`${server.url}/library/new`);
		const title = 'Shared cloud procurement '.repeat(10).slice(0, 230);
		const links = 'https://example.org/tender\nexample.org/guide';
		await page.getByLabel('Title').fill(title);
		await page.getByLabel('Summary').fill('Three councils bought hosting together.');
		await page.getByLabel('Links').fill(links);
		// the Markdown body too: over its limit, it is marked and described like the others
		await page.locator('#body').fill('x'.repeat(100_005));
		await page.getByRole('button', { name: 'Submit for review' }).click();

		await page.locator('#links-error').waitFor();
		expect(await errorOf(page, 'body')).toMatch(/too long: 100,005 characters, at most 100,000\. Shorten it by 5\.$/);
		expect(await errorOf(page, 'title')).toBe('Title is too long: 230 characters, at most 200. Shorten it by 30.');
		expect(await errorOf(page, 'links')).toBe('Line 2 of Links is not a web address: it should start with https://');
		// no sentence above the button: each problem is at its field
		expect(await page.locator('form [role="alert"]').count()).toBe(0);
		await page.waitForFunction(() => document.activeElement?.id === 'title');
		expect(await page.getByLabel('Title').inputValue()).toBe(title);
		expect(await page.getByLabel('Links').inputValue()).toBe(links);
		expect(await page.getByLabel('Summary').inputValue()).toBe('Three councils bought hosting together.');
		expect(page.url()).toMatch(/\/library\/new$/);

		// fixed, it is submitted
		await page.getByLabel('Title').fill('Shared cloud procurement');
		await page.getByLabel('Links').fill('https://example.org/tender\nhttps://example.org/guide');
		await page.locator('#body').fill('Hosting bought together by three councils.');
		await page.getByRole('button', { name: 'Submit for review' }).click();
		await page.waitForURL(/\/library\/mine#/);
	});

	it('says an end before the start next to the end', async () => {
		await registerMember(server.url, 'bob', 'Bob Okafor');
		const b = await openDevice();
		devices.push(b);
		const page = b.page;
		await signIn(page, server.url, 'bob');
		await waitUpToDate(page);

		await page.goto(`${server.url}/events/new`);
		await page.getByLabel('Title').fill('Procurement clinic');
		await page.getByLabel('Starts').fill('2026-10-25T11:00');
		await page.getByLabel('Ends').fill('2026-10-25T09:00');
		await page.getByLabel('Time zone').fill('Europe/Paris');
		await page.getByLabel('Venue').fill('Town hall');
		await page.getByRole('button', { name: 'Create event' }).click();

		await page.locator('#end-error').waitFor();
		expect(await errorOf(page, 'end')).toBe('The event ends before it starts: choose an end after the start.');
		await page.waitForFunction(() => document.activeElement?.id === 'end');
		expect(await page.getByLabel('Starts').inputValue()).toBe('2026-10-25T11:00');
		expect(await page.getByLabel('Title').inputValue()).toBe('Procurement clinic');
		expect(page.url()).toMatch(/\/events\/new$/);
	});

	it('asks for a display name and counts the bio past its limit, keeping both', async () => {
		await registerMember(server.url, 'carla', 'Carla Diaz');
		const c = await openDevice();
		devices.push(c);
		const page = c.page;
		await signIn(page, server.url, 'carla');
		await waitUpToDate(page);

		await page.goto(`${server.url}/people/me`);
		await page.getByLabel('Display name').fill('  ');
		const bio = 'I run procurement. '.repeat(270);
		await page.getByLabel('About me', { exact: true }).fill(bio);
		await page.getByRole('button', { name: 'Save profile' }).click();

		await page.locator('#displayName-error').waitFor();
		expect(await errorOf(page, 'displayName')).toBe('Give the name members will see you by.');
		expect(await page.locator('#bio-error').textContent()).toBe(
			`About me is too long: ${bio.trim().length.toLocaleString('en')} characters, at most 5,000. Shorten it by ${(bio.trim().length - 5000).toLocaleString('en')}.`
		);
		expect(await page.getByLabel('About me', { exact: true }).inputValue()).toBe(bio);
		expect(await page.getByRole('status').filter({ hasText: 'Saved on this device' }).count()).toBe(0);
	});
});

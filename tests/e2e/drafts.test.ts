// Drafts are saved on the device as you type and survive a browser restart (reply and new thread).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createThread, registerMember, startServer, type TestServer } from './support/server';
import { openDevice, signIn, waitUpToDate, type Device } from './support/browser';

let server: TestServer;
let device: Device | null = null;

beforeAll(async () => {
	server = await startServer();
});

afterAll(async () => {
	await device?.dispose();
	await server?.dispose();
});

/** The draft kept on the device under `key`, as JSON ('' when there is none). */
async function draft(key: string): Promise<string> {
	const value = await device!.page.evaluate((k) => window.__praxisTest!.session.store!.getDraft(k), key);
	return value === undefined ? '' : JSON.stringify(value);
}

describe('drafts', () => {
	it('restores a reply and a new thread after the browser restarts', async () => {
		const fay = await registerMember(server.url, 'fay', 'Fay');
		const ulid = await createThread(server.url, fay, { category: 'general', title: 'Drafts thread', body: 'Body' });
		device = await openDevice(undefined, { testHook: true });
		await signIn(device.page, server.url, 'fay');
		await waitUpToDate(device.page);

		await device.page.goto(`${server.url}/forums/t/${ulid}`);
		await device.page.getByLabel('Reply', { exact: true }).fill('Half-written reply');
		await expect.poll(() => draft(`reply:thread:${ulid}`)).toContain('Half-written reply');
		await device.page.goto(`${server.url}/forums/new?category=open-data`);
		await device.page.getByLabel('Title', { exact: true }).fill('Half-written thread');
		await device.page.getByLabel('Body', { exact: true }).fill('Half-written body');
		await expect.poll(() => draft('new-thread')).toContain('Half-written body');

		const dir = device.profileDir;
		await device.close();
		device = await openDevice(dir);
		await device.page.goto(`${server.url}/forums/t/${ulid}`);
		const reply = device.page.getByLabel('Reply', { exact: true });
		await expect.poll(() => reply.inputValue(), { timeout: 10_000 }).toBe('Half-written reply');

		await device.page.goto(`${server.url}/forums/new`);
		const title = device.page.getByLabel('Title', { exact: true });
		await expect.poll(() => title.inputValue(), { timeout: 10_000 }).toBe('Half-written thread');
		expect(await device.page.getByLabel('Body', { exact: true }).inputValue()).toBe('Half-written body');
		// the select shows the draft's category once the categories are read from the device
		const categorySelect = device.page.getByLabel('Category');
		await expect.poll(() => categorySelect.inputValue(), { timeout: 10_000 }).toBe('open-data');

		// Creating the thread clears the draft.
		await device.page.getByRole('button', { name: 'Create thread' }).click();
		await device.page.getByRole('heading', { name: 'Half-written thread' }).waitFor();
		await expect.poll(() => draft('new-thread')).toBe('');
		await device.page.goto(`${server.url}/forums/new`);
		// the form has read the device (its categories are there) and found no draft to restore
		await expect.poll(() => device!.page.getByLabel('Category').locator('option').count()).toBeGreaterThan(1);
		expect(await device.page.getByLabel('Title', { exact: true }).inputValue()).toBe('');
	});
});

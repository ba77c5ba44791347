// Accounts on the device: guard to /login, register with clear errors, expired session notice
// (local data kept), sign out with "Remove my data from this device".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerMember, startServer, TEST_PASSWORD, type TestServer } from './support/server';
import { openDevice, signIn, waitUpToDate, type Device, waitForOfflineShell } from './support/browser';

let server: TestServer;
let device: Device | null = null;

beforeAll(async () => {
	server = await startServer();
	await registerMember(server.url, 'gina', 'Gina');
});

afterAll(async () => {
	await device?.dispose();
	await server?.dispose();
});

describe('accounts on the device', () => {
	it('sends visitors to /login and shows the server’s errors', async () => {
		device = await openDevice();
		const { page } = device;
		await page.goto(`${server.url}/forums/general`);
		await page.waitForURL(/\/login\?next=%2Fforums%2Fgeneral$/);

		await page.getByLabel('Username').fill('gina');
		await page.getByLabel('Password').fill('wrong password!');
		await page.getByRole('button', { name: 'Sign in' }).click();
		await page.getByRole('alert').waitFor();
		expect(await page.getByRole('alert').textContent()).toMatch(/\S/);

		await page.getByRole('link', { name: 'Create an account' }).click();
		// the login form has a Username field too: fill only once the registration form replaced it
		await page.getByLabel('Display name').waitFor();
		await page.getByLabel('Username').fill('gina');
		await page.getByLabel('Password').fill(TEST_PASSWORD);
		await page.getByLabel('Display name').fill('Another Gina');
		await page.getByRole('checkbox', { name: 'I have read the privacy notice' }).check();
		await page.getByRole('button', { name: 'Create account' }).click();
		await page.getByRole('alert').waitFor();
		expect(await page.getByRole('alert').textContent()).toMatch(/taken|exists|already/i);

		await page.getByLabel('Username').fill('hugo');
		await page.getByLabel('Organisation (optional)').fill('City of Ghent');
		await page.getByRole('button', { name: 'Create account' }).click();
		await page.waitForURL(/\/forums$/);
		await page.getByText('Another Gina').waitFor();
	});

	it('asks to sign in again when the session expired, keeping local data', async () => {
		const { page, context } = device!;
		await waitUpToDate(page);
		await context.clearCookies();
		await page.reload();
		await page.getByText('Your session has expired').waitFor({ timeout: 30_000 });
		// Local data is still there.
		await page.getByRole('link', { name: 'General' }).waitFor();
		await page.getByRole('link', { name: 'Sign in again' }).click();
		await page.getByLabel('Username').fill('hugo');
		await page.getByLabel('Password').fill(TEST_PASSWORD);
		await page.getByRole('button', { name: 'Sign in' }).click();
		await page.waitForURL(/\/forums$/);
		await waitUpToDate(page);
		expect(await page.getByText('Your session has expired').count()).toBe(0);
	});

	it('signs out and removes the data from this device when asked', async () => {
		const { page, context } = device!;
		// A thread written offline is still waiting: the dialog warns before removing data.
		// (the worker must control the page first, or the offline navigation below has no app)
		await waitForOfflineShell(page);
		await context.setOffline(true);
		await page.goto(`${server.url}/forums/new?category=general`).catch(() => undefined);
		await page.getByLabel('Title', { exact: true }).fill('Never sent');
		await page.getByRole('button', { name: 'Create thread' }).click();
		await page.getByRole('heading', { name: 'Never sent' }).waitFor();
		await page.getByRole('button', { name: 'Sign out' }).click();
		const dialog = page.getByRole('dialog', { name: 'Sign out' });
		await dialog.getByText('1 write is still waiting to sync').waitFor();
		await context.setOffline(false);
		await dialog.getByLabel('Remove my data from this device').check();
		await dialog.getByRole('button', { name: 'Sign out' }).click();
		await page.waitForURL(/\/login$/);
		const names = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''));
		expect(names.filter((n) => n.includes('hugo'))).toEqual([]);
		await page.goto(`${server.url}/forums`);
		await page.waitForURL(/\/login/);
		// Signing in again as someone else works on the same device.
		await signIn(page, server.url, 'gina');
		await page.getByRole('link', { name: 'Gina – your account' }).waitFor();
	});
});

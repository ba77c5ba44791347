// "Delete my account" in Chromium: Inês is signed in on a phone and a laptop and deletes her
// account on the phone (keeping what she wrote). The phone removes her data at once; the laptop
// does at its next sync and says so on the sign-in page; IndexedDB on both then holds nothing of
// hers. Ben sees her thread as by "Former member". axe-core on the account page and its confirm
// step. PRAXIS_SCREENSHOT_DIR=… keeps screenshots of the section at 360 px and desktop width.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
	createThread,
	registerMember,
	startServer,
	TEST_PASSWORD,
	type ApiMember,
	type TestServer
} from './support/server';
import { openDevice, signIn, waitUpToDate, type Device } from './support/browser';
import { seriousViolations } from './support/axe';

const REMOVED = 'This account was deleted. Its data has been removed from this device.';
const screenshots = process.env.PRAXIS_SCREENSHOT_DIR;

let server: TestServer;
let ines: ApiMember;
let threadUlid: string;
const devices: Device[] = [];

beforeAll(async () => {
	server = await startServer();
	ines = await registerMember(server.url, 'ines', 'Inês Costa');
	await registerMember(server.url, 'ben', 'Ben Okafor');
	threadUlid = await createThread(server.url, ines, {
		category: 'general',
		title: 'Winter road permits',
		body: 'How do you handle them?'
	});
}, 60_000);

afterAll(async () => {
	for (const d of devices) await d.dispose();
	await server?.dispose();
});

async function device(options: Parameters<typeof openDevice>[1] = {}): Promise<Device> {
	const d = await openDevice(undefined, { bypassCSP: true, ...options });
	devices.push(d);
	return d;
}

/** Names of the IndexedDB databases of the page's origin that belong to `member`. */
function databasesOf(page: Page, member: string): Promise<string[]> {
	return page.evaluate(
		async (m) => (await indexedDB.databases()).map((d) => d.name ?? '').filter((name) => name.includes(`praxis-${m}`)),
		member
	);
}

/** `database/store` of every IndexedDB record on the page's origin whose JSON contains `needle`. */
function idbHolding(page: Page, needle: string): Promise<string[]> {
	return page.evaluate(async (needle) => {
		const request = <T>(r: IDBRequest<T>) =>
			new Promise<T>(
				(resolve, reject) => ((r.onsuccess = () => resolve(r.result)), (r.onerror = () => reject(r.error)))
			);
		const found: string[] = [];
		for (const { name } of await indexedDB.databases()) {
			if (!name) continue;
			const db = await request(indexedDB.open(name));
			for (const store of Array.from(db.objectStoreNames)) {
				const values = await request(db.transaction(store, 'readonly').objectStore(store).getAll());
				if (values.some((value) => (JSON.stringify(value) ?? '').includes(needle))) found.push(`${name}/${store}`);
			}
			db.close();
		}
		return found;
	}, needle);
}

async function openThread(page: Page): Promise<void> {
	await page.goto(`${server.url}/forums/t/${threadUlid}`);
	await page.getByRole('heading', { name: 'Winter road permits' }).waitFor();
}

async function shoot(page: Page, name: string): Promise<void> {
	if (!screenshots) return;
	await page
		.getByRole('region', { name: 'Delete your account' })
		.screenshot({ path: join(screenshots, `${name}.png`) });
}

describe('deleting an account', () => {
	it('removes it from both of the member’s devices, and others see a former member', async () => {
		const phone = await device({ viewport: { width: 360, height: 740 } });
		const laptop = await device();
		const other = await device();
		await signIn(phone.page, server.url, 'ines');
		await signIn(laptop.page, server.url, 'ines');
		await signIn(other.page, server.url, 'ben');
		for (const d of [phone, laptop, other]) await waitUpToDate(d.page);
		await openThread(laptop.page);
		await openThread(other.page);
		await other.page.getByText('Inês Costa').first().waitFor();
		expect(await databasesOf(laptop.page, 'ines')).not.toEqual([]);

		// the account page and the section, checked and looked at before anything is deleted
		const { page } = phone;
		await page.goto(`${server.url}/settings/account`);
		const section = page.getByRole('region', { name: 'Delete your account' });
		await section.getByLabel('Your password').waitFor();
		expect(await seriousViolations(page)).toEqual([]);
		await shoot(page, 'delete-360');

		// nothing typed: said so, nothing asked of the server
		await section.getByRole('button', { name: 'Continue' }).click();
		await section.getByRole('alert').filter({ hasText: 'Type your password.' }).waitFor();

		// a wrong password is refused by the server, and nothing is deleted
		await section.getByLabel('Your password').fill('not my password at all');
		await section.getByRole('button', { name: 'Continue' }).click();
		await section.getByRole('button', { name: 'Delete my account' }).click();
		await section
			.getByRole('alert')
			.filter({ hasText: 'Your password is not right, so the account was not deleted.' })
			.waitFor();
		expect((await fetch(`${server.url}/api/auth/session`, { headers: { cookie: ines.cookie } })).status).toBe(200);

		// the confirm step says what happens, for the choice made
		await section.getByLabel('Your password').fill(TEST_PASSWORD);
		await section.getByRole('button', { name: 'Continue' }).click();
		const confirm = section.getByRole('group', { name: 'What happens when you delete your account' });
		await confirm.waitFor();
		expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
			'What happens when you delete your account'
		);
		await confirm.getByText('What you wrote stays, shown as written by “Former member”.').waitFor();
		expect(await seriousViolations(page)).toEqual([]);
		await shoot(page, 'delete-360-confirm');
		await confirm.getByRole('button', { name: 'Cancel' }).click();
		await section.getByLabel('Also delete everything I wrote').check();
		await section.getByRole('button', { name: 'Continue' }).click();
		await confirm.getByText('Everything you wrote is deleted', { exact: false }).waitFor();
		await confirm.getByRole('button', { name: 'Cancel' }).click();
		await section.getByLabel('Also delete everything I wrote').uncheck();

		// deleted: this device removes the account's data at once
		await section.getByRole('button', { name: 'Continue' }).click();
		await confirm.getByRole('button', { name: 'Delete my account' }).click();
		await page.waitForURL(/\/login\?account=deleted$/);
		await page.getByRole('status').filter({ hasText: REMOVED }).waitFor();
		await expect.poll(() => databasesOf(page, 'ines')).toEqual([]);
		expect(await idbHolding(page, 'Inês Costa')).toEqual([]);

		// the laptop hears it at its next sync, removes the data and says so
		await laptop.page.waitForURL(/\/login\?account=deleted$/, { timeout: 60_000 });
		await laptop.page.getByRole('status').filter({ hasText: REMOVED }).waitFor();
		await expect.poll(() => databasesOf(laptop.page, 'ines')).toEqual([]);
		expect(await idbHolding(laptop.page, 'Inês Costa')).toEqual([]);
		expect(await idbHolding(laptop.page, 'Winter road permits')).toEqual([]);
		await expect
			.poll(async () => (await laptop.context.cookies()).some((c) => c.name === 'praxis_session'))
			.toBe(false);
		// after a reload it is still said, and nothing comes back
		await laptop.page.reload();
		await laptop.page.getByRole('status').filter({ hasText: REMOVED }).waitFor();
		expect(await databasesOf(laptop.page, 'ines')).toEqual([]);

		// signing in again is refused in plain words
		await laptop.page.getByLabel('Username').fill('ines');
		await laptop.page.getByLabel('Password').fill(TEST_PASSWORD);
		await laptop.page.getByRole('button', { name: 'Sign in' }).click();
		await laptop.page.getByRole('alert').filter({ hasText: 'This account was deleted.' }).waitFor();

		// Ben: her thread stays, by a former member, and her name is gone from his page
		await other.page.getByText('Former member').first().waitFor({ timeout: 30_000 });
		expect(await other.page.getByText('Inês Costa').count()).toBe(0);
		await other.page.goto(`${server.url}/people`);
		await other.page.getByRole('heading', { name: 'Ben Okafor' }).waitFor();
		expect(await other.page.getByText('Inês Costa').count()).toBe(0);
	});

	it('shows the section at desktop width', async () => {
		if (!screenshots) return;
		await registerMember(server.url, 'olga', 'Olga Berg');
		const desk = await device();
		await signIn(desk.page, server.url, 'olga');
		await desk.page.goto(`${server.url}/settings/account`);
		const section = desk.page.getByRole('region', { name: 'Delete your account' });
		await section.getByLabel('Your password').waitFor();
		await shoot(desk.page, 'delete-desktop');
		await section.getByLabel('Your password').fill(TEST_PASSWORD);
		await section.getByLabel('Also delete everything I wrote').check();
		await section.getByRole('button', { name: 'Continue' }).click();
		await section.getByRole('group', { name: 'What happens when you delete your account' }).waitFor();
		await shoot(desk.page, 'delete-desktop-confirm');
		await desk.page.setViewportSize({ width: 1280, height: 2000 });
		await desk.page.screenshot({ path: join(screenshots, 'account-page-desktop.png'), fullPage: true });
	});
});

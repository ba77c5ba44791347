// Members' rights in Chromium: "This is my own device" decides what signing out leaves in
// IndexedDB; /privacy is readable signed out and passes axe (as does the sign-in page);
// registration needs the privacy box; a changed notice brings a banner whose "I have read it"
// sticks; "Download my data" saves a ZIP holding what the member wrote.
// PRAXIS_SHOTS=folder also saves screenshots of these screens at 360 px and desktop width.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import {
	communityDocs,
	registerMember,
	startServer,
	TEST_PASSWORD,
	type ApiMember,
	type TestServer
} from './support/server';
import { openDevice, waitUpToDate, type Device } from './support/browser';
import { seriousViolations } from './support/axe';

let server: TestServer;
const devices: Device[] = [];
const SHOTS = process.env.PRAXIS_SHOTS;

beforeAll(async () => {
	server = await startServer();
});

afterAll(async () => {
	for (const d of devices) await d.dispose();
	await server?.dispose();
});

async function device(options: Parameters<typeof openDevice>[1] = {}): Promise<Device> {
	const d = await openDevice(undefined, options);
	devices.push(d);
	return d;
}

async function shot(page: Page, name: string): Promise<void> {
	if (!SHOTS) return;
	await mkdir(SHOTS, { recursive: true });
	await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** Fills the sign-in form; `own` ticks or unticks "This is my own device" (undefined: as it starts). */
async function signInWith(page: Page, username: string, own?: boolean): Promise<boolean> {
	await page.goto(`${server.url}/login`);
	await page.getByLabel('Username').fill(username);
	await page.getByLabel('Password').fill(TEST_PASSWORD);
	const box = page.getByRole('checkbox', { name: 'This is my own device' });
	// the starting value follows the username typed: let it settle before reading it
	await page.waitForTimeout(200);
	const startedOn = await box.isChecked();
	if (own !== undefined) await box.setChecked(own);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL(/\/forums$/);
	return startedOn;
}

async function writeThread(page: Page, title: string): Promise<void> {
	await page.goto(`${server.url}/forums/new?category=general`);
	await page.getByLabel('Title', { exact: true }).fill(title);
	await page.getByRole('button', { name: 'Create thread' }).click();
	await page.getByRole('heading', { name: title }).waitFor();
	await waitUpToDate(page);
}

async function databasesOf(page: Page, username: string): Promise<string[]> {
	const names = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''));
	return names.filter((name) => name.includes(username)).sort();
}

async function threadOnServer(member: ApiMember, title: string): Promise<boolean> {
	return [...(await communityDocs(server.url, member)).values()].some((doc) => doc.title === title);
}

// first, while the built-in notice is served
describe.runIf(SHOTS)('screenshots', () => {
	it('of the new screens at 360 px and desktop width', async () => {
		await registerMember(server.url, 'shotsam', 'Sam Shot');
		for (const [label, viewport] of [
			['360', { width: 360, height: 740 }],
			['desktop', { width: 1280, height: 800 }]
		] as const) {
			const { page } = await device({ viewport });
			for (const path of ['/login', '/register', '/privacy']) {
				await page.goto(`${server.url}${path}`);
				await page.getByRole('heading', { level: 1 }).waitFor();
				await page.waitForTimeout(300);
				await shot(page, `${path.slice(1)}-${label}`);
			}
			await signInWith(page, 'shotsam');
			await page.goto(`${server.url}/settings/account`);
			await page.getByRole('heading', { name: 'Your data' }).waitFor();
			await shot(page, `account-${label}`);
			await page.getByRole('button', { name: 'Sign out' }).click();
			await page.getByRole('dialog', { name: 'Sign out' }).waitFor();
			await shot(page, `signout-${label}`);
		}
	});
});

describe('a shared computer', () => {
	it('removes the member’s data at sign-out when the box stays unticked', async () => {
		const kiosk = await registerMember(server.url, 'kioskuser', 'Kim Kiosk');
		const { page } = await device();
		expect(await signInWith(page, 'kioskuser')).toBe(false); // a browser tab: off to begin with
		await writeThread(page, 'Written at the library');
		expect(await threadOnServer(kiosk, 'Written at the library')).toBe(true);
		expect(await databasesOf(page, 'kioskuser')).not.toEqual([]);

		await page.getByRole('button', { name: 'Sign out' }).click();
		const dialog = page.getByRole('dialog', { name: 'Sign out' });
		const remove = dialog.getByRole('checkbox', { name: 'Remove my data from this device' });
		expect(await remove.isChecked()).toBe(true);
		await shot(page, 'signout-shared-desktop');
		await dialog.getByRole('button', { name: 'Sign out' }).click();
		await page.waitForURL(/\/login$/);
		expect(await databasesOf(page, 'kioskuser')).toEqual([]);
		// nothing left that names the member either
		const left = await page.evaluate(
			async () => JSON.stringify(localStorage) + (await indexedDB.databases()).map((d) => d.name).join(',')
		);
		expect(left).not.toContain('kioskuser');
	});

	it('keeps it when the member says it is their own device, and remembers that', async () => {
		await registerMember(server.url, 'ownerolga', 'Olga Owner');
		const { page } = await device();
		expect(await signInWith(page, 'ownerolga', true)).toBe(false);
		await writeThread(page, 'Written on my laptop');
		const before = await databasesOf(page, 'ownerolga');
		expect(before.length).toBeGreaterThanOrEqual(4);

		await page.getByRole('button', { name: 'Sign out' }).click();
		const dialog = page.getByRole('dialog', { name: 'Sign out' });
		expect(await dialog.getByRole('checkbox', { name: 'Remove my data from this device' }).isChecked()).toBe(false);
		await dialog.getByRole('button', { name: 'Sign out' }).click();
		await page.waitForURL(/\/login$/);
		expect(await databasesOf(page, 'ownerolga')).toEqual(before);
		// next time on this device the box starts ticked for her
		expect(await signInWith(page, 'ownerolga')).toBe(true);
	});
});

describe('the privacy notice', () => {
	it('is readable signed out, linked from registration, and passes axe with the sign-in page', async () => {
		const { page } = await device({ bypassCSP: true });
		await page.goto(`${server.url}/login`);
		await page.getByRole('link', { name: 'Privacy notice' }).click();
		await page.waitForURL(/\/privacy$/);
		await page.getByRole('heading', { level: 1, name: 'Privacy notice' }).waitFor();
		await page.getByRole('heading', { name: 'What we keep about you' }).waitFor();
		const found = { '/privacy': await seriousViolations(page) };
		await page.goto(`${server.url}/login`);
		await page.getByRole('checkbox', { name: 'This is my own device' }).waitFor();
		Object.assign(found, { '/login': await seriousViolations(page) });
		await page.goto(`${server.url}/register`);
		await page.getByRole('checkbox', { name: 'I have read the privacy notice' }).waitFor();
		Object.assign(found, { '/register': await seriousViolations(page) });
		expect(found).toEqual({ '/privacy': [], '/login': [], '/register': [] });
		expect(await page.getByRole('link', { name: 'privacy notice' }).first().getAttribute('href')).toBe('/privacy');
	});

	it('must be ticked to register, and a changed notice is announced until read', async () => {
		const { page } = await device();
		await page.goto(`${server.url}/register`);
		await page.getByLabel('Display name').waitFor();
		await page.getByLabel('Username').fill('newnadia');
		await page.getByLabel('Password').fill(TEST_PASSWORD);
		await page.getByLabel('Display name').fill('Nadia New');
		await page.getByRole('button', { name: 'Create account' }).click();
		expect(await page.getByRole('alert').textContent()).toMatch(/privacy notice/);
		await page.getByRole('checkbox', { name: 'I have read the privacy notice' }).check();
		await page.getByRole('button', { name: 'Create account' }).click();
		await page.waitForURL(/\/forums$/);
		expect(await page.getByText('The privacy notice has changed').count()).toBe(0);

		await writeFile(
			join(server.dataDir, 'privacy.md'),
			'version: 2027-01\n# Privacy at the Region\n\nWe now also keep your time zone.\n'
		);
		await page.reload();
		const banner = page.getByRole('region', { name: /The privacy notice has changed/ });
		await banner.waitFor();
		await banner.getByRole('link', { name: 'Read it' }).click();
		await page.getByRole('heading', { level: 1, name: 'Privacy at the Region' }).waitFor();
		await page.getByText('Version 2027-01').waitFor();
		await shot(page, 'privacy-banner-desktop');
		await banner.getByRole('button', { name: 'I have read it' }).click();
		await banner.waitFor({ state: 'detached' });
		await page.reload();
		await page.getByRole('heading', { level: 1, name: 'Privacy at the Region' }).waitFor();
		await waitUpToDate(page);
		expect(await page.getByText('The privacy notice has changed').count()).toBe(0);
	});
});

describe('Download my data', () => {
	it('saves a ZIP with what the member wrote', async () => {
		await registerMember(server.url, 'zipzoe', 'Zoe Zip');
		const { page } = await device();
		await signInWith(page, 'zipzoe', true);
		await writeThread(page, 'Zoe’s question about permits');
		await page.getByRole('link', { name: 'Your account and data' }).click();
		await page.getByRole('heading', { name: 'Your data' }).waitFor();
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('button', { name: 'Download my data' }).click()
		]);
		expect(download.suggestedFilename()).toMatch(/^praxis-zipzoe-\d{4}-\d{2}-\d{2}\.zip$/);
		await page.getByText(/Your data was saved as praxis-zipzoe-/).waitFor();
		const zip = unzipSync(new Uint8Array(await readFile((await download.path())!)));
		expect(Object.keys(zip)).toEqual(expect.arrayContaining(['README.txt', 'profile.json', 'files/files.json']));
		const threads = Object.keys(zip).filter((name) => name.startsWith('authored/thread/'));
		expect(threads.map((name) => JSON.parse(strFromU8(zip[name])).title)).toEqual(['Zoe’s question about permits']);
		expect(JSON.parse(strFromU8(zip['profile.json'])).account).toMatchObject({
			username: 'zipzoe',
			privacyNotice: { version: '2027-01' }
		});
	});
});

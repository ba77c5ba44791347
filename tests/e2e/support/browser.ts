// Chromium for browser tests: Debian's /usr/bin/chromium through playwright-core (never a
// downloaded browser), with persistent profiles so a test can close and reopen "the same phone".
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_PASSWORD } from './server';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run'
];

export interface Device {
	context: BrowserContext;
	page: Page;
	profileDir: string;
	/** Closes the browser; the profile stays for reopen(). */
	close(): Promise<void>;
	dispose(): Promise<void>;
}

export interface DeviceOptions {
	offline?: boolean;
	colorScheme?: 'light' | 'dark';
	viewport?: { width: number; height: number };
	/** Sets localStorage.praxisTest so the app exposes window.__praxisTest. */
	testHook?: boolean;
	/** Lets tests inject scripts (axe-core) past the app's Content-Security-Policy. */
	bypassCSP?: boolean;
	/** Extra Chromium switches (e.g. --ip-address-space-overrides for Local Network Access). */
	args?: string[];
}

export async function newProfileDir(): Promise<string> {
	return mkdtemp(join(tmpdir(), 'praxis-chromium-'));
}

/** Launches Chromium on a profile folder (new, or one kept from an earlier launch). */
export async function openDevice(profileDir?: string, options: DeviceOptions = {}): Promise<Device> {
	const dir = profileDir ?? (await newProfileDir());
	const context = await chromium.launchPersistentContext(dir, {
		executablePath: CHROMIUM_PATH,
		args: [...ARGS, ...(options.args ?? [])],
		headless: true,
		offline: options.offline ?? false,
		colorScheme: options.colorScheme ?? 'light',
		viewport: options.viewport ?? { width: 1280, height: 800 },
		bypassCSP: options.bypassCSP ?? false
	});
	if (options.testHook) await context.addInitScript(() => localStorage.setItem('praxisTest', '1'));
	const page = context.pages()[0] ?? (await context.newPage());
	page.on('pageerror', (err) => console.error('[page error]', err.message));
	return {
		context,
		page,
		profileDir: dir,
		close: () => context.close(),
		async dispose() {
			await context.close().catch(() => undefined);
			// Chromium's helper processes may still be writing the cache as the context closes
			await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
		}
	};
}

/** Signs in through the login page and waits for the forums. */
export async function signIn(page: Page, baseUrl: string, username: string, password = TEST_PASSWORD): Promise<void> {
	await page.goto(`${baseUrl}/login`);
	await page.getByLabel('Username').fill(username);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL(/\/forums$/);
}

/** Waits until the header says the device is in sync with the server. */
export async function waitUpToDate(page: Page, timeout = 30_000): Promise<void> {
	await page.getByRole('status').filter({ hasText: 'Up to date' }).waitFor({ timeout });
}

/**
 * Waits until the service worker controls the page, so that going offline afterwards still
 * serves every route's code from the precache (under load the worker may activate after the
 * first screens are up, and an offline navigation to a route not loaded yet would fail). A page
 * whose navigation began just before the worker activated stays uncontrolled: reload it then.
 */
export async function waitForOfflineShell(page: Page, waitMs = 5_000): Promise<void> {
	const controlled = await page.evaluate(async (ms) => {
		await navigator.serviceWorker.ready;
		if (navigator.serviceWorker.controller) return true;
		return new Promise<boolean>((resolve) => {
			const timer = setTimeout(() => resolve(false), ms);
			navigator.serviceWorker.addEventListener('controllerchange', () => {
				clearTimeout(timer);
				resolve(true);
			});
		});
	}, waitMs);
	if (controlled) return;
	await page.reload();
	if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) {
		throw new Error('the service worker did not take control of the page');
	}
}

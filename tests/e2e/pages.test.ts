// Every main page, as a member of the demo community sees it:
//   - on a 360×740 phone, the header is at most 56 px tall, and the first result of the library,
//     events, people and search is on the first screen without scrolling;
//   - axe-core finds no critical, serious or moderate issue, on a phone and on a desktop screen;
//   - in the pseudo-locale (every interface string accented and bracketed), no plain English is
//     left outside what members wrote (`translate="no"`), times, code and form values: a string
//     that does not go through the translations shows up here;
//   - French and Spanish load, with `<html lang>` set.
// PRAXIS_SCREENSHOTS=<dir> also saves a screenshot of each page at each width.
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD, startServer, type TestServer } from './support/server';
import { openDevice, signIn, waitUpToDate, type Device } from './support/browser';
import { violations } from './support/axe';

const run = promisify(execFile);
const SHOTS = process.env.PRAXIS_SCREENSHOTS;
const AXE_IMPACTS = ['critical', 'serious', 'moderate'];
let server: TestServer;
let device: Device;
let page: Page;
const paths: string[] = [];

/** Waits for the page's heading, then for its content to stop changing (live queries settle). */
async function settled(p: Page): Promise<void> {
	await p.locator('main h1').first().waitFor({ timeout: 20_000 });
	let last = '';
	for (let i = 0; i < 20; i++) {
		const now = await p.locator('main').innerText();
		if (now === last) return;
		last = now;
		await p.waitForTimeout(250);
	}
}

async function open(p: Page, path: string): Promise<void> {
	await p.goto(`${server.url}${path}`);
	await settled(p);
}

/** The first link in the page matching `selector` (a real item of the demo community). */
async function firstHref(path: string, selector: string): Promise<string> {
	await open(page, path);
	const href = await page.locator(selector).first().getAttribute('href', { timeout: 20_000 });
	if (!href) throw new Error(`no ${selector} on ${path}`);
	return href;
}

beforeAll(async () => {
	const dataDir = await mkdtemp(join(tmpdir(), 'praxis-e2e-pages-'));
	const env = { ...process.env, DATA_DIR: dataDir, PRAXIS_ADMIN_PASSWORD: TEST_PASSWORD };
	await run(process.execPath, ['--import', 'tsx', 'server/admin.ts', 'create-admin', 'mona'], { env });
	for (const role of ['moderator', 'reviewer'])
		await run(process.execPath, ['--import', 'tsx', 'server/admin.ts', 'grant', 'mona', role], { env });
	server = await startServer({ dataDir, env: { PRAXIS_DEMO: '1' } });
	device = await openDevice(undefined, { bypassCSP: true, viewport: { width: 1366, height: 800 } });
	page = device.page;
	await signIn(page, server.url, 'mona');
	await waitUpToDate(page, 60_000);

	const thread = await firstHref('/forums', 'main a[href^="/forums/"]:not([href="/forums/new"])').then((category) =>
		firstHref(category, 'main a[href^="/forums/t/"]').then((t) => [category, t])
	);
	const resource = await firstHref('/library', 'main a[href^="/library/01"]');
	const collection = await firstHref('/kb', 'main a[href^="/kb/"]');
	const event = await firstHref('/events', 'main a[href^="/events/01"]');
	const person = await firstHref('/people', 'main a[href^="/people/"]:not([href="/people/me"])');
	const story = await firstHref('/stories', 'main a[href^="/stories/01"]');
	const challenge = await firstHref('/challenges', 'main a[href^="/challenges/01"]');
	paths.push(
		'/',
		'/forums',
		...thread,
		'/forums/new',
		'/library',
		resource,
		'/library/new',
		'/library/mine',
		'/kb',
		collection,
		'/events',
		event,
		'/events/new',
		'/people',
		person,
		'/people/me',
		'/mentorship',
		'/messages',
		'/notifications',
		'/stories',
		story,
		'/stories/new',
		'/challenges',
		challenge,
		'/suggestions',
		'/surveys',
		'/impact',
		'/recognition',
		'/search?q=open+data',
		'/settings/account',
		'/device',
		'/hub',
		'/exchange',
		'/review',
		'/moderation',
		'/admin',
		'/privacy',
		'/open',
		'/no-such-page'
	);
}, 180_000);

afterAll(async () => {
	await device?.dispose();
	await server?.dispose();
});

describe('on a 360 px phone', () => {
	it('keeps the header within 56 px and shows the first result without scrolling', async () => {
		await page.setViewportSize({ width: 360, height: 740 });
		const heights: Record<string, number> = {};
		const firstResult: Record<string, string> = {};
		for (const [path, item] of [
			['/library', 'main a[href^="/library/01"]'],
			['/events', 'main a[href^="/events/01"]'],
			['/people', 'main a[href^="/people/"]:not([href="/people/me"])'],
			['/search?q=open+data', 'main ol.hits a[href]']
		] as const) {
			await open(page, path);
			heights[path] = Math.round((await page.locator('header.app-header').boundingBox())?.height ?? 999);
			const box = await page.locator(item).first().boundingBox();
			const scrolled = await page.evaluate(() => window.scrollY);
			firstResult[path] = box && scrolled === 0 && box.y >= 0 && box.y + box.height <= 740 ? 'visible' : `at ${box?.y}`;
		}
		expect(firstResult).toEqual({
			'/library': 'visible',
			'/events': 'visible',
			'/people': 'visible',
			'/search?q=open+data': 'visible'
		});
		for (const [path, height] of Object.entries(heights)) expect(height, path).toBeLessThanOrEqual(56);
	}, 120_000);
});

describe.each([
	['phone', 360, 740],
	['desktop', 1366, 800]
] as const)('every page on a %s', (name, width, height) => {
	it('has no critical, serious or moderate axe issue', async () => {
		await page.setViewportSize({ width, height });
		const found: Record<string, string[]> = {};
		for (const path of paths) {
			await open(page, path);
			const issues = await violations(page, AXE_IMPACTS);
			if (issues.length) found[path] = issues;
			if (SHOTS) {
				const file = path.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'home';
				await page.screenshot({ path: `${SHOTS}/${file}-${width}.png`, fullPage: true });
			}
		}
		expect(found, name).toEqual({});
	}, 600_000);
});

/** Text a person reads that is still plain English (ASCII words) outside what members wrote. */
function untranslated(p: Page): Promise<string[]> {
	return p.evaluate(() => {
		const skip = '[translate="no"], time, code, pre, script, style, textarea, svg, noscript, [aria-hidden="true"]';
		const english = /[A-Za-z]{2,}/;
		const out = new Set<string>();
		const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
		for (let node = walker.nextNode(); node; node = walker.nextNode()) {
			const text = node.textContent?.trim() ?? '';
			const parent = node.parentElement;
			if (!text || !parent || parent.closest(skip)) continue;
			if (!parent.checkVisibility() && !parent.closest('.visually-hidden')) continue;
			if (english.test(text)) out.add(text.slice(0, 80));
		}
		// a label or title may carry what a member wrote ("Move <title> up"): it passes when the
		// translated words around it are there; a web address is not words
		const unmarked = (value: string) => !value.includes('⟦') && english.test(value.replace(/https?:\/\/\S*/g, ''));
		for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], img[alt]')) {
			if (el.closest(skip)) continue;
			for (const attr of ['aria-label', 'title', 'placeholder', 'alt']) {
				const value = el.getAttribute(attr) ?? '';
				if (unmarked(value)) out.add(`${attr}="${value.slice(0, 80)}"`);
			}
		}
		if (unmarked(document.title)) out.add(`<title>${document.title}`);
		return [...out];
	});
}

describe('in other languages', () => {
	it('leaves no interface string untranslated (pseudo-locale)', async () => {
		await page.setViewportSize({ width: 1366, height: 800 });
		await page.evaluate(() => localStorage.setItem('praxis.language', 'pseudo'));
		const found: Record<string, string[]> = {};
		for (const path of paths) {
			await open(page, path);
			const left = await untranslated(page);
			if (left.length) found[path] = left;
		}
		await page.evaluate(() => localStorage.removeItem('praxis.language'));
		expect(found).toEqual({});
	}, 300_000);

	it.each([
		['fr', 'Bibliothèque'],
		['es', 'Biblioteca']
	] as const)(
		'opens in %s',
		async (language, library) => {
			await page.setViewportSize({ width: 1366, height: 800 });
			await page.evaluate((lng) => localStorage.setItem('praxis.language', lng), language);
			for (const path of ['/', paths[3], '/library']) {
				await open(page, path);
				if (SHOTS) {
					const file = path.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'home';
					await page.screenshot({ path: `${SHOTS}/${language}-${file}.png`, fullPage: true });
				}
			}
			expect(await page.evaluate(() => document.documentElement.lang)).toBe(language);
			await expect(page.getByRole('heading', { level: 1 }).first().innerText()).resolves.toBe(library);
			await page.evaluate(() => localStorage.removeItem('praxis.language'));
		},
		120_000
	);
});

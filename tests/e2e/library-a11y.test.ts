// axe-core finds no serious or critical violation on the library, resource, submission, search,
// review, knowledge-base and pack pages, in light and dark colour schemes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import type { TestServer } from './support/server';
import { openDevice, signIn, waitUpToDate, type Device } from './support/browser';
import { apiLogin, seedFile, seedResource, startServerWithReviewer } from './library-helpers';

let server: TestServer;
const devices: Device[] = [];
let axeSource = '';
let ulid = '';

beforeAll(async () => {
	axeSource = await readFile('node_modules/axe-core/axe.min.js', 'utf8');
	server = await startServerWithReviewer('rita');
	const rita = await apiLogin(server.url, 'rita');
	const file = await seedFile(server.url, rita, 'checklist.pdf', '%PDF-1.4 checklist');
	ulid = await seedResource(server.url, rita, {
		kind: 'case-study',
		title: 'Plain-language tax letters',
		summary: 'Calls dropped by a third.',
		body: 'We rewrote **every** letter. See [the guide](https://example.org/guide).',
		tags: ['plain-language'],
		problem: 'Citizens called to ask what letters meant.',
		outcomes: [{ metric: 'Calls', value: '-30', unit: '%' }],
		jurisdiction: 'Flanders',
		files: [file],
		links: ['https://example.org/guide']
	});
	await seedResource(server.url, rita, {
		title: 'Letter template',
		kind: 'template',
		summary: 'A template.',
		tags: ['plain-language']
	});
});

afterAll(async () => {
	for (const d of devices) await d.dispose();
	await server?.dispose();
});

async function seriousViolations(page: Page): Promise<string[]> {
	await page.addScriptTag({ content: axeSource });
	const violations = await page.evaluate(async () => {
		const axe = (
			window as unknown as {
				axe: {
					run(): Promise<{
						violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }>;
						passes: unknown[];
					}>;
				};
			}
		).axe;
		const result = await axe.run();
		if (result.passes.length === 0) throw new Error('axe checked nothing');
		return result.violations;
	});
	return violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
}

describe.each(['light', 'dark'] as const)('library accessibility (%s)', (colorScheme) => {
	it('has no serious or critical axe violation', async () => {
		const device = await openDevice(undefined, {
			colorScheme,
			bypassCSP: true,
			viewport: colorScheme === 'dark' ? { width: 360, height: 740 } : undefined
		});
		devices.push(device);
		const { page } = device;
		await signIn(page, server.url, 'rita');
		await waitUpToDate(page);
		const pages: Array<[string, string]> = [
			['/library', 'Plain-language tax letters'],
			[`/library/${ulid}`, 'Outcomes'],
			['/library/new', 'Submit a resource'],
			['/search?q=letters', 'Plain-language tax letters'],
			['/review', 'Review queue'],
			['/kb', 'Knowledge base'],
			['/library/mine', 'My submissions']
		];
		const found: Record<string, string[]> = {};
		for (const [path, text] of pages) {
			await page.goto(`${server.url}${path}`);
			// main's text: on a phone the header's folded navigation also holds "Knowledge base", hidden
			await page.getByRole('main').getByText(text).first().waitFor();
			found[path] = await seriousViolations(page);
		}
		await page.goto(`${server.url}/library/${ulid}`);
		await page.getByRole('button', { name: 'Add to print pack' }).click();
		await page.getByRole('button', { name: 'Remove from print pack' }).waitFor();
		await page.goto(`${server.url}/library/pack`);
		await page.getByRole('heading', { name: 'Contents' }).waitFor();
		found['/library/pack'] = await seriousViolations(page);
		if (colorScheme === 'dark') await page.screenshot({ path: '/tmp/praxis-library-360-dark.png', fullPage: true });
		expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, []])));
	});
});

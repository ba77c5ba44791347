// Acceptance, offline: search finds a resource and a thread by a word of their bodies and by a
// misspelt word; a file kept offline opens with no network while a file not kept is not on the
// device; the print layout of a pack of three resources gives a PDF with their three titles.
// Also logs the bytes the first sync downloads, and what keeping the files adds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { couch, createThread, registerMember, type TestServer } from './support/server';
import { openDevice, signIn, waitForOfflineShell, waitUpToDate, type Device } from './support/browser';
import { apiLogin, pdfContains, seedFile, seedResource, startServerWithReviewer } from './library-helpers';

let server: TestServer;
const devices: Device[] = [];

beforeAll(async () => {
	server = await startServerWithReviewer('rita');
});

afterAll(async () => {
	for (const d of devices) await d.dispose();
	await server?.dispose();
});

/** Sums the bytes of /couch responses from now on. */
function countCouchBytes(page: Page): { total: () => Promise<number> } {
	let total = 0;
	const reading = new Set<Promise<unknown>>();
	page.on('requestfinished', (request) => {
		if (!request.url().includes('/couch/')) return;
		// bytes on the wire (headers + body as transferred), as Chromium's network stack saw them, of
		// each finished request (a live longpoll still open is not); total() waits for those still read
		const size = request.sizes().then(
			(s) => (total += s.responseBodySize + s.responseHeadersSize),
			() => undefined
		);
		reading.add(size);
		void size.finally(() => reading.delete(size));
	});
	return {
		async total() {
			while (reading.size > 0) await Promise.all([...reading]);
			return total;
		}
	};
}

async function search(page: Page, q: string) {
	await page.goto(`${server.url}/search?q=${encodeURIComponent(q)}`);
	await page.getByText(/results? for/).waitFor();
	return page.locator('ol.hits h2 a').allTextContents();
}

describe('library offline', () => {
	it('searches, opens kept files and prints a pack with no network', async () => {
		const alice = await registerMember(server.url, 'alice', 'Alice Martin');
		const rita = await apiLogin(server.url, 'rita');
		const now = new Date().toISOString();
		await couch(server.url, rita, 'community/category:environment', {
			method: 'PUT',
			body: {
				_id: 'category:environment',
				type: 'category',
				author: 'rita',
				createdAt: now,
				name: 'Environment',
				description: '',
				order: 1
			}
		});
		await createThread(server.url, alice, {
			category: 'environment',
			title: 'Verge cutting schedules',
			body: 'Our hedgerow survey used volunteers from the parish.'
		});
		const keptContent = `%PDF-1.4 the kept survey template ${'x'.repeat(256 * 1024)}`;
		const kept = await seedFile(server.url, rita, 'survey-template.pdf', keptContent);
		const other = await seedFile(server.url, rita, 'budget.pdf', '%PDF-1.4 a budget never kept');
		const r1 = await seedResource(server.url, rita, {
			title: 'Pollinator corridors guide',
			summary: 'Road verges as habitats.',
			body: 'Plant wildflower verges and mow twice a year.',
			files: [kept]
		});
		const r2 = await seedResource(server.url, rita, {
			title: 'Verge budget template',
			kind: 'template',
			summary: 'Costing sheet.',
			body: 'Columns for labour and seed.',
			files: [other]
		});
		const r3 = await seedResource(server.url, rita, {
			title: 'Volunteer safety toolkit',
			kind: 'toolkit',
			summary: 'Checklists.',
			body: 'High-visibility clothing, see https://example.org/safety.'
		});

		const a = await openDevice(undefined, { testHook: true });
		devices.push(a);
		const bytes = countCouchBytes(a.page);
		await signIn(a.page, server.url, 'alice');
		await waitUpToDate(a.page);
		const firstSync = await bytes.total();

		// keep r1's files offline; put three resources in the pack
		await a.page.goto(`${server.url}/library/${r1}`);
		await a.page.getByRole('button', { name: /^Keep offline/ }).click();
		await a.page.getByRole('button', { name: 'Remove from device' }).waitFor();
		await a.page.getByText('On this device').waitFor();
		const withFiles = await bytes.total();
		for (const id of [r1, r2, r3]) {
			await a.page.goto(`${server.url}/library/${id}`);
			await a.page.getByRole('button', { name: 'Add to print pack' }).click();
			await a.page.getByRole('button', { name: 'Remove from print pack' }).waitFor();
		}
		console.log(
			`[library] first sync downloaded ${firstSync} bytes from /couch; keeping one resource's file (${kept.size} bytes) offline added ${withFiles - firstSync} bytes`
		);

		await waitForOfflineShell(a.page);
		await a.context.setOffline(true);

		// search, from the header box and by address, exact and misspelt
		await a.page.getByLabel('Search forums and library').fill('hedgerow');
		await a.page.getByLabel('Search forums and library').press('Enter');
		await a.page.waitForURL(/\/search\?q=hedgerow/);
		await a.page.locator('ol.hits').getByRole('link', { name: 'Verge cutting schedules' }).waitFor();
		expect((await a.page.locator('ol.hits mark').allTextContents()).map((t) => t.toLowerCase())).toContain('hedgerow');
		expect(await search(a.page, 'hedgrow')).toContain('Verge cutting schedules');
		expect(await search(a.page, 'wildflower')).toContain('Pollinator corridors guide');
		expect(await search(a.page, 'wildflowr')).toContain('Pollinator corridors guide');

		// the kept file opens offline; the other one is not on the device
		await a.page.goto(`${server.url}/library/${r1}`);
		const [download] = await Promise.all([
			a.page.waitForEvent('download'),
			a.page.getByRole('button', { name: 'survey-template.pdf' }).click()
		]);
		expect(download.suggestedFilename()).toBe('survey-template.pdf');
		expect(await readFile((await download.path())!, 'utf8')).toBe(keptContent);
		const onDevice = await a.page.evaluate(
			async ([k, o]) => {
				const store = window.__praxisTest!.session.store!;
				return [await store.library.isFileLocal(k), await store.library.isFileLocal(o)];
			},
			[kept.id, other.id]
		);
		expect(onDevice).toEqual([true, false]);
		await a.page.goto(`${server.url}/library/${r2}`);
		await a.page.getByRole('button', { name: 'budget.pdf' }).click();
		await a.page.getByRole('alert').filter({ hasText: 'budget.pdf is not on this device' }).waitFor();

		// the print pack of three resources
		await a.page.goto(`${server.url}/library/pack`);
		await a.page.getByRole('heading', { name: 'Contents' }).waitFor();
		const pdf = await a.page.pdf({ format: 'A4' });
		expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
		for (const title of ['Pollinator corridors guide', 'Verge budget template', 'Volunteer safety toolkit']) {
			expect(pdfContains(pdf, title), `PDF contains ${title}`).toBe(true);
		}
		expect(pdfContains(pdf, 'Pollinator corridors guide, Verge budget')).toBe(false); // the check can fail
		expect(pdfContains(pdf, 'survey-template.pdf')).toBe(true); // file names are printed
	});
});

// Chromium, two members: Alice keeps her bio "only me" (Bob's device never shows it), Alice sends
// Bob a message that reaches his open browser with an unread count, and axe finds no serious
// violation on the events, people, messages and notifications pages. Phone-width screenshots go
// to $PRAXIS_SCREENSHOTS when set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
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

async function serious(page: Page): Promise<string[]> {
	await page.addScriptTag({ content: await readFile('node_modules/axe-core/axe.min.js', 'utf8') });
	const violations = await page.evaluate(async () => {
		const axe = (
			window as unknown as {
				axe: {
					run(): Promise<{
						violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown[] }> }>;
					}>;
				};
			}
		).axe;
		return (await axe.run()).violations;
	});
	return violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
}

describe('people and messages', () => {
	it('hides "only me" fields from others, delivers messages live, and passes axe', async () => {
		await registerMember(server.url, 'alice', 'Alice Martin');
		await registerMember(server.url, 'bobby', 'Bob Okafor');
		const a = await openDevice(undefined, { bypassCSP: true });
		const b = await openDevice(undefined, { bypassCSP: true, viewport: { width: 360, height: 740 } });
		devices.push(a, b);
		await signIn(a.page, server.url, 'alice');
		await signIn(b.page, server.url, 'bobby');
		await Promise.all([waitUpToDate(a.page), waitUpToDate(b.page)]);

		// Alice: organisation for members, bio only for herself
		await a.page.goto(`${server.url}/people/me`);
		await a.page.getByLabel('Organisation', { exact: true }).fill('City of Lyon');
		await a.page.getByLabel('About me', { exact: true }).fill('PRIVATE NOTE: call my mobile');
		await a.page.getByLabel('Who sees about me').selectOption('me');
		await a.page.getByRole('button', { name: 'Save profile' }).click();
		await a.page.getByRole('status').filter({ hasText: 'Saved on this device' }).waitFor();
		await a.page.reload();
		await expect
			.poll(() => a.page.getByLabel('About me', { exact: true }).inputValue(), { timeout: 10_000 })
			.toBe('PRIVATE NOTE: call my mobile');

		await b.page.goto(`${server.url}/people/alice`);
		await b.page.getByText('City of Lyon').waitFor({ timeout: 30_000 });
		expect(await b.page.content()).not.toContain('PRIVATE NOTE');

		// Alice writes to Bob; Bob's open /messages page shows it with an unread count
		await b.page.goto(`${server.url}/messages`);
		await a.page.goto(`${server.url}/messages/bobby`);
		await a.page.getByLabel('Message', { exact: true }).fill('Hello Bob, about the SLA templates…');
		await a.page.getByRole('button', { name: 'Send' }).click();
		await a.page.getByText('Hello Bob, about the SLA templates…').waitFor();
		const conv = b.page.getByRole('listitem').filter({ hasText: 'Alice Martin' });
		await conv.getByText('1 new').waitFor({ timeout: 30_000 });
		await conv.getByRole('link').click();
		await b.page.getByText('Hello Bob, about the SLA templates…').waitFor();
		// back through the app (a reload right after opening could cut the read mark's write short)
		await b.page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Messages' }).click();
		await conv.waitFor();
		// marking read is a local write after the conversation rendered: wait for it (expect.poll's default is 1 s)
		await expect.poll(() => conv.getByText('1 new').count(), { timeout: 10_000 }).toBe(0);

		const shots = process.env.PRAXIS_SCREENSHOTS;
		const found: Record<string, string[]> = {};
		for (const path of [
			'/events',
			'/events/new',
			'/people',
			'/people/alice',
			'/messages',
			'/messages/alice',
			'/notifications',
			'/mentorship'
		]) {
			await b.page.goto(`${server.url}${path}`);
			await b.page.getByRole('heading', { level: 1 }).first().waitFor();
			found[path] = await serious(b.page);
			if (shots)
				await b.page.screenshot({ path: join(shots, `${path.replace(/\//g, '_') || 'root'}-360.png`), fullPage: true });
		}
		expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, []])));
	});
});

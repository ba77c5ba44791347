// A thread edited offline on two devices conflicts; its author sees the banner on the thread,
// compares the versions and keeps one, and both devices and the server settle on it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { communityDocs, createThread, registerMember, startServer, type TestServer } from './support/server';
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

async function editBody(page: Page, body: string): Promise<void> {
	await page.getByRole('button', { name: 'Edit', exact: true }).first().click();
	await page.getByLabel('Body', { exact: true }).fill(body);
	await page.getByRole('button', { name: 'Save', exact: true }).click();
	await page.getByText(body).waitFor();
}

describe('conflicts', () => {
	it('lets the author pick one of two offline edits', async () => {
		const jo = await registerMember(server.url, 'joan', 'Joan');
		const ulid = await createThread(server.url, jo, {
			category: 'general',
			title: 'Edited twice',
			body: 'Original body'
		});
		const phone = await openDevice();
		const laptop = await openDevice();
		devices.push(phone, laptop);
		for (const d of [phone, laptop]) {
			await signIn(d.page, server.url, 'joan');
			await waitUpToDate(d.page);
			await d.page.goto(`${server.url}/forums/t/${ulid}`);
			await d.page.getByText('Original body').waitFor();
			await d.context.setOffline(true);
		}
		await editBody(phone.page, 'Phone version of the body');
		await editBody(laptop.page, 'Laptop version of the body');
		await phone.context.setOffline(false);
		await phone.page.getByText('Waiting to sync').waitFor({ state: 'detached', timeout: 45_000 });
		await laptop.context.setOffline(false);

		const banner = laptop.page.getByText('This was edited on two devices');
		await banner.waitFor({ timeout: 45_000 });
		await laptop.page.getByRole('button', { name: 'Compare versions' }).click();
		const phoneVersion = laptop.page.getByRole('listitem').filter({ hasText: 'Phone version of the body' });
		await phoneVersion.getByRole('button', { name: 'Keep this version' }).click();
		await banner.waitFor({ state: 'detached', timeout: 30_000 });
		await laptop.page.locator('article .markdown').getByText('Phone version of the body').waitFor();

		const deadline = Date.now() + 30_000;
		let doc: Record<string, unknown> | undefined;
		let conflicts: unknown = ['pending'];
		while (Date.now() < deadline) {
			doc = (await communityDocs(server.url, jo)).get(`thread:${ulid}`);
			const res = await fetch(`${server.url}/couch/community/${encodeURIComponent(`thread:${ulid}`)}?conflicts=true`, {
				headers: { cookie: jo.cookie }
			});
			conflicts = ((await res.json()) as { _conflicts?: unknown })._conflicts;
			if (doc?.body === 'Phone version of the body' && conflicts === undefined) break;
			await new Promise((r) => setTimeout(r, 300));
		}
		expect(doc?.body).toBe('Phone version of the body');
		expect(conflicts).toBeUndefined();
		await phone.page.getByText('This was edited on two devices').waitFor({ state: 'detached', timeout: 30_000 });
	});
});

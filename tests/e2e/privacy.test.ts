// Chromium, two members: Alice shows her bio to members, Bob's device syncs it, Alice sets it to
// "Only me" (the page says members may have seen it). The old bio then leaves Bob's IndexedDB
// (his replica compacts the superseded revision away), and Bob signing in on a fresh device never
// gets it. IndexedDB is scanned whole, every database and object store, through the page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { couch, registerMember, startServer, type ApiMember, type TestServer } from './support/server';
import { openDevice, signIn, waitUpToDate, type Device } from './support/browser';

const OLD_BIO = 'Ask me about procurement: 06 12 34 56 78';
let server: TestServer;
const devices: Device[] = [];

beforeAll(async () => {
	server = await startServer();
});

afterAll(async () => {
	for (const d of devices) await d.dispose();
	await server?.dispose();
});

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

/** The replica's answer for profile:alice at `rev` (the body, or the error's status). */
function replicaRead(page: Page, rev: string): Promise<unknown> {
	return page.evaluate(async (rev) => {
		const community = window.__praxisTest?.replica()?.community;
		if (!community) throw new Error('test hook missing');
		return community.get('profile:alice', { rev }).then(
			(doc) => doc,
			(err: { status?: number }) => err.status
		);
	}, rev);
}

async function profileRev(member: ApiMember): Promise<{ rev: string; bio?: string }> {
	const res = await couch(server.url, member, 'community/profile%3Aalice');
	const doc = res.body as { _rev: string; bio?: string };
	return { rev: doc._rev, bio: doc.bio };
}

describe('a bio set to "Only me"', () => {
	it('leaves the devices that synced it, and never reaches a fresh one', async () => {
		const alice = await registerMember(server.url, 'alice', 'Alice Martin');
		await registerMember(server.url, 'bobby', 'Bob Okafor');
		const a = await openDevice();
		const b = await openDevice(undefined, { testHook: true });
		devices.push(a, b);
		await signIn(a.page, server.url, 'alice');
		await signIn(b.page, server.url, 'bobby');
		await Promise.all([waitUpToDate(a.page), waitUpToDate(b.page)]);

		// Alice shows her bio to members; Bob's device syncs it
		await a.page.goto(`${server.url}/people/me`);
		await a.page.getByLabel('About me', { exact: true }).fill(OLD_BIO);
		await a.page.getByRole('button', { name: 'Save profile' }).click();
		await a.page.getByRole('status').filter({ hasText: 'Saved on this device' }).waitFor();
		await expect.poll(async () => (await profileRev(alice)).bio, { timeout: 30_000 }).toBe(OLD_BIO);
		const shown = (await profileRev(alice)).rev;
		await b.page.goto(`${server.url}/people/alice`);
		await b.page.getByText(OLD_BIO).waitFor({ timeout: 30_000 });
		expect(await idbHolding(b.page, OLD_BIO)).not.toEqual([]); // the scan finds what is there

		// Alice hides it: the page says plainly that members may have seen it
		await a.page.reload();
		const note = a.page.getByText('Members who already synced may have seen the earlier value.');
		expect(await note.count()).toBe(0);
		await a.page.getByLabel('Who sees about me').selectOption('me');
		await note.waitFor();
		expect(await a.page.getByLabel('Who sees about me').getAttribute('aria-describedby')).toBe(
			await note.getAttribute('id')
		);
		await a.page.getByRole('button', { name: 'Save profile' }).click();
		await a.page.getByRole('status').filter({ hasText: 'Saved on this device' }).waitFor();
		await expect.poll(async () => (await profileRev(alice)).rev, { timeout: 30_000 }).not.toBe(shown);
		expect((await profileRev(alice)).bio).toBeUndefined();

		// Bob's device: the new revision replicates and the old body is gone from IndexedDB
		await expect.poll(() => idbHolding(b.page, OLD_BIO), { timeout: 30_000 }).toEqual([]);
		expect(await replicaRead(b.page, shown)).toBe(404);
		await b.page.reload();
		await b.page.getByRole('heading', { name: 'Alice Martin' }).waitFor({ timeout: 30_000 });
		expect(await b.page.content()).not.toContain(OLD_BIO);

		// Bob on a fresh device (a new browser profile): the first sync never brings the old bio
		const fresh = await openDevice(undefined, { testHook: true });
		devices.push(fresh);
		await signIn(fresh.page, server.url, 'bobby');
		await waitUpToDate(fresh.page);
		expect(await replicaRead(fresh.page, shown)).toBe(404);
		expect(await idbHolding(fresh.page, 'Alice Martin')).not.toEqual([]); // her profile did arrive
		expect(await idbHolding(fresh.page, OLD_BIO)).toEqual([]);
	});
});

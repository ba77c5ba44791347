// The hub's own pages in Chromium at phone size: an attendee lands on the hub's address and sees
// how to join; the organiser signs in with the printed code, sees an attendee counted once a
// member syncs through the hub, presses "Sync now", opens updates files (a report with a refusal,
// then "Nothing new", then a damaged file) and saves one. The page runs under the hub's real
// Content-Security-Policy (no CSP error allowed); axe runs in a second browser that bypasses it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
	exportPublicKey,
	generateDeviceKeys,
	signDoc,
	withSignedRevision,
	type DeviceCertificate
} from '../../src/lib/domain/signing';
import { docId } from '../../src/lib/domain/ids';
import { writeBundle } from '../../src/lib/bundle/index';
import { seedCategories } from '../../server/seed';
import { serverSigner } from '../../server/devices/server-key';
import {
	has,
	localDb,
	register,
	remoteWithBearer,
	startHub,
	startUpstream,
	waitFor,
	type Node
} from '../server/hub/support';
import type { Hub } from '../../server/hub/index';
import { openDevice, type Device } from './support/browser';
import { seriousViolations } from './support/axe';

let upstream: Node;
let hub: Node & { hub: Hub };
const devices: Device[] = [];
const ana = {} as { hubToken: string; keys: CryptoKeyPair; cert: DeviceCertificate };

const thread = (author: string, title: string) => ({
	_id: docId('thread'),
	type: 'thread',
	author,
	createdAt: new Date().toISOString(),
	category: 'general',
	title,
	body: 'From the hall',
	tags: []
});
const signed = async (doc: Record<string, unknown>) =>
	withSignedRevision(await signDoc(doc, ana.cert._id, ana.keys.privateKey), null);
const bundleOf = async (docs: Array<Record<string, unknown>>) =>
	Buffer.from(
		await writeBundle(
			docs as never,
			{ author: 'ana', since: null, created: new Date().toISOString(), device: ana.cert._id },
			(b) => crypto.subtle.sign({ name: 'Ed25519' }, ana.keys.privateKey, b)
		)
	);

beforeAll(async () => {
	upstream = await startUpstream();
	await seedCategories(upstream.storage, new Date(), await serverSigner(upstream.praxis.auth.signingKey()));
	const session = await register(upstream.base, 'ana');
	ana.keys = await generateDeviceKeys();
	const certRes = await fetch(`${upstream.base}/api/devices`, {
		method: 'POST',
		headers: { cookie: session, 'content-type': 'application/json' },
		body: JSON.stringify({ publicKey: await exportPublicKey(ana.keys.publicKey) })
	});
	ana.cert = ((await certRes.json()) as { certificate: DeviceCertificate }).certificate;
	const tokenRes = await fetch(`${upstream.base}/api/auth/hub-token`, { method: 'POST', headers: { cookie: session } });
	ana.hubToken = ((await tokenRes.json()) as { token: string }).token;
	const enrolled = await upstream.praxis.hubs.enrol('hall');
	if (!('credential' in enrolled)) throw new Error(enrolled.refused);
	hub = await startHub(upstream.base, enrolled.credential);
	await hub.hub.start();
	await waitFor('the certificate on the hub', () => has(hub.storage, ana.cert._id));
}, 60_000);

afterAll(async () => {
	for (const d of devices) await d.dispose();
	await hub?.close();
	await upstream?.close();
});

async function phone(bypassCSP = false): Promise<Device> {
	const device = await openDevice(undefined, { viewport: { width: 360, height: 740 }, bypassCSP });
	devices.push(device);
	return device;
}

async function signInAsOrganiser(page: Page): Promise<void> {
	await page.goto(`${hub.base}/hub`);
	await page.getByLabel('Organiser code').fill(hub.hub.organiserAccess.code);
	await page.getByRole('button', { name: 'Open the organiser’s page' }).click();
	await page.getByRole('button', { name: 'Sync now' }).waitFor();
}

describe('the hub’s pages in the browser', () => {
	it('lands an attendee, then gives the organiser the evening’s figures, Sync now and updates files', async () => {
		const { page } = await phone();
		const cspErrors: string[] = [];
		page.on('console', (m) => {
			if (/Content.Security.Policy/i.test(m.text())) cspErrors.push(m.text());
		});
		const host = new URL(upstream.base).host;

		await page.goto(`${hub.base}/`);
		await page.getByRole('heading', { level: 1, name: `Meetup hub for ${host}` }).waitFor();
		const join = page.getByRole('link', { name: 'Open my Praxis and connect' });
		expect(await join.getAttribute('href')).toBe(`${upstream.base}/hub?connect=${encodeURIComponent(hub.base)}`);
		expect(await page.getByText(hub.base, { exact: true }).count()).toBe(1);
		await page.screenshot({ path: '/tmp/organiser-landing-360.png', fullPage: true });

		await page.getByRole('link', { name: 'Organiser’s page' }).click();
		await page.getByLabel('Organiser code').fill('WRONG-CODE-0000');
		await page.getByRole('button', { name: 'Open the organiser’s page' }).click();
		await page.getByRole('alert').filter({ hasText: 'That is not the organiser code.' }).waitFor();
		await signInAsOrganiser(page);
		const live = page.locator('#live[role="status"]');
		expect(await live.textContent()).toContain('No attendee is connected now.');

		// Ana's phone syncs through the hub
		const device = localDb();
		await device.bulkDocs([await signed(thread('ana', 'From the hall'))], { new_edits: false });
		await device.replicate.to(remoteWithBearer(hub.base, ana.hubToken));
		await device.destroy();
		await live.filter({ hasText: '1 attendee connected now:' }).waitFor({ timeout: 15_000 });
		await live.getByRole('listitem').filter({ hasText: 'ana' }).waitFor();
		await live.filter({ hasText: '1 document received from attendees this evening.' }).waitFor();
		await live.filter({ hasText: `Connected to the central server ${host}; everything is up to date.` }).waitFor({
			timeout: 15_000
		});

		await page.getByRole('button', { name: 'Sync now' }).click();
		await page
			.locator('#sync-result[role="status"]')
			.filter({ hasText: /Trying the central server now\.|No try was waiting/ })
			.waitFor();

		// an updates file from someone who could not connect: one new thread, one forged one
		const mine = await signed(thread('ana', 'On a USB stick'));
		const forged = await signed(thread('ben', 'Not written by ben'));
		const report = page.locator('#import-result[role="status"]');
		const importFile = async (name: string, buffer: Buffer) => {
			await page.getByLabel('Updates file (.praxis)').setInputFiles({ name, mimeType: 'application/gzip', buffer });
			await page.getByRole('button', { name: 'Import the file' }).click();
		};
		await importFile('praxis-ana.praxis', await bundleOf([mine, forged]));
		await report.filter({ hasText: '1 new, 0 already here, 1 refused.' }).waitFor();
		expect(await report.getByRole('listitem').textContent()).toContain(forged._id);
		await importFile('praxis-ana-again.praxis', await bundleOf([mine]));
		await report.filter({ hasText: 'Nothing new: the 1 document was already here.' }).waitFor();
		const damaged = await bundleOf([mine]);
		damaged[Math.floor(damaged.length / 2)] ^= 0x40;
		await importFile('praxis-damaged.praxis', damaged);
		await report.filter({ hasText: /^This file was refused: The file is damaged/ }).waitFor();
		await live.filter({ hasText: '2 documents received from attendees this evening.' }).waitFor({ timeout: 15_000 });
		await live.filter({ hasText: '2 documents sent up to the central server.' }).waitFor({ timeout: 15_000 });

		const download = page.waitForEvent('download');
		await page.getByRole('link', { name: 'Save an updates file' }).click();
		expect((await download).suggestedFilename()).toMatch(/^praxis-hub-\d{4}-\d{2}-\d{2}\.praxis$/);

		await page.evaluate(() => window.scrollTo(0, 0));
		await page.screenshot({ path: '/tmp/organiser-360.png', fullPage: true });
		await page.setViewportSize({ width: 1366, height: 900 });
		await page.screenshot({ path: '/tmp/organiser-1366.png', fullPage: true });
		expect(cspErrors).toEqual([]);
	});

	it('has no serious accessibility issue on the landing, code and organiser’s pages', async () => {
		const { page } = await phone(true);
		await page.goto(`${hub.base}/`, { waitUntil: 'load' });
		expect(await seriousViolations(page)).toEqual([]);
		await page.goto(`${hub.base}/hub`);
		expect(await seriousViolations(page)).toEqual([]);
		await signInAsOrganiser(page);
		expect(await seriousViolations(page)).toEqual([]);
		// keyboard: the first Tab reaches "Sync now" (the only control before the forms)
		await page.keyboard.press('Tab');
		expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Sync now');
	});
});

// Files members upload, opened from the app's origin, run nothing there. Community documents
// take no attachments at all (an HTML page attached to a thread is refused); library files may
// be SVG, which downloads instead of rendering: its script, which would set a flag in the page
// that opened it (and read the session), never runs. An image still shows inline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { couch, registerMember, startServer, type TestServer } from './support/server';
import { openDevice, signIn, waitUpToDate, type Device } from './support/browser';
import { seedFile } from './library-helpers';

let server: TestServer;
let device: Device | null = null;

beforeAll(async () => {
	server = await startServer();
});
afterAll(async () => {
	await device?.dispose();
	await server?.dispose();
});

const payload = `<script>opener.__pwned = 1; fetch('/api/auth/session').then((r) => r.text()).then((t) => (opener.__session = t));</script>`;
// a 1×1 transparent PNG
const PNG = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
	'base64'
);

describe('files in the app origin', () => {
	it('never run script: community refuses attachments, SVG downloads, images show', async () => {
		const mallory = await registerMember(server.url, 'mallory', 'Mallory');
		await registerMember(server.url, 'ana', 'Ana');
		const id = `thread:${ulid()}`;
		const thread = {
			_id: id,
			type: 'thread',
			author: 'mallory',
			createdAt: new Date().toISOString(),
			category: 'general',
			title: 'Look at this',
			body: 'x',
			tags: []
		};
		const html = { 'page.html': { content_type: 'text/html', data: Buffer.from(payload).toString('base64') } };
		const refused = await couch(server.url, mallory, `community/${encodeURIComponent(id)}`, {
			method: 'PUT',
			body: { ...thread, _attachments: html }
		});
		expect(refused).toMatchObject({ status: 403, body: { reason: expect.stringContaining('no attachments') } });

		const svg = await seedFile(
			server.url,
			mallory,
			'logo.svg',
			`<svg xmlns="http://www.w3.org/2000/svg">${payload}</svg>`,
			'image/svg+xml'
		);
		const png = await seedFile(server.url, mallory, 'pixel.png', PNG, 'image/png');

		device = await openDevice();
		const { page } = device;
		await signIn(page, server.url, 'ana');
		await waitUpToDate(page);
		// the window opened for it turns into a download (the listeners are set before it can close)
		const downloaded = new Promise<string>((resolve) => {
			const done = (d: { suggestedFilename(): string }) => resolve(d.suggestedFilename());
			page.once('download', done);
			page.once('popup', (popup) => popup.once('download', done));
		});
		await page.evaluate((url) => void window.open(url), `/couch/library-files/${encodeURIComponent(svg.id)}/file`);
		expect(await downloaded).toBe('logo.svg');
		expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
		expect(await page.evaluate(() => (window as unknown as { __session?: string }).__session)).toBeUndefined();

		// an image is still an image
		const loaded = await page.evaluate(
			(url) =>
				new Promise<boolean>((resolve) => {
					const img = new Image();
					img.onload = () => resolve(img.naturalWidth === 1);
					img.onerror = () => resolve(false);
					img.src = url;
				}),
			`/couch/library-files/${encodeURIComponent(png.id)}/file`
		);
		expect(loaded).toBe(true);
	}, 60_000);
});

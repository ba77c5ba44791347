// A file attached to a document, opened from the app's origin, runs nothing there: an HTML or
// SVG payload that would set a flag in the page that opened it (and read the session) never
// does; the browser downloads it instead. An image still shows inline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { couch, registerMember, startServer, type TestServer } from './support/server';
import { openDevice, signIn, waitUpToDate, type Device } from './support/browser';

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
const b64 = (text: string) => Buffer.from(text).toString('base64');
// a 1×1 transparent PNG
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

describe('attachments in the app origin', () => {
	it('never run script: HTML and SVG download, images show', async () => {
		const mallory = await registerMember(server.url, 'mallory', 'Mallory');
		await registerMember(server.url, 'ana', 'Ana');
		const id = `thread:${ulid()}`;
		const put = await couch(server.url, mallory, `community/${encodeURIComponent(id)}`, {
			method: 'PUT',
			body: {
				_id: id, type: 'thread', author: 'mallory', createdAt: new Date().toISOString(), category: 'general', title: 'Look at this', body: 'x', tags: [],
				_attachments: {
					'page.html': { content_type: 'text/html', data: b64(payload) },
					'logo.svg': { content_type: 'image/svg+xml', data: b64(`<svg xmlns="http://www.w3.org/2000/svg">${payload.replace('<script>', '<script type="text/javascript">')}</svg>`) },
					'pixel.png': { content_type: 'image/png', data: PNG }
				}
			}
		});
		expect(put.status).toBe(201);

		device = await openDevice();
		const { page } = device;
		await signIn(page, server.url, 'ana');
		await waitUpToDate(page);
		for (const name of ['page.html', 'logo.svg']) {
			// the window opened for it turns into a download (the listener is set before it can close)
			const downloaded = new Promise<string>((resolve) => {
				const done = (d: { suggestedFilename(): string }) => resolve(d.suggestedFilename());
				page.once('download', done);
				page.once('popup', (popup) => popup.once('download', done));
			});
			await page.evaluate((url) => void window.open(url), `/couch/community/${encodeURIComponent(id)}/${name}`);
			expect(await downloaded).toBe(name);
		}
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
			`/couch/community/${encodeURIComponent(id)}/pixel.png`
		);
		expect(loaded).toBe(true);
	}, 60_000);
});

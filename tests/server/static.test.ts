// Serving the built client: cache headers, the CSP hash of the inline bootstrap script,
// SPA fallback, 404 for missing hashed assets, traversal refused, and the placeholder.
import { afterEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { createHarness, tempDir, type Harness } from './support/harness';
import { inlineScriptHashes } from '../../server/static';

let h: Harness;
afterEach(async () => {
	await h?.close();
});

const BOOT = `\n\t\t\t__sveltekit_x = { base: "" };\n\t\t\tPromise.all([import("./_app/immutable/entry/start.abc.js")]).then(([kit]) => kit.start());\n\t\t`;
const INDEX = `<!doctype html><html><head><script type="module" src="/_app/immutable/entry/start.abc.js"></script></head><body><div>app</div><script>${BOOT}</script></body></html>`;

function buildDir(): string {
	const dir = tempDir('praxis-build-');
	mkdirSync(join(dir, '_app/immutable/entry'), { recursive: true });
	writeFileSync(join(dir, 'index.html'), INDEX);
	writeFileSync(join(dir, '_app/immutable/entry/start.abc.js'), 'export function start() {}\n'.repeat(100));
	writeFileSync(join(dir, '_app/version.json'), '{"version":"1"}');
	writeFileSync(join(dir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
	writeFileSync(join(dir, 'workbox-1a2b3c4d.js'), '// workbox');
	writeFileSync(join(dir, 'manifest.webmanifest'), '{"name":"Praxis"}');
	writeFileSync(join(dir, 'favicon.png'), new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
	return dir;
}

describe('static client', () => {
	it('caches hashed assets for a year and revalidates the shell, worker and manifest', async () => {
		h = createHarness({ staticDir: buildDir() });
		const asset = await h.request('/_app/immutable/entry/start.abc.js');
		expect(asset.status).toBe(200);
		expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
		expect(asset.headers.get('content-type')).toMatch(/^text\/javascript/);
		expect(await asset.text()).toContain('export function start');
		for (const path of [
			'/',
			'/index.html',
			'/sw.js',
			'/workbox-1a2b3c4d.js',
			'/manifest.webmanifest',
			'/_app/version.json'
		]) {
			const res = await h.request(path);
			expect(res.status, path).toBe(200);
			expect(res.headers.get('cache-control'), path).toBe('no-cache');
		}
		expect((await h.request('/manifest.webmanifest')).headers.get('content-type')).toMatch(
			/^application\/manifest\+json/
		);
		expect((await h.request('/favicon.png')).headers.get('content-type')).toBe('image/png');
	});

	it("adds the inline bootstrap script's sha256 to the shell's CSP, and nothing unsafe", async () => {
		h = createHarness({ staticDir: buildDir() });
		const expected = `sha256-${createHash('sha256').update(BOOT).digest('base64')}`;
		expect(inlineScriptHashes(INDEX)).toEqual([expected]);
		const res = await h.request('/');
		const csp = res.headers.get('content-security-policy')!;
		expect(csp).toMatch(new RegExp(`script-src 'self' '${expected.replace(/[+/]/g, '\\$&')}'`));
		expect(csp.split(';').find((d) => d.trim().startsWith('script-src'))).not.toContain('unsafe');
		expect(await res.text()).toBe(INDEX);
	});

	it('falls back to the app shell for client routes, but not for missing assets or other methods', async () => {
		h = createHarness({ staticDir: buildDir() });
		for (const path of [
			'/forums/digital-services',
			'/library/resource:01ARZ3NDEKTSV4RRFFQ69G5FAV',
			'/settings?tab=1'
		]) {
			const res = await h.request(path);
			expect(res.status, path).toBe(200);
			expect(res.headers.get('content-type')).toMatch(/^text\/html/);
			expect(await res.text()).toBe(INDEX);
		}
		expect((await h.request('/_app/immutable/entry/missing.js')).status).toBe(404);
		expect((await h.request('/favicon.ico')).status).toBe(404);
		expect((await h.request('/workbox-00000000.js')).status).toBe(404);
		expect((await h.request('/api/unknown')).status).toBe(404);
		expect((await h.request('/forums', { method: 'POST' })).status).toBe(404);
	});

	it('refuses paths that escape the build folder', async () => {
		h = createHarness({ staticDir: buildDir() });
		for (const path of [
			'/%2e%2e/%2e%2e/etc/passwd',
			'/..%2f..%2fetc%2fpasswd',
			'/_app/%2e%2e/%2e%2e/%2e%2e/etc/hostname'
		]) {
			const res = await h.request(path);
			// Either refused, or normalised by the URL parser into a client route (the shell).
			const text = await res.text();
			if (res.status !== 404) expect(text, path).toBe(INDEX);
			expect(text, path).not.toMatch(/root:/);
		}
		expect((await h.request('/%E0%A4%A')).status).toBe(400);
	});

	it('answers 304 to a matching If-None-Match, and HEAD without a body', async () => {
		h = createHarness({ staticDir: buildDir() });
		const first = await h.request('/_app/immutable/entry/start.abc.js');
		const etag = first.headers.get('etag')!;
		expect(etag).toBeTruthy();
		expect((await h.request('/_app/immutable/entry/start.abc.js', { headers: { 'if-none-match': etag } })).status).toBe(
			304
		);
		const head = await h.request('/sw.js', { method: 'HEAD' });
		expect(head.status).toBe(200);
		expect(await head.text()).toBe('');
	});

	it('compresses static text when accepted, then serves a maximum-quality copy from memory', async () => {
		h = createHarness({ staticDir: buildDir() });
		const path = '/_app/immutable/entry/start.abc.js';
		const original = await (await h.request(path)).text();
		for (const encoding of ['gzip', 'br'] as const) {
			const first = await h.request(path, { headers: { 'accept-encoding': encoding } });
			expect(first.headers.get('content-encoding')).toBe(encoding);
			expect(first.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
			expect(first.headers.get('vary')).toMatch(/accept-encoding/i);
			const decode = (bytes: Uint8Array) =>
				(encoding === 'br' ? brotliDecompressSync(bytes) : gunzipSync(bytes)).toString('utf8');
			expect(decode(new Uint8Array(await first.arrayBuffer()))).toBe(original);
			await new Promise((r) => setTimeout(r, 200)); // the background copy
			const cached = await h.request(path, { headers: { 'accept-encoding': encoding } });
			expect(cached.headers.get('etag')).toMatch(new RegExp(`-${encoding}"$`));
			expect(Number(cached.headers.get('content-length'))).toBeGreaterThan(0);
			expect(decode(new Uint8Array(await cached.arrayBuffer()))).toBe(original);
			expect(
				(
					await h.request(path, {
						headers: { 'accept-encoding': encoding, 'if-none-match': cached.headers.get('etag')! }
					})
				).status
			).toBe(304);
		}
	});

	it('serves a placeholder page when the client is not built', async () => {
		h = createHarness({ staticDir: join(tempDir(), 'build') });
		for (const path of ['/', '/forums']) {
			const res = await h.request(path);
			expect(res.status).toBe(200);
			expect(await res.text()).toMatch(/client has not been built/);
			expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
		}
	});
});

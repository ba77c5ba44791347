// The web app manifest: valid JSON, with the shortcuts, screenshots and share target the
// installed app relies on, each pointing at files and routes that exist.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const manifest = JSON.parse(readFileSync(`${ROOT}static/manifest.webmanifest`, 'utf8')) as {
	shortcuts: Array<{ name: string; url: string; icons: Array<{ src: string; sizes: string; type: string }> }>;
	screenshots: Array<{ src: string; sizes: string; form_factor: string }>;
	share_target: { action: string; method: string; params: Record<string, string> };
};

describe('manifest.webmanifest', () => {
	it('has the three shortcuts, each with icons that exist and a route that exists', () => {
		expect(manifest.shortcuts.map((s) => [s.name, s.url])).toEqual([
			['New thread', '/forums/new'],
			['Search', '/search'],
			['Events', '/events']
		]);
		for (const s of manifest.shortcuts) {
			expect(s.icons.length).toBeGreaterThan(0);
			for (const icon of s.icons) expect(existsSync(`${ROOT}static${icon.src}`), icon.src).toBe(true);
			expect(existsSync(`${ROOT}src/routes${s.url}/+page.svelte`), s.url).toBe(true);
		}
	});

	it('shares into /share by GET with title, text and url', () => {
		expect(manifest.share_target).toEqual({
			action: '/share',
			method: 'GET',
			params: { title: 'title', text: 'text', url: 'url' }
		});
		expect(existsSync(`${ROOT}src/routes/share/+page.svelte`)).toBe(true);
	});

	it('names a narrow and a wide screenshot, which the service worker does not precache', () => {
		expect(manifest.screenshots.map((s) => [s.src, s.sizes, s.form_factor])).toEqual([
			['/screenshots/phone-home.png', '360x740', 'narrow'],
			['/screenshots/desktop-home.png', '1366x768', 'wide']
		]);
		expect(readFileSync(`${ROOT}scripts/build-sw.mjs`, 'utf8')).toContain("'screenshots/**'");
	});
});

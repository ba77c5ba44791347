// Acceptance: a post full of script tags, event handlers and javascript: links renders inert.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createThread, registerMember, startServer, type TestServer } from './support/server';
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

const HOSTILE = [
	'Hello <script>window.__pwned = "script"; alert(1)</script>',
	'<img src="x" onerror="window.__pwned = \'onerror\'; alert(2)">',
	'<a href="javascript:window.__pwned=\'raw-link\'">raw link</a>',
	'[md link](javascript:window.__pwned=%27md-link%27)',
	'[encoded](&#106;avascript:window.__pwned=1)',
	'![pixel](https://tracker.example/p.gif "t")',
	'<svg><script>window.__pwned="svg"</script></svg>',
	'<iframe src="javascript:alert(3)"></iframe>',
	'[external](https://gov.example/guide)'
].join('\n\n');

describe('hostile Markdown', () => {
	it('renders as inert text and safe links', async () => {
		const dave = await registerMember(server.url, 'dave', 'Dave');
		const ulid = await createThread(server.url, dave, { category: 'general', title: 'Hostile post', body: HOSTILE });
		device = await openDevice();
		const { page } = device;
		const dialogs: string[] = [];
		page.on('dialog', (d) => {
			dialogs.push(d.message());
			void d.dismiss();
		});
		await signIn(page, server.url, 'dave');
		await waitUpToDate(page);
		await page.goto(`${server.url}/forums/t/${ulid}`);
		await page.getByRole('heading', { name: 'Hostile post' }).waitFor();
		const body = page.locator('article .markdown').first();
		await body.getByText('external').waitFor();

		// Try every link the post produced, as a reader would.
		for (const link of await body.locator('a').all()) {
			const href = await link.getAttribute('href');
			if (href && !href.startsWith('http')) await link.click({ noWaitAfter: true }).catch(() => undefined);
		}
		await page.waitForTimeout(300);

		expect(dialogs).toEqual([]);
		expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
		const dangerous = await body.evaluate((root) => {
			const found: string[] = [];
			for (const el of Array.from(root.querySelectorAll('*'))) {
				if (['SCRIPT', 'IFRAME', 'SVG', 'OBJECT', 'EMBED', 'IMG'].includes(el.tagName.toUpperCase()))
					found.push(el.tagName);
				for (const attr of Array.from(el.attributes)) {
					if (/^on/i.test(attr.name) || /^\s*(javascript|data|vbscript):/i.test(attr.value))
						found.push(`${el.tagName}[${attr.name}]`);
				}
			}
			return found;
		});
		expect(dangerous).toEqual([]);
		// Raw HTML shows as text; the remote image became a link; external links open safely.
		expect(await body.textContent()).toContain('<script>');
		expect(await body.locator('img').count()).toBe(0);
		const external = body.getByRole('link', { name: 'external' });
		expect(await external.getAttribute('target')).toBe('_blank');
		expect(await external.getAttribute('rel')).toBe('noopener noreferrer nofollow');
		expect(await body.getByRole('link', { name: '[pixel]' }).getAttribute('rel')).toBe('noopener noreferrer nofollow');
	});
});

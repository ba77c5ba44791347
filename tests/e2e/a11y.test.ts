// Acceptance: axe-core finds no serious or critical violation on the login and forums pages,
// in light and dark colour schemes; the navigation folds behind a Menu button on a phone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createThread, registerMember, startServer, type TestServer } from './support/server';
import { openDevice, signIn, waitUpToDate, type Device } from './support/browser';
import { seriousViolations } from './support/axe';

let server: TestServer;
const devices: Device[] = [];
let ulid = '';

beforeAll(async () => {
	server = await startServer();
	const erin = await registerMember(server.url, 'erin', 'Erin Costa');
	ulid = await createThread(server.url, erin, {
		category: 'citizen-engagement',
		title: 'Plain-language letters',
		body: 'We rewrote our tax letters. **Calls dropped by 30%.**\n\n> Keep sentences short.',
		tags: ['plain-language']
	});
});

afterAll(async () => {
	for (const d of devices) await d.dispose();
	await server?.dispose();
});

describe.each(['light', 'dark'] as const)('accessibility (%s)', (colorScheme) => {
	it('has no serious or critical axe violation on login and forums pages', async () => {
		const device = await openDevice(undefined, { colorScheme, bypassCSP: true });
		devices.push(device);
		const { page } = device;
		await page.goto(`${server.url}/login`);
		await page.getByLabel('Username').waitFor();
		const found: Record<string, string[]> = { '/login': await seriousViolations(page) };

		await signIn(page, server.url, 'erin');
		await waitUpToDate(page);
		for (const [path, ready] of [
			['/forums', 'Citizen engagement'],
			['/forums/citizen-engagement', 'Plain-language letters'],
			[`/forums/t/${ulid}`, 'Post reply']
		] as const) {
			await page.goto(`${server.url}${path}`);
			await page.getByText(ready).first().waitFor();
			found[path] = await seriousViolations(page);
		}
		expect(found).toEqual({ '/login': [], '/forums': [], '/forums/citizen-engagement': [], [`/forums/t/${ulid}`]: [] });
	});
});

describe('navigation on a 360 px phone', () => {
	it('folds behind a Menu button that opens with the keyboard, closes after navigating, and passes axe', async () => {
		const device = await openDevice(undefined, { bypassCSP: true, viewport: { width: 360, height: 740 } });
		devices.push(device);
		const { page } = device;
		await signIn(page, server.url, 'erin');
		await waitUpToDate(page);
		const menu = page.getByRole('button', { name: 'Menu' });
		const events = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Events' });
		await expect(menu.getAttribute('aria-expanded')).resolves.toBe('false');
		expect(await events.isVisible()).toBe(false);

		await menu.focus();
		await page.keyboard.press('Enter');
		await events.waitFor({ state: 'visible' });
		await expect(menu.getAttribute('aria-expanded')).resolves.toBe('true');
		expect(await seriousViolations(page)).toEqual([]);

		await events.click();
		await page.getByRole('heading', { name: 'Events', level: 1 }).waitFor();
		await events.waitFor({ state: 'hidden' });
		await expect(menu.getAttribute('aria-expanded')).resolves.toBe('false');
	});

	it('shows the navigation without a Menu button on a desktop screen', async () => {
		const device = await openDevice(undefined, { bypassCSP: true });
		devices.push(device);
		const { page } = device;
		await signIn(page, server.url, 'erin');
		await page
			.getByRole('navigation', { name: 'Main' })
			.getByRole('link', { name: 'Events' })
			.waitFor({ state: 'visible' });
		expect(await page.getByRole('button', { name: 'Menu' }).isVisible()).toBe(false);
	});
});

// The /admin page in Chromium: an administrator gives a member a role and enrols a meetup hub
// (its credential shown once), then revokes it, on the running server; a member sees only an
// explanation; axe finds no serious violation, on a phone and on a desktop screen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerMember, type TestServer } from './support/server';
import { openDevice, signIn, type Device } from './support/browser';
import { seriousViolations } from './support/axe';
import { startServerWithReviewer } from './library-helpers';

let server: TestServer;
const devices: Device[] = [];

beforeAll(async () => {
	server = await startServerWithReviewer('root');
});

afterAll(async () => {
	for (const d of devices) await d.dispose();
	await server?.dispose();
});

describe('administration page', () => {
	it('grants a role and enrols and revokes a hub without a restart, and passes axe', async () => {
		await registerMember(server.url, 'ana', 'Ana Diaz');
		const phone = await openDevice(undefined, { bypassCSP: true, viewport: { width: 360, height: 740 } });
		devices.push(phone);
		const page = phone.page;
		page.on('dialog', (dialog) => void dialog.accept());
		await signIn(page, server.url, 'root');
		await page.goto(`${server.url}/admin`);
		await page.getByRole('heading', { name: 'Administration' }).waitFor();

		await page.getByLabel('Search members').fill('ana');
		await page.getByRole('button', { name: 'Find members' }).click();
		await page.getByRole('status').filter({ hasText: '1 member' }).waitFor();
		const roles = page.getByRole('group', { name: 'Roles of Ana Diaz' });
		await roles.getByLabel('Moderator').check();
		await page.getByText('Ana Diaz is now moderator.').waitFor({ state: 'attached' });
		const session = await fetch(`${server.url}/api/auth/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ username: 'ana', password: 'correct horse battery' })
		});
		expect((await session.json()) as unknown).toMatchObject({ user: { roles: ['member', 'moderator'] } });

		// suspend her for a week: her sign-in is refused with the reason; then lift it
		await page.getByText('More for Ana Diaz').click();
		await page.getByLabel('Reason for suspending Ana Diaz').fill('Posting the same advert in every forum');
		await page.getByLabel('For', { exact: true }).selectOption('7');
		await page.getByRole('button', { name: 'Suspend Ana Diaz' }).click();
		await page.getByText(/Suspended by root until .*: Posting the same advert in every forum/).waitFor();
		const login = () =>
			fetch(`${server.url}/api/auth/login`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ username: 'ana', password: 'correct horse battery' })
			});
		const refused = await login();
		expect(refused.status).toBe(403);
		expect(((await refused.json()) as { reason: string }).reason).toMatch(/suspended until .*Posting the same advert/);
		await page.getByRole('button', { name: 'Lift the suspension of Ana Diaz' }).click();
		await page.getByRole('button', { name: 'Suspend Ana Diaz' }).waitFor();
		expect((await login()).status).toBe(200);
		await page.getByRole('button', { name: 'Give a reset code' }).click();
		await page.getByText(/Reset code for ana:/).waitFor();

		await page.getByLabel('Hub name').fill('village-hall');
		await page.getByRole('button', { name: 'Enrol hub' }).click();
		const credential = page.getByLabel('Credential for village-hall');
		await credential.waitFor();
		expect(await credential.inputValue()).toMatch(/^praxis-hub:village-hall:[A-Za-z0-9_-]{20,}$/);
		const asHub = (secret: string) =>
			fetch(`${server.url}/couch/community/_changes?limit=1`, { headers: { authorization: `Bearer ${secret}` } });
		expect((await asHub(await credential.inputValue())).status).toBe(200);
		await page.getByText('last contact').first().waitFor();
		expect(await seriousViolations(page)).toEqual([]);

		const secret = await credential.inputValue();
		await page.getByRole('button', { name: 'Revoke hub village-hall' }).click();
		await page
			.getByText(/revoked/)
			.first()
			.waitFor();
		await expect.poll(async () => (await asHub(secret)).status, { timeout: 10_000 }).toBe(401);
		await page.getByRole('heading', { name: 'Server health' }).waitFor();
		await page.getByRole('table', { name: 'Databases' }).waitFor();

		const desktop = await openDevice(undefined, { bypassCSP: true });
		devices.push(desktop);
		await signIn(desktop.page, server.url, 'root');
		await desktop.page.goto(`${server.url}/admin`);
		await desktop.page.getByRole('table', { name: 'Databases' }).waitFor();
		expect(await seriousViolations(desktop.page)).toEqual([]);
		if (process.env.PRAXIS_SCREENSHOTS) {
			await page.screenshot({ path: `${process.env.PRAXIS_SCREENSHOTS}/admin-360.png`, fullPage: true });
			await desktop.page.screenshot({ path: `${process.env.PRAXIS_SCREENSHOTS}/admin-desktop.png`, fullPage: true });
		}
	});

	it('tells a member the page is for administrators', async () => {
		await registerMember(server.url, 'ben', 'Ben Ode');
		const device = await openDevice();
		devices.push(device);
		await signIn(device.page, server.url, 'ben');
		await device.page.goto(`${server.url}/admin`);
		await device.page.getByText('This page is for administrators of this Praxis server.').waitFor();
		expect(await device.page.getByRole('link', { name: 'Admin' }).count()).toBe(0);
	});
});

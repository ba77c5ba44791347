// Accounts people can change and recover, in the browser: change the password on "Your account"
// (signing out the other devices), sign another device out from the list, give a reset code on
// a member's profile and set a new password with it at /reset, sign in with the new passwords;
// axe-core on each new page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAdmin } from '../../server/admin';
import { registerMember, startServer, TEST_PASSWORD, type TestServer } from './support/server';
import { openDevice, signIn, waitUpToDate, type Device } from './support/browser';
import { seriousViolations } from './support/axe';

const ADMIN_PASSWORD = 'moderating-tea-kettle-41';
const CHANGED_PASSWORD = 'orchard-lantern-quietly-7';
const RESET_PASSWORD = 'harbour-violet-kettle-52';

let server: TestServer;
const devices: Device[] = [];

beforeAll(async () => {
	const dataDir = await mkdtemp(join(tmpdir(), 'praxis-e2e-account-'));
	const out: string[] = [];
	const io = {
		env: { DATA_DIR: dataDir, PRAXIS_ADMIN_PASSWORD: ADMIN_PASSWORD },
		out: (l: string) => out.push(l),
		err: (l: string) => out.push(l)
	};
	expect(await runAdmin(['create-admin', 'mona'], io), out.join('\n')).toBe(0);
	server = await startServer({ dataDir });
	await registerMember(server.url, 'ines', 'Inês Costa');
	await registerMember(server.url, 'olga', 'Olga Berg');
}, 60_000);

afterAll(async () => {
	for (const d of devices) await d.dispose();
	await server?.dispose();
});

async function device(options: Parameters<typeof openDevice>[1] = {}): Promise<Device> {
	const d = await openDevice(undefined, { bypassCSP: true, ...options });
	devices.push(d);
	return d;
}

async function apiLogin(username: string, password: string): Promise<{ status: number; cookie: string }> {
	const res = await fetch(`${server.url}/api/auth/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ username, password })
	});
	return { status: res.status, cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] };
}

const sessionStatus = async (cookie: string) =>
	(await fetch(`${server.url}/api/auth/session`, { headers: { cookie } })).status;

describe('your account', () => {
	it('changes the password in the browser, signing out the other devices, and signs in with the new one', async () => {
		const phone = await device({ viewport: { width: 360, height: 740 } });
		await signIn(phone.page, server.url, 'ines');
		await waitUpToDate(phone.page);
		const laptop = await device();
		await signIn(laptop.page, server.url, 'ines');
		await waitUpToDate(laptop.page);
		const script = await apiLogin('ines', TEST_PASSWORD);
		const { page } = laptop;

		await page.getByRole('link', { name: 'Inês Costa – your account' }).click();
		await page.waitForURL(/\/settings\/account$/);
		await page.locator('.pill', { hasText: 'This device' }).waitFor();
		// the phone, and two sessions of scripts (registration and a sign-in)
		expect(await page.getByRole('button', { name: 'Sign out this device' }).count()).toBe(3);
		expect(await seriousViolations(page)).toEqual([]);

		// the phone is signed out from the list: session, hub pass and signing key
		const phoneRow = page
			.getByRole('listitem')
			.filter({ hasText: 'Chrome on Linux' })
			.filter({ has: page.getByRole('button') });
		await phoneRow.getByRole('button', { name: 'Sign out this device' }).click();
		await page.getByText('Chrome on Linux is signed out.').waitFor();
		await expect.poll(() => page.getByRole('button', { name: 'Sign out this device' }).count()).toBe(2);
		const phoneCookie = (await phone.context.cookies()).find((c) => c.name === 'praxis_session');
		expect(await sessionStatus(`praxis_session=${phoneCookie?.value}`)).toBe(401);
		const certs = (await (await fetch(`${server.url}/api/devices`, { headers: { cookie: script.cookie } })).json()) as {
			certificates: Array<{ revoked: boolean }>;
		};
		expect(certs.certificates.filter((c) => c.revoked)).toHaveLength(1);

		// a weak choice is explained as it is typed, in words, then refused by nothing but the form
		await page.getByLabel('Current password').fill(TEST_PASSWORD);
		await page.getByLabel('New password').fill('password1234');
		await page.getByText('This password would be too easy to guess.').waitFor();
		expect(await page.getByLabel('Strength').evaluate((meter) => (meter as HTMLMeterElement).value)).toBeLessThan(3);
		await page.getByLabel('New password').fill(CHANGED_PASSWORD);
		await page.getByText('a good password').waitFor();
		await page.getByLabel('Sign out my other devices').check();
		await page.getByRole('button', { name: 'Change password' }).click();
		await page.getByRole('status').filter({ hasText: 'Password changed.' }).waitFor();
		await expect.poll(() => page.getByRole('button', { name: 'Sign out this device' }).count()).toBe(0);
		expect(await sessionStatus(script.cookie)).toBe(401);
		// this device stays signed in and keeps syncing
		await page.goto(`${server.url}/forums`);
		await waitUpToDate(page);
		expect((await apiLogin('ines', TEST_PASSWORD)).status).toBe(401);

		const other = await device();
		await signIn(other.page, server.url, 'ines', CHANGED_PASSWORD);
		await waitUpToDate(other.page);
	});

	it('gives a reset code on the member’s profile, and sets a new password with it at /reset', async () => {
		const before = await apiLogin('olga', TEST_PASSWORD);
		const admin = await device();
		await signIn(admin.page, server.url, 'mona', ADMIN_PASSWORD);
		await waitUpToDate(admin.page);
		await admin.page.goto(`${server.url}/people/olga`);
		await admin.page.getByRole('button', { name: 'Give a reset code' }).click();
		const code = (await admin.page.locator('.code').textContent())?.trim() ?? '';
		expect(code).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);
		expect(await seriousViolations(admin.page)).toEqual([]);
		// the endpoint behind it refuses members
		expect(
			(
				await fetch(`${server.url}/api/moderation/members/olga/reset-code`, {
					method: 'POST',
					headers: { cookie: before.cookie }
				})
			).status
		).toBe(403);

		const { page } = await device({ viewport: { width: 360, height: 740 } });
		await page.goto(`${server.url}/login`);
		await page.getByRole('link', { name: 'Forgot your password?' }).click();
		await page.waitForURL(/\/reset$/);
		await page.getByLabel('Reset code').waitFor();
		expect(await seriousViolations(page)).toEqual([]);
		await page.getByLabel('Username').fill('olga');
		await page.getByLabel('Reset code').fill('ABCDE-FGHJK-MNPQR');
		await page.getByLabel('New password').fill(RESET_PASSWORD);
		await page.getByText('a good password').waitFor();
		await page.getByRole('button', { name: 'Set new password' }).click();
		await page.getByRole('alert').filter({ hasText: 'not right' }).waitFor();

		await page.getByLabel('Reset code').fill(code.toLowerCase());
		await page.getByRole('button', { name: 'Set new password' }).click();
		await page.getByRole('status').filter({ hasText: 'Your new password is set.' }).waitFor();
		expect(await sessionStatus(before.cookie)).toBe(401);
		await page.getByRole('link', { name: 'Sign in with your new password' }).click();
		await page.waitForURL(/\/login$/);
		await page.getByLabel('Username').fill('olga');
		await page.getByLabel('Password').fill(RESET_PASSWORD);
		await page.getByRole('button', { name: 'Sign in' }).click();
		await page.waitForURL(/\/forums$/);
	});

	it('shows the same verdict on the registration form, which passes axe', async () => {
		const { page } = await device({ colorScheme: 'dark' });
		await page.goto(`${server.url}/register`);
		await page.getByLabel('Display name').waitFor();
		await page.getByLabel('Username').fill('petra');
		await page.getByLabel('Password', { exact: true }).fill('petra-likes-long-walks');
		await page.getByText('Do not put your username in your password.').waitFor();
		expect(await seriousViolations(page)).toEqual([]);
		await page.getByLabel('Password', { exact: true }).fill('1111111111');
		await page.getByText(/Use at least 12 characters\..*Repeated characters/).waitFor();
		await page.getByLabel('Display name').fill('Petra');
		await page.getByRole('button', { name: 'Create account' }).click();
		await page.getByRole('alert').filter({ hasText: 'Use at least 12 characters.' }).waitFor();
		await page.getByLabel('Password', { exact: true }).fill(RESET_PASSWORD);
		await page.getByRole('checkbox', { name: 'I have read the privacy notice' }).check();
		await page.getByRole('button', { name: 'Create account' }).click();
		await page.waitForURL(/\/forums$/);
	});

	it('says a refused sign-in and the password tips in French, with the French manifest', async () => {
		const { page } = await device();
		await page.goto(`${server.url}/login`);
		await page.evaluate(() => localStorage.setItem('praxis.language', 'fr'));
		await page.reload();
		await page.locator('#username').fill('ines');
		await page.locator('#password').fill('not-her-password-at-all');
		await page.locator('button[type="submit"]').click();
		await page.getByRole('alert').filter({ hasText: 'Nom d’utilisateur ou mot de passe incorrect.' }).waitFor();
		expect(await page.locator('link[rel="manifest"]').getAttribute('href')).toMatch(/manifest\.fr\.webmanifest$/);
		await page.goto(`${server.url}/register`);
		await page.locator('#password').fill('1111111111');
		await page.getByText(/Utilisez au moins 12 caractères\..*Des caractères répétés/).waitFor();
	});
});

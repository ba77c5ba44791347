// Surveys as members meet them: a moderator publishes an anonymous survey from the app; a member
// answers it with no network, the answers wait on the device and are counted once it connects,
// and the server no longer keeps them with the member's name; the pages pass axe at 360 px and
// on a desktop screen.
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD, couch, registerMember, startServer, type ApiMember, type TestServer } from './support/server';
import { openDevice, signIn, waitForOfflineShell, waitUpToDate, type Device } from './support/browser';
import { seriousViolations } from './support/axe';
import { userDbName } from '../../src/lib/domain/ids';

const run = promisify(execFile);
let server: TestServer;
let erin: ApiMember;
const devices: Device[] = [];

beforeAll(async () => {
	const dataDir = await mkdtemp(join(tmpdir(), 'praxis-e2e-surveys-'));
	const env = { ...process.env, DATA_DIR: dataDir, PRAXIS_ADMIN_PASSWORD: TEST_PASSWORD };
	await run(process.execPath, ['--import', 'tsx', 'server/admin.ts', 'create-admin', 'mona'], { env });
	await run(process.execPath, ['--import', 'tsx', 'server/admin.ts', 'grant', 'mona', 'moderator'], { env });
	server = await startServer({ dataDir });
	erin = await registerMember(server.url, 'erin', 'Erin Costa');
});

afterAll(async () => {
	for (const d of devices) await d.dispose();
	await server?.dispose();
});

describe('surveys', () => {
	it('a survey published by a moderator is answered offline, counted once online, and kept without names', async () => {
		const moderator = await openDevice(undefined, { bypassCSP: true });
		devices.push(moderator);
		const mona = moderator.page;
		await signIn(mona, server.url, 'mona');
		await waitUpToDate(mona);
		await mona.goto(`${server.url}/surveys/new`);
		await mona.getByLabel('Title').fill('Working from field offices');
		await mona.getByLabel('Introduction').fill('Two questions on how the connection holds up.');
		const first = mona.getByRole('group', { name: 'Question 1' });
		await first.getByLabel('Question', { exact: true }).fill('How well does your connection work?');
		await first.getByLabel('Kind of answer').selectOption({ label: 'Scale from 1 to 5' });
		await mona.getByRole('button', { name: 'Add a question' }).click();
		const second = mona.getByRole('group', { name: 'Question 2' });
		await second.getByLabel('Question', { exact: true }).fill('What would help most?');
		await second.getByLabel('Kind of answer').selectOption({ label: 'Short text' });
		await mona.getByLabel('Anonymous answers').check();
		await mona.getByRole('button', { name: 'Publish survey' }).click();
		await mona.waitForURL(/\/surveys\/[0-9A-Z]{26}$/);
		const ulid = mona.url().split('/').pop()!;
		await waitUpToDate(mona);

		const member = await openDevice(undefined, { bypassCSP: true });
		devices.push(member);
		const { page, context } = member;
		await signIn(page, server.url, 'erin');
		await waitUpToDate(page);
		await page.goto(`${server.url}/surveys`);
		const open = page.locator('section', { has: page.getByRole('heading', { name: 'Open surveys' }) });
		const item = open.getByRole('listitem').filter({ hasText: 'Working from field offices' });
		await item.getByText('Not answered yet').waitFor();

		// no network: the answers wait on the device
		await waitForOfflineShell(page);
		await context.setOffline(true);
		await item.getByRole('link', { name: 'Working from field offices' }).click();
		await page.getByText('This survey is anonymous', { exact: false }).waitFor();
		await page
			.getByRole('group', { name: /How well does your connection work/ })
			.getByRole('radio', { name: /^4/ })
			.check();
		await page.getByLabel('Your answer to: What would help most?').fill('A second router in the depot');
		await page.getByRole('button', { name: 'Send answers' }).click();
		await page.getByText('Your answers are saved on this device and will be counted when it next connects.').waitFor();
		await page.goto(`${server.url}/surveys`);
		await item.getByText('Waiting to be sent').waitFor();

		// back online: sent, counted, and the server's copy keeps no answers with her name
		await context.setOffline(false);
		// counting waits for the server to strip and compact, then for the pull: slow on a busy machine
		await item.getByText('You answered').waitFor({ timeout: 60_000 });
		await item.getByRole('link', { name: 'Working from field offices' }).click();
		await page.getByText('Your answers were counted.').waitFor({ timeout: 60_000 });
		await page.getByText('Only this device keeps your answers.').waitFor();
		const stored = await couch(
			server.url,
			erin,
			`${userDbName('erin')}/${encodeURIComponent(`survey-answer:${ulid}`)}`
		);
		expect(stored.status).toBe(200);
		expect(stored.body).toMatchObject({ counted: { at: expect.any(String) } });
		expect(stored.body).not.toHaveProperty('answers');

		const found: Record<string, string[]> = {};
		for (const width of [1280, 360]) {
			for (const device of [member, moderator]) await device.page.setViewportSize({ width, height: 800 });
			for (const [device, path, ready] of [
				[page, '/surveys', 'Open surveys'],
				[page, `/surveys/${ulid}`, 'Your answers were counted.'],
				[page, `/surveys/${ulid}/results`, 'Results'],
				[mona, '/surveys/new', 'Add a question']
			] as const) {
				await device.goto(`${server.url}${path}`);
				await device.getByText(ready).first().waitFor();
				found[`${path} @${width}`] = await seriousViolations(device);
			}
		}
		expect(Object.entries(found).filter(([, v]) => v.length > 0)).toEqual([]);
	}, 180_000);
});

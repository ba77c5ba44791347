// Acceptance: a member flags a reply; a moderator hides it from /moderation with a reason; a third
// member sees "Hidden by moderators" in its place and not its text; the moderation log has a row
// for the hide with its reason; the member who flagged it reads "moderators hid it" on /flags.
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD, couch, createThread, registerMember, startServer, type TestServer } from './support/server';
import { openDevice, signIn, waitUpToDate, type Device } from './support/browser';

const run = promisify(execFile);
let server: TestServer;
const devices: Device[] = [];

/** A server whose store already has `mona`, moderator (made with the admin CLI, as an operator would). */
async function startServerWithModerator(): Promise<TestServer> {
	const dataDir = await mkdtemp(join(tmpdir(), 'praxis-e2e-mod-'));
	const env = { ...process.env, DATA_DIR: dataDir, PRAXIS_ADMIN_PASSWORD: TEST_PASSWORD };
	await run(process.execPath, ['--import', 'tsx', 'server/admin.ts', 'create-admin', 'mona'], { env });
	await run(process.execPath, ['--import', 'tsx', 'server/admin.ts', 'grant', 'mona', 'moderator'], { env });
	return startServer({ dataDir });
}

beforeAll(async () => {
	server = await startServerWithModerator();
});

afterAll(async () => {
	for (const d of devices) await d.dispose();
	await server?.dispose();
});

describe('flags and moderators’ decisions', () => {
	it('a flagged reply hidden by a moderator is hidden from members, logged, and its flagger is told', async () => {
		const alice = await registerMember(server.url, 'alice', 'Alice Martin');
		await registerMember(server.url, 'bob', 'Bob Okafor');
		await registerMember(server.url, 'carol', 'Carol Singh');
		const thread = await createThread(server.url, alice, {
			category: 'procurement',
			title: 'Cloud framework clauses',
			body: 'Which exit clauses do you use?'
		});
		const text = `Buy cheap licences at example.test ${Date.now()}`;
		const post = {
			_id: `post:${ulid()}`,
			type: 'post',
			author: 'alice',
			createdAt: new Date().toISOString(),
			thread: `thread:${thread}`,
			body: text
		};
		const put = await couch(server.url, alice, `community/${encodeURIComponent(post._id)}`, {
			method: 'PUT',
			body: post
		});
		expect(put.status).toBe(201);

		// Bob flags the reply as spam.
		const b = await openDevice();
		devices.push(b);
		await signIn(b.page, server.url, 'bob');
		await waitUpToDate(b.page);
		await b.page.goto(`${server.url}/forums/t/${thread}`);
		const reply = b.page.getByRole('article').filter({ hasText: text });
		await reply.waitFor();
		await reply.getByRole('button', { name: 'Flag this reply' }).click();
		await reply.getByRole('group', { name: 'Why are you flagging this?' }).getByLabel('Spam').check();
		await reply.getByRole('button', { name: 'Send flag' }).click();
		await reply.getByRole('status').filter({ hasText: 'Flag sent. A moderator will look at it.' }).waitFor();
		await reply.getByText('You flagged this: waiting for a moderator').waitFor();
		// the keyboard stays where the form was: on the note that took its place
		await expect
			.poll(() => b.page.evaluate(() => document.activeElement?.textContent ?? ''))
			.toContain('You flagged this');
		// sent: no longer "will be sent when you are online"
		await reply.getByText('will be sent when you are online').waitFor({ state: 'detached', timeout: 45_000 });

		// The moderator hides it from the queue, with a reason.
		const m = await openDevice();
		devices.push(m);
		await signIn(m.page, server.url, 'mona');
		await m.page.goto(`${server.url}/moderation`);
		await m.page.getByRole('heading', { name: 'Moderation', exact: true }).waitFor();
		// the queue's item, whether shown as an article, a list item or a table row
		const item = m.page
			.getByRole('article')
			.or(m.page.getByRole('listitem'))
			.or(m.page.getByRole('row'))
			.filter({ hasText: text })
			.last();
		await item.waitFor({ timeout: 45_000 });
		await item.getByText('1 flag').waitFor();
		const reason = 'Advertising unrelated to procurement';
		await item.getByLabel('Reason').or(m.page.getByLabel('Reason')).first().fill(reason);
		await item.getByRole('button', { name: 'Hide', exact: true }).click();

		// Carol sees "Hidden by moderators" in its place, and not the text.
		const c = await openDevice();
		devices.push(c);
		await signIn(c.page, server.url, 'carol');
		await waitUpToDate(c.page);
		await c.page.goto(`${server.url}/forums/t/${thread}`);
		await c.page.getByRole('heading', { name: 'Cloud framework clauses' }).waitFor();
		await c.page.getByText('Hidden by moderators').waitFor({ timeout: 45_000 });
		expect(await c.page.getByText(text).count()).toBe(0);
		expect(await c.page.getByRole('button', { name: 'Flag this reply' }).count()).toBe(0);

		// The moderation log has a row for the hide, with its reason.
		await m.page.goto(`${server.url}/moderation/log`);
		await m.page.getByRole('heading', { name: 'Moderation log' }).waitFor();
		await m.page.getByRole('table').getByRole('row').filter({ hasText: reason }).first().waitFor();
		await m.page.getByRole('link', { name: 'Download CSV' }).waitFor();

		// Bob reads what became of his flag.
		await b.page.goto(`${server.url}/flags`);
		await b.page.getByRole('heading', { name: 'What you flagged' }).waitFor();
		await b.page.getByText('You flagged this: moderators hid it').waitFor({ timeout: 45_000 });
	});
});

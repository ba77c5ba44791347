// Acceptance (Chromium): a reply to a member's thread and an @mention of them each produce a
// notification on their device: the header's unread count rises live, and /notifications lists
// both; opening the inbox's "Mark all read" clears the count.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { couch, createThread, registerMember, startServer, type TestServer } from './support/server';
import { openDevice, signIn, waitUpToDate, type Device } from './support/browser';

let server: TestServer;
const devices: Device[] = [];

beforeAll(async () => {
	server = await startServer();
});

afterAll(async () => {
	for (const d of devices) await d.dispose();
	await server?.dispose();
});

describe('notifications', () => {
	it('a reply and an @mention notify the thread author', async () => {
		const alice = await registerMember(server.url, 'alice', 'Alice Martin');
		const bob = await registerMember(server.url, 'bob', 'Bob Okafor');
		const thread = await createThread(server.url, alice, {
			category: 'procurement',
			title: 'Cloud exit clauses',
			body: 'Which do you use?'
		});

		const a = await openDevice();
		devices.push(a);
		await signIn(a.page, server.url, 'alice');
		await waitUpToDate(a.page);
		const nav = a.page.getByRole('navigation', { name: 'Main' });
		const link = nav.getByRole('link', { name: /^Notifications/ });
		await link.waitFor();
		expect(await link.textContent()).not.toMatch(/\d/);

		const now = new Date().toISOString();
		const reply = {
			_id: `post:${ulid()}`,
			type: 'post',
			author: 'bob',
			createdAt: now,
			thread: `thread:${thread}`,
			body: 'We use a 90-day exit plan.'
		};
		const mention = {
			_id: `thread:${ulid()}`,
			type: 'thread',
			author: 'bob',
			createdAt: now,
			category: 'procurement',
			title: 'SLA templates',
			body: 'I think @alice has one.',
			tags: []
		};
		for (const doc of [reply, mention]) {
			const res = await couch(server.url, bob, `community/${encodeURIComponent(doc._id)}`, {
				method: 'PUT',
				body: doc
			});
			expect(res.status).toBe(201);
		}

		// live: no reload
		await expect
			.poll(async () => (await link.textContent())?.replace(/\s+/g, ' ').trim(), { timeout: 30_000 })
			.toMatch(/Notifications\s*2$/);
		await link.click();
		await a.page.waitForURL(/\/notifications$/);
		const inbox = a.page.getByRole('listitem');
		await inbox.filter({ hasText: 'replied in “Cloud exit clauses”' }).waitFor();
		await inbox.filter({ hasText: 'mentioned you in “SLA templates”' }).waitFor();
		expect(await inbox.filter({ hasText: 'Bob Okafor' }).count()).toBe(2);

		await a.page.getByRole('button', { name: 'Mark all read' }).click();
		await expect.poll(async () => (await link.textContent())?.trim()).toBe('Notifications');

		// the reply notification leads to the thread
		await a.page.getByRole('link', { name: /replied in/ }).click();
		await a.page.getByRole('heading', { name: 'Cloud exit clauses' }).waitFor();
	});
});

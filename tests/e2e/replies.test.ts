// Acceptance: a reply written offline shows "Waiting to sync", reaches the server once online,
// and appears in another member's open browser without a reload.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	communityDocs,
	createThread,
	registerMember,
	startServer,
	type ApiMember,
	type TestServer
} from './support/server';
import { openDevice, signIn, waitForOfflineShell, waitUpToDate, type Device } from './support/browser';

let server: TestServer;
const devices: Device[] = [];

beforeAll(async () => {
	server = await startServer();
});

afterAll(async () => {
	for (const d of devices) await d.dispose();
	await server?.dispose();
});

async function waitForDoc(
	member: ApiMember,
	match: (doc: Record<string, unknown>) => boolean,
	timeoutMs = 30_000
): Promise<Record<string, unknown>> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const found = [...(await communityDocs(server.url, member)).values()].find(match);
		if (found) return found;
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error('the document never reached the server');
}

describe('replies written offline', () => {
	it('wait on the device, then sync and show live to another member', async () => {
		const alice = await registerMember(server.url, 'alice', 'Alice Martin');
		await registerMember(server.url, 'bob', 'Bob Okafor');
		const ulid = await createThread(server.url, alice, {
			category: 'procurement',
			title: 'Cloud framework clauses',
			body: 'Which exit clauses do you use?'
		});

		const a = await openDevice();
		const b = await openDevice();
		devices.push(a, b);
		await signIn(a.page, server.url, 'alice');
		await signIn(b.page, server.url, 'bob');
		for (const d of [a, b]) {
			await waitUpToDate(d.page);
			await d.page.goto(`${server.url}/forums/t/${ulid}`);
			await d.page.getByRole('heading', { name: 'Cloud framework clauses' }).waitFor();
		}

		await waitForOfflineShell(a.page);
		await a.context.setOffline(true);
		const text = `Offline reply ${Date.now()}: we use a 90-day exit plan.`;
		await a.page.getByLabel('Reply').fill(text);
		await a.page.getByRole('button', { name: 'Post reply', exact: true }).click();
		const mine = a.page.getByRole('article').filter({ hasText: text });
		await mine.waitFor();
		await mine.getByText('Waiting to sync').waitFor();
		// the form clears once the write is stored; the post and its marker may show a moment before
		const replyBox = a.page.getByLabel('Reply', { exact: true });
		await expect.poll(() => replyBox.inputValue(), { timeout: 10_000 }).toBe('');

		await a.context.setOffline(false);
		await mine.getByText('Waiting to sync').waitFor({ state: 'detached', timeout: 45_000 });
		const onServer = await waitForDoc(alice, (doc) => doc.type === 'post' && doc.body === text);
		expect(onServer.thread).toBe(`thread:${ulid}`);
		expect(onServer.author).toBe('alice');

		// Bob's page was never reloaded: the reply arrives by live replication.
		const seen = b.page.getByRole('article').filter({ hasText: text });
		await seen.waitFor({ timeout: 45_000 });
		expect(await seen.getByText('Alice Martin').count()).toBeGreaterThan(0);

		// Bob finds it helpful and quotes it: the quote pre-fills the box and sets replyTo.
		const helpful = seen.getByRole('button', { name: /Helpful/ });
		await helpful.click();
		await expect.poll(() => helpful.getAttribute('aria-pressed')).toBe('true');
		await expect.poll(() => helpful.textContent()).toMatch(/Helpful\s*1/);
		await seen.getByRole('button', { name: 'Quote' }).click();
		const box = b.page.getByLabel('Reply', { exact: true });
		expect(await box.inputValue()).toContain('> **Alice Martin** wrote:');
		await box.press('End');
		await box.pressSequentially('Agreed.');
		await b.page.getByRole('button', { name: 'Post reply', exact: true }).click();
		const answer = b.page.getByRole('article').filter({ hasText: 'Agreed.' });
		await answer.getByRole('link', { name: /replying to Alice Martin/ }).waitFor();
		const quoted = await waitForDoc(
			alice,
			(doc) => doc.type === 'post' && typeof doc.body === 'string' && doc.body.includes('Agreed.')
		);
		expect(quoted.replyTo).toBe(onServer._id);
	});
});

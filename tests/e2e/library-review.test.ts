// Acceptance: submit → review (changes) → resubmit → approve → published, through the UI of two
// browsers (a member and a reviewer), and the server refusing the member's own attempt to
// publish or review.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { communityDocs, couch, registerMember, type ApiMember, type TestServer } from './support/server';
import { openDevice, signIn, waitUpToDate, type Device } from './support/browser';
import { startServerWithReviewer } from './library-helpers';

let server: TestServer;
const devices: Device[] = [];

beforeAll(async () => {
	server = await startServerWithReviewer('rita');
});

afterAll(async () => {
	for (const d of devices) await d.dispose();
	await server?.dispose();
});

async function waitForDoc(
	member: ApiMember,
	id: string,
	match: (doc: Record<string, unknown>) => boolean
): Promise<Record<string, unknown>> {
	const deadline = Date.now() + 30_000;
	while (Date.now() < deadline) {
		const doc = (await communityDocs(server.url, member)).get(id);
		if (doc && match(doc)) return doc;
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error(`${id} never reached the server in the expected state`);
}

describe('library submission and review', () => {
	it('goes submit → changes → resubmit → approve → published, and the server refuses a member publishing', async () => {
		const alice = await registerMember(server.url, 'alice', 'Alice Martin');
		const a = await openDevice();
		const r = await openDevice();
		devices.push(a, r);
		await signIn(a.page, server.url, 'alice');
		await signIn(r.page, server.url, 'rita');

		// the member submits
		await a.page.goto(`${server.url}/library/new`);
		await a.page.getByLabel('Kind').selectOption('case-study');
		await a.page.getByLabel('Title').fill('Shared cloud procurement');
		await a.page.getByLabel('Summary').fill('Three councils bought hosting together.');
		await a.page.getByLabel('Body', { exact: true }).fill('We pooled demand.');
		await a.page.getByLabel('The problem').fill('Each council paid list price.');
		await a.page
			.getByLabel('Attach files')
			.setInputFiles({ name: 'tender.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 tender') });
		await a.page.getByRole('button', { name: 'Submit for review' }).click();
		await a.page.waitForURL(/\/library\/mine#/);
		const ulid = new URL(a.page.url()).hash.slice(1);
		const id = `resource:${ulid}`;
		const item = a.page.locator(`li[id="${ulid}"]`);
		await item.getByText('Submitted for review').waitFor();
		const submitted = await waitForDoc(alice, id, (d) => d.status === 'submitted');
		// the attachment went to library-files; the resource lists it with its size
		const [file] = submitted.files as Array<{ id: string; name: string; type: string; size: number }>;
		expect(file).toMatchObject({ name: 'tender.pdf', type: 'application/pdf', size: 15 });
		const stored = await fetch(`${server.url}/couch/library-files/${encodeURIComponent(file.id)}/file`, {
			headers: { cookie: alice.cookie }
		});
		expect(await stored.text()).toBe('%PDF-1.4 tender');

		// the server refuses the member publishing it or reviewing it
		const publish = await couch(server.url, alice, `community/${encodeURIComponent(id)}`, {
			method: 'PUT',
			body: { ...submitted, status: 'published', reviewedBy: 'alice' }
		});
		expect(publish.status).toBe(403);
		expect(publish.body).toMatchObject({ error: 'forbidden', reason: 'only reviewers publish or return resources' });
		const review = await couch(server.url, alice, 'community/review:01JDDDDDDDDDDDDDDDDDDDDDD9', {
			method: 'PUT',
			body: {
				_id: 'review:01JDDDDDDDDDDDDDDDDDDDDDD9',
				type: 'review',
				author: 'alice',
				createdAt: new Date().toISOString(),
				resource: id,
				verdict: 'approve',
				comments: ''
			}
		});
		expect(review.status).toBe(403);
		expect(review.body).toMatchObject({ reason: 'only reviewers write reviews' });

		// the reviewer asks for changes
		await r.page.goto(`${server.url}/review`);
		await r.page.getByRole('link', { name: 'Shared cloud procurement' }).click({ timeout: 45_000 });
		await r.page.getByRole('heading', { name: 'Shared cloud procurement' }).waitFor();
		await r.page.getByLabel('Ask for changes').check();
		await r.page.getByLabel('Comments').fill('Please add the cost figures.');
		await r.page.getByRole('button', { name: 'Send review' }).click();
		await r.page.waitForURL(/\/review$/);

		// the author sees it returned with the comments (live), edits and resubmits
		await item.getByText('Changes requested').waitFor({ timeout: 45_000 });
		await item.getByText('Please add the cost figures.').waitFor();
		await item.getByRole('link', { name: 'Edit and resubmit' }).click();
		await a.page.getByText('Please add the cost figures.').waitFor();
		await a.page.getByLabel('Body', { exact: true }).fill('We pooled demand and saved 30% on hosting.');
		await a.page.getByRole('button', { name: 'Submit for review' }).click();
		await a.page.waitForURL(/\/library\/mine#/);
		await item.getByText('Submitted for review').waitFor();
		await waitForDoc(alice, id, (d) => d.status === 'submitted' && String(d.body).includes('30%'));

		// the reviewer approves the new version
		await r.page.getByRole('link', { name: 'Shared cloud procurement' }).click({ timeout: 45_000 });
		await r.page.getByText('saved 30% on hosting').waitFor();
		await r.page.getByLabel('Approve and publish').check();
		await r.page.getByRole('button', { name: 'Send review' }).click();
		await r.page.waitForURL(/\/review$/);

		// published: in the library, showing who reviewed it
		const published = await waitForDoc(alice, id, (d) => d.status === 'published');
		expect(published).toMatchObject({ reviewedBy: 'rita', body: 'We pooled demand and saved 30% on hosting.' });
		await waitUpToDate(a.page, 45_000);
		await a.page.goto(`${server.url}/library`);
		await a.page.getByRole('link', { name: 'Shared cloud procurement' }).click({ timeout: 45_000 });
		await a.page.getByText('Expert reviewed').waitFor();
		expect(await a.page.locator('.review-status').textContent()).toContain('rita');
		await a.page.getByRole('heading', { name: 'The problem' }).waitFor();
	});
});

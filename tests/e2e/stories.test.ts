// Acceptance: a member publishes a success story through review, another member records that
// their organisation adopted it with measured results, the story page shows both, the adopter's
// profile shows the points with the ledger line explaining them and /recognition lists them;
// after one sync all of it opens offline. axe finds no serious issue on the new pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { communityDocs, registerMember, type ApiMember, type TestServer } from './support/server';
import { openDevice, signIn, waitUpToDate, waitForOfflineShell, type Device } from './support/browser';
import { seriousViolations } from './support/axe';
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
	match: (doc: Record<string, unknown>) => boolean
): Promise<Record<string, unknown>> {
	const deadline = Date.now() + 30_000;
	while (Date.now() < deadline) {
		for (const doc of (await communityDocs(server.url, member)).values()) if (match(doc)) return doc;
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error('the document never reached the server in the expected state');
}

describe('success stories, adoptions and recognition', () => {
	it('publishes a story through review, records an adoption with results, and credits the adopter', async () => {
		const alice = await registerMember(server.url, 'alice', 'Alice Martin');
		await registerMember(server.url, 'bruno', 'Bruno Keller');
		const a = await openDevice();
		const r = await openDevice();
		const b = await openDevice(undefined, { bypassCSP: true });
		devices.push(a, r, b);
		await signIn(a.page, server.url, 'alice');
		await signIn(r.page, server.url, 'rita');
		await signIn(b.page, server.url, 'bruno');

		// the author writes the story with one measured result and submits it
		await a.page.goto(`${server.url}/stories/new`);
		await a.page.getByLabel('Title').fill('Permits in nine days');
		await a.page.getByLabel('Summary').fill('One digital form replaced four paper ones.');
		await a.page.getByLabel('The problem').fill('Building permits took three weeks.');
		await a.page.getByLabel('What was done').fill('We merged the forms and checked them as they came in.');
		await a.page.getByRole('button', { name: 'Add a result' }).click();
		await a.page.getByLabel('Measure', { exact: true }).selectOption('processing-time');
		await a.page.getByLabel('What was measured').fill('Time to issue a permit');
		await a.page.getByLabel('Before', { exact: true }).fill('21');
		await a.page.getByLabel('After', { exact: true }).fill('9');
		await a.page.getByLabel('Unit', { exact: true }).fill('days');
		await a.page.getByRole('button', { name: 'Submit for review' }).click();
		const submitted = await waitForDoc(alice, (d) => d.type === 'story' && d.status === 'submitted');
		const ulid = String(submitted._id).slice('story:'.length);

		// a reviewer who did not write it approves it
		await r.page.goto(`${server.url}/review`);
		await r.page.getByRole('link', { name: 'Permits in nine days' }).click({ timeout: 45_000 });
		await r.page.getByLabel('Approve and publish').check();
		await r.page.getByRole('button', { name: 'Send review' }).click();
		await waitForDoc(alice, (d) => d._id === submitted._id && d.status === 'published');

		// another member's organisation adopted it, with a result
		await waitUpToDate(b.page, 45_000);
		await b.page.goto(`${server.url}/stories`);
		await b.page.getByRole('link', { name: 'Permits in nine days' }).click({ timeout: 45_000 });
		await b.page.getByRole('heading', { name: 'Results' }).waitFor();
		await b.page.getByRole('button', { name: 'We adopted this' }).click();
		const form = b.page.locator('form', { has: b.page.getByRole('button', { name: 'Record adoption' }) });
		await form.getByLabel('Organisation', { exact: true }).fill('Harbour District Council');
		await form.getByLabel('Status', { exact: true }).selectOption('implemented');
		await form.getByRole('button', { name: 'Add a result' }).click();
		await form.getByLabel('Measure', { exact: true }).selectOption('staff-hours-saved');
		await form.getByLabel('What was measured').fill('Staff hours saved');
		await form.getByLabel('Or a single figure').fill('300');
		await form.getByLabel('Unit', { exact: true }).fill('hours');
		await form.getByRole('button', { name: 'Record adoption' }).click();
		await b.page.getByText('Adopted by 1 organisation; 1 reports results').waitFor();
		await waitForDoc(alice, (d) => d.type === 'adoption' && d.author === 'bruno');

		// the author's device shows the adoption on the story
		await waitUpToDate(a.page, 45_000);
		await a.page.goto(`${server.url}/stories/${ulid}`);
		await a.page.getByText('Adopted by 1 organisation; 1 reports results').waitFor({ timeout: 45_000 });
		await a.page.getByText('Harbour District Council').first().waitFor();

		// the adopter's profile explains the points; /recognition lists them
		await b.page.goto(`${server.url}/people/bruno`);
		await b.page.getByRole('heading', { name: 'How these points were earned' }).waitFor();
		const ledger = b.page.locator('section', {
			has: b.page.getByRole('heading', { name: 'How these points were earned' })
		});
		await ledger
			.getByText(/Permits in nine days/)
			.first()
			.waitFor();
		await b.page.goto(`${server.url}/recognition`);
		await b.page.getByRole('link', { name: 'Bruno Keller' }).first().waitFor();

		// a moderator sets a challenge and the author enters her story while it is open
		await r.page.goto(`${server.url}/challenges/new`);
		await r.page.getByLabel('Title').fill('Faster permits');
		await r.page.getByLabel('The problem').fill('Permits take too long everywhere.');
		await r.page.getByLabel('Criterion 1').fill('Measured results');
		const local = (ms: number) =>
			new Date(Date.now() + ms - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
		await r.page.getByLabel('Opens').fill(local(-3_600_000));
		await r.page.getByLabel('Closes').fill(local(14 * 86_400_000));
		await r.page.getByLabel('Judges').fill('rita');
		await r.page.getByLabel('Recognition offered').fill('A talk at the spring conference');
		await r.page.getByRole('button', { name: 'Save challenge' }).click();
		const challenge = await waitForDoc(alice, (d) => d.type === 'challenge');
		const challengeUlid = String(challenge._id).slice('challenge:'.length);
		await waitUpToDate(a.page, 45_000);
		await a.page.goto(`${server.url}/challenges/${challengeUlid}`);
		await a.page.getByLabel('Your story or resource').selectOption({ label: 'Permits in nine days (success story)' });
		await a.page.getByRole('button', { name: 'Enter', exact: true }).click();
		await waitForDoc(alice, (d) => d._id === submitted._id && d.challenge === challenge._id);
		await waitUpToDate(b.page, 45_000);

		// axe on the new pages, desktop then phone
		const found: Record<string, string[]> = {};
		for (const width of [1280, 360]) {
			await b.page.setViewportSize({ width, height: width === 360 ? 740 : 800 });
			for (const [path, ready] of [
				['/stories', 'Permits in nine days'],
				[`/stories/${ulid}`, 'Harbour District Council'],
				['/stories/new', 'What was done'],
				['/recognition', 'Rising contributors'],
				['/challenges', 'Faster permits'],
				[`/challenges/${challengeUlid}`, 'Permits in nine days'],
				['/people/bruno', 'How these points were earned']
			] as const) {
				await b.page.goto(`${server.url}${path}`);
				await b.page.getByText(ready).first().waitFor();
				found[`${path} @${width}`] = await seriousViolations(b.page);
			}
		}
		expect(Object.entries(found).filter(([, v]) => v.length > 0)).toEqual([]);

		// all of it opens with no network
		await waitForOfflineShell(b.page);
		await b.context.setOffline(true);
		await b.page.goto(`${server.url}/stories/${ulid}`);
		await b.page.getByText('Adopted by 1 organisation; 1 reports results').waitFor();
		await b.page.goto(`${server.url}/people/bruno`);
		await b.page.getByRole('heading', { name: 'How these points were earned' }).waitFor();
		await b.page.goto(`${server.url}/recognition`);
		await b.page.getByRole('link', { name: 'Bruno Keller' }).first().waitFor();
		await b.context.setOffline(false);
	});

	it('says under the fields what keeps a story from being sent, and keeps what was typed', async () => {
		await registerMember(server.url, 'carla', 'Carla Diaz');
		const c = await openDevice();
		devices.push(c);
		await signIn(c.page, server.url, 'carla');
		await c.page.goto(`${server.url}/stories/new`);
		const title = 'Permits '.repeat(29).trim(); // 231 characters
		await c.page.getByLabel('Title').fill(title);
		await c.page.getByLabel('Summary').fill('One form instead of four.');
		await c.page.getByRole('button', { name: 'Add a result' }).click();
		await c.page.getByLabel('Measure', { exact: true }).selectOption('processing-time');
		await c.page.getByLabel('What was measured').fill('Time to issue a permit');
		await c.page.getByLabel('Before', { exact: true }).fill('21');
		await c.page.getByLabel('Unit', { exact: true }).fill('days');
		await c.page.getByRole('button', { name: 'Submit for review' }).click();

		/** The message a field names with aria-describedby. */
		const messageOf = (label: string) =>
			c.page.getByLabel(label, { exact: true }).evaluate(
				(el) =>
					(el.getAttribute('aria-describedby') ?? '')
						.split(' ')
						.map((id) => document.getElementById(id))
						.find((node) => node?.classList.contains('field-error'))?.textContent
			);
		await c.page.getByText('Title is too long').waitFor();
		expect(await messageOf('Title')).toBe('Title is too long: 231 characters, at most 200. Shorten it by 31.');
		expect(await messageOf('After')).toBe(
			'Result 1: the figure after is missing. Give it, or a single figure instead.'
		);
		expect(await c.page.getByLabel('Title').getAttribute('aria-invalid')).toBe('true');
		expect(await c.page.getByLabel('After', { exact: true }).getAttribute('aria-invalid')).toBe('true');
		expect(await c.page.getByLabel('Summary').getAttribute('aria-invalid')).toBeNull();
		// focus lands on the first field to fix; nothing typed is lost
		await c.page.waitForFunction(() => document.activeElement?.id === 'title');
		expect(await c.page.getByLabel('Title').inputValue()).toBe(title);
		expect(await c.page.getByLabel('Before', { exact: true }).inputValue()).toBe('21');
		expect(await c.page.getByLabel('What was measured').inputValue()).toBe('Time to issue a permit');
		expect(c.page.url()).toBe(`${server.url}/stories/new`);
	});

	it('says under each field of a challenge what it needs before it is set', async () => {
		const m = await openDevice();
		devices.push(m);
		await signIn(m.page, server.url, 'rita');
		await m.page.goto(`${server.url}/challenges/new`);
		await m.page.getByLabel('The problem').fill('Permits take too long everywhere.');
		await m.page.getByLabel('Criterion 1').fill('c'.repeat(130));
		await m.page.getByRole('button', { name: 'Save challenge' }).click();
		const error = (label: string) =>
			m.page.getByLabel(label, { exact: true }).evaluate((el) => {
				const ids = (el.getAttribute('aria-describedby') ?? '').split(' ');
				return ids.map((id) => document.getElementById(id)).find((n) => n?.classList.contains('field-error'))
					?.textContent;
			});
		await m.page.getByText('Give the challenge a title.').waitFor();
		expect(await error('Title')).toBe('Give the challenge a title.');
		expect(await error('Criterion 1')).toBe('Criterion 1 is too long: 130 characters, at most 120. Shorten it by 10.');
		expect(await error('Opens')).toBe('Say when the challenge opens.');
		expect(await error('Judges')).toBe('Name at least one judge by their username.');
		expect(await error('The problem')).toBeUndefined();
		expect(await m.page.getByLabel('Criterion 1').inputValue()).toBe('c'.repeat(130));
	});
});

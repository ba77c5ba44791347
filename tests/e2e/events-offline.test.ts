// Acceptance (Chromium): an event created offline shows as waiting, RSVPs and "Add to calendar"
// work offline (the .ics parses with the right instant for the organiser's zone; the answer is
// pending and TENTATIVE until the server places it), and once online the event reaches the server
// and the organiser gets the place; another member's RSVP then puts them on the waiting list of a
// capacity-1 event, live on the organiser's page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import ICAL from 'ical.js';
import { communityDocs, couch, registerMember, startServer, type TestServer } from './support/server';
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

describe('events offline', () => {
	it('creates, RSVPs and exports an event offline; syncs it; a second RSVP waits', async () => {
		const alice = await registerMember(server.url, 'alice', 'Alice Martin');
		const bob = await registerMember(server.url, 'bob', 'Bob Okafor');
		const a = await openDevice();
		devices.push(a);
		const page = a.page;
		await signIn(page, server.url, 'alice');
		await waitUpToDate(page);
		await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Events' }).click();
		await page.getByRole('link', { name: 'New event' }).click();
		await page.getByLabel('Title').waitFor();

		await waitForOfflineShell(page);
		await a.context.setOffline(true);
		await page.getByLabel('Title').fill('Village hall meetup');
		await page.getByLabel('Description').fill('Bring your **procurement** questions.');
		await page.getByLabel('Starts').fill('2026-10-25T09:00'); // the EU clocks went back that night
		await page.getByLabel('Ends').fill('2026-10-25T11:00');
		await page.getByLabel('Time zone').fill('Europe/Paris');
		await page.getByLabel('Venue').fill('Village hall');
		await page.getByLabel('Capacity').fill('1');
		await page.getByRole('button', { name: 'Create event' }).click();
		await page.getByRole('heading', { name: 'Village hall meetup' }).waitFor();
		await page.getByText('Waiting to sync').first().waitFor();
		const ulid = page.url().split('/').pop() ?? '';

		await page.getByRole('button', { name: 'Going', exact: true }).click();
		// the server decides places in the order it receives answers: not yet decided offline
		await page.getByRole('status').getByText('Your answer is waiting to reach the server.').waitFor();
		expect(await page.getByText('You have a place.').count()).toBe(0);

		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('button', { name: /Add to calendar/ }).click()
		]);
		const ics = await readFile((await download.path())!, 'utf8');
		const vevent = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!;
		const parsed = new ICAL.Event(vevent);
		expect(parsed.summary).toBe('Village hall meetup');
		expect(parsed.startDate.toJSDate().toISOString()).toBe('2026-10-25T08:00:00.000Z'); // 09:00 CET
		expect(parsed.endDate.toJSDate().toISOString()).toBe('2026-10-25T10:00:00.000Z');
		// the answer that took the place has not reached the server yet
		expect(vevent.getFirstPropertyValue('status')).toBe('TENTATIVE');

		await a.context.setOffline(false);
		await page.getByText('Waiting to sync').first().waitFor({ state: 'detached', timeout: 45_000 });
		await page.getByRole('status').getByText('You have a place.').waitFor({ timeout: 30_000 });
		const docs = await communityDocs(server.url, alice);
		expect(docs.get(`event:${ulid}`)).toMatchObject({
			title: 'Village hall meetup',
			capacity: 1,
			start: '2026-10-25T08:00:00.000Z',
			timeZone: 'Europe/Paris'
		});
		expect(docs.get(`rsvp:${ulid}:alice`)).toMatchObject({ status: 'going' });

		const rsvp = {
			_id: `rsvp:${ulid}:bob`,
			type: 'rsvp',
			author: 'bob',
			createdAt: new Date().toISOString(),
			event: `event:${ulid}`,
			status: 'going'
		};
		expect(
			(await couch(server.url, bob, `community/${encodeURIComponent(rsvp._id)}`, { method: 'PUT', body: rsvp })).status
		).toBe(201);
		await page.getByText('1 going of 1 places, 1 on the waiting list.').waitFor({ timeout: 30_000 });
		await page.getByRole('status').getByText('You have a place.').waitFor(); // alice keeps it

		// the agenda goes into the print pack, next to library resources
		await page.getByRole('button', { name: 'Add to print pack' }).click();
		await page.getByRole('button', { name: 'In print pack' }).waitFor();
		await page.goto(`${server.url}/library/pack`);
		await page.locator('article.entry h2', { hasText: 'Village hall meetup' }).waitFor();
		expect(await page.locator('article.entry').textContent()).toContain('Village hall');
		await page.goBack();
		await page.getByRole('heading', { name: 'Village hall meetup' }).waitFor();

		// the private subscription feed lists the event alice is going to
		await page.goto(`${server.url}/events`);
		await page.getByText('Subscribe in my calendar').click();
		await page.getByRole('button', { name: 'Get my calendar address' }).click();
		const address = await page.getByLabel('My calendar address').inputValue();
		expect(address).toMatch(/\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
		const feed = await fetch(address);
		expect(feed.status).toBe(200);
		const events = new ICAL.Component(ICAL.parse(await feed.text()))
			.getAllSubcomponents('vevent')
			.map((c) => new ICAL.Event(c));
		expect(events.map((e) => [e.uid, e.startDate.toJSDate().toISOString()])).toEqual([
			[`${ulid}@praxis`, '2026-10-25T08:00:00.000Z']
		]);
		await page.getByRole('button', { name: 'Stop sharing' }).click();
		await page.getByLabel('My calendar address').waitFor({ state: 'detached' });
		expect((await fetch(address)).status).toBe(404);
	});
});

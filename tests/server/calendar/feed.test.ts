// The private calendar feed: a member's secret URL lists the events they answered going or maybe
// to, parses with ical.js with the right instants (incl. a DST boundary), and stops working once
// regenerated or revoked.
import { afterEach, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { createHarness, type Harness } from '../support/harness';
import { rsvpId } from '../../../src/lib/domain/ids';
import { serverSigner } from '../../../server/devices/server-key';
import { backfillPlaces, recomputePlaces } from '../../../server/events/places';

let harness: Harness | null = null;
afterEach(async () => {
	await harness?.close();
	harness = null;
});

const E1 = '01JCAAAAAAAAAAAAAAAAAAAAA1';
const E2 = '01JCAAAAAAAAAAAAAAAAAAAAA2';
const E3 = '01JCAAAAAAAAAAAAAAAAAAAAA3';

function eventDoc(ulid: string, start: string, end: string, timeZone: string) {
	return {
		_id: `event:${ulid}`,
		type: 'event',
		author: 'org',
		createdAt: '2026-09-01T00:00:00.000Z',
		kind: 'meetup',
		title: `Meetup ${ulid.slice(-1)}`,
		description: '',
		start,
		end,
		timeZone,
		location: { venue: 'Hall' },
		organisers: ['org'],
		tags: []
	};
}
function rsvp(ulid: string, author: string, status: string) {
	return {
		_id: rsvpId(`event:${ulid}`, author),
		type: 'rsvp',
		author,
		createdAt: '2026-09-02T00:00:00.000Z',
		event: `event:${ulid}`,
		status
	};
}

async function call(h: Harness, method: string, path: string, cookie?: string) {
	return h.request(path, { method, headers: cookie ? { cookie } : {} });
}

describe('/api/calendar', () => {
	it('serves the RSVPed events at the secret URL; regenerating and revoking stop the old URL', async () => {
		harness = createHarness();
		const ana = await harness.register('anna');
		await harness.register('org');
		await harness.storage.db('community').bulkDocs([
			eventDoc(E1, '2026-10-24T07:00:00.000Z', '2026-10-24T09:00:00.000Z', 'Europe/Paris'), // 09:00 CEST
			eventDoc(E2, '2026-10-26T08:00:00.000Z', '2026-10-26T10:00:00.000Z', 'Europe/Paris'), // 09:00 CET
			eventDoc(E3, '2026-11-02T14:00:00.000Z', '2026-11-02T15:00:00.000Z', 'America/New_York'),
			rsvp(E1, 'anna', 'going'),
			rsvp(E2, 'anna', 'maybe'),
			rsvp(E3, 'anna', 'not-going'),
			rsvp(E3, 'org', 'going')
		]);

		expect((await call(harness, 'POST', '/api/calendar/secret')).status).toBe(401);
		const created = await call(harness, 'POST', '/api/calendar/secret', ana);
		expect(created.status).toBe(201);
		const { url } = (await created.json()) as { url: string };
		expect(url).toMatch(/^\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
		expect(await (await call(harness, 'GET', '/api/calendar/secret', ana)).json()).toEqual({ active: true });

		const feed = await call(harness, 'GET', url);
		expect(feed.status).toBe(200);
		expect(feed.headers.get('content-type')).toMatch(/^text\/calendar/);
		const vcal = new ICAL.Component(ICAL.parse(await feed.text()));
		const events = vcal.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
		expect(events.map((e) => [e.uid, e.startDate.toJSDate().toISOString()])).toEqual([
			[`${E1}@praxis`, '2026-10-24T07:00:00.000Z'],
			[`${E2}@praxis`, '2026-10-26T08:00:00.000Z']
		]);
		// the users database holds only a hash of the secret
		const secret = url.slice('/api/calendar/'.length, -'.ics'.length);
		const users = await harness.storage.db('praxis-users').allDocs({ include_docs: true });
		expect(JSON.stringify(users.rows)).not.toContain(secret);

		const again = (await (await call(harness, 'POST', '/api/calendar/secret', ana)).json()) as { url: string };
		expect(again.url).not.toBe(url);
		expect((await call(harness, 'GET', url)).status).toBe(404);
		expect((await call(harness, 'GET', again.url)).status).toBe(200);

		expect(await (await call(harness, 'DELETE', '/api/calendar/secret', ana)).json()).toEqual({ revoked: true });
		expect((await call(harness, 'GET', again.url)).status).toBe(404);
		expect(await (await call(harness, 'GET', '/api/calendar/secret', ana)).json()).toEqual({ active: false });
	});

	it('gives waitlisted and maybe answers TENTATIVE, and a SEQUENCE that grows with each edit', async () => {
		harness = createHarness();
		const ana = await harness.register('anna');
		await harness.register('org');
		const full = { ...eventDoc(E1, '2026-10-24T07:00:00.000Z', '2026-10-24T09:00:00.000Z', 'UTC'), capacity: 1 };
		const edited = {
			...eventDoc(E3, '2026-11-02T14:00:00.000Z', '2026-11-02T15:00:00.000Z', 'UTC'),
			updatedAt: '2026-09-01T00:01:30.000Z'
		};
		await harness.storage.db('community').bulkDocs([
			full,
			eventDoc(E2, '2026-10-26T08:00:00.000Z', '2026-10-26T10:00:00.000Z', 'UTC'),
			edited,
			{ ...rsvp(E1, 'org', 'going'), createdAt: '2026-09-01T12:00:00.000Z' }, // took the one place first
			rsvp(E1, 'anna', 'going'),
			rsvp(E2, 'anna', 'maybe'),
			rsvp(E3, 'anna', 'going')
		]);
		// stored without the gateway: the server decides these places as it does at start
		const signer = await serverSigner(harness.auth.signingKey());
		await backfillPlaces(harness.storage.db('community'), signer, new Date());
		const { url } = (await (await call(harness, 'POST', '/api/calendar/secret', ana)).json()) as { url: string };
		const vcal = new ICAL.Component(ICAL.parse(await (await call(harness, 'GET', url)).text()));
		const rows = vcal
			.getAllSubcomponents('vevent')
			.map((c) => [
				c.getFirstPropertyValue('uid'),
				c.getFirstPropertyValue('status'),
				c.getFirstPropertyValue('sequence')
			]);
		expect(rows).toEqual([
			[`${E1}@praxis`, 'TENTATIVE', 0], // on the waiting list
			[`${E2}@praxis`, 'TENTATIVE', 0], // maybe
			[`${E3}@praxis`, 'CONFIRMED', 90] // a place; edited 90 s after it was created
		]);

		// the organiser makes room: anna's place is confirmed and the event's SEQUENCE grows
		const db = harness.storage.db('community');
		const stored = await db.get(full._id);
		await db.put({ ...stored, capacity: 2, updatedAt: '2026-09-01T00:02:00.000Z' });
		await recomputePlaces(db, full._id, signer, new Date());
		const after = new ICAL.Component(ICAL.parse(await (await call(harness, 'GET', url)).text()));
		const first = after.getAllSubcomponents('vevent')[0];
		expect([first.getFirstPropertyValue('status'), first.getFirstPropertyValue('sequence')]).toEqual([
			'CONFIRMED',
			120
		]);
	});

	it('follows RSVPs changed, withdrawn or added after an earlier request (incremental index)', async () => {
		harness = createHarness();
		const ana = await harness.register('anna');
		await harness.register('org');
		const db = harness.storage.db('community');
		await db.bulkDocs([
			eventDoc(E1, '2026-10-24T07:00:00.000Z', '2026-10-24T09:00:00.000Z', 'Europe/Paris'),
			eventDoc(E2, '2026-10-26T08:00:00.000Z', '2026-10-26T10:00:00.000Z', 'Europe/Paris'),
			eventDoc(E3, '2026-11-02T14:00:00.000Z', '2026-11-02T15:00:00.000Z', 'America/New_York'),
			rsvp(E1, 'anna', 'going'),
			rsvp(E2, 'anna', 'going')
		]);
		const { url } = (await (await call(harness, 'POST', '/api/calendar/secret', ana)).json()) as { url: string };
		const uids = async () => {
			const vcal = new ICAL.Component(ICAL.parse(await (await call(harness!, 'GET', url)).text()));
			return vcal
				.getAllSubcomponents('vevent')
				.map((c) => String(c.getFirstPropertyValue('uid')))
				.sort();
		};
		expect(await uids()).toEqual([`${E1}@praxis`, `${E2}@praxis`]);

		const e1 = await db.get(rsvpId(`event:${E1}`, 'anna'));
		const e2 = await db.get(rsvpId(`event:${E2}`, 'anna'));
		await db.bulkDocs([
			{ ...e1, status: 'not-going' }, // changed its answer
			{ ...e2, _deleted: true }, // withdrawn
			rsvp(E3, 'anna', 'maybe') // new
		]);
		expect(await uids()).toEqual([`${E3}@praxis`]);
	});

	it('answers bad feed addresses with 404, not 5xx', async () => {
		harness = createHarness();
		for (const path of [
			'/api/calendar/nope.ics',
			'/api/calendar/nope',
			`/api/calendar/${'a'.repeat(43)}.ics`,
			'/api/calendar/%00.ics'
		]) {
			expect((await call(harness, 'GET', path)).status).toBe(404);
		}
	});
});

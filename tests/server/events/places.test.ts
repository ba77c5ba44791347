// Places at events decided by the server in the order it receives the answers: an answer made
// offline earlier (by its device's clock) cannot take a place the server already gave; a member
// with a place keeps it unless the organiser lowers the capacity; nobody but the server writes
// place documents; RSVPs stored before the server decided places get them at start.
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, PASSWORD, type Harness } from '../support/harness';
import { certifyTestDevice, type TestDevice } from '../helpers/signing';
import { COMMUNITY_DB, placeId, rsvpId } from '../../../src/lib/domain/ids';
import type { PlaceDoc } from '../../../src/lib/domain/schemas';
import { seed } from '../../../server/seed';

const E = '01JCPAC0000000000000000001';
const EVENT = `event:${E}`;
const T0 = Date.parse('2026-11-02T09:00:00.000Z');
const at = (ms: number) => new Date(ms).toISOString();

let harness: Harness | null = null;
afterEach(async () => {
	await harness?.close();
	harness = null;
});

interface Member {
	name: string;
	cookie: string;
	device: TestDevice;
}

async function setup() {
	const now = { ms: T0 };
	const h = createHarness({ now });
	harness = h;
	const member = async (name: string): Promise<Member> => {
		const cookie = await h.register(name);
		return { name, cookie, device: await certifyTestDevice(h, cookie) };
	};
	const [org, ana, ben] = [await member('org'), await member('ana'), await member('ben')];
	/** PUT through /couch, signed by the member's device; returns the response. */
	const put = async (m: Member, doc: Record<string, unknown>) =>
		h.request(`/couch/${COMMUNITY_DB}/${encodeURIComponent(String(doc._id))}`, {
			method: 'PUT',
			headers: { cookie: m.cookie, 'content-type': 'application/json' },
			body: JSON.stringify(await m.device.sign(doc))
		});
	/** Writes `doc` over its current revision (if any) and expects it stored. */
	const write = async (m: Member, doc: Record<string, unknown>) => {
		const current = await h.storage
			.db(COMMUNITY_DB)
			.get(String(doc._id))
			.then(
				(d) => d._rev,
				() => undefined
			);
		const res = await put(m, current ? { ...doc, _rev: current } : doc);
		expect(res.status, await res.clone().text()).toBe(201);
	};
	const event = (capacity: number) => ({
		_id: EVENT,
		type: 'event',
		author: 'org',
		createdAt: at(T0),
		...(now.ms > T0 ? { updatedAt: at(now.ms) } : {}),
		kind: 'meetup',
		title: 'Road safety meetup',
		description: '',
		start: at(T0 + 7 * 86_400_000),
		end: at(T0 + 7 * 86_400_000 + 3_600_000),
		timeZone: 'UTC',
		location: { venue: 'Village hall' },
		organisers: ['org'],
		tags: [],
		capacity
	});
	const rsvp = (who: string, status: string, createdAt: number, updatedAt?: number) => ({
		_id: rsvpId(EVENT, who),
		type: 'rsvp',
		author: who,
		createdAt: at(createdAt),
		...(updatedAt ? { updatedAt: at(updatedAt) } : {}),
		event: EVENT,
		status
	});
	const place = async (who: string): Promise<PlaceDoc | null> =>
		h.storage
			.db(COMMUNITY_DB)
			.get(placeId(EVENT, who))
			.then(
				(d) => d as unknown as PlaceDoc,
				() => null
			);
	return { h, now, org, ana, ben, put, write, event, rsvp, place };
}

describe('places at events', () => {
	it('keeps the place of the member the server placed first; every change is recorded', async () => {
		const { now, org, ana, ben, write, event, rsvp, place } = await setup();
		await write(org, event(1));
		const offlineAnswer = T0 + 60_000; // ana answers while offline, by her device's clock

		now.ms = T0 + 10 * 60_000;
		await write(ben, rsvp('ben', 'going', now.ms)); // ben answers online: told he has a place
		expect(await place('ben')).toMatchObject({
			author: 'praxis',
			state: 'place',
			receivedAt: at(now.ms),
			answeredAt: at(now.ms),
			changedAt: at(now.ms)
		});
		expect((await place('ben'))?.signature).toMatchObject({ device: expect.stringMatching(/^server:/) });

		now.ms = T0 + 20 * 60_000;
		await write(ana, rsvp('ana', 'going', offlineAnswer)); // ana's device syncs, her answer "earlier"
		expect(await place('ana')).toMatchObject({
			state: 'waiting',
			position: 1,
			answeredAt: at(offlineAnswer),
			receivedAt: at(now.ms)
		});
		expect((await place('ana'))?.previous).toBeUndefined();
		expect(await place('ben')).toMatchObject({ state: 'place', changedAt: at(T0 + 10 * 60_000) });

		now.ms = T0 + 30 * 60_000;
		await write(ben, rsvp('ben', 'not-going', T0 + 10 * 60_000, now.ms)); // ben cannot come
		expect(await place('ana')).toMatchObject({ state: 'place', previous: 'waiting', changedAt: at(now.ms) });
		expect((await place('ana'))?.position).toBeUndefined();
		expect(await place('ben')).toMatchObject({ state: 'none', previous: 'place', changedAt: at(now.ms) });

		// ben changes his mind again: going → not going → going puts him at the back
		now.ms = T0 + 40 * 60_000;
		await write(ben, rsvp('ben', 'going', T0 + 10 * 60_000, now.ms));
		expect(await place('ben')).toMatchObject({ state: 'waiting', position: 1, receivedAt: at(now.ms) });

		// more places: ben gets one; fewer again: the last placed (ben) waits, ana keeps hers
		now.ms = T0 + 50 * 60_000;
		await write(org, event(2));
		expect(await place('ben')).toMatchObject({ state: 'place', previous: 'waiting' });
		now.ms = T0 + 60 * 60_000;
		await write(org, event(1));
		expect(await place('ben')).toMatchObject({
			state: 'waiting',
			previous: 'place',
			position: 1,
			changedAt: at(now.ms)
		});
		expect(await place('ana')).toMatchObject({ state: 'place', changedAt: at(T0 + 30 * 60_000) });

		// an edit that stays "going" keeps the member's turn
		now.ms = T0 + 70 * 60_000;
		await write(ana, rsvp('ana', 'going', offlineAnswer, now.ms));
		expect(await place('ana')).toMatchObject({
			state: 'place',
			receivedAt: at(T0 + 20 * 60_000),
			answeredAt: at(now.ms)
		});
	});

	it('orders answers received in the same millisecond after the ones already placed', async () => {
		const { org, ana, ben, write, event, rsvp, place } = await setup();
		await write(org, event(1));
		await write(ben, rsvp('ben', 'going', T0)); // the test clock does not move
		await write(ana, rsvp('ana', 'going', T0 - 60_000));
		expect((await place('ben'))?.state).toBe('place');
		expect((await place('ana'))?.state).toBe('waiting');
	});

	it('gives the place of a member who deletes everything they wrote to the next in line', async () => {
		const { h, now, org, ana, ben, write, event, rsvp, place } = await setup();
		await write(org, event(1));
		await write(ben, rsvp('ben', 'going', T0));
		now.ms = T0 + 60_000;
		await write(ana, rsvp('ana', 'going', T0));
		now.ms = T0 + 120_000;
		const res = await h.post(
			'/api/account/delete',
			{ password: PASSWORD, deleteContributions: true },
			{ cookie: ben.cookie }
		);
		expect(res.status).toBe(200);
		expect(await place('ana')).toMatchObject({ state: 'place', previous: 'waiting', changedAt: at(now.ms) });
		expect(await place('ben')).toBeNull(); // gone with his answer
	});

	it('refuses place documents from members, storing the rest of the batch', async () => {
		const { h, org, ana, write, event, rsvp, put } = await setup();
		await write(org, event(1));
		const forged = {
			_id: placeId(EVENT, 'ana'),
			type: 'place',
			author: 'ana',
			createdAt: at(T0),
			event: EVENT,
			member: 'ana',
			state: 'place',
			answeredAt: at(T0),
			changedAt: at(T0)
		};
		const single = await put(ana, forged);
		expect(single.status).toBe(403);
		expect(((await single.json()) as { reason: string }).reason).toMatch(/only the server writes .*places/);

		const res = await h.request(`/couch/${COMMUNITY_DB}/_bulk_docs`, {
			method: 'POST',
			headers: { cookie: ana.cookie, 'content-type': 'application/json' },
			body: JSON.stringify({
				docs: await ana.device.signAll([{ ...forged, author: 'praxis' }, rsvp('ana', 'going', T0)])
			})
		});
		const results = (await res.json()) as Array<{ id: string; ok?: boolean; error?: string; reason?: string }>;
		expect(results[0]).toMatchObject({ id: forged._id, error: 'forbidden' });
		expect(results[1]).toMatchObject({ id: rsvpId(EVENT, 'ana'), ok: true });
		// the server's own place document for the answer it stored
		expect(await h.storage.db(COMMUNITY_DB).get(forged._id)).toMatchObject({ author: 'praxis', state: 'place' });
	});

	it('gives RSVPs stored before places existed their places at start, in the order they were answered', async () => {
		const { h, event, rsvp, place } = await setup();
		const db = h.storage.db(COMMUNITY_DB);
		// as an older version stored them: no place documents
		await db.bulkDocs([
			event(1),
			rsvp('ben', 'going', T0 + 2000),
			rsvp('ana', 'going', T0 + 1000),
			rsvp('org', 'maybe', T0)
		]);
		await seed({ storage: h.storage, auth: h.auth, demo: false });
		expect(await place('ana')).toMatchObject({ state: 'place', receivedAt: at(T0 + 1000) });
		expect(await place('ben')).toMatchObject({ state: 'waiting', position: 1, receivedAt: at(T0 + 2000) });
		expect(await place('org')).toMatchObject({ state: 'none' });
		const revs = (await db.allDocs({ startkey: 'place:', endkey: 'place:\ufff0' })).rows.map((r) => r.value.rev);
		await seed({ storage: h.storage, auth: h.auth, demo: false });
		expect((await db.allDocs({ startkey: 'place:', endkey: 'place:\ufff0' })).rows.map((r) => r.value.rev)).toEqual(
			revs
		);
	});

	it('decides at start an answer stored without its place, behind everyone already in line', async () => {
		const { h, now, org, ben, write, event, rsvp, place } = await setup();
		await write(org, event(1));
		await write(ben, rsvp('ben', 'going', T0 + 5000));
		// stored, then the server stopped before deciding (as if): an answer dated earlier
		await h.storage.db(COMMUNITY_DB).put(rsvp('ana', 'going', T0));
		now.ms = T0 + 60_000;
		await seed({ storage: h.storage, auth: h.auth, demo: false, now: new Date(now.ms) });
		expect(await place('ana')).toMatchObject({ state: 'waiting', position: 1, receivedAt: at(now.ms) });
		expect(await place('ben')).toMatchObject({ state: 'place' });
	});

	it('gives the demo events their places when the demo is loaded', async () => {
		const { h } = await setup();
		await seed({ storage: h.storage, auth: h.auth, demo: true });
		const db = h.storage.db(COMMUNITY_DB);
		const rsvps = (await db.allDocs({ startkey: 'rsvp:', endkey: 'rsvp:\ufff0' })).rows;
		const places = (await db.allDocs({ startkey: 'place:', endkey: 'place:\ufff0' })).rows;
		expect(rsvps.length).toBeGreaterThan(0);
		expect(places.map((r) => r.id.replace(/^place:/, ''))).toEqual(rsvps.map((r) => r.id.replace(/^rsvp:/, '')));
	});
});

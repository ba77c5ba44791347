import { describe, expect, it } from 'vitest';
import {
	attendanceFrom,
	decidePlaces,
	type PlaceDraft,
	type PlaceFacts,
	type RsvpFacts
} from '../../../src/lib/domain/places';
import { notificationsFor, SYSTEM_ACTOR, type NotifyLookup } from '../../../src/lib/domain/notifications';

const EVENT = 'event:01JCPAC0000000000000000009';
const t = (minute: number) => `2026-11-02T09:${String(minute).padStart(2, '0')}:00.000Z`;
const r = (author: string, status: RsvpFacts['status'], created: number, updated?: number): RsvpFacts => ({
	author,
	status,
	createdAt: t(created),
	...(updated === undefined ? {} : { updatedAt: t(updated) })
});
const p = (
	member: string,
	state: PlaceFacts['state'],
	answered: number,
	extra: Partial<PlaceFacts> = {}
): PlaceFacts => ({
	member,
	state,
	answeredAt: t(answered),
	changedAt: t(answered),
	...extra
});

describe('attendanceFrom (what a device shows)', () => {
	it('reads places and the waiting list from the server, in its order', () => {
		const a = attendanceFrom(
			[
				r('ana', 'going', 1),
				r('ben', 'going', 2),
				r('cyd', 'going', 3),
				r('dan', 'maybe', 4),
				r('eve', 'not-going', 5)
			],
			[
				p('ana', 'waiting', 1, { position: 2, receivedAt: t(30) }),
				p('ben', 'place', 2, { receivedAt: t(10) }),
				p('cyd', 'waiting', 3, { position: 1, receivedAt: t(20) })
			]
		);
		expect(a).toEqual({ going: ['ben'], waiting: ['cyd', 'ana'], pending: [], maybe: ['dan'], notGoing: ['eve'] });
	});

	it('shows a "going" the server has not placed yet as pending, whatever its device clock says', () => {
		const a = attendanceFrom([r('ana', 'going', 1), r('ben', 'going', 5, 8)], [p('ben', 'place', 5)]);
		// ana: no place document; ben: his newer answer is not reflected yet
		expect(a.pending).toEqual(['ana', 'ben']);
		expect(a.going).toEqual([]);
	});

	it('takes a newer answer that is not "going" as given, and ignores places of withdrawn answers', () => {
		const a = attendanceFrom(
			[r('ana', 'maybe', 1, 9), { ...r('ben', 'going', 2), _deleted: true }],
			[p('ana', 'place', 1), p('ben', 'place', 2)]
		);
		expect(a).toEqual({ going: [], waiting: [], pending: [], maybe: ['ana'], notGoing: [] });
	});
});

describe('decidePlaces (the server)', () => {
	const asFacts = (docs: PlaceDraft[], before: PlaceFacts[] = []) => {
		const out = new Map(before.map((d) => [d.member, d]));
		for (const d of docs) out.set(d.member, d);
		return [...out.values()];
	};

	it('orders by receipt, not by the answer time, and keeps a place against earlier-dated answers', () => {
		const first = decidePlaces({ eventId: EVENT, capacity: 1, rsvps: [r('ben', 'going', 10)], places: [], now: t(10) });
		expect(first).toMatchObject([{ member: 'ben', state: 'place', receivedAt: t(10), author: 'praxis', event: EVENT }]);
		const second = decidePlaces({
			eventId: EVENT,
			capacity: 1,
			rsvps: [r('ben', 'going', 10), r('ana', 'going', 1)],
			places: asFacts(first),
			now: t(20)
		});
		// only ana's document changes
		expect(second).toHaveLength(1);
		expect(second[0]).toMatchObject({
			member: 'ana',
			state: 'waiting',
			position: 1,
			answeredAt: t(1),
			receivedAt: t(20)
		});
		expect(second[0].previous).toBeUndefined();
	});

	it('promotes the first in line when a place frees up, and records the change', () => {
		const places = [
			p('ben', 'place', 10, { receivedAt: t(10) }),
			p('ana', 'waiting', 1, { receivedAt: t(20), position: 1 }),
			p('cyd', 'waiting', 2, { receivedAt: t(25), position: 2 })
		];
		const out = decidePlaces({
			eventId: EVENT,
			capacity: 1,
			rsvps: [r('ben', 'not-going', 10, 30), r('ana', 'going', 1), r('cyd', 'going', 2)],
			places,
			now: t(31)
		});
		const by = new Map(out.map((d) => [d.member, d]));
		expect(by.get('ben')).toMatchObject({ state: 'none', previous: 'place', changedAt: t(31), answeredAt: t(30) });
		expect(by.get('ben')?.receivedAt).toBeUndefined();
		expect(by.get('ana')).toMatchObject({ state: 'place', previous: 'waiting', changedAt: t(31) });
		expect(by.get('ana')?.position).toBeUndefined();
		// moved up the line: a new position, the same state since t(2)
		expect(by.get('cyd')).toMatchObject({ state: 'waiting', position: 1, changedAt: t(2) });
	});

	it('moves the last placed to the waiting list when the capacity goes down; none without capacity', () => {
		const places = [p('ana', 'place', 1, { receivedAt: t(10) }), p('ben', 'place', 2, { receivedAt: t(20) })];
		const rsvps = [r('ana', 'going', 1), r('ben', 'going', 2)];
		expect(decidePlaces({ eventId: EVENT, capacity: 1, rsvps, places, now: t(40) })).toMatchObject([
			{ member: 'ben', state: 'waiting', previous: 'place', position: 1 }
		]);
		expect(decidePlaces({ eventId: EVENT, rsvps, places, now: t(40) })).toEqual([]);
	});

	it('keeps the turn of an edit that stays "going"; going → maybe → going goes to the back', () => {
		const places = [
			p('ana', 'place', 1, { receivedAt: t(10) }),
			p('ben', 'waiting', 2, { receivedAt: t(20), position: 1 })
		];
		const edited = decidePlaces({
			eventId: EVENT,
			capacity: 1,
			rsvps: [r('ana', 'going', 1, 50), r('ben', 'going', 2)],
			places,
			now: t(50)
		});
		expect(edited).toMatchObject([{ member: 'ana', state: 'place', receivedAt: t(10), answeredAt: t(50) }]);
		const left = decidePlaces({
			eventId: EVENT,
			capacity: 1,
			rsvps: [r('ana', 'maybe', 1, 51), r('ben', 'going', 2)],
			places,
			now: t(51)
		});
		const back = decidePlaces({
			eventId: EVENT,
			capacity: 1,
			rsvps: [r('ana', 'going', 1, 52), r('ben', 'going', 2)],
			places: asFacts(left, places),
			now: t(52)
		});
		expect(back).toMatchObject([{ member: 'ana', state: 'waiting', previous: 'none', receivedAt: t(52), position: 1 }]);
	});

	it('never puts an answer received later ahead, even with the same or an earlier server clock', () => {
		const places = [p('ben', 'place', 5, { receivedAt: t(30) })];
		const out = decidePlaces({
			eventId: EVENT,
			capacity: 1,
			rsvps: [r('ben', 'going', 5), r('ana', 'going', 1)],
			places,
			now: t(29)
		});
		expect(out).toMatchObject([{ member: 'ana', state: 'waiting', receivedAt: '2026-11-02T09:30:00.001Z' }]);
	});

	it('backfills in the order members answered, and writes nothing when nothing changed', () => {
		const rsvps = [r('ben', 'going', 2), r('ana', 'going', 1), r('cyd', 'maybe', 0)];
		const out = decidePlaces({
			eventId: EVENT,
			capacity: 1,
			rsvps,
			places: [],
			now: t(59),
			receivedAt: (x) => x.updatedAt ?? x.createdAt
		});
		expect(out.map((d) => [d.member, d.state, d.receivedAt])).toEqual([
			['ben', 'waiting', t(2)],
			['ana', 'place', t(1)],
			['cyd', 'none', undefined]
		]);
		expect(decidePlaces({ eventId: EVENT, capacity: 1, rsvps, places: out, now: t(59) })).toEqual([]);
	});
});

describe('notifications of places', () => {
	const event = { _id: EVENT, type: 'event', title: 'Road safety meetup', organisers: ['org'] };
	const lookup: NotifyLookup = { get: async (id) => (id === EVENT ? event : null), myRsvp: async () => 'going' };
	const doc = (member: string, state: string, previous?: string) => ({
		_id: `place:${EVENT.slice(6)}:${member}`,
		type: 'place',
		author: 'praxis',
		event: EVENT,
		member,
		state,
		...(previous ? { previous } : {}),
		answeredAt: t(1),
		changedAt: t(40)
	});
	const texts = async (d: Record<string, unknown>, me: string) =>
		(await notificationsFor(d, me, lookup)).map((n) => [n.actor, n.text, n.id, n.href]);

	it('tells the member of a change they did not make, with a stable id', async () => {
		const id = `event:place:${EVENT.slice(6)}:ana@${t(40)}`;
		const href = `/events/${EVENT.slice(6)}`;
		expect(await texts(doc('ana', 'place', 'waiting'), 'ana')).toEqual([
			[SYSTEM_ACTOR, 'You have a place at “Road safety meetup” now.', id, href]
		]);
		expect(await texts(doc('ana', 'waiting', 'place'), 'ana')).toEqual([
			[SYSTEM_ACTOR, 'You are now on the waiting list for “Road safety meetup”.', id, href]
		]);
		// their own answers: the first one, leaving, coming back
		for (const [state, previous] of [
			['place', undefined],
			['waiting', undefined],
			['none', 'place'],
			['waiting', 'none']
		])
			expect(await texts(doc('ana', state!, previous), 'ana'), `${previous} → ${state}`).toEqual([]);
		expect(await texts(doc('ana', 'place', 'waiting'), 'ben')).toEqual([]);
	});

	it('tells the organisers of every change of a member’s place', async () => {
		const org = async (state: string, previous?: string) =>
			(await texts(doc('ana', state, previous), 'org'))[0]?.slice(0, 2);
		expect(await org('place')).toEqual(['ana', 'got a place at “Road safety meetup”']);
		expect(await org('waiting')).toEqual(['ana', 'joined the waiting list of “Road safety meetup”']);
		expect(await org('waiting', 'place')).toEqual(['ana', 'moved to the waiting list of “Road safety meetup”']);
		expect(await org('place', 'waiting')).toEqual(['ana', 'got a place at “Road safety meetup”']);
		expect(await org('none', 'place')).toEqual(['ana', 'gave up a place at “Road safety meetup”']);
		expect(await org('none', 'waiting')).toEqual(['ana', 'left the waiting list of “Road safety meetup”']);
		expect(await org('none')).toBeUndefined();
	});
});

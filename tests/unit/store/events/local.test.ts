// The events/people store on one device (no server): validation and permission errors a member
// sees, edits keep the event's zone-local times, filters and facets, and rebuild() restores every
// projection while device state (read marks, preferences) survives.
import { afterEach, describe, expect, it } from 'vitest';
import { closeTestStores, openTestStore, transactionCounter } from '../support';

afterEach(closeTestStores);

const base = {
	kind: 'workshop' as const,
	title: 'Open data workshop',
	description: 'Hands-on.',
	start: '2030-03-29T01:30', // Europe/Paris, still winter time (UTC+1)
	end: '2030-03-29T04:00',
	timeZone: 'Europe/Paris',
	venue: 'Library',
	region: 'Bretagne',
	tags: ['Open Data']
};

describe('events on one device', () => {
	it('creates, filters, edits and refuses what the rules refuse', async () => {
		const store = await openTestStore({ name: 'olga' });
		await expect(store.events.createEvent({ ...base, venue: undefined })).rejects.toThrow(
			/venue, an address or an online link/
		);
		await expect(store.events.createEvent({ ...base, end: '2030-03-28T01:00' })).rejects.toThrow(
			/end must not be before start/
		);
		await expect(store.events.createEvent({ ...base, timeZone: 'Mars/Olympus' })).rejects.toThrow();
		const id = await store.events.createEvent({ ...base, organisers: ['Pavel'] });
		const e = await store.events.get(id);
		expect(e).toMatchObject({
			start: '2030-03-29T00:30:00.000Z',
			organisers: ['olga', 'pavel'],
			tags: ['open-data'],
			canEdit: true,
			canMarkOfficial: false
		});
		await expect(store.events.markOfficial(id, true)).rejects.toThrow(/moderators/);

		expect((await store.events.list({ now: '2030-01-01T00:00:00.000Z' })).map((x) => x.id)).toEqual([id]);
		expect(await store.events.list({ now: '2031-01-01T00:00:00.000Z' })).toEqual([]);
		expect((await store.events.list({ when: 'past', now: '2031-01-01T00:00:00.000Z' })).map((x) => x.id)).toEqual([id]);
		expect(await store.events.list({ when: 'all', kind: 'webinar' })).toEqual([]);
		expect((await store.events.list({ when: 'all', tag: 'open-data', region: 'Bretagne' })).length).toBe(1);
		expect(await store.events.facets()).toEqual({ tags: ['open-data'], regions: ['Bretagne'] });

		await store.events.editEvent(id, {
			...base,
			title: 'Open data workshop (moved)',
			start: '2030-04-05T10:00',
			end: '2030-04-05T12:00',
			capacity: 2
		});
		expect(await store.events.get(id)).toMatchObject({
			title: 'Open data workshop (moved)',
			start: '2030-04-05T08:00:00.000Z',
			capacity: 2,
			organisers: ['olga', 'pavel']
		});
	});

	it('reads places from the server’s place documents; an answer none reflects yet is pending', async () => {
		const store = await openTestStore({ name: 'nina' });
		const id = await store.events.createEvent({ ...base, capacity: 1 });
		await store.events.rsvp(id, 'going');
		const mine = await store.replica.community.get<{ createdAt: string; updatedAt?: string }>(
			`rsvp:${id.slice('event:'.length)}:nina`
		);
		expect((await store.events.get(id))?.attendance).toMatchObject({ going: [], pending: ['nina'] });

		const place = (member: string, state: string, answeredAt: string, position?: number) => ({
			_id: `place:${id.slice('event:'.length)}:${member}`,
			type: 'place',
			author: 'praxis',
			createdAt: '2030-01-01T00:00:00.000Z',
			event: id,
			member,
			state,
			answeredAt,
			receivedAt: '2030-01-01T00:00:00.000Z',
			changedAt: '2030-01-01T00:00:00.000Z',
			...(position ? { position } : {})
		});
		await store.replica.community.bulkDocs([
			place('nina', 'waiting', mine.updatedAt ?? mine.createdAt, 1),
			place('pavel', 'place', '2029-12-31T00:00:00.000Z')
		]);
		await store.replica.community.put({
			_id: `rsvp:${id.slice('event:'.length)}:pavel`,
			type: 'rsvp',
			author: 'pavel',
			createdAt: '2029-12-31T00:00:00.000Z',
			event: id,
			status: 'going'
		});
		await store.events.projected();
		const e = (await store.events.get(id))!;
		expect(e.attendance).toMatchObject({ going: ['pavel'], waiting: ['nina'], pending: [] });
		expect([e.going, e.waiting]).toEqual([1, 1]);
		// the organiser's inbox: who got a place (her own first answer tells her nothing)
		expect((await store.people.notifications()).map((n) => [n.actor, n.text])).toEqual([
			['pavel', 'got a place at “Open data workshop”']
		]);
		// a new answer stands as given; "going" again is pending until the server reflects it
		await store.events.rsvp(id, 'maybe');
		expect((await store.events.get(id))?.attendance).toMatchObject({ waiting: [], pending: [], maybe: ['nina'] });
		await store.events.rsvp(id, 'going');
		expect((await store.events.get(id))?.attendance).toMatchObject({ waiting: [], pending: ['nina'] });
		await store.rebuild();
		expect((await store.events.get(id))?.attendance).toMatchObject({ going: ['pavel'], pending: ['nina'] });
	});

	it('rebuild restores events, RSVPs, messages and notifications; read marks and preferences survive', async () => {
		const store = await openTestStore({ name: 'olga' });
		const id = await store.events.createEvent(base);
		await store.events.rsvp(id, 'maybe');
		await store.events.rsvp(id, 'going');
		await store.replica.private.put({
			_id: 'message:01JFAAAAAAAAAAAAAAAAAAAAA1',
			type: 'message',
			author: 'pavel',
			createdAt: '2030-01-01T00:00:00.000Z',
			to: 'olga',
			body: 'Hi Olga'
		});
		await store.events.projected();
		expect(await store.people.unreadNotifications()).toBe(1);
		await store.people.markNotificationsRead();
		await store.people.setNotificationPrefs({ ...(await store.people.notificationPrefs()), event: false });

		await store.rebuild();
		expect((await store.events.get(id))?.myStatus).toBe('going');
		expect((await store.people.conversations()).map((c) => c.peer)).toEqual(['pavel']);
		expect((await store.people.notifications()).map((n) => [n.kind, n.read])).toEqual([['message', true]]);
		expect((await store.people.notificationPrefs()).event).toBe(false);
	});

	it('marks a conversation and notifications read in one transaction each (a reload right after cannot cut it in half)', async () => {
		const transactions = transactionCounter();
		try {
			const store = await openTestStore();
			for (const [i, body] of ['Hi there', 'Are you there?'].entries()) {
				await store.replica.private.put({
					_id: `message:01JFAAAAAAAAAAAAAAAAAAAAA${i + 1}`,
					type: 'message',
					author: 'pavel',
					createdAt: `2030-01-01T00:0${i}:00.000Z`,
					to: store.member.name,
					body
				});
			}
			await store.events.projected();
			expect((await store.people.conversations())[0]).toMatchObject({ peer: 'pavel', unread: 2 });
			expect(await store.people.unreadNotifications()).toBe(2);
			expect(await transactions.count(() => store.people.markConversationRead('pavel'))).toBe(1);
			expect((await store.people.conversations())[0].unread).toBe(0);
			expect(await store.people.unreadNotifications()).toBe(0);
			await store.replica.private.put({
				_id: 'message:01JFAAAAAAAAAAAAAAAAAAAAA3',
				type: 'message',
				author: 'pavel',
				createdAt: '2030-01-01T00:05:00.000Z',
				to: store.member.name,
				body: 'Ping'
			});
			await store.events.projected();
			expect(await store.people.unreadNotifications()).toBe(1);
			expect(await transactions.count(() => store.people.markNotificationsRead())).toBe(1);
			expect(await store.people.unreadNotifications()).toBe(0);
		} finally {
			transactions.restore();
		}
	});
});

// Acceptance (store + sync controller + the real Praxis server over a socket):
//  - an event created before sync ever ran (offline) reaches the server and another member;
//  - two members RSVP to an event with capacity 1: both devices and the server agree who goes
//    and who waits (the server's place documents, in the order it received the answers);
//  - a profile field marked "only me" never reaches the server's community db or another device;
//  - a direct message reaches the other member, with an unread count;
//  - a reply and an @mention produce notifications for the thread's author.
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../server/support/harness';
import { createSyncController, type SyncController } from '../../../../src/lib/sync/controller';
import { attendanceOf } from '../../../../src/lib/pouch/attendance';
import { userDbName } from '../../../../src/lib/domain/ids';
import { closeTestStores, openTestStore, uniqueName } from '../support';
import { recordingStatus, until } from '../../sync/support';
import type { TestStore as Store } from '../support';

let harness: Harness | null = null;
const controllers: SyncController[] = [];

afterEach(async () => {
	await Promise.all(controllers.splice(0).map((c) => c.stop()));
	await closeTestStores();
	await harness?.close();
	harness = null;
});

interface Device {
	name: string;
	store: Store;
	cookie: string;
	start(): void;
}

async function device(h: Harness, base: string): Promise<Device> {
	const name = uniqueName('e').replace(/[^a-z0-9_-]/g, '');
	const cookie = await h.register(name);
	const store = await openTestStore({ name });
	const fetchWithCookie: typeof fetch = (input, init) => {
		const headers = new Headers(init?.headers);
		headers.set('cookie', cookie);
		return fetch(input, { ...init, headers });
	};
	const start = () => {
		const controller = createSyncController({
			replica: store.replica,
			remoteBase: `${base}/couch`,
			username: name,
			fetch: fetchWithCookie,
			status: recordingStatus(),
			network: { isOnline: () => true, subscribe: () => () => {} },
			delay: () => 50
		});
		controllers.push(controller);
		controller.start();
	};
	return { name, store, cookie, start };
}

const input = (title: string, capacity?: number) => ({
	kind: 'meetup' as const,
	title,
	description: 'Bring questions.',
	start: '2026-10-24T09:00',
	end: '2026-10-24T11:00',
	timeZone: 'Europe/Paris',
	venue: 'Village hall',
	tags: ['procurement'],
	region: 'Auvergne',
	capacity
});

async function couchGet(h: Harness, cookie: string, path: string) {
	const res = await h.request(`/couch/${path}`, { headers: { cookie } });
	return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('events and people through the server', () => {
	it('syncs an event created offline; capacity 1: devices and server agree who goes and who waits', async () => {
		harness = createHarness();
		const base = await harness.listen();
		const a = await device(harness, base);
		const b = await device(harness, base);
		const id = await a.store.events.createEvent(input('Offline-made meetup', 1));
		expect((await a.store.events.get(id))?.pending).toBe(true);
		expect((await a.store.events.get(id))?.start).toBe('2026-10-24T07:00:00.000Z');
		a.start();
		b.start();
		await until(async () => (await b.store.events.get(id)) !== undefined, 15_000);
		expect((await harness.storage.db('community').get(id)) as Record<string, unknown>).toMatchObject({
			title: 'Offline-made meetup',
			capacity: 1
		});
		await until(async () => (await a.store.events.get(id))?.pending === false, 15_000);

		await a.store.events.rsvp(id, 'going');
		expect((await a.store.events.get(id))!.attendance.pending).toEqual([a.name]); // until the server places it
		await until(async () => (await a.store.events.get(id))!.attendance.going.includes(a.name), 15_000);
		await b.store.events.rsvp(id, 'going');
		const settled = async (s: Store) => {
			const e = await s.events.get(id);
			return e !== undefined && e.attendance.going.length + e.attendance.waiting.length === 2;
		};
		await until(async () => (await settled(a.store)) && (await settled(b.store)), 15_000);
		const onA = (await a.store.events.get(id))!.attendance;
		const onB = (await b.store.events.get(id))!.attendance;
		const onServer = await attendanceOf(harness.storage.db('community'), id);
		expect(onA).toEqual(onB);
		expect(onA).toEqual(onServer);
		expect(onA.going).toHaveLength(1);
		expect(onA.waiting).toHaveLength(1);
		expect(onA.pending).toEqual([]);
		expect(onA.going[0]).toBe(a.name); // the server received a's answer first
		expect((await b.store.events.get(id))!.myStatus).toBe('going');
	});

	it('keeps "only me" fields off the server and other devices; delivers messages; notifies replies and mentions', async () => {
		harness = createHarness();
		const base = await harness.listen();
		const a = await device(harness, base);
		const b = await device(harness, base);
		await harness.storage.db('community').put({
			_id: 'category:general',
			type: 'category',
			author: 'praxis',
			createdAt: new Date().toISOString(),
			name: 'General',
			description: '',
			order: 1
		});
		// the server writes each member's first profile at registration: edit on top of it
		a.start();
		b.start();
		await until(async () => (await a.store.getProfile(a.name)) !== undefined, 15_000);
		await a.store.people.saveProfile({
			displayName: 'Ana A',
			organization: 'City of Lyon',
			bio: 'SECRET-BIO: my home phone',
			expertise: ['procurement'],
			mentor: true,
			visibility: { bio: 'me', organization: 'members' }
		});
		expect((await a.store.people.myProfile()).bio).toBe('SECRET-BIO: my home phone');
		expect((await a.store.people.myProfile()).visibility.bio).toBe('me');
		await until(async () => (await b.store.getProfile(a.name))?.organization === 'City of Lyon', 15_000);
		await until(async () => (await a.store.pendingCount()) === 0, 15_000);
		const seenByB = await b.store.getProfile(a.name);
		expect(seenByB?.bio).toBeUndefined();
		const all = await b.store.replica.community.allDocs({ include_docs: true });
		expect(JSON.stringify(all.rows)).not.toContain('SECRET-BIO');
		expect(JSON.stringify((await harness.storage.db('community').allDocs({ include_docs: true })).rows)).not.toContain(
			'SECRET-BIO'
		);
		expect((await couchGet(harness, b.cookie, `${userDbName(a.name)}/profile-private:${a.name}`)).status).toBe(403);
		expect((await couchGet(harness, a.cookie, `${userDbName(a.name)}/profile-private:${a.name}`)).body.bio).toBe(
			'SECRET-BIO: my home phone'
		);

		// direct message a → b
		await a.store.people.sendMessage(b.name, 'Hello from Ana');
		await until(async () => (await b.store.people.conversations()).length === 1, 15_000);
		const [conv] = await b.store.people.conversations();
		expect(conv).toMatchObject({ peer: a.name, unread: 1 });
		expect(await b.store.people.unreadNotifications()).toBe(1);
		await b.store.people.markConversationRead(a.name);
		expect((await b.store.people.conversations())[0].unread).toBe(0);
		expect(await b.store.people.unreadNotifications()).toBe(0); // reading the conversation reads its notification

		// b replies to a's thread and mentions a elsewhere → two notifications for a
		const thread = await a.store.createThread({
			category: 'general',
			title: 'Exit clauses',
			body: 'Which do you use?',
			tags: []
		});
		await until(async () => (await b.store.getThread(thread)) !== undefined, 15_000);
		await b.store.reply({ thread, body: 'We use a 90-day plan.' });
		await b.store.createThread({
			category: 'general',
			title: 'Who knows SLAs?',
			body: `Maybe @${a.name} can help.`,
			tags: []
		});
		await until(async () => (await a.store.people.notifications()).length >= 2, 15_000);
		const mine = await a.store.people.notifications();
		expect(mine.map((n) => n.kind).sort()).toEqual(['mention', 'reply']);
		expect(mine.find((n) => n.kind === 'reply')?.href).toMatch(
			new RegExp(`^/forums/t/${thread.slice('thread:'.length)}#`)
		);
		expect(await a.store.people.unreadNotifications()).toBe(2);
		// b was notified of a's message only (b's own writes never notify b)
		expect((await b.store.people.notifications()).map((n) => n.kind)).toEqual(['message']);
		// preferences hide a kind without losing it
		await a.store.people.setNotificationPrefs({ ...(await a.store.people.notificationPrefs()), mention: false });
		expect((await a.store.people.notifications()).map((n) => n.kind)).toEqual(['reply']);
		expect(await a.store.people.unreadNotifications()).toBe(1);
		await a.store.people.markNotificationsRead();
		expect(await a.store.people.unreadNotifications()).toBe(0);
	});

	it('mentorship request → accept → complete, and attendance recorded offline by the organiser, agree everywhere', async () => {
		harness = createHarness();
		const base = await harness.listen();
		const mentee = await device(harness, base);
		const mentor = await device(harness, base);
		mentee.start();
		mentor.start();
		// only a member open to mentoring takes requests: the mentee's device sees the profile first
		await until(async () => (await mentor.store.getProfile(mentor.name)) !== undefined, 15_000);
		await mentor.store.people.saveProfile({ displayName: 'Mentor M', expertise: ['procurement'], mentor: true });
		await until(async () => (await mentee.store.getProfile(mentor.name))?.mentor === true, 15_000);
		const request = await mentee.store.people.requestMentorship(mentor.name, 'Learn cloud procurement');
		await until(async () => (await mentor.store.people.mentorships()).asMentor.length === 1, 15_000);
		expect((await mentor.store.people.notifications()).map((n) => n.kind)).toEqual(['mentorship']);
		await mentor.store.people.answerMentorship(request, 'accepted');
		await until(async () => (await mentee.store.people.mentorships()).asMentee[0]?.state === 'active', 15_000);
		await expect(mentee.store.people.answerMentorship(request, 'accepted')).rejects.toThrow(/mentor/);
		await mentee.store.people.completeMentorship(request);
		await until(async () => (await mentor.store.people.mentorships()).asMentor[0]?.state === 'completed', 15_000);

		// the organiser records attendance (the store writes offline; the server checks the organiser)
		const event = await mentor.store.events.createEvent({ ...input('Meetup'), capacity: undefined });
		await until(async () => (await mentee.store.events.get(event)) !== undefined, 15_000);
		await mentee.store.events.rsvp(event, 'going');
		await until(async () => (await mentor.store.events.get(event))?.attendance.going.length === 1, 15_000);
		await mentor.store.events.recordAttendance(event, mentee.name, true);
		await expect(mentee.store.events.recordAttendance(event, mentee.name, true)).rejects.toThrow(/organisers/);
		await until(async () => (await mentee.store.events.get(event))?.records.length === 1, 15_000);
		const id = `attendance:${event.slice('event:'.length)}:${mentee.name}`;
		expect(await harness.storage.db('community').get(id)).toMatchObject({ attended: true, author: mentor.name });
	});
});

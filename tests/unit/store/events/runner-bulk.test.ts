// The events/people runner over a large feed: threads, replies (every 10th to a thread of the
// member), events and RSVPs, applied over many of the runner's batches. Checks the events listed
// and the notifications derived. There are more threads than the runner keeps in memory for
// look-ups, so the member's thread has to be read back from the replica when its replies arrive.
// How long this takes at forum size is measured by bench/projector.ts, not asserted here.
import { afterEach, expect, it } from 'vitest';
import { closeTestStores, openTestStore, postDoc, threadDoc } from '../support';

afterEach(closeTestStores);

// More than the runner's recent-documents cache (5,000) before the first reply.
const THREADS = 6_000;
const REPLIES = 1_000;
const EVENTS = 100;
const ulid = (prefix: string, i: number) => `${prefix}${String(i).padStart(26 - prefix.length, '0')}`;

it('projects a large feed and derives its notifications', async () => {
	const store = await openTestStore({ name: 'alice' });
	const threads = Array.from({ length: THREADS }, (_, i) => threadDoc(ulid('01JA', i), 'general', i, { author: i % 1000 === 0 ? 'alice' : 'bob' }));
	const posts = Array.from({ length: REPLIES }, (_, i) => postDoc(ulid('01JB', i), threads[i % 10 === 0 ? 0 : 1 + (i % 999)]._id, 20_000 + i));
	const events = Array.from({ length: EVENTS }, (_, i) => ({
		_id: `event:${ulid('01JC', i)}`, type: 'event', author: 'bob', createdAt: '2026-01-01T00:00:00.000Z', kind: 'webinar', title: `Webinar ${i}`, description: '',
		start: new Date(Date.UTC(2026, 0, 1 + i)).toISOString(), end: new Date(Date.UTC(2026, 0, 1 + i, 2)).toISOString(), timeZone: 'UTC', location: { online: 'https://meet.example/x' }, organisers: ['bob'], tags: ['t' + (i % 5)]
	}));
	const rsvps = events.flatMap((e, i) => ['carl', 'dana', 'erik', 'fay'].map((who) => ({ _id: `rsvp:${e._id.slice(6)}:${who}`, type: 'rsvp', author: who, createdAt: '2026-01-01T00:00:00.000Z', event: e._id, status: i % 2 ? 'going' : 'maybe' })));
	for (let i = 0; i < threads.length; i += 2_000) await store.community.bulkDocs(threads.slice(i, i + 2_000));
	await store.community.bulkDocs(posts);
	await store.community.bulkDocs([...events, ...rsvps]);
	await store.events.projected();
	expect((await store.events.list({ when: 'all' })).length).toBe(EVENTS);
	expect(await store.people.unreadNotifications()).toBe(REPLIES / 10); // the replies in alice's thread 0
});

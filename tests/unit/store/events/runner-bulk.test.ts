// The events/people runner over a forum-sized feed: 10,000 threads, 5,000 replies (every 10th
// to a thread of the member) and 500 events with 2,000 RSVPs. Prints the time it takes (on
// fake-indexeddb, slower than a browser) and checks the notifications derived.
import { afterEach, expect, it } from 'vitest';
import { closeTestStores, openTestStore, postDoc, threadDoc } from '../support';

afterEach(closeTestStores);

const ulid = (prefix: string, i: number) => `${prefix}${String(i).padStart(26 - prefix.length, '0')}`;

it('projects a large feed and derives its notifications in seconds', async () => {
	const store = await openTestStore({ name: 'alice' });
	const threads = Array.from({ length: 10_000 }, (_, i) => threadDoc(ulid('01JA', i), 'general', i, { author: i % 1000 === 0 ? 'alice' : 'bob' }));
	const posts = Array.from({ length: 5_000 }, (_, i) => postDoc(ulid('01JB', i), threads[i % 10 === 0 ? 0 : 1 + (i % 999)]._id, 20_000 + i));
	const events = Array.from({ length: 500 }, (_, i) => ({
		_id: `event:${ulid('01JC', i)}`, type: 'event', author: 'bob', createdAt: '2026-01-01T00:00:00.000Z', kind: 'webinar', title: `Webinar ${i}`, description: '',
		start: new Date(Date.UTC(2026, 0, 1 + i)).toISOString(), end: new Date(Date.UTC(2026, 0, 1 + i, 2)).toISOString(), timeZone: 'UTC', location: { online: 'https://meet.example/x' }, organisers: ['bob'], tags: ['t' + (i % 5)]
	}));
	const rsvps = events.flatMap((e, i) => ['carl', 'dana', 'erik', 'fay'].map((who) => ({ _id: `rsvp:${e._id.slice(6)}:${who}`, type: 'rsvp', author: who, createdAt: '2026-01-01T00:00:00.000Z', event: e._id, status: i % 2 ? 'going' : 'maybe' })));
	for (let i = 0; i < threads.length; i += 2_000) await store.community.bulkDocs(threads.slice(i, i + 2_000));
	await store.community.bulkDocs(posts);
	await store.community.bulkDocs([...events, ...rsvps]);
	const t0 = performance.now();
	await store.events.projected();
	const ms = performance.now() - t0;
	console.log(`events runner over 17,500 docs: ${ms.toFixed(0)} ms`);
	expect((await store.events.list({ when: 'all' })).length).toBe(500);
	expect(await store.people.unreadNotifications()).toBe(500); // the replies in alice's thread 0
	expect(ms).toBeLessThan(60_000);
}, 120_000);

// The events/people projection over a large feed: threads, replies (every 10th to a thread of the
// member), events and RSVPs, applied over many of the community follower's batches. Checks the
// events listed and the notifications derived. There are more threads than the projection keeps
// in memory for look-ups, so the member's thread has to be read back from the replica when its
// replies arrive. How long this takes at forum size is measured by bench/projector.ts, not asserted here.
import { afterEach, expect, it } from 'vitest';
import { closeTestStores, eventsFeed, openTestStore } from '../support';

afterEach(closeTestStores);

// More than the projection's recent-documents cache (5,000) before the first reply.
const THREADS = 6_000;
const REPLIES = 1_000;
const EVENTS = 100;

it('projects a large feed and derives its notifications', async () => {
	const store = await openTestStore({ name: 'alice' });
	const { threads, posts, events, rsvps } = eventsFeed({ threads: THREADS, replies: REPLIES, events: EVENTS });
	for (let i = 0; i < threads.length; i += 2_000) await store.replica.community.bulkDocs(threads.slice(i, i + 2_000));
	await store.replica.community.bulkDocs(posts);
	await store.replica.community.bulkDocs([...events, ...rsvps]);
	await store.events.projected();
	expect((await store.events.list({ when: 'all' })).length).toBe(EVENTS);
	expect(await store.people.unreadNotifications()).toBe(REPLIES / 10); // the replies in alice's thread 0
});

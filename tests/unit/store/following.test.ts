// What the member follows, through the store: saved in their private database, read back, used by
// the notifications derived afterwards, muting hides a thread's notifications at once, and the
// forum index's counts of new threads in watched categories.
import { afterEach, describe, expect, it } from 'vitest';
import { categoryDoc, closeTestStores, openTestStore, postDoc, threadDoc, uniqueName, type TestStore } from './support';

afterEach(closeTestStores);

const T1 = 'thread:01JT0000000000000000000001';
const T2 = 'thread:01JT0000000000000000000002';

async function receive(store: TestStore, docs: Array<Record<string, unknown>>): Promise<void> {
	for (const doc of docs) await store.replica.community.put(doc);
	await store.replica.projected();
}

describe('following through the store', () => {
	it('keeps the levels privately, notifies of new posts in watched categories and hides muted threads', async () => {
		const me = uniqueName('follow');
		const store = await openTestStore({ name: me, displayName: 'Ada' });
		await receive(store, [categoryDoc('general'), categoryDoc('other', 2)]);
		await store.people.setFollowLevel('categories', 'general', 'watching');
		expect((await store.people.following()).categories).toEqual({ general: 'watching' });
		const doc = await store.replica.private.get(`following:${me}`);
		expect(doc).toMatchObject({ type: 'following', author: me, categories: { general: 'watching' } });

		await receive(store, [
			threadDoc('01JT0000000000000000000001', 'general', 1),
			threadDoc('01JT0000000000000000000002', 'other', 2),
			postDoc('01JP0000000000000000000001', T1, 3),
			postDoc('01JP0000000000000000000002', T2, 4)
		]);
		const kinds = async () => (await store.people.notifications()).map((n) => [n.kind, n.source]);
		expect(await kinds()).toEqual([
			['following', 'post:01JP0000000000000000000001'],
			['following', T1]
		]);
		expect(await store.people.unreadByCategory()).toEqual({ general: 1 });
		// the home's new replies: the watched category's thread, not the other one
		const since = '2000-01-01T00:00:00.000Z';
		expect((await store.home.repliesSince(since)).items.map((n) => n.thread)).toEqual([T1]);

		await store.people.setFollowLevel('threads', T1, 'muted');
		expect(await store.people.threadFollowLevel(T1)).toBe('muted');
		expect(await store.people.threadFollowLevel(T2)).toBe('normal');
		expect(await kinds()).toEqual([]);
		expect(await store.people.unreadByCategory()).toEqual({ general: 0 });
		expect((await store.home.repliesSince(since)).items).toEqual([]);

		await store.people.setFollowLevel('threads', T1, null);
		expect(await store.people.threadFollowLevel(T1)).toBe('watching');
	});
});

// A member whose account was deleted: their profile's deletion reaches the device, and what they
// wrote (when it stays) is shown as by "Former member" wherever names are looked up; they leave
// the people directory; a name whose profile has not arrived yet is still shown as its username.
import { afterEach, describe, expect, it } from 'vitest';
import { FORMER_MEMBER } from '../../../src/lib/store/types';
import { at, categoryDoc, closeTestStores, openTestStore, postDoc, threadDoc, ULIDS } from './support';

afterEach(closeTestStores);

const profile = (username: string, displayName: string) => ({
	_id: `profile:${username}`,
	type: 'profile',
	author: username,
	createdAt: at(0),
	displayName,
	organization: 'Town hall',
	bio: 'Roads'
});

describe('a former member', () => {
	it('is named "Former member" once the profile’s deletion is projected, and leaves the directory', async () => {
		const store = await openTestStore();
		await store.replica.community.bulkDocs([
			categoryDoc('general'),
			profile('alice', 'Alice Martin'),
			profile('bob', 'Bob Stone'),
			threadDoc(ULIDS.t1, 'general', 1),
			postDoc(ULIDS.p1, `thread:${ULIDS.t1}`, 2)
		]);
		await store.projected();
		expect((await store.displayNames(['alice', 'bob'])).get('alice')).toBe('Alice Martin');
		const found = async (q: string) => (await store.search.search(q)).hits.map((h) => h.id);
		// found by her name: her profile and what she wrote
		expect((await found('Martin')).sort()).toEqual(['profile:alice', `thread:${ULIDS.t1}`]);

		const stored = await store.replica.community.get('profile:alice');
		await store.replica.community.put({
			_id: 'profile:alice',
			_rev: stored._rev,
			_deleted: true,
			type: 'profile',
			author: 'alice',
			createdAt: at(0)
		});
		await store.projected();

		const names = await store.displayNames(['alice', 'bob', 'carol']);
		expect(names.get('alice')).toBe(FORMER_MEMBER);
		expect(names.get('bob')).toBe('Bob Stone');
		expect(names.get('carol')).toBe('carol'); // not synced yet: no tombstone, no guess
		const row = await store.getProfile('alice');
		expect(row).toEqual({ username: 'alice', displayName: FORMER_MEMBER, former: true, rev: expect.any(String) });
		expect((await store.people.list()).map((p) => p.username)).toEqual(['bob']);
		expect((await store.people.list({ q: 'alice' })).length).toBe(0);
		// the display name leaves the search index too: the thread is indexed again by a former member
		expect(await found('Martin')).toEqual([]);
		expect(await found('Former')).toEqual([`thread:${ULIDS.t1}`]);
		await store.search.flush();
		// the thread stays, by its author
		expect(await store.getThread(`thread:${ULIDS.t1}`)).toMatchObject({ author: 'alice', title: `Thread ${ULIDS.t1}` });
	});

	it('is projected the same when the deletion is all the device ever receives (first sync after it)', async () => {
		const store = await openTestStore();
		await store.replica.community.bulkDocs(
			[
				{
					_id: 'profile:alice',
					_rev: '2-b',
					_revisions: { start: 2, ids: ['b', 'a'] },
					_deleted: true,
					type: 'profile',
					author: 'alice',
					createdAt: at(0)
				}
			],
			{ new_edits: false }
		);
		await store.projected();
		expect((await store.displayNames(['alice'])).get('alice')).toBe(FORMER_MEMBER);
	});
});

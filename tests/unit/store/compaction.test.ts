// Superseded revisions on the device: the community replica drops a superseded body as soon as
// the revision replacing it is written (a replicated edit of another member's profile, the
// member's own edit), and a replica filled before that is compacted once when opened.
import { afterEach, describe, expect, it } from 'vitest';
import PouchDB from 'pouchdb';
import { communityDbName } from '../../../src/lib/store/names';
import { REPLICA_COMPACTED_KEY } from '../../../src/lib/store/compaction';
import { PraxisDb } from '../../../src/lib/store/db';
import { closeTestStores, openTestStore, testOptions, uniqueName } from './support';

afterEach(closeTestStores);

const OLD_BIO = 'old bio, since hidden';
const profile = (rev: string, revisions: string[], bio?: string) => ({
	_id: 'profile:ada',
	_rev: rev,
	_revisions: { start: revisions.length, ids: revisions },
	type: 'profile',
	author: 'ada',
	createdAt: '2026-01-01T00:00:00.000Z',
	displayName: 'Ada',
	...(bio ? { bio } : {})
});

describe('the community replica', () => {
	it('keeps no body of another member’s superseded revision once the new one replicates', async () => {
		const store = await openTestStore();
		await store.replica.community.bulkDocs([profile('1-aaaa', ['aaaa'], OLD_BIO)], { new_edits: false });
		expect(await store.replica.community.get('profile:ada')).toMatchObject({ bio: OLD_BIO });
		await store.replica.community.bulkDocs([profile('2-bbbb', ['bbbb', 'aaaa'])], { new_edits: false });
		await expect(store.replica.community.get('profile:ada', { rev: '1-aaaa' })).rejects.toMatchObject({ status: 404 });
		const revs = (await store.replica.community.get('profile:ada', { revs_info: true })) as { _revs_info: unknown[] };
		expect(revs._revs_info).toEqual([
			{ rev: '2-bbbb', status: 'available' },
			{ rev: '1-aaaa', status: 'missing' }
		]);
	});

	it('keeps conflicting leaves readable', async () => {
		const store = await openTestStore();
		await store.replica.community.bulkDocs([profile('1-aaaa', ['aaaa'], OLD_BIO)], { new_edits: false });
		await store.replica.community.bulkDocs(
			[
				{ ...profile('2-bbbb', ['bbbb', 'aaaa']), displayName: 'B' },
				{ ...profile('2-cccc', ['cccc', 'aaaa']), displayName: 'C' }
			],
			{ new_edits: false }
		);
		expect(await store.replica.community.get('profile:ada', { rev: '2-bbbb' })).toMatchObject({ displayName: 'B' });
		expect(await store.replica.community.get('profile:ada', { rev: '2-cccc' })).toMatchObject({ displayName: 'C' });
		await expect(store.replica.community.get('profile:ada', { rev: '1-aaaa' })).rejects.toMatchObject({ status: 404 });
	});

	it('is compacted once when opened, if it was filled before it auto-compacted', async () => {
		const name = uniqueName();
		const before = new PouchDB(communityDbName(name), testOptions.pouchOptions);
		await before.bulkDocs([profile('1-aaaa', ['aaaa'], OLD_BIO)], { new_edits: false });
		await before.bulkDocs([profile('2-bbbb', ['bbbb', 'aaaa'])], { new_edits: false });
		expect(await before.get('profile:ada', { rev: '1-aaaa' })).toMatchObject({ bio: OLD_BIO });
		await before.close();

		const store = await openTestStore({ name });
		const meta = new PraxisDb(name, testOptions.dexieOptions);
		await expect.poll(async () => (await meta.meta.get(REPLICA_COMPACTED_KEY))?.value).toEqual(expect.any(String));
		meta.close();
		await expect(store.replica.community.get('profile:ada', { rev: '1-aaaa' })).rejects.toMatchObject({ status: 404 });
	});
});

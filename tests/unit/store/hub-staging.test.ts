// The hub staging database (store/hub-staging.ts): its revsDiff answers "already here" for what
// community has, so a pull from a hub never downloads it; admit stores verified revisions in
// community with their history.
import { afterEach, describe, expect, it } from 'vitest';
import { categoryDoc, closeTestStores, openTestStore, threadDoc, ULIDS } from './support';

afterEach(closeTestStores);

describe('hub staging', () => {
	it('asks community too in revsDiff, with a promise or a callback', async () => {
		const store = await openTestStore();
		const rev = (await store.replica.community.put(categoryDoc('general'))).rev;
		const staging = store.replica.hubStaging.open();
		const asked = { 'category:general': [rev], [`thread:${ULIDS.t1}`]: ['1-abc'] };
		const expected = { [`thread:${ULIDS.t1}`]: { missing: ['1-abc'] } };
		expect(await staging.revsDiff(asked)).toEqual(expected);
		const viaCallback = await new Promise((resolve, reject) =>
			staging.revsDiff(asked, (err, res) => (err ? reject(err) : resolve(res)))
		);
		expect(viaCallback).toEqual(expected);
	});

	it('admits verified revisions into community with their history', async () => {
		const store = await openTestStore();
		const thread = {
			...threadDoc(ULIDS.t1, 'general', 1),
			_rev: '2-bbbb',
			_revisions: { start: 2, ids: ['bbbb', 'aaaa'] }
		};
		expect(await store.replica.hubStaging.admit([thread])).toEqual(new Map());
		const stored = (await store.replica.community.get(thread._id, { revs: true })) as unknown as {
			_revisions: unknown;
		};
		expect(stored._revisions).toEqual({ start: 2, ids: ['bbbb', 'aaaa'] });
	});

	it('destroys the staging database', async () => {
		const store = await openTestStore();
		await store.replica.hubStaging.open().put({ _id: 'x' });
		await store.replica.hubStaging.destroy();
		expect((await store.replica.hubStaging.open().info()).doc_count).toBe(0);
	});
});

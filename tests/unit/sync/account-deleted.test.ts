// A device whose member's account was deleted elsewhere: at its next contact the server answers
// 401 account_deleted; the sync controller stops for good and calls onAccountDeleted once (the
// session then removes the data), unlike an expired session's 401, which waits for a sign-in.
import { afterEach, describe, expect, it } from 'vitest';
import { createSyncController, type SyncController } from '../../../src/lib/sync/controller';
import { isAccountDeletedAnswer, watchAccountDeleted } from '../../../src/lib/sync/account-deleted';
import { ACCOUNT_DELETED, ACCOUNT_DELETED_REASON } from '../../../src/lib/domain/account-api';
import { userDbName } from '../../../src/lib/domain/ids';
import { categoryDoc, closeTestStores, openTestStore, uniqueName } from '../store/support';
import { fakeNetwork, recordingStatus, startFakeRemote, until, type FakeRemote } from './support';

let remote: FakeRemote | null = null;
let controllers: SyncController[] = [];

afterEach(async () => {
	await Promise.all(controllers.map((c) => c.stop()));
	controllers = [];
	await closeTestStores();
	await remote?.close();
	remote = null;
});

const deletedAnswer = () =>
	new Response(JSON.stringify({ error: ACCOUNT_DELETED, reason: ACCOUNT_DELETED_REASON }), {
		status: 401,
		headers: { 'content-type': 'application/json' }
	});

describe('account deleted', () => {
	it('tells a deletion apart from any other 401, and leaves the answer readable', async () => {
		expect(await isAccountDeletedAnswer(deletedAnswer())).toBe(true);
		expect(await isAccountDeletedAnswer(new Response('{"error":"unauthorized"}', { status: 401 }))).toBe(false);
		expect(await isAccountDeletedAnswer(new Response('not json', { status: 401 }))).toBe(false);
		expect(
			await isAccountDeletedAnswer(new Response(JSON.stringify({ error: ACCOUNT_DELETED }), { status: 200 }))
		).toBe(false);
		let seen = 0;
		const watched = watchAccountDeleted(
			async () => deletedAnswer(),
			() => seen++
		);
		const res = await watched('/couch/community/_changes');
		expect(seen).toBe(1);
		expect(await res.json()).toEqual({ error: ACCOUNT_DELETED, reason: ACCOUNT_DELETED_REASON });
	});

	it('stops the sync for good at the next contact and calls onAccountDeleted once', async () => {
		remote = await startFakeRemote(`/tmp/praxis-sync-${uniqueName('r')}-`);
		const fake = remote;
		const name = uniqueName('u');
		await new fake.ServerPouch<Record<string, unknown>>('community').put(categoryDoc('general'));
		await new fake.ServerPouch(userDbName(name)).info();
		const store = await openTestStore({ name });
		const status = recordingStatus();
		let gone = false;
		let afterGone = 0;
		const fetchFn: typeof fetch = async (input, init) => {
			if (!gone) return fake.fetch(input, init);
			afterGone++;
			return deletedAnswer();
		};
		let called = 0;
		const controller = createSyncController({
			replica: store.replica,
			remoteBase: fake.base,
			username: name,
			fetch: fetchFn,
			status,
			network: fakeNetwork(true),
			delay: () => 50,
			onAccountDeleted: () => called++
		});
		controllers.push(controller);
		controller.start();
		await until(async () => (await store.listCategories()).length === 1 && status.state === 'idle');

		gone = true;
		controller.syncNow();
		await until(() => called === 1);
		expect(status.state).toBe('unauthorized');
		expect(status.error).toBe(ACCOUNT_DELETED_REASON);
		const requests = afterGone;
		await new Promise((r) => setTimeout(r, 200));
		controller.syncNow();
		controller.start();
		await new Promise((r) => setTimeout(r, 100));
		expect(afterGone).toBe(requests); // nothing is tried again
		expect(called).toBe(1);
	});
});

// The sync controller against a stock CouchDB-protocol server over HTTP: two-way replication,
// outbox acknowledgement, per-document refusals, 401, offline/online and backoff retries.
import { afterEach, describe, expect, it } from 'vitest';
import { createSyncController, lastSyncTimes, type SyncController } from '../../../src/lib/sync/controller';
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

async function setup(options: { online?: boolean } = {}) {
	remote = await startFakeRemote(`/tmp/praxis-sync-${uniqueName('r')}-`);
	const name = uniqueName('u');
	const community = new remote.ServerPouch<Record<string, unknown>>('community');
	await community.put(categoryDoc('general'));
	await new remote.ServerPouch(userDbName(name)).info();
	const store = await openTestStore({ name });
	const status = recordingStatus();
	const network = fakeNetwork(options.online ?? true);
	const controller = createSyncController({
		replica: store.replica,
		remoteBase: remote.base,
		username: name,
		fetch: remote.fetch,
		status,
		network,
		delay: () => 50
	});
	controllers.push(controller);
	return { store, status, network, controller, community, name, remote };
}

describe('sync controller', () => {
	it('pulls the community, pushes local writes and empties the outbox', async () => {
		const { store, status, network, controller, community } = await setup();
		controller.start();
		await until(async () => (await store.listCategories()).length === 1);
		// written while the live push is paused by the network going away, so it is surely pending
		// (with the link up, the push can acknowledge it before the next line runs)
		network.set(false);
		const id = await store.createThread({ category: 'general', title: 'Hello', body: 'First', tags: ['a'] });
		expect(await store.isPending(id)).toBe(true);
		network.set(true);
		await until(async () => (await store.pendingCount()) === 0);
		expect((await community.get(id)).title).toBe('Hello');
		await until(() => status.state === 'idle' && status.pending === 0);
		expect(status.lastSyncedAt).not.toBeNull();
		expect(status.states).toContain('syncing');
		// a change made on the server arrives live
		await community.put({ ...categoryDoc('open-data', 2) });
		await until(async () => (await store.listCategories()).length === 2);
	});

	it('reports first-sync progress as received of total', async () => {
		const { status, controller, community } = await setup();
		await community.bulkDocs(Array.from({ length: 30 }, (_, i) => categoryDoc(`c${i}`, i)));
		controller.start();
		await until(() => status.state === 'idle' && status.lastSyncedAt !== null);
		expect(status.total).toBe(31);
		expect(status.received).toBe(31);
		expect(status.initial).toBe(false);
	});

	it("asks for the bootstrap snapshot without waiting for the server's document count", async () => {
		remote = await startFakeRemote(`/tmp/praxis-sync-${uniqueName('r')}-`);
		const fake = remote;
		const name = uniqueName('u');
		const community = new fake.ServerPouch<Record<string, unknown>>('community');
		await community.bulkDocs(Array.from({ length: 5 }, (_, i) => categoryDoc(`c${i}`, i)));
		await new fake.ServerPouch(userDbName(name)).info();
		const store = await openTestStore({ name });
		const status = recordingStatus();
		// the community's info answer is held until the snapshot is asked for (or 3 s went by)
		let snapshotAsked: () => void = () => {};
		const asked = new Promise<void>((resolve) => (snapshotAsked = resolve));
		const order: string[] = [];
		const fetchFn: typeof fetch = async (input, init) => {
			const url = String(input instanceof Request ? input.url : input);
			if (url.includes('/bootstrap/')) {
				order.push('snapshot');
				snapshotAsked();
				return new Response('no snapshot here', { status: 404 }); // replication brings everything
			}
			if (/\/community\/?$/.test(new URL(url).pathname) && (init?.method ?? 'GET') === 'GET') {
				order.push('count asked');
				await Promise.race([asked, new Promise((resolve) => setTimeout(resolve, 3000))]);
				order.push('count answered');
			}
			return fake.fetch(input, init);
		};
		const controller = createSyncController({
			replica: store.replica,
			remoteBase: fake.base,
			username: name,
			fetch: fetchFn,
			status,
			network: fakeNetwork(true),
			delay: () => 50,
			bootstrapUrl: `${fake.base}/bootstrap/community`
		});
		controllers.push(controller);
		controller.start();
		await until(async () => (await store.listCategories()).length === 5);
		expect(order.indexOf('snapshot')).toBeGreaterThan(-1);
		expect(order.indexOf('snapshot')).toBeLessThan(order.indexOf('count answered'));
		await until(() => status.total === 5);
	});

	it('moves a refused write to rejected with the reason, and it can be resent', async () => {
		const { store, status, controller, community, remote } = await setup();
		controller.start();
		await until(() => status.state === 'idle');
		remote.refuse = (doc) => (doc.title === 'Nope' ? 'category "general" is closed' : null);
		const id = await store.createThread({ category: 'general', title: 'Nope', body: 'x', tags: [] });
		await until(async () => (await store.listRejected()).length === 1);
		const [rejected] = await store.listRejected();
		expect(rejected).toMatchObject({ id, reason: 'category "general" is closed' });
		expect(rejected.doc.title).toBe('Nope');
		expect(await store.isPending(id)).toBe(false);
		await until(() => status.rejected === 1);
		expect((await store.getThread(id))?.rejected).toBe(true);
		await store.resendRejected(id, { ...rejected.doc, title: 'Fixed' });
		await until(async () => (await community.get(id).catch(() => null))?.title === 'Fixed');
		expect(await store.listRejected()).toEqual([]);
	});

	it('stops with "unauthorized" on a 401 and keeps pending writes', async () => {
		const { store, status, controller, remote } = await setup();
		remote.mode.unauthorized = true;
		controller.start();
		await until(() => status.state === 'unauthorized');
		await store.createThread({ category: 'general', title: 'Offline thought', body: 'x', tags: [] });
		expect(await store.pendingCount()).toBe(1);
		const requests = remote.requests;
		await new Promise((r) => setTimeout(r, 200));
		expect(remote.requests).toBe(requests); // no blind retries
		remote.mode.unauthorized = false;
		controller.syncNow();
		await until(async () => (await store.pendingCount()) === 0);
	});

	it('waits as long as a 429 says, then sends: nothing refused, nothing lost, never an error', async () => {
		const { store, status, controller, community, remote } = await setup();
		controller.start();
		await until(() => status.state === 'idle');
		const reason =
			'You are writing faster than this community allows (120 changes a minute). What you wrote waits on your device and is sent in 1 second.';
		remote.bulkAnswer = () =>
			new Response(JSON.stringify({ error: 'too_many_requests', reason }), {
				status: 429,
				headers: { 'content-type': 'application/json', 'retry-after': '1' }
			});
		const id = await store.createThread({ category: 'general', title: 'Fast', body: 'x', tags: [] });
		const before = Date.now();
		await until(() => status.state === 'throttled');
		expect(status.error).toBe(reason);
		expect(status.retryAt).toBeGreaterThanOrEqual(before + 900);
		expect(status.retryAt).toBeLessThanOrEqual(Date.now() + 1_000);
		expect(await store.isPending(id)).toBe(true);
		expect(await store.listRejected()).toEqual([]);
		expect(status.rejected).toBe(0);
		remote.bulkAnswer = null;
		await until(async () => (await community.get(id).catch(() => null)) !== null);
		await until(async () => (await store.pendingCount()) === 0);
		await until(() => status.state === 'idle');
		expect(status.states).not.toContain('error');
		expect(await store.listRejected()).toEqual([]);
	});

	it('keeps pulling while suspended, keeps every write in the outbox and shows the reason', async () => {
		const { store, status, controller, community, remote } = await setup();
		controller.start();
		await until(() => status.state === 'idle');
		const reason =
			'Your account is suspended until 10 December 2026: Spam. What you write stays on your device and is sent when the suspension ends.';
		remote.bulkAnswer = () =>
			new Response(JSON.stringify({ error: 'suspended', reason }), {
				status: 403,
				headers: { 'content-type': 'application/json' }
			});
		const first = await store.createThread({ category: 'general', title: 'Offline one', body: 'x', tags: [] });
		await until(() => status.state === 'suspended');
		expect(status.error).toBe(reason);
		expect(status.retryAt).toBeNull();
		const second = await store.createThread({ category: 'general', title: 'Offline two', body: 'x', tags: [] });
		// reading goes on
		await community.put(categoryDoc('open-data', 2));
		await until(async () => (await store.listCategories()).length === 2);
		// and pushing waits: no request is sent for the new write, nothing is refused
		const tried = remote.bulkRequests;
		await new Promise((r) => setTimeout(r, 300));
		expect(remote.bulkRequests).toBe(tried);
		expect(status.state).toBe('suspended');
		expect(await store.pendingCount()).toBe(2);
		expect(await store.listRejected()).toEqual([]);
		expect(status.rejected).toBe(0);
		// lifted: the next try (here syncNow; by itself every SUSPENDED_RETRY_MS) sends everything
		remote.bulkAnswer = null;
		controller.syncNow();
		await until(async () => (await store.pendingCount()) === 0);
		for (const id of [first, second]) expect((await community.get(id)).title).toMatch(/^Offline/);
		await until(() => status.state === 'idle');
		expect(status.states).not.toContain('error');
	});

	it('goes offline and resumes on reconnect; retries with backoff while unreachable', async () => {
		const { store, status, network, controller, community, remote } = await setup({ online: false });
		controller.start();
		expect(status.state).toBe('offline');
		const id = await store.createThread({ category: 'general', title: 'Written offline', body: 'x', tags: [] });
		expect(remote.requests).toBe(0);
		remote.mode.down = true;
		network.set(true);
		// the browser says online, but nothing answers: offline, not an error, and tried again later
		await until(() => status.state === 'offline' && status.retryAt !== null);
		expect(status.states).not.toContain('error');
		const tried = remote.requests;
		await until(() => remote.requests > tried);
		remote.mode.down = false;
		await until(async () => (await community.get(id).catch(() => null)) !== null);
		await until(async () => (await store.pendingCount()) === 0);
		network.set(false);
		expect(status.state).toBe('offline');
		expect(status.retryAt).toBeNull(); // the browser is sure: wait for its 'online' event
	});

	it('tells a server that does not answer (503, a portal page) from being offline', async () => {
		const { store, status, controller, community, remote } = await setup();
		remote.mode.unavailable = true;
		controller.start();
		await until(() => status.state === 'unreachable');
		expect(status.retryAt).toBeGreaterThan(Date.now() - 1_000);
		expect(status.states).not.toContain('offline');
		const id = await store.createThread({ category: 'general', title: 'While the server is out', body: 'x', tags: [] });
		remote.mode.unavailable = false;
		await until(async () => (await community.get(id).catch(() => null)) !== null);
		await until(() => status.state === 'idle');
	});

	it('keeps the time of the last complete sync on the device', async () => {
		const { store, status, controller } = await setup();
		controller.start();
		await until(() => status.state === 'idle' && status.lastSyncedAt !== null);
		await until(async () => (await lastSyncTimes(store.replica)).server !== null);
		expect((await lastSyncTimes(store.replica)).server).toBe(status.lastSyncedAt);
		expect((await lastSyncTimes(store.replica)).hub).toBeNull();
		// a restart shows it before the first sync completes
		await controller.stop();
		const later = recordingStatus();
		const offline = fakeNetwork(false);
		const again = createSyncController({
			replica: store.replica,
			remoteBase: remote!.base,
			username: store.member.name,
			fetch: remote!.fetch,
			status: later,
			network: offline
		});
		controllers.push(again);
		again.start();
		await until(() => later.lastSyncedAt !== null);
		expect(later.lastSyncedAt).toBe(status.lastSyncedAt);
	});

	it('writes to the sync log a failure it carries on after', async () => {
		remote = await startFakeRemote(`/tmp/praxis-sync-${uniqueName('r')}-`);
		const name = uniqueName('u');
		await new remote.ServerPouch<Record<string, unknown>>('community').put(categoryDoc('general'));
		await new remote.ServerPouch(userDbName(name)).info();
		const store = await openTestStore({ name });
		// the outbox cannot be updated: the push still reaches the server, the write stays pending
		const replica = { ...store.replica, acknowledge: () => Promise.reject(new Error('the outbox is locked')) };
		const status = recordingStatus();
		const controller = createSyncController({
			replica,
			remoteBase: remote.base,
			username: name,
			fetch: remote.fetch,
			status,
			network: fakeNetwork(true),
			delay: () => 50
		});
		controllers.push(controller);
		controller.start();
		await until(() => status.state === 'idle');
		const id = await store.createThread({ category: 'general', title: 'Kept', body: 'x', tags: [] });
		const message = 'could not acknowledge pushed community writes: the outbox is locked';
		await until(async () => (await store.listSyncLog()).some((row) => row.message === message));
		expect(await store.isPending(id)).toBe(true);
		await until(() => status.state === 'idle');
	});
});

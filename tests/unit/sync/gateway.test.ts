// The client store and sync controller against the real Praxis server (createApp over a real
// socket): accepted pushes leave the outbox, refusals by the gateway's validation and
// authorization land in `rejected` with the server's reason, another member receives writes
// live, and a revoked session stops sync as 'unauthorized'.
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../server/support/harness';
import { createSyncController, type SyncController } from '../../../src/lib/sync/controller';
import { closeTestStores, openTestStore, uniqueName } from '../store/support';
import { recordingStatus, until } from './support';

let harness: Harness | null = null;
const controllers: SyncController[] = [];

afterEach(async () => {
	await Promise.all(controllers.splice(0).map((c) => c.stop()));
	await closeTestStores();
	await harness?.close();
	harness = null;
});

async function member(h: Harness, base: string) {
	const name = uniqueName('g').replace(/[^a-z0-9_-]/g, '');
	const cookie = await h.register(name);
	const store = await openTestStore({ name });
	const status = recordingStatus();
	const jar = { cookie };
	const fetchWithCookie: typeof fetch = (input, init) => {
		const headers = new Headers(init?.headers);
		headers.set('cookie', jar.cookie);
		return fetch(input, { ...init, headers });
	};
	const controller = createSyncController({
		replica: store.replica,
		remoteBase: `${base}/couch`,
		username: name,
		fetch: fetchWithCookie,
		status,
		network: { isOnline: () => true, subscribe: () => () => {} },
		delay: () => 50
	});
	controllers.push(controller);
	controller.start();
	return { name, store, status, controller, jar };
}

describe('sync with the Praxis gateway', () => {
	it('pushes, refuses per document with the reason, and delivers to another member live', async () => {
		harness = createHarness();
		const base = await harness.listen();
		await harness.storage.db('community').put({
			_id: 'category:general',
			type: 'category',
			author: 'praxis',
			createdAt: new Date().toISOString(),
			name: 'General',
			description: '',
			order: 1
		});
		const a = await member(harness, base);
		const b = await member(harness, base);
		await until(async () => (await a.store.listCategories()).length === 1);

		const ok = await a.store.createThread({ category: 'general', title: 'Accepted', body: 'Hello', tags: [] });
		const bad = await a.store.createThread({ category: 'no-such-category', title: 'Refused', body: 'x', tags: [] });
		await until(async () => (await a.store.pendingCount()) === 0, 15_000);
		const rejected = await a.store.listRejected();
		expect(rejected.map((r) => r.id)).toEqual([bad]);
		expect(rejected[0].reason).toMatch(/categor/i);
		expect((await harness.storage.db('community').get(ok))._id).toBe(ok);

		await until(async () => (await b.store.getThread(ok)) !== undefined, 15_000);
		expect(await b.store.getThread(bad)).toBeUndefined();

		// B edits A's thread directly in its replica (bypassing the store's own check): refused
		const doc = await b.store.replica.community.get(ok);
		await b.store.putDocument({ ...doc, title: 'Hijacked' });
		await until(async () => (await b.store.listRejected()).length === 1, 15_000);
		expect((await b.store.listRejected())[0].reason).toMatch(/author|moderator/i);
		await until(() => b.status.rejected === 1);
	});

	it('stops as unauthorized when the session is no longer valid', async () => {
		harness = createHarness();
		const base = await harness.listen();
		const a = await member(harness, base);
		await until(() => a.status.state === 'idle', 15_000);
		a.jar.cookie = 'praxis_session=not-a-valid-token';
		a.controller.syncNow();
		await until(() => a.status.state === 'unauthorized', 15_000);
		expect(a.status.error).toMatch(/sign in/i);
	});

	it('keeps writes made before the device is certified pending, shows why certification failed, and sends them signed once it succeeds', async () => {
		harness = createHarness();
		const base = await harness.listen();
		await harness.storage.db('community').put({
			_id: 'category:general',
			type: 'category',
			author: 'praxis',
			createdAt: new Date().toISOString(),
			name: 'General',
			description: '',
			order: 1
		});
		const name = uniqueName('c').replace(/[^a-z0-9_-]/g, '');
		const cookie = await harness.register(name);
		const store = await openTestStore({ name });
		// written offline on a first start: no certificate yet, so unsigned
		const early = await store.createThread({
			category: 'general',
			title: 'Before the certificate',
			body: 'x',
			tags: []
		});
		expect((await store.replica.community.get(early)) as object).not.toHaveProperty('signature');

		const link = { devicesDown: true };
		const fetchWithCookie: typeof fetch = async (input, init) => {
			const url = String(input instanceof Request ? input.url : input);
			if (link.devicesDown && url.endsWith('/api/devices') && init?.method === 'POST') {
				return new Response(JSON.stringify({ error: 'internal_error', reason: 'the certificate service is down' }), {
					status: 500,
					headers: { 'content-type': 'application/json' }
				});
			}
			const headers = new Headers(init?.headers);
			headers.set('cookie', cookie);
			return fetch(input, { ...init, headers });
		};
		const status = recordingStatus();
		const controller = createSyncController({
			replica: store.replica,
			remoteBase: `${base}/couch`,
			username: name,
			fetch: fetchWithCookie,
			status,
			network: { isOnline: () => true, subscribe: () => () => {} },
			delay: () => 60_000
		});
		controllers.push(controller);
		controller.start();
		await until(() => status.state === 'error', 15_000);
		expect(status.error).toMatch(
			/could not get its signing certificate, so your changes wait on it: the certificate service is down/
		);
		// nothing was pushed unsigned (so nothing was refused), and the write is still pending
		await expect(harness.storage.db('community').get(early)).rejects.toMatchObject({ status: 404 });
		expect(await store.pendingCount()).toBe(1);
		expect(await store.listRejected()).toEqual([]);

		link.devicesDown = false;
		controller.syncNow();
		await until(async () => (await store.pendingCount()) === 0, 15_000);
		const certificate = await store.signing!.certificate();
		const stored = (await harness.storage.db('community').get(early)) as unknown as {
			signature?: { device: string };
			title: string;
		};
		expect(stored).toMatchObject({ title: 'Before the certificate', signature: { device: certificate!._id } });
		expect(await store.listRejected()).toEqual([]);
		await until(() => status.state === 'idle', 15_000);
	});
});

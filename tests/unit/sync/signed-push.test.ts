// A remote that requires signatures (a hub, or the home server): the controller's live push
// leaves community writes the device has not signed yet on the device, pending, and sends them
// once the certificate arrives and signPending writes them again, signed.
import { afterEach, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { createSyncController, type SyncController } from '../../../src/lib/sync/controller';
import { generateDeviceKeys, signCertificate } from '../../../src/lib/domain/signing';
import { categoryDoc, closeTestStores, openTestStore, uniqueName } from '../store/support';
import { fakeNetwork, recordingStatus, startFakeRemote, until, type FakeRemote } from './support';

let remote: FakeRemote | null = null;
const controllers: SyncController[] = [];

afterEach(async () => {
	await Promise.all(controllers.splice(0).map((c) => c.stop()));
	await closeTestStores();
	await remote?.close();
	remote = null;
});

describe('signed-only push', () => {
	it('keeps unsigned writes pending and pushes them once signed', async () => {
		remote = await startFakeRemote(`/tmp/praxis-signed-${uniqueName('r')}-`);
		const community = new remote.ServerPouch<Record<string, unknown>>('community');
		await community.put(categoryDoc('general'));
		const name = uniqueName('s');
		const store = await openTestStore({ name });
		const status = recordingStatus();
		// as a hub's controller: community only, no certification through this remote
		const controller = createSyncController({
			replica: store.replica,
			remoteBase: remote.base,
			username: name,
			fetch: remote.fetch,
			status,
			network: fakeNetwork(true),
			delay: () => 50,
			deviceApi: null,
			communityOnly: true,
			signedOnly: true
		});
		controllers.push(controller);
		controller.start();
		await until(async () => (await store.listCategories()).length === 1);

		const early = await store.createThread({
			category: 'general',
			title: 'Before the certificate',
			body: 'x',
			tags: []
		});
		await until(() => status.state === 'idle' && status.pending === 1);
		await expect(community.get(early)).rejects.toMatchObject({ status: 404 });
		expect(await store.listRejected()).toEqual([]);

		const server = await generateDeviceKeys();
		const now = new Date();
		const certificate = await signCertificate(
			{
				_id: `device:${ulid()}`,
				type: 'device',
				author: name,
				createdAt: now.toISOString(),
				publicKey: await store.signing!.publicKey(),
				expiresAt: new Date(now.getTime() + 86_400_000 * 30).toISOString(),
				issuer: 'k1'
			},
			server.privateKey
		);
		expect(await store.signing!.certify(certificate)).toBe(1);
		await until(async () => (await store.pendingCount()) === 0);
		expect(await community.get(early)).toMatchObject({
			title: 'Before the certificate',
			signature: { device: certificate._id }
		});
	});
});

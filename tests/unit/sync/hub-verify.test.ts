// A device verifies what a meetup hub sends before it reaches its community replica
// (src/lib/sync/hub-verify.ts). Central server + enrolled hub in this process, members' stores on
// Node PouchDB. The hub is made to lie — writing straight into its own storage, as a compromised
// laptop would — by altering a member's thread after it was signed, and by forging a thread for a
// member (with a made-up device certificate, and with the member's real certificate id); the
// device keeps those out of community, lists them with the reason and logs them, while good
// documents (member-signed and server-signed) arrive with their revision history, so a later edit
// from the central server applies with no conflict.
import { afterAll, describe, expect, it } from 'vitest';
import { serverSigner, signAsServer, storeSignedNew } from '../../../server/devices/server-key';
import { seedCategories } from '../../../server/seed';
import { COMMUNITY_DB } from '../../../src/lib/domain/ids';
import {
	exportPublicKey,
	generateDeviceKeys,
	signCertificate,
	signDoc,
	toBase64Url,
	withSignedRevision
} from '../../../src/lib/domain/signing';
import { createHubSync, type HubSync } from '../../../src/lib/sync/hub';
import { HUB_VERIFY_STATE_ID, openHubVerifier, readRefused } from '../../../src/lib/sync/hub-verify';
import { startHub, waitFor } from '../../server/hub/support';
import { openTestStore, threadDoc, ULIDS, uniqueName } from '../store/support';
import { fakeNetwork, recordingStatus } from './support';
import { centralServer, signInAtCentral } from './central-member';

const { storage, auth, central, serverKeys, listen, controllers, cleanups, close } = centralServer('centralv');

afterAll(close);

async function localDoc(
	db: PouchDB.Database,
	id: string
): Promise<(Record<string, unknown> & { _rev: string; _conflicts?: string[] }) | null> {
	try {
		return (await db.get(id, { conflicts: true })) as unknown as Record<string, unknown> & { _rev: string };
	} catch {
		return null;
	}
}

describe('a device verifies what a hub sends', () => {
	it('keeps altered and forged documents out of community with their reason; good ones arrive with their history', async () => {
		const base = await listen();
		const signer = await serverSigner(auth.signingKey());
		await seedCategories(storage, new Date(), signer);
		const ana = await signInAtCentral(base, uniqueName('ana'), controllers);
		const ben = await signInAtCentral(base, uniqueName('ben'), controllers);
		const anaCert = (await ana.store.signing!.certificate())!._id;
		const enrolled = await central.hubs.enrol('hall');
		if (!('credential' in enrolled)) throw new Error(enrolled.refused);
		const hub = await startHub(base, enrolled.credential);
		cleanups.push(() => hub.close());
		await hub.hub.start();
		const hubDb = hub.storage.db(COMMUNITY_DB);
		const onHub = (ids: string[]) =>
			waitFor(
				`${ids.join(', ')} on the hub`,
				async () => (await hubDb.allDocs({ keys: ids })).rows.every((r) => !('error' in r) && !r.value?.deleted),
				20_000
			);

		// Ben has Ana's first thread from the central server, then goes to the meetup (no central).
		const early = await ana.store.createThread({
			category: 'general',
			title: 'Before the meetup',
			body: 'Signed by Ana',
			tags: []
		});
		await waitFor('ben has the early thread', async () => (await ben.store.getThread(early)) !== undefined, 20_000);
		await ben.home.stop();

		// New on the hub: a thread by Ana and a category the server signed (both genuine).
		const good = await ana.store.createThread({
			category: 'general',
			title: 'At the meetup',
			body: 'Genuine',
			tags: ['hall']
		});
		const category = await signAsServer(
			{
				_id: 'category:hall-notes',
				type: 'category',
				author: 'praxis',
				createdAt: new Date().toISOString(),
				name: 'Hall notes',
				description: '',
				order: 9
			},
			signer
		);
		await storeSignedNew(storage.db(COMMUNITY_DB), [category]);
		await onHub([early, good, category._id]);

		// The hub lies: alters Ana's early thread after signing (a new revision keeping her signature)…
		const original = (await hubDb.get(early)) as unknown as Record<string, unknown> & { _rev: string };
		await hubDb.put({ ...original, body: 'Altered by the hub' });
		// …forges a thread for Ana with her real certificate id but a made-up signature…
		const forgedSig = {
			type: 'thread',
			author: ana.store.member.name,
			createdAt: new Date().toISOString(),
			category: 'general',
			title: 'Forged',
			body: 'Not Ana',
			tags: []
		};
		const badSig = toBase64Url(crypto.getRandomValues(new Uint8Array(64)));
		const forged1 = { ...forgedSig, _id: `thread:01J${'F'.repeat(23)}`, signature: { device: anaCert, sig: badSig } };
		await hubDb.put(forged1);
		// …and one signed by a key it certified itself for Ana (no server key signed that certificate).
		const keys = await generateDeviceKeys();
		const rogueKey = (await generateDeviceKeys()).privateKey;
		const fakeCert = await signCertificate(
			{
				_id: `device:01J${'C'.repeat(23)}`,
				type: 'device',
				author: ana.store.member.name,
				createdAt: new Date().toISOString(),
				publicKey: await exportPublicKey(keys.publicKey),
				expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
				issuer: signer.kid
			},
			rogueKey
		);
		const forged2 = await signDoc(
			{ ...forgedSig, _id: `thread:01J${'G'.repeat(23)}`, title: 'Forged too' },
			fakeCert._id,
			keys.privateKey
		);
		await hubDb.bulkDocs([fakeCert, forged2]);

		const hubStatus = recordingStatus();
		const refusedSeen: string[][] = [];
		const benHub: HubSync = await createHubSync({
			replica: ben.store.replica,
			hubUrl: hub.base,
			token: ben.token,
			username: ben.store.member.name,
			status: hubStatus,
			network: fakeNetwork(true),
			delay: () => 200,
			serverKeys,
			onRefused: (r) => refusedSeen.push(r.map((d) => d.id))
		});
		controllers.push(benHub);
		benHub.start();
		await waitFor(
			'ben has the genuine thread and category through the hub',
			async () =>
				(await ben.store.getThread(good)) !== undefined &&
				(await ben.store.listCategories()).some((c) => c.slug === 'hall-notes'),
			20_000
		);
		await waitFor('the refusals are listed', async () => (await benHub.verifier.refused()).length >= 4, 20_000);
		await benHub.verifier.settled(); // (idle() waits for the next pause: the pull may already be paused)

		const refused = await benHub.verifier.refused();
		const reasonOf = (id: string) => refused.find((r) => r.id === id)?.reason;
		expect(reasonOf(early)).toMatch(/altered after signing/);
		expect(reasonOf(forged1._id)).toMatch(/signature does not match/);
		expect(reasonOf(fakeCert._id)).toMatch(/bad server signature/);
		expect(reasonOf(forged2._id)).toMatch(/bad server signature/);
		expect(refused.map((r) => r.id).sort()).toEqual([early, forged1._id, forged2._id, fakeCert._id].sort());
		expect(refusedSeen.at(-1)?.sort()).toEqual(refused.map((r) => r.id).sort());
		expect(await readRefused(ben.store.replica)).toEqual(refused);

		// Community has none of it: Ana's thread as she wrote it, no forgeries, no rogue certificate.
		const kept = await localDoc(ben.store.replica.community, early);
		expect(kept).toMatchObject({ body: 'Signed by Ana' });
		expect(kept!._rev).toMatch(/^1-/);
		expect(kept!._conflicts).toBeUndefined();
		for (const id of [forged1._id, forged2._id, fakeCert._id])
			expect(await localDoc(ben.store.replica.community, id), id).toBeNull();
		expect((await ben.store.getThread(early))?.body).toBe('Signed by Ana');
		const log = (await ben.store.listSyncLog()).map((l) => l.message).join('\n');
		expect(log).toContain(`${forged1._id}`);
		expect(log).toMatch(/refused: .*altered after signing/);

		// Staging kept only what community lacked (Ben's categories and early thread were not fetched again).
		const stagingIds = (await benHub.verifier.staging.allDocs()).rows.map((r) => r.id).sort();
		expect(stagingIds).toEqual([category._id, early, fakeCert._id, forged1._id, forged2._id, good].sort());

		// Ben's own writes still go to the hub (push unchanged).
		const benPost = await ben.store.reply({ thread: good, body: 'Seen at the hall' });
		await onHub([benPost]);

		// Good documents came with their history: Ana's later edit from the central server applies cleanly.
		await ana.store.editThread(good, { body: 'Edited after the meetup' });
		const back = ben.homeSync();
		controllers.push(back);
		back.start();
		await waitFor(
			'ben gets the edit from central',
			async () => (await ben.store.getThread(good))?.body === 'Edited after the meetup',
			20_000
		);
		const edited = await localDoc(ben.store.replica.community, good);
		expect(edited!._rev).toMatch(/^2-/);
		expect(edited!._conflicts).toBeUndefined();
		const history = (await ben.store.replica.community.get(good, { revs: true })) as unknown as {
			_revisions: { start: number; ids: string[] };
		};
		expect(history._revisions.ids).toHaveLength(2);
		await waitFor(
			'ben’s hub reply reached central',
			async () => (await storage.db(COMMUNITY_DB).allDocs({ keys: [benPost] })).rows.every((r) => !('error' in r)),
			20_000
		);
	}, 120_000);

	it('starts again from a clean staging database for another hub, and forgets refusals with it', async () => {
		const store = await openTestStore({ name: uniqueName('cy') });
		const staging = store.replica.hubStaging.open();
		await staging.put({
			_id: HUB_VERIFY_STATE_ID,
			hub: 'http://10.0.0.2:3000',
			since: 0,
			refused: [{ id: 'thread:x', rev: '1-a', reason: 'altered', at: new Date().toISOString() }]
		});
		expect(await readRefused(store.replica)).toHaveLength(1);
		const verifier = await openHubVerifier({ replica: store.replica, hubUrl: 'http://10.0.0.3:3000', serverKeys });
		expect(await verifier.refused()).toEqual([]);
		await verifier.close();
		expect(await readRefused(store.replica)).toEqual([]);
	});

	it('takes a document that came before its certificate once the certificate arrives', async () => {
		const store = await openTestStore({ name: uniqueName('dee') });
		const server = await generateDeviceKeys();
		const keys = async () => new Map([['k1', server.publicKey]]);
		const device = await generateDeviceKeys();
		const cert = await signCertificate(
			{
				_id: `device:01J${'D'.repeat(23)}`,
				type: 'device',
				author: 'alice',
				createdAt: new Date().toISOString(),
				publicKey: await exportPublicKey(device.publicKey),
				expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
				issuer: 'k1'
			},
			server.privateKey
		);
		const thread = await signDoc(threadDoc(ULIDS.t1, 'general', 1), cert._id, device.privateKey);
		const verifier = await openHubVerifier({
			replica: store.replica,
			hubUrl: 'http://10.0.0.4:3000',
			serverKeys: keys
		});
		await verifier.staging.bulkDocs([await withSignedRevision(thread, null)], { new_edits: false }); // as the pull would: the thread first…
		verifier.schedule();
		await verifier.settled();
		expect(await verifier.refused()).toMatchObject([
			{ id: thread._id, reason: `unknown device certificate ${cert._id}` }
		]);
		await expect(store.replica.community.get(thread._id)).rejects.toMatchObject({ status: 404 });
		await verifier.staging.put(cert); // …its certificate in a later batch
		verifier.schedule();
		await verifier.settled();
		expect(await verifier.refused()).toEqual([]);
		expect(await store.replica.community.get(thread._id)).toMatchObject({
			title: thread.title,
			signature: thread.signature
		});
		expect((await store.replica.community.get(cert._id))._rev).toBe((await verifier.staging.get(cert._id))._rev);
		await verifier.close();
	});
});

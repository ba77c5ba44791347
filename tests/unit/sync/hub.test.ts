// Acceptance for the meetup hub with the real client, Node edition: two members' stores
// (PouchDB memory + fake-indexeddb) sign in at the central server, which certifies their device
// keys; the central server STOPS; both sync with the hub through the hub controller (bearer hub
// token) — the second member sees the first's thread and replies; the central server comes back
// (same port) and everything reaches it, signatures verified (requireSignatures on), nothing
// duplicated or lost. Node clients because Chromium's local-network rules need a real LAN.
import { afterAll, describe, expect, it } from 'vitest';
import { serverSigner } from '../../../server/devices/server-key';
import { createSignatureVerifier } from '../../../server/devices/verify';
import { seedCategories } from '../../../server/seed';
import { COMMUNITY_DB } from '../../../src/lib/domain/ids';
import { createHubSync, probeHub } from '../../../src/lib/sync/hub';
import { startHub, waitFor } from '../../server/hub/support';
import { uniqueName } from '../store/support';
import { fakeNetwork, recordingStatus } from './support';
import { centralServer, signInAtCentral } from './central-member';

const {
	storage,
	auth,
	central,
	serverKeys,
	listen,
	stop: stopCentral,
	controllers,
	cleanups,
	close
} = centralServer('central1');

afterAll(close);

describe('hub as a second remote for the real client', () => {
	it('syncs two members through the hub while the central server is stopped, then everything reaches central verified', async () => {
		const base = await listen();
		await seedCategories(storage, new Date(), await serverSigner(auth.signingKey()));
		const ana = await signInAtCentral(base, uniqueName('ana'), controllers);
		const ben = await signInAtCentral(base, uniqueName('ben'), controllers);
		const enrolled = await central.hubs.enrol('hall');
		if (!('credential' in enrolled)) throw new Error(enrolled.refused);
		const hub = await startHub(base, enrolled.credential);
		cleanups.push(() => hub.close());
		await hub.hub.start();
		const anaCert = (await ana.store.signing!.certificate())!._id;
		const benCert = (await ben.store.signing!.certificate())!._id;
		await waitFor('certificates on the hub', async () => {
			const res = await hub.storage.db(COMMUNITY_DB).allDocs({ keys: [anaCert, benCert] });
			return res.rows.every((r) => !('error' in r));
		});

		await stopCentral(); // the hall has no internet
		expect(await probeHub(hub.base, ana.token)).toEqual({ ok: true, name: 'hall' });
		const hubStatus = { ana: recordingStatus(), ben: recordingStatus() };
		const anaHub = await createHubSync({
			replica: ana.store.replica,
			hubUrl: hub.base,
			token: ana.token,
			username: ana.store.member.name,
			status: hubStatus.ana,
			network: fakeNetwork(true),
			delay: () => 200,
			serverKeys
		});
		const benHub = await createHubSync({
			replica: ben.store.replica,
			hubUrl: hub.base,
			token: ben.token,
			username: ben.store.member.name,
			status: hubStatus.ben,
			network: fakeNetwork(true),
			delay: () => 200,
			serverKeys
		});
		controllers.push(anaHub, benHub);
		anaHub.start();
		benHub.start();

		const thread = await ana.store.createThread({
			category: 'general',
			title: 'Village hall meetup',
			body: 'Agenda: shared services',
			tags: ['meetup']
		});
		await waitFor(
			'ben sees ana’s thread through the hub',
			async () => (await ben.store.getThread(thread)) !== undefined,
			20_000
		);
		const reply = await ben.store.reply({ thread, body: 'I will bring the budget figures' });
		await waitFor(
			'ana sees ben’s reply through the hub',
			async () => (await ana.store.listPosts(thread)).some((p) => p.id === reply),
			20_000
		);
		expect(await ana.store.listRejected(), 'refused by the hub').toEqual([]);
		expect(await ben.store.listRejected(), 'refused by the hub').toEqual([]);

		await listen(); // central is back on the same address
		for (const c of [ana.home, ben.home]) c.syncNow();
		await waitFor(
			'thread and reply on central',
			async () => {
				const res = await storage.db(COMMUNITY_DB).allDocs({ keys: [thread, reply] });
				return res.rows.every((r) => !('error' in r));
			},
			40_000
		);
		await waitFor(
			'outboxes empty',
			async () => (await ana.store.pendingCount()) === 0 && (await ben.store.pendingCount()) === 0,
			20_000
		);

		const verifier = createSignatureVerifier({
			storage,
			serverKeys: async () =>
				new Map([[(await serverSigner(auth.signingKey())).kid, (await serverSigner(auth.signingKey())).publicKey]])
		});
		for (const id of [thread, reply]) {
			const doc = (await storage.db(COMMUNITY_DB).get(id, { conflicts: true })) as unknown as Record<string, unknown>;
			expect(doc._conflicts).toBeUndefined();
			const verdict = await verifier.verify(doc);
			expect(verdict.ok && verdict.signer).toMatchObject({
				kind: 'member',
				name: id === thread ? ana.store.member.name : ben.store.member.name
			});
			expect(String(doc._rev).startsWith('1-')).toBe(true); // one revision: nothing duplicated or rewritten
		}
		expect(await ana.store.listRejected(), 'refused by central').toEqual([]);
		expect(await ben.store.listRejected(), 'refused by central').toEqual([]);
	}, 120_000);

	it('says why a hub cannot be reached, and offers the file', async () => {
		const probe = await probeHub('http://127.0.0.1:9', 'token');
		expect(probe).toMatchObject({
			ok: false,
			kind: 'unreachable',
			reason: expect.stringMatching(/Save updates to a file/)
		});
		const mixed = await probeHub(
			'http://192.0.2.10:3000',
			'token',
			async () => {
				throw new TypeError('Failed to fetch');
			},
			'https://praxis.example.org'
		);
		expect(mixed).toMatchObject({ ok: false, kind: 'mixed-content' });
		const failing = async () => {
			throw new TypeError('Failed to fetch');
		};
		const denied = await probeHub(
			'http://[fd00::2]:3000',
			'token',
			failing,
			'https://praxis.example.org',
			async () => 'denied'
		);
		expect(denied).toMatchObject({
			ok: false,
			kind: 'local-network',
			reason: expect.stringMatching(/Allow access to devices on your local network.*Save updates to a file/)
		});
		// a name or an address may resolve into the local space: a denied permission is the reason given
		expect(
			await probeHub('http://hub.hall.example:3000', 'token', failing, 'http://127.0.0.1:5173', async () => 'denied')
		).toMatchObject({ kind: 'local-network' });
		// no permission involved: the hub is simply not there
		expect(
			await probeHub('http://192.168.1.20:3000', 'token', failing, 'http://127.0.0.1:5173', async () => 'granted')
		).toMatchObject({ kind: 'unreachable' });
		expect(
			await probeHub('http://127.0.0.1:9', 'token', undefined, 'http://127.0.0.1:5173', async () => 'denied')
		).toMatchObject({ kind: 'unreachable' });
	});
});

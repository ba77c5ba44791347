// The meetup figure: 30 attendees' devices (Node PouchDB clients, each a member
// with a device certificate and a hub token) each push 50 signed documents to one hub and pull
// everything back, while the hub relays to the upstream. Prints the times and the hub process's
// memory (the hub runs in this test process: RSS and heap are upper bounds for it alone).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	exportPublicKey,
	generateDeviceKeys,
	signDoc,
	withSignedRevision,
	type DeviceCertificate
} from '../../../src/lib/domain/signing';
import { docId } from '../../../src/lib/domain/ids';
import { seedCategories } from '../../../server/seed';
import { serverSigner } from '../../../server/devices/server-key';
import { localDb, register, remoteWithBearer, startHub, startUpstream, waitFor, type Node } from './support';
import type { Hub } from '../../../server/hub/index';

const DEVICES = 30;
const DOCS_EACH = 50;
let upstream: Node;
let hub: Node & { hub: Hub };
const attendees: Array<{ name: string; token: string; keys: CryptoKeyPair; cert: DeviceCertificate }> = [];

beforeAll(async () => {
	upstream = await startUpstream();
	await seedCategories(upstream.storage, new Date(), await serverSigner(upstream.praxis.auth.signingKey()));
	await Promise.all(
		Array.from({ length: DEVICES }, async (_, i) => {
			const name = `attendee${String(i).padStart(2, '0')}`;
			const cookie = await register(upstream.base, name);
			const keys = await generateDeviceKeys();
			const certRes = await fetch(`${upstream.base}/api/devices`, {
				method: 'POST',
				headers: { cookie, 'content-type': 'application/json' },
				body: JSON.stringify({ publicKey: await exportPublicKey(keys.publicKey) })
			});
			const { certificate } = (await certRes.json()) as { certificate: DeviceCertificate };
			const { token } = (await (
				await fetch(`${upstream.base}/api/auth/hub-token`, { method: 'POST', headers: { cookie } })
			).json()) as { token: string };
			attendees.push({ name, token, keys, cert: certificate });
		})
	);
	const enrolled = await upstream.praxis.hubs.enrol('hall');
	if (!('credential' in enrolled)) throw new Error(enrolled.refused);
	hub = await startHub(upstream.base, enrolled.credential);
	await hub.hub.start();
	await waitFor(
		'certificates on the hub',
		async () => (await hub.storage.db('community').info()).doc_count >= DEVICES + 7
	);
}, 60_000);

afterAll(async () => {
	await hub?.close();
	await upstream?.close();
});

describe('a meetup of 30 devices', () => {
	it('pushes 50 documents from each device and pulls everything back through one hub', async () => {
		const heapBefore = process.memoryUsage();
		const devices = await Promise.all(
			attendees.map(async (a) => {
				const db = localDb();
				const docs = [];
				for (let i = 0; i < DOCS_EACH / 2; i++) {
					const thread = await signDoc(
						{
							_id: docId('thread'),
							type: 'thread',
							author: a.name,
							createdAt: new Date().toISOString(),
							category: 'general',
							title: `Question ${i}`,
							body: `Body ${i}`,
							tags: []
						},
						a.cert._id,
						a.keys.privateKey
					);
					docs.push(
						thread,
						await signDoc(
							{
								_id: docId('post'),
								type: 'post',
								author: a.name,
								createdAt: new Date().toISOString(),
								thread: thread._id,
								body: `Answer ${i}`
							},
							a.cert._id,
							a.keys.privateKey
						)
					);
				}
				await db.bulkDocs(await Promise.all(docs.map((d) => withSignedRevision(d, null))), { new_edits: false });
				return { db, remote: remoteWithBearer(hub.base, a.token) };
			})
		);
		let peakRss = 0;
		const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
		const t0 = performance.now();
		const pushes = await Promise.all(devices.map((d) => d.db.replicate.to(d.remote)));
		const tPush = performance.now() - t0;
		const pulls = await Promise.all(devices.map((d) => d.db.replicate.from(d.remote)));
		const tPull = performance.now() - t0 - tPush;
		const total = DEVICES * DOCS_EACH;
		await waitFor(
			'everything on the upstream',
			async () => (await upstream.storage.db('community').info()).doc_count >= total + DEVICES + 7,
			60_000
		);
		const tUpstream = performance.now() - t0;
		clearInterval(sampler);
		for (const p of pushes) expect(p).toMatchObject({ ok: true, docs_written: DOCS_EACH, doc_write_failures: 0 });
		for (const d of devices) expect((await d.db.info()).doc_count).toBeGreaterThanOrEqual(total);
		expect(pulls.every((p) => p.ok)).toBe(true);
		expect(hub.hub.replication()!.status().push.docsRefused).toBe(0);
		const mib = (n: number) => `${(n / 1048576).toFixed(0)} MiB`;
		const after = process.memoryUsage();
		console.log(
			`[hub load] ${DEVICES} devices × ${DOCS_EACH} docs: push ${(tPush / 1000).toFixed(1)} s, pull all ${(tPull / 1000).toFixed(1)} s, ` +
				`all on upstream after ${(tUpstream / 1000).toFixed(1)} s; process RSS peak ${mib(peakRss)} (before ${mib(heapBefore.rss)}), heap ${mib(heapBefore.heapUsed)} → ${mib(after.heapUsed)}`
		);
		await Promise.all(devices.map((d) => d.db.destroy()));
	}, 240_000); // CPU-bound: 16 s alone, several times that on a shared 2-core machine
});

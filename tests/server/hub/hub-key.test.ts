// A meetup hub's own key, vouched for by the central server: the hub registers it at each contact
// (PUT /api/hubs/key, its credential only), the central server publishes it with its own keys
// (GET /api/auth/keys `hubs`) until the hub is revoked, and the updates file the organiser saves
// on the hub (signed `hub:{name}`) opens on the central server. The hub's key vouches for the
// file's header only: a certificate it signed inside is refused like any forgery.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import {
	exportPublicKey,
	generateDeviceKeys,
	signCertificate,
	signDoc,
	withSignedRevision,
	type DeviceCertificate
} from '../../../src/lib/domain/signing';
import { docId } from '../../../src/lib/domain/ids';
import { readBundle, writeBundle, type BundleDoc } from '../../../src/lib/bundle/index';
import { seedCategories } from '../../../server/seed';
import { serverSigner, type ServerSigner } from '../../../server/devices/server-key';
import { HUB_KEY_BODY_BYTES } from '../../../server/hub/key-routes';
import type { Hub } from '../../../server/hub/index';
import { has, localDb, register, remoteWithBearer, startHub, startUpstream, waitFor, type Node } from './support';

let upstream: Node;
let hub: Node & { hub: Hub };
let credential: string;
let hubSigner: ServerSigner;
let hubPublicKey: string;
const ana = {} as { cookie: string; hubToken: string; keys: CryptoKeyPair; cert: DeviceCertificate };

const now = () => new Date().toISOString();

const registerKey = (body: string, headers: Record<string, string>) =>
	fetch(`${upstream.base}/api/hubs/key`, {
		method: 'PUT',
		headers: { 'content-type': 'application/json', ...headers },
		body
	});

async function publishedHubs(base = upstream.base): Promise<Array<{ name: string; publicKey: string }>> {
	const body = (await (await fetch(`${base}/api/auth/keys`)).json()) as {
		hubs: Array<{ name: string; publicKey: string }>;
	};
	return body.hubs;
}

/** Opens an updates file on the central server as ana (a member), as the app's own page would. */
const openUpstream = (bytes: Uint8Array<ArrayBuffer>) =>
	fetch(`${upstream.base}/api/bundles`, {
		method: 'POST',
		headers: { cookie: ana.cookie, origin: upstream.base, 'content-type': 'application/octet-stream' },
		body: bytes
	});

async function hubExport(): Promise<Uint8Array<ArrayBuffer>> {
	const res = await fetch(`${hub.base}/api/hub/organiser/export`, {
		headers: { authorization: `Bearer ${credential}` }
	});
	expect(res.status).toBe(200);
	return new Uint8Array(await res.arrayBuffer());
}

/** A bundle whose header `device` signs with `key` (a hub's `hub:{name}`). */
function bundleSignedBy(docs: BundleDoc[], device: string, key: CryptoKey): Promise<Uint8Array<ArrayBuffer>> {
	return writeBundle(docs, { author: device, since: null, created: now(), device }, (b) =>
		crypto.subtle.sign({ name: 'Ed25519' }, key, b)
	);
}

beforeAll(async () => {
	upstream = await startUpstream();
	await seedCategories(upstream.storage, new Date(), await serverSigner(upstream.praxis.auth.signingKey()));
	ana.cookie = await register(upstream.base, 'ana');
	ana.keys = await generateDeviceKeys();
	const certRes = await fetch(`${upstream.base}/api/devices`, {
		method: 'POST',
		headers: { cookie: ana.cookie, 'content-type': 'application/json', origin: upstream.base },
		body: JSON.stringify({ publicKey: await exportPublicKey(ana.keys.publicKey) })
	});
	ana.cert = ((await certRes.json()) as { certificate: DeviceCertificate }).certificate;
	const tokenRes = await fetch(`${upstream.base}/api/auth/hub-token`, {
		method: 'POST',
		headers: { cookie: ana.cookie, origin: upstream.base }
	});
	ana.hubToken = ((await tokenRes.json()) as { token: string }).token;
	const enrolled = await upstream.praxis.hubs.enrol('hall');
	if (!('credential' in enrolled)) throw new Error(enrolled.refused);
	credential = enrolled.credential;
	hub = await startHub(upstream.base, credential);
	hubSigner = await serverSigner(hub.praxis.auth.signingKey());
	hubPublicKey = await exportPublicKey(hubSigner.publicKey);
	await hub.hub.start();
	await waitFor('the certificate on the hub', () => has(hub.storage, ana.cert._id));
}, 60_000);

afterAll(async () => {
	await hub?.close();
	await upstream?.close();
});

describe('registering a hub’s key', () => {
	it('registers the hub’s own key at its first contact; the central server publishes it', async () => {
		const [record] = await upstream.praxis.hubs.list();
		expect(record).toMatchObject({ name: 'hall', publicKey: hubPublicKey });
		expect(await publishedHubs()).toEqual([{ name: 'hall', publicKey: hubPublicKey }]);
		// the hub kept the published list at the same contact, and serves it like the server keys
		expect(await publishedHubs(hub.base)).toEqual([{ name: 'hall', publicKey: hubPublicKey }]);
	});

	it('replaces the key when the hub presents another', async () => {
		const other = await exportPublicKey((await generateDeviceKeys()).publicKey);
		const res = await registerKey(JSON.stringify({ publicKey: other }), { authorization: `Bearer ${credential}` });
		expect(res.status).toBe(200);
		expect(await publishedHubs()).toEqual([{ name: 'hall', publicKey: other }]);
		// the hub's next contact puts its own back
		expect(await hub.hub.state.refresh()).toBe(true);
		expect(await publishedHubs()).toEqual([{ name: 'hall', publicKey: hubPublicKey }]);
	});

	it('refuses anyone but an enrolled hub, a malformed key and an oversized body', async () => {
		const body = JSON.stringify({ publicKey: hubPublicKey });
		expect((await registerKey(body, {})).status).toBe(401);
		// a member's session cookie (same origin) and a member's token are not a hub's credential
		expect((await registerKey(body, { cookie: ana.cookie, origin: upstream.base })).status).toBe(401);
		expect((await registerKey(body, { authorization: `Bearer ${ana.hubToken}` })).status).toBe(401);
		expect((await registerKey(body, { authorization: `Bearer ${credential.slice(0, -3)}xyz` })).status).toBe(401);
		const bearer = { authorization: `Bearer ${credential}` };
		for (const bad of [{ publicKey: 'abc' }, { publicKey: 42 }, {}, { publicKey: 'A'.repeat(43) + 'AAAA' }]) {
			const res = await registerKey(JSON.stringify(bad), bearer);
			expect(res.status, JSON.stringify(bad)).toBe(400);
		}
		expect((await registerKey('not json', bearer)).status).toBe(400);
		const huge = JSON.stringify({ publicKey: hubPublicKey, pad: 'x'.repeat(HUB_KEY_BODY_BYTES) });
		expect((await registerKey(huge, bearer)).status).toBe(413);
		// nothing refused changed the published key
		expect(await publishedHubs()).toEqual([{ name: 'hall', publicKey: hubPublicKey }]);
	});
});

describe('the hub’s updates file on the central server', () => {
	it('opens, saying what is new and what was already there', async () => {
		// what ana writes on the hub while its link is down reaches the central server only on the file
		await hub.hub.stop();
		const doc = await withSignedRevision(
			await signDoc(
				{
					_id: docId('thread'),
					type: 'thread',
					author: 'ana',
					createdAt: now(),
					category: 'general',
					title: 'Written in the hall',
					body: 'No internet tonight',
					tags: []
				},
				ana.cert._id,
				ana.keys.privateKey
			),
			null
		);
		const device = localDb();
		await device.bulkDocs([doc], { new_edits: false });
		await device.replicate.to(remoteWithBearer(hub.base, ana.hubToken));
		await device.destroy();
		expect(await has(upstream.storage, doc._id)).toBe(false);

		const bytes = await hubExport();
		const parsed = await readBundle(bytes);
		if (!parsed.ok) throw new Error(parsed.reason);
		expect(parsed.header.signature.device).toBe('hub:hall');
		const res = await openUpstream(bytes);
		const report = (await res.json()) as {
			stored: number;
			held: number;
			refused: unknown[];
			summary: string;
		};
		expect(res.status, JSON.stringify(report)).toBe(200);
		expect(report.stored).toBe(1);
		expect(report.held).toBe(parsed.docs.length - 1);
		expect(report.refused).toEqual([]);
		expect(report.summary).toBe(`1 new, ${parsed.docs.length - 1} already here.`);
		expect(report).toMatchObject({ from: 'the meetup hub hall' });
		expect(await has(upstream.storage, doc._id)).toBe(true);
		// the hub opens its own file too
		const back = await fetch(`${hub.base}/api/bundles`, {
			method: 'POST',
			headers: { authorization: `Bearer ${credential}`, 'content-type': 'application/octet-stream' },
			body: bytes
		});
		expect(await back.json()).toMatchObject({ stored: 0, summary: expect.stringMatching(/^Nothing new/) });
	});

	it('refuses the file whole when its header was altered or an unknown hub signed it', async () => {
		const parsed = await readBundle(await hubExport());
		if (!parsed.ok) throw new Error(parsed.reason);
		// the same documents, the header's date changed but its signature kept
		const text = [JSON.stringify({ ...parsed.header, created: '2020-01-01T00:00:00.000Z' })]
			.concat(parsed.docs.map((d) => JSON.stringify(d)))
			.join('\n');
		const altered = new Uint8Array(
			await new Response(new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer()
		);
		const res = await openUpstream(altered);
		expect(res.status).toBe(400);
		expect(await res.json()).toMatchObject({
			reason: expect.stringMatching(/meetup hub hall's signature does not match/)
		});

		const stranger = await generateDeviceKeys();
		const unknown = await openUpstream(await bundleSignedBy(parsed.docs, 'hub:attic', stranger.privateKey));
		expect(unknown.status).toBe(400);
		expect(await unknown.json()).toMatchObject({
			reason: expect.stringMatching(/meetup hub attic, which the central server does not list/)
		});
		// a hub's name with another key
		const forged = await openUpstream(await bundleSignedBy(parsed.docs, 'hub:hall', stranger.privateKey));
		expect(forged.status).toBe(400);
	});

	it('refuses, one by one, documents that only the hub’s key signed as if it were the server’s', async () => {
		const mallory = await generateDeviceKeys();
		const at = new Date();
		const fakeCert = await signCertificate(
			{
				_id: `device:${ulid()}`,
				type: 'device',
				author: 'ana',
				createdAt: at.toISOString(),
				publicKey: await exportPublicKey(mallory.publicKey),
				expiresAt: new Date(at.getTime() + 86_400_000).toISOString(),
				issuer: hubSigner.kid
			},
			hubSigner.privateKey
		);
		const post = await withSignedRevision(
			await signDoc(
				{
					_id: docId('thread'),
					type: 'thread',
					author: 'ana',
					createdAt: now(),
					category: 'general',
					title: 'Not ana at all',
					body: 'Signed by a device the hub certified',
					tags: []
				},
				fakeCert._id,
				mallory.privateKey
			),
			null
		);
		const asServer = await withSignedRevision(
			await signDoc(
				{
					_id: 'category:forged',
					type: 'category',
					author: 'praxis',
					createdAt: now(),
					name: 'Forged',
					description: 'Signed with the hub key as server',
					order: 9
				},
				`server:${hubSigner.kid}`,
				hubSigner.privateKey
			),
			null
		);
		const docs = [{ ...fakeCert, _rev: '1-aa' }, post, asServer] as BundleDoc[];
		const res = await openUpstream(await bundleSignedBy(docs, 'hub:hall', hubSigner.privateKey));
		const report = (await res.json()) as { stored: number; refused: Array<{ id: string }> };
		expect(res.status, JSON.stringify(report)).toBe(200);
		expect(report.stored).toBe(0);
		expect(report.refused.map((r) => r.id).sort()).toEqual([fakeCert._id, post._id, asServer._id].sort());
		for (const id of [fakeCert._id, post._id, asServer._id]) expect(await has(upstream.storage, id)).toBe(false);
	});

	it('drops a revoked hub’s key from the published list, and its files with it', async () => {
		const bytes = await hubExport();
		expect(await upstream.praxis.hubs.revoke('hall')).toBe(true);
		expect(await publishedHubs()).toEqual([]);
		const body = JSON.stringify({ publicKey: hubPublicKey });
		expect((await registerKey(body, { authorization: `Bearer ${credential}` })).status).toBe(401);
		const res = await openUpstream(bytes);
		expect(res.status).toBe(400);
		expect(await res.json()).toMatchObject({ reason: expect.stringMatching(/does not list/) });
	});
});

// Device certificates: issue, list, revoke through /api/devices; verify() accepts documents
// signed by a certified device and refuses revoked, altered and forged ones; members cannot
// push certificates or revocations; seeded documents carry a valid server signature.
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness';
import {
	exportPublicKey,
	generateDeviceKeys,
	signDoc,
	checkCertificate,
	type DeviceCertificate
} from '../../../src/lib/domain/signing';
import { COMMUNITY_DB, docId } from '../../../src/lib/domain/ids';
import { exportBoxKey, generateBoxKeys } from '../../../src/lib/domain/sealed';
import { createSignatureVerifier } from '../../../server/devices/verify';
import { serverSigner } from '../../../server/devices/server-key';
import { seed, seedCategories } from '../../../server/seed';

let h: Harness;
afterEach(async () => h?.close());

async function setup() {
	h = createHarness();
	const signer = await serverSigner(h.auth.signingKey());
	await seedCategories(h.storage, new Date(), signer);
	const cookie = await h.register('ana');
	const keys = await generateDeviceKeys();
	const res = await h.post(
		'/api/devices',
		{ publicKey: await exportPublicKey(keys.publicKey), label: 'phone' },
		{ cookie }
	);
	expect(res.status).toBe(201);
	const { certificate } = (await res.json()) as { certificate: DeviceCertificate };
	const verifier = createSignatureVerifier({
		storage: h.storage,
		serverKeys: async () => new Map([[signer.kid, signer.publicKey]]),
		revocationRefreshMs: 0
	});
	return { signer, cookie, keys, certificate, verifier };
}

const post = (author: string) => ({
	_id: docId('post'),
	type: 'post',
	author,
	createdAt: new Date().toISOString(),
	thread: docId('thread'),
	body: 'Hello'
});

describe('device certificates', () => {
	it('issues a certificate signed by the server key into community', async () => {
		const { signer, certificate } = await setup();
		expect(certificate).toMatchObject({ type: 'device', author: 'ana', issuer: signer.kid, label: 'phone' });
		expect(Date.parse(certificate.expiresAt) - Date.now()).toBeGreaterThan(360 * 24 * 3600 * 1000);
		const stored = await h.storage.db(COMMUNITY_DB).get(certificate._id);
		expect(stored).toMatchObject({ certSig: certificate.certSig });
		const ctx = { serverKeys: new Map([[signer.kid, signer.publicKey]]), revoked: new Set<string>(), now: new Date() };
		expect(await checkCertificate(certificate, ctx)).toEqual({ ok: true });
	});

	it('refuses anonymous callers and malformed keys', async () => {
		const { cookie } = await setup();
		expect((await h.post('/api/devices', { publicKey: 'x' })).status).toBe(401);
		expect((await h.post('/api/devices', { publicKey: 'abc' }, { cookie })).status).toBe(400);
		expect((await h.post('/api/devices', { label: 3 }, { cookie })).status).toBe(400);
		expect((await h.post('/api/devices', 'not json', { cookie })).status).toBe(400);
	});

	it('carries the device’s box key under the server signature, and refuses a malformed one', async () => {
		const { signer, cookie, keys } = await setup();
		const box = await generateBoxKeys();
		const boxKey = await exportBoxKey(box.publicKey);
		const publicKey = await exportPublicKey(keys.publicKey);
		const res = await h.post('/api/devices', { publicKey, boxKey }, { cookie });
		expect(res.status).toBe(201);
		const { certificate } = (await res.json()) as { certificate: DeviceCertificate };
		expect(certificate.boxKey).toBe(boxKey);
		const ctx = { serverKeys: new Map([[signer.kid, signer.publicKey]]), revoked: new Set<string>(), now: new Date() };
		expect(await checkCertificate(certificate, ctx)).toEqual({ ok: true });
		// a relay swapping the box key breaks the server's signature
		const other = await exportBoxKey((await generateBoxKeys()).publicKey);
		expect((await checkCertificate({ ...certificate, boxKey: other }, ctx)).ok).toBe(false);
		for (const bad of ['AAAA', 42, await exportPublicKey(keys.publicKey)]) {
			const refused = await h.post('/api/devices', { publicKey, boxKey: bad }, { cookie });
			expect(refused.status).toBe(400);
			expect(((await refused.json()) as { reason: string }).reason).toMatch(/boxKey/);
		}
	});

	it('lists only the caller’s certificates, with their revocation state', async () => {
		const { cookie, certificate } = await setup();
		const ben = await h.register('ben');
		await h.post(
			'/api/devices',
			{ publicKey: await exportPublicKey((await generateDeviceKeys()).publicKey) },
			{ cookie: ben }
		);
		const list = (await (await h.request('/api/devices', { headers: { cookie } })).json()) as {
			certificates: Array<DeviceCertificate & { revoked: boolean }>;
		};
		expect(list.certificates.map((c) => [c._id, c.revoked])).toEqual([[certificate._id, false]]);
	});

	it('verifies signed documents; refuses altered, forged, unsigned and revoked ones', async () => {
		const { keys, certificate, verifier, cookie } = await setup();
		const signed = await signDoc(post('ana'), certificate._id, keys.privateKey);
		expect(await verifier.verify(signed)).toEqual({
			ok: true,
			signer: { kind: 'member', name: 'ana', device: certificate._id }
		});
		expect(await verifier.verify({ ...signed, body: 'changed' })).toMatchObject({
			ok: false,
			reason: expect.stringContaining('altered')
		});
		expect(await verifier.verify({ ...signed, author: 'ben' })).toMatchObject({
			ok: false,
			reason: expect.stringContaining('author')
		});
		expect(await verifier.verify(post('ana'))).toMatchObject({
			ok: false,
			reason: expect.stringContaining('not signed')
		});
		const other = await generateDeviceKeys();
		expect((await verifier.verify(await signDoc(post('ana'), certificate._id, other.privateKey))).ok).toBe(false);

		const ben = await h.register('ben');
		expect(
			(await h.request(`/api/devices/${certificate._id}`, { method: 'DELETE', headers: { cookie: ben } })).status
		).toBe(403);
		expect((await h.request('/api/devices/nope', { method: 'DELETE', headers: { cookie } })).status).toBe(400);
		expect(
			(await h.request('/api/devices/01ARZ3NDEKTSV4RRFFQ69G5FAV', { method: 'DELETE', headers: { cookie } })).status
		).toBe(404);
		const revoke = await h.request(`/api/devices/${certificate._id}`, { method: 'DELETE', headers: { cookie } });
		expect(revoke.status).toBe(200);
		expect(await verifier.verify(signed)).toMatchObject({ ok: false, reason: expect.stringContaining('revoked') });
		// A second verifier (another process, or a hub that pulled the revocation) sees it too.
		const fresh = createSignatureVerifier({
			storage: h.storage,
			serverKeys: async () => new Map(),
			revocationRefreshMs: 0
		});
		expect(await fresh.revoked()).toEqual(new Set([certificate._id]));
		const again = await h.request(`/api/devices/${certificate._id}`, { method: 'DELETE', headers: { cookie } });
		expect(again.status).toBe(200);
		const revs = (await (await h.request('/api/auth/revocations', { headers: { cookie } })).json()) as {
			devices: string[];
			roles?: Record<string, string[]>;
		};
		expect(revs.devices).toEqual([certificate._id]);
		// privileged members, for a device judging a moderator's edit relayed by a hub; plain members are not listed
		expect(revs.roles).toBeTypeOf('object');
		expect(Object.values(revs.roles ?? {}).every((roles) => roles.some((r) => r !== 'member'))).toBe(true);
		expect((await h.request('/api/auth/revocations')).status).toBe(401);
	});

	it('lets an admin revoke another member’s device', async () => {
		const { certificate } = await setup();
		const admin = await h.register('root');
		await h.auth.users.updateRoles('root', (roles) => [...roles, 'admin']);
		h.auth.invalidate('root');
		expect(
			(await h.request(`/api/devices/${certificate._id}`, { method: 'DELETE', headers: { cookie: admin } })).status
		).toBe(200);
	});

	it('refuses certificates and revocations pushed by members, even moderators', async () => {
		const { certificate, cookie, keys } = await setup();
		await h.auth.users.updateRoles('ana', (roles) => [...roles, 'moderator', 'admin']);
		h.auth.invalidate('ana');
		// signed by ana's certified device, so what refuses them is the rule, not a missing signature
		const sign = <T extends Record<string, unknown>>(doc: T) => signDoc(doc, certificate._id, keys.privateKey);
		const fake = { ...certificate, _id: 'device:01ARZ3NDEKTSV4RRFFQ69G5FAV' };
		delete (fake as { _rev?: string })._rev;
		const revocation = {
			_id: `revocation:${certificate._id.slice(7)}`,
			type: 'revocation',
			author: 'ana',
			createdAt: new Date().toISOString(),
			device: certificate._id,
			revokedBy: 'ana'
		};
		const res = await h.post(
			'/couch/community/_bulk_docs',
			{ docs: [await sign(fake), await sign(revocation)] },
			{ cookie }
		);
		const results = (await res.json()) as Array<{ error?: string; reason?: string }>;
		expect(results).toHaveLength(2);
		for (const r of results)
			expect(r).toMatchObject({ error: 'forbidden', reason: expect.stringContaining('only the server') });
		const stored = (await h.storage.db(COMMUNITY_DB).get(certificate._id)) as { _rev: string };
		const del = await h.post(
			'/couch/community/_bulk_docs',
			{ docs: [await sign({ _id: certificate._id, _rev: stored._rev, _deleted: true })] },
			{ cookie }
		);
		expect(((await del.json()) as Array<{ error?: string; reason?: string }>)[0]).toMatchObject({
			error: 'forbidden',
			reason: expect.stringContaining('only the server')
		});
		// unsigned, they are refused too
		const bare = await h.post(
			'/couch/community/_bulk_docs',
			{ docs: [{ ...revocation, _id: `revocation:01ARZ3NDEKTSV4RRFFQ69G5FAW` }] },
			{ cookie }
		);
		expect(((await bare.json()) as Array<{ error?: string }>)[0].error).toBe('forbidden');
	});

	it('signs seeded categories and demo content with the server key', async () => {
		h = createHarness();
		await seed({ storage: h.storage, auth: h.auth, demo: true });
		const signer = await serverSigner(h.auth.signingKey());
		const verifier = createSignatureVerifier({
			storage: h.storage,
			serverKeys: async () => new Map([[signer.kid, signer.publicKey]])
		});
		const all = await h.storage.db(COMMUNITY_DB).allDocs({ include_docs: true });
		const docs = all.rows.map((r) => r.doc as unknown as Record<string, unknown>);
		expect(docs.length).toBeGreaterThan(50);
		for (const doc of docs)
			expect(await verifier.verify(doc), String(doc._id)).toEqual({
				ok: true,
				signer: { kind: 'server', kid: signer.kid }
			});
		expect(await verifier.verify({ ...docs[0], name: 'Renamed' })).toMatchObject({
			ok: false,
			reason: expect.stringContaining('altered')
		});
	});
});

describe('hub tokens', () => {
	it('issues a 12 h token for the hub audience that is not a central session', async () => {
		h = createHarness();
		const cookie = await h.register('ana');
		expect((await h.post('/api/auth/hub-token', {})).status).toBe(401);
		const res = await h.post('/api/auth/hub-token', {}, { cookie });
		expect(res.status).toBe(200);
		const { token, expiresAt } = (await res.json()) as { token: string; expiresAt: string };
		expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(11.9 * 3600_000);
		expect(Date.parse(expiresAt) - Date.now()).toBeLessThanOrEqual(12 * 3600_000);
		const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as Record<string, unknown>;
		expect(payload).toMatchObject({ aud: 'praxis-hub', sub: 'ana', roles: ['member'] });
		expect((await h.request('/api/auth/session', { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
	});
});

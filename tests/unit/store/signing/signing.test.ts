// The device key on the client (store/signing + sync/hub-device): every put is signed once a
// certificate exists, writes made before it are signed when it arrives, and the device
// registers (or re-registers after a revocation) through /api/devices.
import { afterEach, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import {
	generateDeviceKeys,
	signCertificate,
	verifyDocSignature,
	type DeviceCertificate
} from '../../../../src/lib/domain/signing';
import { ensureDeviceCertificate } from '../../../../src/lib/sync/hub-device';
import type { TestStore as Store } from '../support';
import { categoryDoc, closeTestStores, openTestStore } from '../support';

afterEach(closeTestStores);

const serverKeys = await generateDeviceKeys();
const ctx = (revoked: string[] = []) => ({
	serverKeys: new Map([['k1', serverKeys.publicKey]]),
	revoked: new Set(revoked),
	now: new Date()
});

async function certify(
	author: string,
	publicKey: string,
	ttlMs = 365 * 86_400_000,
	boxKey?: string
): Promise<DeviceCertificate> {
	const now = new Date();
	return signCertificate(
		{
			_id: `device:${ulid()}`,
			type: 'device',
			author,
			createdAt: now.toISOString(),
			publicKey,
			expiresAt: new Date(now.getTime() + ttlMs).toISOString(),
			issuer: 'k1',
			...(boxKey ? { boxKey } : {})
		},
		serverKeys.privateKey
	);
}

async function verify(store: Store, id: string, cert: DeviceCertificate, revoked: string[] = []) {
	const doc = (await store.replica.community.get(id)) as unknown as Record<string, unknown>;
	return verifyDocSignature(doc, async (certId) => (certId === cert._id ? cert : null), ctx(revoked));
}

/** A fake /api/devices: certifies posted keys, lists them with the revoked flag. */
function fakeDevices(author: string) {
	const issued: DeviceCertificate[] = [];
	const revoked = new Set<string>();
	const fetchFn = (async (input: string | URL | Request, init?: RequestInit) => {
		const url = String(input);
		if (!url.endsWith('/api/devices')) return new Response('{}', { status: 404 });
		if (init?.method === 'POST') {
			const { publicKey, boxKey } = JSON.parse(String(init.body)) as { publicKey: string; boxKey?: string };
			const certificate = await certify(author, publicKey, undefined, boxKey);
			issued.push(certificate);
			return Response.json({ certificate }, { status: 201 });
		}
		return Response.json({ certificates: issued.map((c) => ({ ...c, revoked: revoked.has(c._id) })) });
	}) as typeof fetch;
	return { fetchFn, issued, revoked };
}

describe('device signing in the store', () => {
	it('leaves writes unsigned before a certificate, then signs pending ones and every later write', async () => {
		const store = await openTestStore({ name: 'signer1', roles: ['moderator'] });
		await store.putDocument(categoryDoc('general'));
		const early = await store.createThread({
			category: 'general',
			title: 'Offline first',
			body: 'Before the key was certified',
			tags: []
		});
		expect(((await store.replica.community.get(early)) as { signature?: unknown }).signature).toBeUndefined();

		const cert = await certify('signer1', await store.signing!.publicKey());
		const signed = await store.signing!.certify(cert);
		expect(signed).toBe(2); // the category and the thread were pending
		expect(await verify(store, early, cert)).toMatchObject({ ok: true, signer: cert.author });
		expect(await store.isPending(early)).toBe(true);

		const later = await store.reply({ thread: early, body: 'Signed at once' });
		expect(await verify(store, later, cert)).toMatchObject({ ok: true, signer: cert.author });
		await store.editThread(early, { title: 'Edited' });
		expect(await verify(store, early, cert)).toMatchObject({ ok: true, signer: cert.author });
		expect((await verify(store, early, cert, [cert._id])).ok).toBe(false); // a revoked certificate fails
	});

	it('refuses a certificate for another key', async () => {
		const store = await openTestStore({ name: 'signer2' });
		const other = await generateDeviceKeys();
		const { exportPublicKey } = await import('../../../../src/lib/domain/signing');
		const cert = await certify('signer2', await exportPublicKey(other.publicKey));
		await expect(store.signing!.certify(cert)).rejects.toThrow(/another key/);
	});

	it('registers through /api/devices once, and again with a new key after a revocation', async () => {
		const store = await openTestStore({ name: 'signer3' });
		const server = fakeDevices('signer3');
		const first = await ensureDeviceCertificate(store.signing!, 'http://central.test/api', server.fetchFn);
		expect(first.ok && first.registered).toBe(true);
		const again = await ensureDeviceCertificate(store.signing!, 'http://central.test/api', server.fetchFn);
		expect(again.ok && again.registered).toBe(false);
		expect(server.issued).toHaveLength(1);

		const oldKey = await store.signing!.publicKey();
		server.revoked.add(server.issued[0]._id);
		const renewed = await ensureDeviceCertificate(store.signing!, 'http://central.test/api', server.fetchFn);
		expect(renewed.ok && renewed.registered).toBe(true);
		expect(await store.signing!.publicKey()).not.toBe(oldKey);
		expect((await store.signing!.certificate())?._id).toBe(server.issued[1]._id);
	});

	it('has a certificate issued before box keys existed issued again with this device’s box key', async () => {
		const store = await openTestStore({ name: 'signer5' });
		const server = fakeDevices('signer5');
		const publicKey = await store.signing!.publicKey();
		const old = await certify('signer5', publicKey);
		server.issued.push(old);
		await store.signing!.certify(old);
		const renewed = await ensureDeviceCertificate(store.signing!, 'http://central.test/api', server.fetchFn);
		expect(renewed.ok && renewed.registered).toBe(true);
		// the same signing key, now with the box key a hub seals messages to
		expect(await store.signing!.publicKey()).toBe(publicKey);
		const cert = await store.signing!.certificate();
		expect(cert?._id).toBe(server.issued[1]._id);
		expect(cert?.boxKey).toBe(await store.signing!.boxPublicKey());
		const again = await ensureDeviceCertificate(store.signing!, 'http://central.test/api', server.fetchFn);
		expect(again.ok && again.registered).toBe(false);
		expect(server.issued).toHaveLength(2);
	});

	it('reports an unreachable server without throwing', async () => {
		const store = await openTestStore({ name: 'signer4' });
		const offline = (async () => {
			throw new TypeError('fetch failed');
		}) as typeof fetch;
		expect(await ensureDeviceCertificate(store.signing!, 'http://central.test/api', offline)).toEqual({
			ok: false,
			reason: 'fetch failed'
		});
	});
});

import { describe, expect, it } from 'vitest';
import {
	canonicalJSON,
	checkCertificate,
	exportPublicKey,
	generateDeviceKeys,
	signCertificate,
	signDoc,
	verifyDocSignature,
	type DeviceCertificate
} from '../../../src/lib/domain/signing';

async function setup() {
	const server = await generateDeviceKeys();
	const device = await generateDeviceKeys();
	const cert = await signCertificate(
		{ _id: 'device:D1', type: 'device', author: 'ana', createdAt: '2026-11-25T00:00:00.000Z', publicKey: await exportPublicKey(device.publicKey), expiresAt: '2027-11-25T00:00:00.000Z', issuer: 'k1' },
		server.privateKey
	);
	const ctx = { serverKeys: new Map([['k1', server.publicKey]]), revoked: new Set<string>(), now: new Date('2026-12-01T00:00:00Z') };
	const find = async (id: string): Promise<DeviceCertificate | null> => (id === cert._id ? cert : null);
	return { server, device, cert, ctx, find };
}

const post = { _id: 'post:1', type: 'post', author: 'ana', createdAt: '2026-11-25T10:00:00.000Z', thread: 'thread:1', body: 'Hello' };

describe('canonicalJSON', () => {
	it('sorts keys at every depth and drops undefined', () => {
		expect(canonicalJSON({ b: 1, a: { d: [1, 'x', null], c: true }, u: undefined })).toBe('{"a":{"c":true,"d":[1,"x",null]},"b":1}');
		expect(canonicalJSON({ é: 1, e: 2, Z: 3 })).toBe('{"Z":3,"e":2,"é":1}');
		expect(() => canonicalJSON({ n: NaN })).toThrow();
	});
});

describe('document signatures', () => {
	it('verifies a signed document regardless of _rev and key order', async () => {
		const { device, ctx, find } = await setup();
		const signed = await signDoc(post, 'device:D1', device.privateKey);
		const { body, ...rest } = signed;
		const reordered = { ...rest, body, _rev: '3-abc', _revisions: { start: 3, ids: ['abc'] } };
		expect(await verifyDocSignature(reordered, find, ctx)).toEqual({ ok: true });
	});

	it('refuses an altered, unsigned, forged or foreign document', async () => {
		const { device, ctx, find } = await setup();
		const signed = await signDoc(post, 'device:D1', device.privateKey);
		expect(await verifyDocSignature({ ...signed, body: 'Changed' }, find, ctx)).toMatchObject({ ok: false, reason: expect.stringContaining('altered') });
		expect(await verifyDocSignature(post, find, ctx)).toMatchObject({ ok: false, reason: expect.stringContaining('not signed') });
		expect(await verifyDocSignature({ ...signed, author: 'ben' }, find, ctx)).toMatchObject({ ok: false, reason: expect.stringContaining('author') });
		const other = await generateDeviceKeys();
		const forged = await signDoc(post, 'device:D1', other.privateKey);
		expect((await verifyDocSignature(forged, find, ctx)).ok).toBe(false);
		expect((await verifyDocSignature({ ...signed, signature: { device: 'device:X', sig: signed.signature.sig } }, find, ctx)).ok).toBe(false);
	});

	it('refuses expired, revoked and self-issued certificates', async () => {
		const { cert, ctx, device, find } = await setup();
		expect(await checkCertificate(cert, ctx)).toEqual({ ok: true });
		expect(await checkCertificate(cert, { ...ctx, now: new Date('2028-01-01T00:00:00Z') })).toMatchObject({ ok: false, reason: expect.stringContaining('expired') });
		expect(await checkCertificate(cert, { ...ctx, revoked: new Set(['device:D1']) })).toMatchObject({ ok: false, reason: expect.stringContaining('revoked') });
		const selfIssued = await signCertificate({ ...cert, expiresAt: '2030-01-01T00:00:00.000Z' }, device.privateKey);
		expect(await checkCertificate(selfIssued, ctx)).toMatchObject({ ok: false, reason: expect.stringContaining('server signature') });
		const signed = await signDoc(post, 'device:D1', device.privateKey);
		expect((await verifyDocSignature(signed, find, { ...ctx, revoked: new Set(['device:D1']) })).ok).toBe(false);
	});
});

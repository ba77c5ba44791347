import { describe, expect, it } from 'vitest';
import {
	canonicalJSON,
	checkCertificate,
	exportPublicKey,
	generateDeviceKeys,
	newVerifyMemo,
	signCertificate,
	signDoc,
	verifyDocSignature,
	type DeviceCertificate,
	type SignerAuthority
} from '../../../src/lib/domain/signing';
import type { DocFacts } from '../../../src/lib/domain/permissions';
import type { Role } from '../../../src/lib/domain/schemas';

async function setup() {
	const server = await generateDeviceKeys();
	const device = await generateDeviceKeys();
	const cert = await signCertificate(
		{
			_id: 'device:D1',
			type: 'device',
			author: 'ana',
			createdAt: '2026-11-25T00:00:00.000Z',
			publicKey: await exportPublicKey(device.publicKey),
			expiresAt: '2027-11-25T00:00:00.000Z',
			issuer: 'k1'
		},
		server.privateKey
	);
	const ctx = {
		serverKeys: new Map([['k1', server.publicKey]]),
		revoked: new Set<string>(),
		now: new Date('2026-12-01T00:00:00Z')
	};
	const find = async (id: string): Promise<DeviceCertificate | null> => (id === cert._id ? cert : null);
	return { server, device, cert, ctx, find };
}

const post = {
	_id: 'post:1',
	type: 'post',
	author: 'ana',
	createdAt: '2026-11-25T10:00:00.000Z',
	thread: 'thread:1',
	body: 'Hello'
};

describe('canonicalJSON', () => {
	it('sorts keys at every depth and drops undefined', () => {
		expect(canonicalJSON({ b: 1, a: { d: [1, 'x', null], c: true }, u: undefined })).toBe(
			'{"a":{"c":true,"d":[1,"x",null]},"b":1}'
		);
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
		expect(await verifyDocSignature(reordered, find, ctx)).toEqual({ ok: true, signer: 'ana', device: 'device:D1' });
	});

	it('refuses an altered, unsigned, forged or foreign document', async () => {
		const { device, ctx, find } = await setup();
		const signed = await signDoc(post, 'device:D1', device.privateKey);
		expect(await verifyDocSignature({ ...signed, body: 'Changed' }, find, ctx)).toMatchObject({
			ok: false,
			reason: expect.stringContaining('altered')
		});
		expect(await verifyDocSignature(post, find, ctx)).toMatchObject({
			ok: false,
			reason: expect.stringContaining('not signed')
		});
		expect(await verifyDocSignature({ ...signed, author: 'ben' }, find, ctx)).toMatchObject({
			ok: false,
			reason: expect.stringContaining('author')
		});
		const other = await generateDeviceKeys();
		const forged = await signDoc(post, 'device:D1', other.privateKey);
		expect((await verifyDocSignature(forged, find, ctx)).ok).toBe(false);
		expect(
			(await verifyDocSignature({ ...signed, signature: { device: 'device:X', sig: signed.signature.sig } }, find, ctx))
				.ok
		).toBe(false);
	});

	it('refuses expired, revoked and self-issued certificates', async () => {
		const { cert, ctx, device, find } = await setup();
		expect(await checkCertificate(cert, ctx)).toEqual({ ok: true });
		expect(await checkCertificate(cert, { ...ctx, now: new Date('2028-01-01T00:00:00Z') })).toMatchObject({
			ok: false,
			reason: expect.stringContaining('expired')
		});
		expect(await checkCertificate(cert, { ...ctx, revoked: new Set(['device:D1']) })).toMatchObject({
			ok: false,
			reason: expect.stringContaining('revoked')
		});
		const selfIssued = await signCertificate({ ...cert, expiresAt: '2030-01-01T00:00:00.000Z' }, device.privateKey);
		expect(await checkCertificate(selfIssued, ctx)).toMatchObject({
			ok: false,
			reason: expect.stringContaining('server signature')
		});
		const signed = await signDoc(post, 'device:D1', device.privateKey);
		expect((await verifyDocSignature(signed, find, { ...ctx, revoked: new Set(['device:D1']) })).ok).toBe(false);
	});

	it('checks a certificate once per batch with a memo, and never lets a look-alike through', async () => {
		const { cert, ctx, device, find } = await setup();
		const memo = newVerifyMemo();
		const batch = { ...ctx, memo };
		const docs = await Promise.all(
			[1, 2, 3].map((n) => signDoc({ ...post, _id: `post:${n}` }, 'device:D1', device.privateKey))
		);
		for (const doc of docs)
			expect(await verifyDocSignature(doc, find, batch)).toEqual({ ok: true, signer: 'ana', device: 'device:D1' });
		expect(memo.certs.size).toBe(1);
		expect(memo.keys.size).toBe(1);
		// the same id and server signature over another key (a forged certificate): its own check, refused
		const rogue = await generateDeviceKeys();
		const lookAlike = { ...cert, publicKey: await exportPublicKey(rogue.publicKey) };
		const forged = await signDoc(post, 'device:D1', rogue.privateKey);
		expect(await verifyDocSignature(forged, async () => lookAlike, batch)).toMatchObject({
			ok: false,
			reason: expect.stringContaining('server signature')
		});
		expect(memo.certs.size).toBe(2);
		// revocation and expiry are still decided per document, memo or not
		expect(await verifyDocSignature(docs[0], find, { ...batch, revoked: new Set(['device:D1']) })).toMatchObject({
			ok: false,
			reason: expect.stringContaining('revoked')
		});
		expect(await checkCertificate(cert, { ...batch, now: new Date('2028-01-01T00:00:00Z') })).toMatchObject({
			ok: false,
			reason: expect.stringContaining('expired')
		});
	});
});

describe('signatures by another member than the author (moderators, reviewers)', () => {
	/** Certificates for `mod` (a moderator), `rev` (a reviewer), `ben` (a plain member), `ana`'s post stored. */
	async function setupRoles() {
		const base = await setup();
		const keys = new Map<string, CryptoKeyPair>();
		const certs = new Map<string, DeviceCertificate>([[base.cert._id, base.cert]]);
		for (const name of ['mod', 'rev', 'ben']) {
			const pair = await generateDeviceKeys();
			keys.set(name, pair);
			const cert = await signCertificate(
				{
					_id: `device:${name}`,
					type: 'device',
					author: name,
					createdAt: '2026-11-25T00:00:00.000Z',
					publicKey: await exportPublicKey(pair.publicKey),
					expiresAt: '2027-11-25T00:00:00.000Z',
					issuer: 'k1'
				},
				base.server.privateKey
			);
			certs.set(cert._id, cert);
		}
		const roles: Record<string, Role[]> = {
			ana: ['member'],
			mod: ['member', 'moderator'],
			rev: ['member', 'reviewer'],
			ben: ['member']
		};
		const stored = new Map<string, DocFacts>([
			[post._id, post],
			['resource:1', { _id: 'resource:1', type: 'resource', author: 'ana', status: 'submitted' }]
		]);
		const authority: SignerAuthority = {
			rolesOf: async (name) => roles[name] ?? null,
			current: async (id) => stored.get(id) ?? null
		};
		const find = async (id: string) => certs.get(id) ?? null;
		const signAs = (name: string, doc: Record<string, unknown>) =>
			signDoc(doc, `device:${name}`, keys.get(name)!.privateKey);
		return { ...base, find, authority, signAs, roles };
	}

	it("accepts a moderator's edit and deletion of a member's post, and names the moderator as signer", async () => {
		const { ctx, find, authority, signAs } = await setupRoles();
		const edit = await signAs('mod', { ...post, body: 'Moderated', updatedAt: '2026-11-26T00:00:00.000Z' });
		expect(await verifyDocSignature(edit, find, ctx, authority)).toEqual({
			ok: true,
			signer: 'mod',
			device: 'device:mod'
		});
		const tombstone = await signAs('mod', {
			_id: post._id,
			_deleted: true,
			type: 'post',
			author: 'ana',
			createdAt: post.createdAt,
			thread: post.thread
		});
		expect(await verifyDocSignature(tombstone, find, ctx, authority)).toMatchObject({ ok: true, signer: 'mod' });
		// without an authority (a verifier that knows no roles), only the author's devices count
		expect(await verifyDocSignature(edit, find, ctx)).toEqual({
			ok: false,
			reason: 'the signing device does not belong to the author'
		});
	});

	it("accepts a reviewer publishing a member's resource", async () => {
		const { ctx, find, authority, signAs } = await setupRoles();
		const published = await signAs('rev', { _id: 'resource:1', type: 'resource', author: 'ana', status: 'published' });
		expect(await verifyDocSignature(published, find, ctx, authority)).toMatchObject({ ok: true, signer: 'rev' });
	});

	it('refuses the same edit signed by a plain member, an unknown member, or altered after signing', async () => {
		const { ctx, find, authority, signAs, roles } = await setupRoles();
		const byBen = await signAs('ben', { ...post, body: 'Not yours', updatedAt: '2026-11-26T00:00:00.000Z' });
		const refused = await verifyDocSignature(byBen, find, ctx, authority);
		expect(refused).toEqual({
			ok: false,
			reason:
				'the signing device does not belong to the author, and ben may not make this change: only the author or a moderator may change or delete this document'
		});
		delete roles.mod;
		const byUnknown = await signAs('mod', { ...post, body: 'Moderated' });
		expect(await verifyDocSignature(byUnknown, find, ctx, authority)).toMatchObject({
			ok: false,
			reason: expect.stringContaining('no member named mod')
		});
		roles.mod = ['member', 'moderator'];
		const altered = { ...(await signAs('mod', { ...post, body: 'Moderated' })), body: 'Changed later' };
		expect(await verifyDocSignature(altered, find, ctx, authority)).toMatchObject({
			ok: false,
			reason: expect.stringContaining('altered')
		});
		// a moderator still cannot create a document in another member's name
		const created = await signAs('mod', { ...post, _id: 'post:2' });
		expect(await verifyDocSignature(created, find, ctx, authority)).toMatchObject({
			ok: false,
			reason: expect.stringContaining('author must be the signed-in member')
		});
	});
});

// verifyBundle with meetup hubs' keys (src/lib/bundle/verify.ts): a header signed `hub:{name}` is
// good only with the key the central server published for that name, and a hub's key never stands
// in for the server's on a document (a certificate, a category) inside the file.
import { describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import {
	exportPublicKey,
	generateDeviceKeys,
	signCertificate,
	signDoc,
	withSignedRevision
} from '../../../src/lib/domain/signing';
import { readBundle, verifyBundle, writeBundle, type BundleDoc, type BundleTrust } from '../../../src/lib/bundle/index';

const server = await generateDeviceKeys();
const hall = await generateDeviceKeys();
const serverKeys = new Map([['k1', server.publicKey]]);

const trust = (hubKeys?: ReadonlyMap<string, CryptoKey>): BundleTrust => ({
	serverKeys,
	revoked: new Set(),
	now: new Date(),
	findCertificate: async () => null,
	hubKeys
});

const category = (slug: string) => ({
	_id: `category:${slug}`,
	type: 'category',
	author: 'system',
	createdAt: '2026-12-04T10:00:00.000Z',
	name: slug,
	description: 'A category',
	order: 1
});

/** A category signed as `device` with `key`, under the revision its signature fixes. */
async function signedCategory(slug: string, device: string, key: CryptoKey): Promise<BundleDoc> {
	return withSignedRevision(await signDoc(category(slug), device, key), null);
}

/** A device certificate for `author`, signed with `key` as if it were the server's key `issuer`. */
async function certificate(key: CryptoKey, issuer: string): Promise<BundleDoc> {
	const device = await generateDeviceKeys();
	const now = new Date();
	const cert = await signCertificate(
		{
			_id: `device:${ulid()}`,
			type: 'device',
			author: 'mallory',
			createdAt: now.toISOString(),
			publicKey: await exportPublicKey(device.publicKey),
			expiresAt: new Date(now.getTime() + 86_400_000).toISOString(),
			issuer
		},
		key
	);
	return { ...cert, _rev: '1-aa' };
}

/** A bundle whose header the hub `name` signs with `key`, parsed back as an importer reads it. */
async function hubBundle(docs: BundleDoc[], name = 'hall', key = hall.privateKey) {
	const device = `hub:${name}`;
	const bytes = await writeBundle(
		docs,
		{ author: device, since: null, created: new Date().toISOString(), device },
		(b) => crypto.subtle.sign({ name: 'Ed25519' }, key, b)
	);
	const parsed = await readBundle(bytes);
	if (!parsed.ok) throw new Error(parsed.reason);
	return parsed;
}

describe('verifyBundle with meetup hubs’ keys', () => {
	it('accepts a header signed by a hub the central server published, and the server’s documents in it', async () => {
		const genuine = await signedCategory('general', 'server:k1', server.privateKey);
		const { header, docs } = await hubBundle([genuine]);
		const verified = await verifyBundle(header, docs, trust(new Map([['hall', hall.publicKey]])));
		expect(verified).toMatchObject({ ok: true, skipped: [] });
		expect(verified.ok && verified.accepted.map((d) => d._id)).toEqual(['category:general']);
	});

	it('refuses a header signed by a hub it does not know, or by another hub’s key', async () => {
		const { header, docs } = await hubBundle([]);
		expect(await verifyBundle(header, docs, trust())).toEqual({
			ok: false,
			reason: expect.stringMatching(/meetup hub hall, which the central server does not list/)
		});
		const other = await generateDeviceKeys();
		expect(await verifyBundle(header, docs, trust(new Map([['hall', other.publicKey]])))).toEqual({
			ok: false,
			reason: expect.stringMatching(/meetup hub hall's signature does not match/)
		});
		// the key of the hub named in the header, not any listed hub's
		const renamed = await hubBundle([], 'attic');
		expect((await verifyBundle(renamed.header, renamed.docs, trust(new Map([['hall', hall.publicKey]])))).ok).toBe(
			false
		);
	});

	it('refuses a hub-signed header changed after signing', async () => {
		const { header, docs } = await hubBundle([]);
		const altered = { ...header, since: '2026-01-01T00:00:00.000Z' };
		expect((await verifyBundle(altered, docs, trust(new Map([['hall', hall.publicKey]])))).ok).toBe(false);
	});

	it('never takes a hub’s key for the server’s on a document inside', async () => {
		const hubKeys = new Map([['hall', hall.publicKey]]);
		const asServer = await signedCategory('forged', 'server:hall', hall.privateKey);
		const asHub = await signedCategory('claimed', 'hub:hall', hall.privateKey);
		const fakeCert = await certificate(hall.privateKey, 'hall');
		const { header, docs } = await hubBundle([asServer, asHub, fakeCert]);
		const verified = await verifyBundle(header, docs, trust(hubKeys));
		if (!verified.ok) throw new Error(verified.reason);
		expect(verified.accepted).toEqual([]);
		expect(verified.skipped.map((s) => s.id).sort()).toEqual([asServer._id, asHub._id, fakeCert._id].sort());
	});
});

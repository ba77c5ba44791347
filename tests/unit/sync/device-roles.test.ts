// A device judges a moderator's signed edit of another member's document, brought by a meetup hub
// or a bundle, with the privileged members' roles it kept from the server (sync/hub-keys.ts):
// accepted when the kept roles allow it, refused when the signer is (as far as the device knows)
// a plain member.
import { describe, expect, it } from 'vitest';
import PouchDB from 'pouchdb';
import memory from 'pouchdb-adapter-memory';
import {
	exportPublicKey,
	generateDeviceKeys,
	signCertificate,
	signDoc,
	verifyDocSignature,
	type DeviceCertificate
} from '../../../src/lib/domain/signing';
import { deviceAuthority, keptRoles, MEMBER_ROLES_STORAGE_KEY, rememberRoles } from '../../../src/lib/sync/hub-keys';
import { postDoc, ULIDS } from '../store/support';

PouchDB.plugin(memory);

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> & { data: Map<string, string> } {
	const data = new Map<string, string>();
	return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

async function setup() {
	const server = await generateDeviceKeys();
	const keys = new Map<string, CryptoKeyPair>();
	const certs = new Map<string, DeviceCertificate>();
	for (const name of ['ana', 'mia', 'ben']) {
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
			server.privateKey
		);
		certs.set(cert._id, cert);
	}
	const community = new PouchDB(`device-roles-${process.pid}-${Math.random()}`, { adapter: 'memory' });
	const post = { ...postDoc(ULIDS.p1, `thread:${ULIDS.t1}`, 1), author: 'ana' };
	await community.put(await signDoc(post, 'device:ana', keys.get('ana')!.privateKey));
	const ctx = {
		serverKeys: new Map([['k1', server.publicKey]]),
		revoked: new Set<string>(),
		now: new Date('2026-12-01T00:00:00Z')
	};
	const find = async (id: string) => certs.get(id) ?? null;
	const signAs = (name: string, doc: Record<string, unknown>) =>
		signDoc(doc, `device:${name}`, keys.get(name)!.privateKey);
	return { community, post, ctx, find, signAs };
}

describe("a device judging another member's signature", () => {
	it("accepts a moderator's edit with the kept roles, refuses a plain member's", async () => {
		const { community, post, ctx, find, signAs } = await setup();
		const authority = deviceAuthority(community, new Map([['mia', ['member', 'moderator']]]));
		const moderated = await signAs('mia', {
			...post,
			body: 'Moderated at the meetup',
			updatedAt: '2026-11-26T00:00:00.000Z'
		});
		expect(await verifyDocSignature(moderated, find, ctx, authority)).toEqual({
			ok: true,
			signer: 'mia',
			device: 'device:mia'
		});
		const byBen = await signAs('ben', { ...post, body: 'Not yours', updatedAt: '2026-11-26T00:00:00.000Z' });
		expect(await verifyDocSignature(byBen, find, ctx, authority)).toMatchObject({ ok: false });
		// before the device kept any roles, mia counts as a plain member too
		expect(await verifyDocSignature(moderated, find, ctx, deviceAuthority(community, new Map()))).toMatchObject({
			ok: false
		});
		await community.destroy();
	});

	it('keeps the roles the server lists, dropping what is not a role', async () => {
		const storage = memoryStorage();
		const asked: string[] = [];
		const fetchFn = (async (input: string | URL | Request) => {
			asked.push(String(input));
			return new Response(
				JSON.stringify({
					devices: [],
					tokens: [],
					roles: { mia: ['member', 'moderator'], zed: ['member', 'overlord'] }
				}),
				{ headers: { 'content-type': 'application/json' } }
			);
		}) as typeof fetch;
		await rememberRoles(fetchFn, '/api', storage);
		expect(asked).toEqual(['/api/auth/revocations']);
		const roles = keptRoles(storage);
		expect(roles.get('mia')).toEqual(['member', 'moderator']);
		expect(roles.get('zed')).toEqual(['member']);
		// a refused answer (signed out) keeps what was kept; unreadable storage gives no roles
		await rememberRoles((async () => new Response('{}', { status: 401 })) as typeof fetch, '/api', storage);
		expect(keptRoles(storage).get('mia')).toEqual(['member', 'moderator']);
		storage.data.set(MEMBER_ROLES_STORAGE_KEY, 'not json');
		expect(keptRoles(storage).size).toBe(0);
	});
});

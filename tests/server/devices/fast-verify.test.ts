// The server's fast signature path (verify.ts: certificate checked once, device key cached as a
// node:crypto KeyObject, document signature checked on the libuv pool) must give the same
// verdict as the shared rule (signing.ts verifyDocSignature) in every case, including once a
// certificate is trusted: tampered documents, tampered or forged certificates, revoked and
// expired certificates, a rotated server key, another author, malformed signatures.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStorage, type Storage } from '../../../server/storage/index';
import { createSignatureVerifier, signatureWorkersState } from '../../../server/devices/verify';
import { ephemeralSigningKey } from '../../../server/auth/keys';
import { serverSigner, type ServerSigner } from '../../../server/devices/server-key';
import { COMMUNITY_DB, docId } from '../../../src/lib/domain/ids';
import {
	exportPublicKey,
	generateDeviceKeys,
	signCertificate,
	signDoc,
	verifyDocSignature,
	type DeviceCertificate,
	type Verdict
} from '../../../src/lib/domain/signing';

let storage: Storage | undefined;
let counter = 0;
afterEach(async () => {
	await storage?.close();
	storage = undefined;
});

const NOW = Date.parse('2026-06-01T00:00:00Z');

async function certify(server: ServerSigner, author: string, expiresAt = new Date(NOW + 86_400_000).toISOString()) {
	const keys = await generateDeviceKeys();
	const certificate = await signCertificate(
		{
			_id: docId('device'),
			type: 'device',
			author,
			createdAt: new Date(NOW - 1000).toISOString(),
			publicKey: await exportPublicKey(keys.publicKey),
			expiresAt,
			issuer: server.kid
		},
		server.privateKey
	);
	return { keys, certificate };
}

const post = (author: string, body = 'Hello there') => ({
	_id: docId('post'),
	type: 'post',
	author,
	createdAt: new Date(NOW).toISOString(),
	thread: docId('thread'),
	body
});

async function setupWith(workers: boolean) {
	storage = createStorage({ kind: 'memory', memoryPrefix: `fast-verify-${process.pid}-${++counter}-${Date.now()}` });
	const server = await serverSigner(ephemeralSigningKey());
	let keys = new Map([[server.kid, server.publicKey]]);
	let now = NOW;
	const verifier = createSignatureVerifier({
		storage,
		serverKeys: async () => keys,
		clock: () => new Date(now),
		revocationRefreshMs: 0,
		workers
	});
	const ana = await certify(server, 'ana');
	await storage.db(COMMUNITY_DB).put(ana.certificate);
	/** The shared rule's verdict for `doc`, with the same certificates, keys, revocations and time. */
	const shared = async (doc: Record<string, unknown>, batch: readonly object[] = []): Promise<Verdict> => {
		const find = async (id: string) => {
			const carried = batch.find((d) => (d as { _id?: unknown })._id === id);
			if (carried) return carried as unknown as DeviceCertificate;
			try {
				return (await storage!.db(COMMUNITY_DB).get(id)) as unknown as DeviceCertificate;
			} catch {
				return null;
			}
		};
		return verifyDocSignature(doc, find, { serverKeys: keys, revoked: await verifier.revoked(), now: new Date(now) });
	};
	/** Both verdicts for `doc`, reduced to ok/reason (verify() also names the signer when ok). */
	const both = async (doc: Record<string, unknown>, batch: readonly object[] = []) => {
		const fast = await verifier.verify(doc, batch);
		const slow = await shared(doc, batch);
		return { fast: fast.ok ? ({ ok: true } as Verdict) : fast, shared: slow.ok ? ({ ok: true } as Verdict) : slow };
	};
	return {
		server,
		verifier,
		ana,
		both,
		setKeys: (next: Map<string, CryptoKey>) => (keys = next),
		setNow: (t: number) => (now = t)
	};
}

async function expectSame(pair: Promise<{ fast: Verdict; shared: Verdict }>, ok: boolean): Promise<void> {
	const { fast, shared } = await pair;
	expect(fast).toEqual(shared);
	expect(fast.ok).toBe(ok);
}

describe.each([
	['in worker threads', true],
	['on this thread', false]
])('fast signature path, %s', (_, workers) => {
	const setup = () => setupWith(workers);

	it('accepts what the shared rule accepts, with the signer, before and after the certificate is trusted', async () => {
		const { verifier, ana, both } = await setup();
		for (let i = 0; i < 3; i++) {
			const doc = await signDoc(post('ana', `Body ${i}`), ana.certificate._id, ana.keys.privateKey);
			await expectSame(both(doc), true);
			expect(await verifier.verify(doc)).toEqual({
				ok: true,
				signer: { kind: 'member', name: 'ana', device: ana.certificate._id }
			});
		}
		if (workers) expect(signatureWorkersState()).toBe('running');
		// Once trusted, a valid document costs no WebCrypto call (the fast path is really taken).
		const spy = vi.spyOn(crypto.subtle, 'verify');
		try {
			const doc = await signDoc(post('ana', 'One more'), ana.certificate._id, ana.keys.privateKey);
			expect(await verifier.verify(doc)).toMatchObject({ ok: true });
			expect(spy).not.toHaveBeenCalled();
			expect(await verifier.verify({ ...doc, body: 'Altered' })).toMatchObject({ ok: false });
			expect(spy).toHaveBeenCalled(); // refusals are decided by the shared rule
		} finally {
			spy.mockRestore();
		}
	});

	it('refuses tampered documents, other authors, other keys and malformed signatures as the shared rule does', async () => {
		const { ana, both } = await setup();
		const signed = await signDoc(post('ana'), ana.certificate._id, ana.keys.privateKey);
		await expectSame(both(signed), true); // the certificate is now trusted
		await expectSame(both({ ...signed, body: 'Changed after signing' }), false);
		await expectSame(both({ ...signed, author: 'ben' }), false);
		await expectSame(both(post('ana')), false);
		const other = await generateDeviceKeys();
		await expectSame(both(await signDoc(post('ana'), ana.certificate._id, other.privateKey)), false);
		await expectSame(
			both({ ...signed, signature: { device: ana.certificate._id, sig: signed.signature.sig.slice(0, 40) } }),
			false
		);
		await expectSame(both({ ...signed, signature: { device: ana.certificate._id, sig: '!!not base64url!!' } }), false);
		await expectSame(
			both({ ...signed, signature: { device: 'device:01ARZ3NDEKTSV4RRFFQ69G5FAV', sig: signed.signature.sig } }),
			false
		);
		await expectSame(both({ ...signed, signature: { device: ana.certificate._id } }), false);
	});

	it('refuses a certificate carried in the batch that was altered or forged, even with a trusted id', async () => {
		const { server, ana, both } = await setup();
		const doc = await signDoc(post('ana'), ana.certificate._id, ana.keys.privateKey);
		await expectSame(both(doc), true);
		// Same id, another key: the carried certificate is found first, and its server signature no longer matches.
		const mallory = await generateDeviceKeys();
		const swapped = { ...ana.certificate, publicKey: await exportPublicKey(mallory.publicKey) };
		await expectSame(both(await signDoc(post('ana'), ana.certificate._id, mallory.privateKey), [swapped]), false);
		await expectSame(
			both(doc, [{ ...ana.certificate, expiresAt: new Date(NOW + 10 * 86_400_000).toISOString() }]),
			false
		);
		// A certificate signed by another server key than the one this server knows.
		const rogue = await serverSigner(ephemeralSigningKey());
		const forged = await certify({ ...rogue, kid: server.kid }, 'ana');
		await expectSame(
			both(await signDoc(post('ana'), forged.certificate._id, forged.keys.privateKey), [forged.certificate]),
			false
		);
		// A genuine certificate carried in the batch is accepted.
		const fresh = await certify(server, 'ana');
		await expectSame(
			both(await signDoc(post('ana'), fresh.certificate._id, fresh.keys.privateKey), [fresh.certificate]),
			true
		);
	});

	it('stops accepting a trusted certificate once it is revoked or expired, or its issuer key is gone', async () => {
		const { server, verifier, ana, both, setNow, setKeys } = await setup();
		const doc = await signDoc(post('ana'), ana.certificate._id, ana.keys.privateKey);
		await expectSame(both(doc), true);
		setNow(Date.parse(ana.certificate.expiresAt));
		await expectSame(both(doc), false);
		setNow(NOW);
		await expectSame(both(doc), true);
		const rotated = await serverSigner(ephemeralSigningKey());
		setKeys(new Map([[rotated.kid, rotated.publicKey]]));
		await expectSame(both(doc), false);
		// The same kid bound to another key: the cached trust does not carry over.
		setKeys(new Map([[server.kid, rotated.publicKey]]));
		await expectSame(both(doc), false);
		setKeys(new Map([[server.kid, server.publicKey]]));
		await expectSame(both(doc), true);
		verifier.noteRevoked(ana.certificate._id);
		await expectSame(both(doc), false);
		expect(await verifier.verify(doc)).toMatchObject({ ok: false, reason: expect.stringContaining('revoked') });
	});

	it('gives the same verdicts when a whole batch is verified at once', async () => {
		const { ana, both } = await setup();
		const good = await Promise.all(
			Array.from({ length: 40 }, (_, i) => signDoc(post('ana', `Post ${i}`), ana.certificate._id, ana.keys.privateKey))
		);
		const batch = good.map((d, i) => (i % 5 === 0 ? { ...d, body: `${d.body} (edited)` } : d));
		const pairs = await Promise.all(batch.map((d) => both(d, batch)));
		pairs.forEach(({ fast, shared }, i) => {
			expect(fast).toEqual(shared);
			expect(fast.ok).toBe(i % 5 !== 0);
		});
	});
});

// The server's Ed25519 key (server/auth/keys.ts) as WebCrypto keys, and the server's own
// signature on documents it writes itself (default categories, demo content, revocations).
// Rule: a signature whose `device` is `server:{kid}` is verified directly against the server
// public key with that kid, with no certificate and whatever the `author` (demo documents name
// members as authors but were written by the server).
import type { PublicJwk, SigningKey } from '../auth/keys';
import { SIGNED_ALGORITHM, signDoc, withSignedRevision, type DocSignature } from '../../src/lib/domain/signing';
import { putSigned } from '../../src/lib/pouch/signed-revisions';

export const SERVER_SIGNER_PREFIX = 'server:';

export interface ServerSigner {
	kid: string;
	privateKey: CryptoKey;
	publicKey: CryptoKey;
}

const signers = new WeakMap<SigningKey, Promise<ServerSigner>>();

/** The WebCrypto form of the server key (imported once per key). */
export function serverSigner(key: SigningKey): Promise<ServerSigner> {
	let signer = signers.get(key);
	if (!signer) {
		signer = (async () => {
			const privateJwk = key.privateKey.export({ format: 'jwk' });
			const privateKey = await crypto.subtle.importKey('jwk', privateJwk, SIGNED_ALGORITHM, false, ['sign']);
			const publicKey = await importServerPublicKey(key.publicJwk);
			if (!publicKey) throw new Error('the server key is not an Ed25519 key');
			return { kid: key.kid, privateKey, publicKey };
		})();
		signers.set(key, signer);
	}
	return signer;
}

/** Signs `doc` as the server (`signature.device` = `server:{kid}`). */
export async function signAsServer<T extends Record<string, unknown>>(
	doc: T,
	signer: ServerSigner
): Promise<T & { signature: DocSignature }> {
	return signDoc(doc, SERVER_SIGNER_PREFIX + signer.kid, signer.privateKey);
}

/** The kid named by a server signature's `device`, or null for a device certificate id. */
export function serverKidOf(device: string): string | null {
	return device.startsWith(SERVER_SIGNER_PREFIX) ? device.slice(SERVER_SIGNER_PREFIX.length) : null;
}

/** A verify-only CryptoKey from a published JWK, or null when it is not an Ed25519 public key. */
export async function importServerPublicKey(
	jwk: Pick<PublicJwk, 'x'> & { kty?: unknown; crv?: unknown }
): Promise<CryptoKey | null> {
	if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') return null;
	try {
		return await crypto.subtle.importKey('jwk', { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, SIGNED_ALGORITHM, true, [
			'verify'
		]);
	} catch {
		return null;
	}
}

/** Public keys by kid from a JWK set (`GET /api/auth/keys`); malformed entries are skipped. */
export async function publicKeysFromJwks(keys: readonly unknown[]): Promise<Map<string, CryptoKey>> {
	const out = new Map<string, CryptoKey>();
	for (const jwk of keys) {
		if (typeof jwk !== 'object' || jwk === null) continue;
		const { kid } = jwk as { kid?: unknown };
		const key = await importServerPublicKey(jwk as PublicJwk);
		if (typeof kid === 'string' && key) out.set(kid, key);
	}
	return out;
}

/**
 * Stores new signed documents (first revisions) under the revisions their signatures fix, as the
 * gateway stores every signed revision (server/couch/write.ts). Ids already present (any
 * revision, a deleted one included) are left alone: answered 409 like a `put` would.
 */
export async function storeSignedNew(
	db: PouchDB.Database,
	docs: readonly Record<string, unknown>[]
): Promise<Array<{ id: string; ok?: true; error?: 'conflict' }>> {
	const ids = docs.map((d) => String(d._id));
	// all_docs with keys lists deleted documents too (value.deleted)
	const rows = (await db.allDocs({ keys: ids })).rows as Array<{ key: string; value?: unknown }>;
	const present = new Set(rows.filter((row) => row.value).map((row) => row.key));
	const fresh = docs.filter((d) => !present.has(String(d._id)));
	const stored = await Promise.all(fresh.map((d) => withSignedRevision(d, null)));
	const failures = stored.length
		? ((await db.bulkDocs(stored, { new_edits: false })) as Array<{ id?: string; error?: unknown; reason?: string }>)
		: [];
	if (failures.length > 0)
		throw new Error(`could not store ${failures[0]?.id}: ${failures[0]?.reason ?? String(failures[0]?.error)}`);
	return ids.map((id) => (present.has(id) ? { id, error: 'conflict' as const } : { id, ok: true as const }));
}

/**
 * Writes `doc` as the server's next revision of it (a new document when `_rev` is absent and no
 * live one exists), signed by the server and stored under the revision the signature fixes, as
 * the gateway stores every signed revision. Throws a 409 conflict when `_rev` is not a current
 * leaf (read again and retry). Returns the new revision.
 */
export function putAsServer(
	db: PouchDB.Database,
	doc: Record<string, unknown> & { _id: string; _rev?: string },
	signer: ServerSigner
): Promise<string> {
	return putSigned(db, doc, ({ _rev: _, ...unsigned }, parent) =>
		signDoc(unsigned, SERVER_SIGNER_PREFIX + signer.kid, signer.privateKey, parent)
	);
}

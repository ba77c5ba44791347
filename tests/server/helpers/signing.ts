// Test helper for verified authorship: certify a test device for a member through
// POST /api/devices and sign documents with it, or sign as the server. Use it in tests that
// push to /couch so they keep passing once requireSignatures becomes the default.
import {
	exportPublicKey,
	generateDeviceKeys,
	signDoc,
	withSignedRevision,
	type DeviceCertificate,
	type DocSignature,
	type RevisionHistory
} from '../../../src/lib/domain/signing';
import type { PraxisAuth } from '../../../server/auth/service';
import { serverSigner, signAsServer } from '../../../server/devices/server-key';

export interface TestDevice {
	certificate: DeviceCertificate;
	keys: CryptoKeyPair;
	/** `doc` with this device's signature (replacing any signature it had). */
	sign<T extends Record<string, unknown>>(doc: T): Promise<T & { signature: DocSignature }>;
	signAll<T extends Record<string, unknown>>(docs: readonly T[]): Promise<Array<T & { signature: DocSignature }>>;
	/**
	 * `doc` signed as the child of `parent` (default: a first revision), with the `_rev` and
	 * `_revisions` its signature fixes: what the app replicates (new_edits=false).
	 */
	signRevision<T extends Record<string, unknown>>(doc: T, parent?: RevisionHistory | null): Promise<SignedRevision<T>>;
}

export type SignedRevision<T> = T & { signature: DocSignature; _rev: string; _revisions: RevisionHistory };

/** Stores signed revisions (signRevision's) in a local PouchDB as the app does: new_edits=false. */
export async function storeSigned(db: PouchDB.Database, docs: readonly Record<string, unknown>[]): Promise<void> {
	const failed = (await db.bulkDocs(docs as PouchDB.Core.PutDocument<object>[], { new_edits: false })) as Array<{
		error?: unknown;
	}>;
	if (failed.length) throw new Error(`not stored: ${JSON.stringify(failed[0])}`);
}

/** `doc` signed by `sign` as the child of `parent` (null: a first revision), with its revision fixed. */
export async function asSignedRevision<T extends Record<string, unknown>>(
	sign: (doc: T, parent: string | null) => Promise<T & { signature: DocSignature }>,
	doc: T,
	parent: RevisionHistory | null = null
): Promise<SignedRevision<T>> {
	const parentRev = parent ? `${parent.start}-${parent.ids[0]}` : null;
	return withSignedRevision(await sign(doc, parentRev), parent);
}

/** Anything that can POST JSON to the app with headers (the server test harness can). */
export interface PostsJson {
	post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
}

/** Registers a fresh key pair for the member whose session `cookie` (or headers) is given. */
export async function certifyTestDevice(app: PostsJson, headers: string | Record<string, string>): Promise<TestDevice> {
	const keys = await generateDeviceKeys();
	const res = await app.post(
		'/api/devices',
		{ publicKey: await exportPublicKey(keys.publicKey), label: 'test device' },
		typeof headers === 'string' ? { cookie: headers } : headers
	);
	if (res.status !== 201) throw new Error(`POST /api/devices answered ${res.status}: ${await res.text()}`);
	const { certificate } = (await res.json()) as { certificate: DeviceCertificate };
	return deviceFrom(certificate, keys);
}

export function deviceFrom(certificate: DeviceCertificate, keys: CryptoKeyPair): TestDevice {
	const sign = <T extends Record<string, unknown>>(doc: T, parent?: string | null) =>
		signDoc(doc, certificate._id, keys.privateKey, parent);
	return {
		certificate,
		keys,
		sign: (doc) => sign(doc),
		signAll: (docs) => Promise.all(docs.map((doc) => sign(doc))),
		signRevision: (doc, parent = null) => asSignedRevision(sign, doc, parent)
	};
}

/** `doc` signed with the server key, as seeds are. */
export async function signAsTestServer<T extends Record<string, unknown>>(
	auth: PraxisAuth,
	doc: T
): Promise<T & { signature: DocSignature }> {
	return signAsServer(doc, await serverSigner(auth.signingKey()));
}

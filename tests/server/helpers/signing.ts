// Test helper for verified authorship (issue 7): certify a test device for a member through
// POST /api/devices and sign documents with it, or sign as the server. Use it in tests that
// push to /couch so they keep passing once requireSignatures becomes the default.
import { exportPublicKey, generateDeviceKeys, signDoc, type DeviceCertificate, type DocSignature } from '../../../src/lib/domain/signing';
import type { PraxisAuth } from '../../../server/auth/service';
import { serverSigner, signAsServer } from '../../../server/devices/server-key';

export interface TestDevice {
	certificate: DeviceCertificate;
	keys: CryptoKeyPair;
	/** `doc` with this device's signature (replacing any signature it had). */
	sign<T extends Record<string, unknown>>(doc: T): Promise<T & { signature: DocSignature }>;
	signAll<T extends Record<string, unknown>>(docs: readonly T[]): Promise<Array<T & { signature: DocSignature }>>;
}

/** Anything that can POST JSON to the app with headers (the server test harness can). */
export interface PostsJson {
	post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
}

/** Registers a fresh key pair for the member whose session `cookie` (or headers) is given. */
export async function certifyTestDevice(app: PostsJson, headers: string | Record<string, string>): Promise<TestDevice> {
	const keys = await generateDeviceKeys();
	const res = await app.post('/api/devices', { publicKey: await exportPublicKey(keys.publicKey), label: 'test device' }, typeof headers === 'string' ? { cookie: headers } : headers);
	if (res.status !== 201) throw new Error(`POST /api/devices answered ${res.status}: ${await res.text()}`);
	const { certificate } = (await res.json()) as { certificate: DeviceCertificate };
	return deviceFrom(certificate, keys);
}

export function deviceFrom(certificate: DeviceCertificate, keys: CryptoKeyPair): TestDevice {
	const sign = <T extends Record<string, unknown>>(doc: T) => signDoc(doc, certificate._id, keys.privateKey);
	return { certificate, keys, sign, signAll: (docs) => Promise.all(docs.map(sign)) };
}

/** `doc` signed with the server key, as seeds are. */
export async function signAsTestServer<T extends Record<string, unknown>>(auth: PraxisAuth, doc: T): Promise<T & { signature: DocSignature }> {
	return signAsServer(doc, await serverSigner(auth.signingKey()));
}

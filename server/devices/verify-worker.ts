// Worker thread of the signature fast path (verify.ts): canonical bytes and Ed25519 checks of
// whole batches of documents, off the thread that serves requests. It only answers whether a
// signature matches; every rule (certificate, author, revocation, expiry) stays in verify.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { canonicalBytes } from '../../src/lib/domain/signing';

export interface VerifyJob {
	id: number;
	items: Array<{ doc: Record<string, unknown>; key: Uint8Array; sig: Uint8Array }>;
}

export interface VerifyAnswer {
	id: number;
	/** Per item: the signature matches the canonical bytes of the document under the key. */
	valid: boolean[];
}

/** DER prefix of an Ed25519 SubjectPublicKeyInfo; the raw 32-byte key follows. */
const ED25519_SPKI_PREFIX = new Uint8Array(Buffer.from('302a300506032b6570032100', 'hex'));

const keys = new Map<string, KeyObject>();
const KEYS_MAX = 5_000;

/**
 * A raw 32-byte Ed25519 public key as a node:crypto KeyObject, imported once per key (per
 * thread: this worker, and verify.ts's checks on the main thread). Throws on a malformed key.
 */
export function ed25519KeyObject(raw: Uint8Array): KeyObject {
	const hex = Buffer.from(raw).toString('hex');
	let key = keys.get(hex);
	if (!key) {
		if (keys.size >= KEYS_MAX) keys.clear();
		key = createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
		keys.set(hex, key);
	}
	return key;
}

function check(item: VerifyJob['items'][number]): boolean {
	try {
		return verify(null, canonicalBytes(item.doc), ed25519KeyObject(item.key), item.sig);
	} catch {
		return false;
	}
}

// Started by verify.ts's SignatureWorkers (which names this role); importing it elsewhere does nothing.
const port = (workerData as { role?: unknown } | null)?.role === 'praxis-signature-checks' ? parentPort : null;
port?.on('message', (job: VerifyJob) => {
	port.postMessage({ id: job.id, valid: job.items.map(check) } satisfies VerifyAnswer);
});

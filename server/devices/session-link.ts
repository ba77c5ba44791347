// The server's half of linking a session to its device (src/lib/domain/session-link.ts): the
// challenge it hands a session, and the check of the device's signature over it.
import { createHash } from 'node:crypto';
import { SIGNED_ALGORITHM, fromBase64Url, importPublicKey, type DeviceCertificate } from '../../src/lib/domain/signing';
import { SESSION_LINK_CONTEXT } from '../../src/lib/domain/session-link';

/** Derived from the session id: the same for every request of one session, useless for another. */
export const sessionChallenge = (jti: string): string =>
	createHash('sha256').update(`${SESSION_LINK_CONTEXT}\n${jti}`).digest('base64url');

export async function verifyLinkSignature(
	cert: DeviceCertificate,
	bytes: Uint8Array<ArrayBuffer>,
	signature: string
): Promise<boolean> {
	const key = await importPublicKey(cert.publicKey);
	const sig = fromBase64Url(signature);
	if (!key || !sig || sig.length !== 64) return false;
	try {
		return await crypto.subtle.verify(SIGNED_ALGORITHM, key, sig, bytes);
	} catch {
		return false;
	}
}

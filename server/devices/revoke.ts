// Revoking a device certificate: a server-signed `revocation:{ulid}` document in `community`, so
// every device and hub refuses what the device's key signs from then on. Used by
// DELETE /api/devices/{id} and by ending a session that a device signs for.
import { COMMUNITY_DB, revocationId } from '../../src/lib/domain/ids';
import type { DeviceCertificate } from '../../src/lib/domain/signing';
import type { Storage } from '../storage/index';
import type { PraxisAuth } from '../auth/service';
import { serverSigner, signAsServer, storeSignedNew } from './server-key';
import { asCertificate, type SignatureVerifier } from './verify';

/** The system name revocations are authored by (as seeds are; see server/seed.ts). */
export const REVOCATION_AUTHOR = 'praxis';

export interface RevokeDeps {
	storage: Storage;
	auth: PraxisAuth;
	verifier: SignatureVerifier;
	clock: () => Date;
}

/** The certificate `device:{id}`, or null when there is none. */
export async function findCertificate(storage: Storage, id: string): Promise<DeviceCertificate | null> {
	try {
		return asCertificate(await storage.db(COMMUNITY_DB).get(id));
	} catch (err) {
		if ((err as { status?: number }).status !== 404) throw err;
		return null;
	}
}

/** Writes the revocation of `cert` (or returns the one already written). */
export async function revokeCertificate(
	deps: RevokeDeps,
	cert: DeviceCertificate,
	revokedBy: string
): Promise<Record<string, unknown>> {
	const db = deps.storage.db(COMMUNITY_DB);
	const signer = await serverSigner(deps.auth.signingKey());
	const revocation = await signAsServer(
		{
			_id: revocationId(cert._id),
			type: 'revocation',
			author: REVOCATION_AUTHOR,
			createdAt: deps.clock().toISOString(),
			device: cert._id,
			revokedBy
		},
		signer
	);
	// stored under the revision its signature fixes, like every signed document
	const [stored] = await storeSignedNew(db, [revocation]);
	if (stored?.error) return (await db.get(revocation._id)) as Record<string, unknown>; // already revoked
	deps.verifier.noteRevoked(cert._id);
	return revocation;
}

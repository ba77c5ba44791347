/// <reference types="pouchdb-core" />
// What verifying a signature needs to read from a PouchDB database, over the handle it is given
// (a device's replica or the server's community database): stored device certificates, the
// revocations recorded there, and a document's current winning revision.
import type { DeviceCertificate } from '../domain/signing';
import type { DocFacts } from '../domain/permissions';
import { idRange, revokedDeviceOf } from '../domain/ids';

/** Looks a device certificate up in a local PouchDB database. */
export function certificateFinder(db: PouchDB.Database): (id: string) => Promise<DeviceCertificate | null> {
	return async (id) => {
		try {
			const doc: Partial<DeviceCertificate> = await db.get(id);
			return doc.type === 'device' ? (doc as DeviceCertificate) : null;
		} catch {
			return null;
		}
	};
}

/** The current winning revision of `id` in `db`, not deleted, or null (SignerAuthority.current). */
export async function currentDoc(db: PouchDB.Database, id: string): Promise<DocFacts | null> {
	try {
		return await db.get<DocFacts>(id);
	} catch (err) {
		if ((err as { status?: number }).status === 404) return null;
		throw err;
	}
}

/** Revoked certificate ids recorded in a local database (`revocation:{ulid}` → `device:{ulid}`). */
export async function revokedIn(db: PouchDB.Database): Promise<Set<string>> {
	const res = await db.allDocs(idRange('revocation'));
	return new Set(res.rows.map((r) => revokedDeviceOf(r.id)));
}

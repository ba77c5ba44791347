/// <reference types="pouchdb-core" />
// File exchange: save the community documents another device or hub may lack into a
// signed, compressed bundle, and open one — verify it whole, then apply what verifies. Used by
// the /exchange page (through the store's community replica) and by `npm run bundle` on a server.
import type { DeviceCertificate } from '../domain/signing';
import type { DocFacts } from '../domain/permissions';
import { applyDocs, collectDocs } from './collect';
import { readBundle, writeBundle, type BundleDoc, type BundleHeader, type BundleSigner } from './format';
import { verifyBundle, type BundleTrust } from './verify';

export { readBundle, writeBundle, BUNDLE_FORMAT, BUNDLE_VERSION, type BundleHeader, type BundleDoc } from './format';
export { verifyBundle, verifyRelayedDocs, type BundleTrust, type VerifiedBundle, type RelayedDocs } from './verify';
export { collectDocs, applyDocs } from './collect';

export interface ExportOptions {
	db: PouchDB.Database;
	author: string;
	/** The signing certificate's id and a function signing bytes with its key. */
	device: string;
	sign: BundleSigner;
	/** ISO date, or null for everything. */
	since: string | null;
	now?: Date;
}

export async function exportBundle(options: ExportOptions): Promise<{ bytes: Uint8Array<ArrayBuffer>; count: number }> {
	const docs = await collectDocs(options.db, options.since);
	const created = (options.now ?? new Date()).toISOString();
	const bytes = await writeBundle(docs, { author: options.author, since: options.since, created, device: options.device }, options.sign);
	return { bytes, count: docs.length };
}

export type ImportOutcome =
	| { ok: true; header: BundleHeader; received: number; added: number; skipped: Array<{ id: string; reason: string }> }
	| { ok: false; reason: string };

/** Looks a device certificate up in a local PouchDB database. */
export function certificateFinder(db: PouchDB.Database): (id: string) => Promise<DeviceCertificate | null> {
	return async (id) => {
		try {
			const doc = (await db.get(id)) as unknown as DeviceCertificate;
			return doc.type === 'device' ? doc : null;
		} catch {
			return null;
		}
	};
}

/** The current winning revision of `id` in `db`, not deleted, or null (SignerAuthority.current). */
export async function currentDoc(db: PouchDB.Database, id: string): Promise<DocFacts | null> {
	try {
		return (await db.get(id)) as unknown as DocFacts;
	} catch (err) {
		if ((err as { status?: number }).status === 404) return null;
		throw err;
	}
}

/** Revoked certificate ids recorded in a local database (`revocation:{ulid}` → `device:{ulid}`). */
export async function revokedIn(db: PouchDB.Database): Promise<Set<string>> {
	const res = await db.allDocs({ startkey: 'revocation:', endkey: 'revocation:\ufff0' });
	return new Set(res.rows.map((r) => `device:${r.id.slice('revocation:'.length)}`));
}

async function missingRevs(db: PouchDB.Database, docs: readonly BundleDoc[]): Promise<Set<string>> {
	const asked: Record<string, string[]> = {};
	for (const d of docs) if (typeof d._rev === 'string') (asked[d._id] ??= []).push(d._rev);
	const diff = await db.revsDiff(asked);
	const out = new Set<string>();
	for (const [id, { missing }] of Object.entries(diff)) for (const rev of missing ?? []) out.add(`${id} ${rev}`);
	return out;
}

/** Reads, verifies and applies a bundle into `db` (a device's replica). */
export async function importBundle(db: PouchDB.Database, file: Uint8Array<ArrayBuffer>, trust: BundleTrust): Promise<ImportOutcome> {
	const parsed = await readBundle(file);
	if (!parsed.ok) return parsed;
	// Only revisions this side lacks need verifying and storing (certificates always travel along,
	// since verifying the rest may need them): re-opening a bundle then costs one revs_diff.
	const missing = await missingRevs(db, parsed.docs);
	const fresh = parsed.docs.filter((d) => d.type === 'device' || missing.has(`${d._id} ${String(d._rev)}`));
	const verified = await verifyBundle(parsed.header, fresh, trust);
	if (!verified.ok) return verified;
	const { added, failed } = await applyDocs(db, verified.accepted);
	return { ok: true, header: parsed.header, received: parsed.docs.length, added, skipped: [...verified.skipped, ...failed] };
}

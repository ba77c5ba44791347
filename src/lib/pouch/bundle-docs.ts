/// <reference types="pouchdb-core" />
// A bundle's documents in a PouchDB database, over the handle it is given (a device's replica or
// the server's community database): collecting what a bundle carries (select.ts says which), each
// with its `_revisions` and inline attachments, and applying a verified bundle with one bulkDocs
// with new_edits:false, so importing the same bundle twice changes nothing. Export and import
// join these to the pure format and verification in src/lib/bundle.
import { changedSince } from '../bundle/select';
import {
	isBundleDoc,
	readBundle,
	writeBundle,
	type BundleDoc,
	type BundleHeader,
	type BundleSigner
} from '../bundle/format';
import { verifyBundle, type BundleTrust } from '../bundle/verify';

const PAGE = 500;

/** Winning revisions changed since `since` (ISO date) or all (null), with revision history. */
export async function collectDocs(db: PouchDB.Database, since: string | null): Promise<BundleDoc[]> {
	const out: BundleDoc[] = [];
	let seq: string | number = 0;
	for (;;) {
		const res: PouchDB.Core.ChangesResponse<Record<string, unknown>> = await db.changes({
			since: seq,
			limit: PAGE,
			include_docs: true
		});
		const wanted = res.results.filter((r) => r.doc && !r.id.startsWith('_') && changedSince(r.doc, since));
		if (wanted.length) {
			const got = await db.bulkGet<Record<string, unknown>>({
				docs: wanted.map((r) => ({ id: r.id, rev: r.changes[0].rev })),
				revs: true,
				attachments: true
			});
			for (const result of got.results) {
				const entry = result.docs[0];
				if (entry && 'ok' in entry && isBundleDoc(entry.ok)) out.push(entry.ok);
			}
		}
		seq = res.last_seq;
		if (res.results.length < PAGE) break;
	}
	return out;
}

/** Stores verified documents as they are (exact revisions); returns how many were new here. */
export async function applyDocs(
	db: PouchDB.Database,
	docs: readonly BundleDoc[]
): Promise<{ added: number; failed: Array<{ id: string; reason: string }> }> {
	if (!docs.length) return { added: 0, failed: [] };
	const diff = await db.revsDiff(Object.fromEntries(groupRevs(docs)));
	const added = docs.filter((d) => diff[d._id]?.missing?.includes(String(d._rev))).length;
	const results = (await db.bulkDocs(docs as PouchDB.Core.PutDocument<object>[], { new_edits: false })) as Array<{
		id?: string;
		error?: unknown;
		reason?: string;
	}>;
	const failed = results.filter((r) => r.error).map((r) => ({ id: String(r.id), reason: String(r.reason ?? r.error) }));
	return { added, failed };
}

function groupRevs(docs: readonly BundleDoc[]): Map<string, string[]> {
	const m = new Map<string, string[]>();
	for (const d of docs) m.set(d._id, [...(m.get(d._id) ?? []), String(d._rev)]);
	return m;
}

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
	const bytes = await writeBundle(
		docs,
		{ author: options.author, since: options.since, created, device: options.device },
		options.sign
	);
	return { bytes, count: docs.length };
}

export type ImportOutcome =
	| {
			ok: true;
			header: BundleHeader;
			received: number;
			added: number;
			/** Revisions this side already held (neither new nor refused). */
			held: number;
			skipped: Array<{ id: string; reason: string }>;
	  }
	| { ok: false; reason: string };

/** The `{id} {rev}` of each of `docs` that `db` does not hold yet (one revs_diff). */
export async function missingRevs(db: PouchDB.Database, docs: readonly BundleDoc[]): Promise<Set<string>> {
	const asked: Record<string, string[]> = {};
	for (const d of docs) if (typeof d._rev === 'string') (asked[d._id] ??= []).push(d._rev);
	const diff = await db.revsDiff(asked);
	const out = new Set<string>();
	for (const [id, { missing }] of Object.entries(diff)) for (const rev of missing ?? []) out.add(`${id} ${rev}`);
	return out;
}

/** Reads, verifies and applies a bundle into `db` (a device's replica). */
export async function importBundle(
	db: PouchDB.Database,
	file: Uint8Array<ArrayBuffer>,
	trust: BundleTrust
): Promise<ImportOutcome> {
	const parsed = await readBundle(file);
	if (!parsed.ok) return parsed;
	// Only revisions this side lacks need verifying and storing (certificates always travel along,
	// since verifying the rest may need them): re-opening a bundle then costs one revs_diff.
	const missing = await missingRevs(db, parsed.docs);
	const fresh = parsed.docs.filter((d) => d.type === 'device' || missing.has(`${d._id} ${String(d._rev)}`));
	const verified = await verifyBundle(parsed.header, fresh, trust);
	if (!verified.ok) return verified;
	const { added, failed } = await applyDocs(db, verified.accepted);
	return {
		ok: true,
		header: parsed.header,
		received: parsed.docs.length,
		added,
		held: parsed.docs.filter((d) => !missing.has(`${d._id} ${String(d._rev)}`)).length,
		skipped: [...verified.skipped, ...failed]
	};
}

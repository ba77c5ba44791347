/// <reference types="pouchdb-core" />
// What goes into a bundle: the community documents of a PouchDB database changed since a date
// (by `updatedAt`, else `createdAt`; deletions included), or all of them, each with its
// `_revisions` and inline attachments; device certificates and revocations always travel along
// so the other side can verify signatures offline. And applying a verified bundle: one
// bulkDocs with new_edits:false, so importing the same bundle twice changes nothing.
import type { BundleDoc } from './format';

const PAGE = 500;
const ALWAYS = ['device:', 'revocation:'];

function changedSince(doc: Record<string, unknown>, since: string | null): boolean {
	if (since === null) return true;
	if (ALWAYS.some((p) => String(doc._id).startsWith(p))) return true;
	const at = typeof doc.updatedAt === 'string' ? doc.updatedAt : typeof doc.createdAt === 'string' ? doc.createdAt : null;
	return at === null || at >= since; // ISO 8601 UTC strings order as time
}

/** Winning revisions changed since `since` (ISO date) or all (null), with revision history. */
export async function collectDocs(db: PouchDB.Database, since: string | null): Promise<BundleDoc[]> {
	const out: BundleDoc[] = [];
	let seq: string | number = 0;
	for (;;) {
		const res: PouchDB.Core.ChangesResponse<object> = await db.changes({ since: seq, limit: PAGE, include_docs: true });
		const wanted = res.results.filter((r) => r.doc && !r.id.startsWith('_') && changedSince(r.doc as unknown as Record<string, unknown>, since));
		if (wanted.length) {
			const got = await db.bulkGet({ docs: wanted.map((r) => ({ id: r.id, rev: r.changes[0].rev })), revs: true, attachments: true });
			for (const result of got.results) {
				const entry = result.docs[0];
				if (entry && 'ok' in entry) out.push(entry.ok as unknown as BundleDoc);
			}
		}
		seq = res.last_seq;
		if (res.results.length < PAGE) break;
	}
	return out;
}

/** Stores verified documents as they are (exact revisions); returns how many were new here. */
export async function applyDocs(db: PouchDB.Database, docs: readonly BundleDoc[]): Promise<{ added: number; failed: Array<{ id: string; reason: string }> }> {
	if (!docs.length) return { added: 0, failed: [] };
	const diff = await db.revsDiff(Object.fromEntries(groupRevs(docs)));
	const added = docs.filter((d) => diff[d._id]?.missing?.includes(String(d._rev))).length;
	const results = (await db.bulkDocs(docs as PouchDB.Core.PutDocument<object>[], { new_edits: false })) as Array<{ id?: string; error?: unknown; reason?: string }>;
	const failed = results.filter((r) => r.error).map((r) => ({ id: String(r.id), reason: String(r.reason ?? r.error) }));
	return { added, failed };
}

function groupRevs(docs: readonly BundleDoc[]): Map<string, string[]> {
	const m = new Map<string, string[]>();
	for (const d of docs) m.set(d._id, [...(m.get(d._id) ?? []), String(d._rev)]);
	return m;
}

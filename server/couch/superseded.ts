// Superseded revisions of community documents and library files are served to their author
// alone (a file a moderator deleted is as gone as an edited post). A revision is
// superseded once it is no longer a leaf of its document's revision tree (edited or deleted
// since): a member who hides a profile field or edits a post expects the old text to be gone,
// and until compaction removes it from the store (server/compaction) nobody else may read it
// by revision. Such a read is answered as CouchDB answers for a revision it no longer holds
// (404 `missing`, `{missing: rev}`), so a reader cannot tell a hidden body from a compacted one.
// Revision ids stay listed (`_revisions`, `_revs_info`, `style=all_docs`): they carry no content.
// Leaves (the winner and any conflicts) stay readable by every member, which is all a
// replicator asks for (PouchDB and CouchDB fetch with `latest=true`).
import type { OpenDb } from './access';
import { isPlainObject } from './doc-shape';
import { notFound } from './errors';
import { getOpenRevs } from './safe-read';

type Body = Record<string, unknown>;

/** Whether reads of this database hide superseded revisions (the databases members share). */
export function hidesSuperseded(open: OpenDb): boolean {
	return open.kind === 'community' || open.kind === 'files';
}

/** The leaf revisions of `id` (winner, conflicts, deleted leaves); empty when it does not exist. */
export async function leafRevs(db: PouchDB.Database, id: string): Promise<Set<string>> {
	try {
		const leaves = await getOpenRevs(db, id, 'all');
		return new Set(leaves.flatMap((leaf) => ('ok' in leaf && typeof leaf.ok._rev === 'string' ? [leaf.ok._rev] : [])));
	} catch (err) {
		if ((err as { status?: unknown }).status === 404) return new Set();
		throw err;
	}
}

/** Whether the requester wrote this revision (the `author` it stores; authors never change). */
function isAuthor(open: OpenDb, doc: Body): boolean {
	return typeof doc.author === 'string' && doc.author === open.user.name;
}

/**
 * `_revs_info` lists the returned revision first, then its ancestors, none of them a leaf: to
 * anyone but the author their bodies are "missing", as they will be after compaction.
 */
export function maskRevsInfo(open: OpenDb, doc: unknown): void {
	if (!hidesSuperseded(open) || !isPlainObject(doc) || isAuthor(open, doc) || !Array.isArray(doc._revs_info)) return;
	doc._revs_info = doc._revs_info.map((info: unknown, i) =>
		i > 0 && isPlainObject(info) && info.status === 'available' ? { ...info, status: 'missing' } : info
	);
}

/**
 * Throws 404 `missing` when `doc`, read at a revision the request named, is superseded and the
 * requester is not its author. `doc` is the body the store returned for `id`.
 */
export async function assertReadable(open: OpenDb, id: string, doc: unknown): Promise<void> {
	if (!hidesSuperseded(open) || !isPlainObject(doc) || isAuthor(open, doc)) return;
	if (!(await leafRevs(open.db, id)).has(String(doc._rev))) throw notFound('missing');
}

type OpenRevEntry = { ok: unknown } | { missing: string } | Record<string, unknown>;

/**
 * Replaces, in answers to explicitly named revisions of one document (open_revs, or one
 * _bulk_get result), every superseded body the requester did not write by `{missing: rev}`.
 */
export async function hideSupersededEntries<T extends OpenRevEntry>(
	open: OpenDb,
	id: string,
	entries: T[]
): Promise<Array<T | { missing: string }>> {
	if (!hidesSuperseded(open)) return entries;
	const foreign = entries.some((e) => 'ok' in e && isPlainObject(e.ok) && !isAuthor(open, e.ok));
	if (!foreign) return entries;
	const leaves = await leafRevs(open.db, id);
	return entries.map((entry) => {
		if (!('ok' in entry) || !isPlainObject(entry.ok) || isAuthor(open, entry.ok)) return entry;
		const rev = String(entry.ok._rev);
		return leaves.has(rev) ? entry : { missing: rev };
	});
}

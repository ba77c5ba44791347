/// <reference types="pouchdb-core" />
// Signed writes into a PouchDB database (a device's replica; the server's gateway reads parents
// with parentFor), over the handle it is given. A signed revision is stored under the id its signature
// fixes (domain/signing.ts withSignedRevision), so it is written with `new_edits: false`; this
// module keeps the answers `put` gives otherwise: 409 when `_rev` is not a current leaf or a
// live document already has the id, and a new document over a deleted one continues it.
import { withSignedRevision, type RevisionHistory } from '../domain/signing';

type Doc = Record<string, unknown> & { _id: string; _rev?: string };

/** Signs `doc` bound to `parent`; null when the device cannot sign yet (no certificate). */
export type SignFor = (doc: Doc, parent: string | null) => Promise<Doc | null>;

interface Leaf {
	rev: string;
	deleted: boolean;
	history: RevisionHistory;
}

function conflict(id: string): Error {
	return Object.assign(new Error(`Document update conflict: ${id}`), {
		status: 409,
		name: 'conflict',
		error: 'conflict'
	});
}

async function leavesOf(pouch: PouchDB.Database, id: string): Promise<Leaf[]> {
	let answer: PouchDB.Core.Revision<{ _deleted?: boolean; _revisions?: RevisionHistory }>[];
	try {
		answer = await pouch.get<{ _deleted?: boolean; _revisions?: RevisionHistory }>(id, {
			open_revs: 'all',
			revs: true
		});
	} catch (err) {
		if ((err as { status?: number }).status === 404) return [];
		throw err;
	}
	return answer.flatMap((entry) => {
		const doc = 'ok' in entry ? entry.ok : undefined;
		if (!doc?._revisions) return [];
		return [{ rev: doc._rev, deleted: doc._deleted === true, history: doc._revisions }];
	});
}

/** The revision CouchDB's rule makes win among deleted leaves: the deepest, then the greatest id. */
function deepest(leaves: readonly Leaf[]): Leaf | null {
	let best: Leaf | null = null;
	for (const leaf of leaves) {
		if (
			!best ||
			leaf.history.start > best.history.start ||
			(leaf.history.start === best.history.start && leaf.rev > best.rev)
		)
			best = leaf;
	}
	return best;
}

/** Finds the revision `doc` continues, as `put` would; throws a 409 conflict when there is none. */
export async function parentFor(pouch: PouchDB.Database, doc: Doc): Promise<Leaf | null> {
	const leaves = await leavesOf(pouch, doc._id);
	if (typeof doc._rev === 'string') {
		const leaf = leaves.find((l) => l.rev === doc._rev);
		if (!leaf) throw conflict(doc._id);
		return leaf;
	}
	if (leaves.some((l) => !l.deleted)) throw conflict(doc._id);
	return deepest(leaves);
}

/**
 * Writes `doc` as the next revision, signed by `sign` when it can: returns the new `_rev`.
 * Unsigned (no certificate yet), it is an ordinary `put`.
 */
export function putSigned(pouch: PouchDB.Database, doc: Doc, sign: SignFor): Promise<string> {
	// one write per document at a time: two at once would both find the same parent and branch
	let queues = writing.get(pouch);
	if (!queues) writing.set(pouch, (queues = new Map()));
	const before = queues.get(doc._id) ?? Promise.resolve();
	const run = before.then(() => write(pouch, doc, sign));
	const settled = run.then(
		() => {},
		() => {}
	);
	queues.set(doc._id, settled);
	void settled.then(() => {
		if (queues.get(doc._id) === settled) queues.delete(doc._id);
	});
	return run;
}

const writing = new WeakMap<PouchDB.Database, Map<string, Promise<void>>>();

async function write(pouch: PouchDB.Database, doc: Doc, sign: SignFor): Promise<string> {
	const parent = await parentFor(pouch, doc);
	const signed = await sign(doc, parent?.rev ?? null);
	if (!signed) return (await pouch.put(doc as PouchDB.Core.PutDocument<object>)).rev;
	const { _rev: _, _revisions: __, ...content } = signed;
	const stored = await withSignedRevision(content, parent?.history ?? null);
	const results = (await pouch.bulkDocs([stored as PouchDB.Core.PutDocument<object>], { new_edits: false })) as Array<{
		error?: unknown;
		reason?: string;
		message?: string;
	}>;
	const failed = results.find((r) => r.error);
	if (failed) throw Object.assign(new Error(failed.reason ?? failed.message ?? 'the revision was not stored'), failed);
	return stored._rev;
}

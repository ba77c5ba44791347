// Deleting documents as the server (an account deletion): each live leaf of a document (its
// current revision and any conflict) gets a server-signed tombstone keeping only the fields the
// shared rule keeps (domain/tombstones.ts), bound to that leaf as its parent and stored under the
// revision its signature fixes, with new_edits=false, exactly as the gateway stores a member's
// deletion (server/couch/write.ts bindRevisions). So the deletion replicates to every device and
// hub, verifies there against the server key, and cannot be undone by sending an old revision.
import { tombstoneOf } from '../../src/lib/domain/tombstones';
import { withSignedRevision, type RevisionHistory } from '../../src/lib/domain/signing';
import { signAsServer, type ServerSigner } from '../devices/server-key';

/** Documents deleted per write: bounded so a prolific member's deletion never builds one huge request. */
export const DELETION_BATCH_SIZE = 200;

type Leaf = Record<string, unknown> & { _id: string; _rev: string; _revisions: RevisionHistory };

/** Every live (not deleted) leaf revision of `ids`, with its history. */
async function liveLeaves(db: PouchDB.Database, ids: readonly string[]): Promise<Leaf[]> {
	const rows = (await db.allDocs({ keys: [...ids], include_docs: true, conflicts: true })).rows as Array<{
		id?: string;
		value?: { rev: string; deleted?: boolean };
		doc?: { _rev: string; _conflicts?: string[] } | null;
	}>;
	const wanted = rows.flatMap((row) =>
		row.id && row.doc && !row.value?.deleted
			? [row.doc._rev, ...(row.doc._conflicts ?? [])].map((rev) => ({ id: row.id!, rev }))
			: []
	);
	if (wanted.length === 0) return [];
	const res = await db.bulkGet<Leaf & { _deleted?: boolean }>({ docs: wanted, revs: true });
	return res.results.flatMap((result) =>
		result.docs.flatMap((entry) => ('ok' in entry && !entry.ok._deleted ? [entry.ok] : []))
	);
}

/** The server-signed deletion of one leaf, as the child of that leaf. */
async function signedTombstone(leaf: Leaf, signer: ServerSigner): Promise<Record<string, unknown>> {
	// `_rev` names the parent the signature binds to (signDoc's default); the stored revision replaces it
	const signed = await signAsServer({ ...tombstoneOf(leaf), _rev: leaf._rev }, signer);
	return withSignedRevision(signed, leaf._revisions);
}

/**
 * Deletes the documents `ids` of `db` as the server, in batches; ids missing or already deleted
 * are skipped. Returns how many documents had something to delete.
 */
export async function deleteAsServer(
	db: PouchDB.Database,
	ids: readonly string[],
	signer: ServerSigner
): Promise<number> {
	let deleted = 0;
	for (let i = 0; i < ids.length; i += DELETION_BATCH_SIZE) {
		const leaves = await liveLeaves(db, ids.slice(i, i + DELETION_BATCH_SIZE));
		if (leaves.length === 0) continue;
		const tombstones = await Promise.all(leaves.map((leaf) => signedTombstone(leaf, signer)));
		const failures = (await db.bulkDocs(tombstones as PouchDB.Core.PutDocument<object>[], {
			new_edits: false
		})) as Array<{ id?: string; error?: unknown; reason?: string }>;
		if (failures.length > 0)
			throw new Error(`could not delete ${failures[0]?.id}: ${failures[0]?.reason ?? String(failures[0]?.error)}`);
		deleted += new Set(leaves.map((leaf) => leaf._id)).size;
	}
	return deleted;
}

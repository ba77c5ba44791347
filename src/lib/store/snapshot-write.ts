/// <reference types="pouchdb-core" />
// Writes one part of a bootstrap snapshot (sync/bootstrap.ts) into the community replica and
// hands the part's documents straight to the community feed follower (feed/follower.ts), so a
// first sync does not read 10,000 documents back from the changes feed it has just
// written them to (bench/profile-sync.ts: reading the feed back was the largest share of a first
// sync's main-thread time).
//
// The hand-over is exact or it does not happen: the replica's update_seq must have moved by
// exactly the number of revisions written (nothing else was written in between), and each
// follower applies the batch only when its checkpoint stands where the write began; otherwise it
// reads its feed as usual. Documents whose stored state may differ from the revision written are
// read back from the replica instead of taken from the part: an id with several leaf revisions
// (conflicts), ids that name this member (a vote, an RSVP, the profile: the member may have written
// their own revision of it on this device meanwhile), and documents with attachments (the feed
// gives attachment stubs, the snapshot inline data).
import type { Change } from './feed/projection';

type Seq = number | string;
type SnapshotDoc = PouchDB.Core.PutDocument<object> & {
	_id: string;
	_rev?: string;
	_deleted?: boolean;
	_revisions?: unknown;
	_attachments?: unknown;
};

/** What a writer needs of a feed follower to hand it a batch (feed/follower.ts). */
export interface SnapshotFollower {
	hold(): void;
	release(): void;
	applyWritten(changes: readonly Change[], before: Seq, after: Seq): Promise<void>;
}

export interface SnapshotWriteResult {
	/** The replica's update_seq before and after the write. */
	before: Seq;
	after: Seq;
	/** Nothing but the part was written in between (the seq moved by exactly its revisions). */
	exact: boolean;
	/** The part was handed to the followers (false: they read it from the feed). */
	handedOver: boolean;
}

/** Writes `docs` (revisions with `_revisions`) with new_edits:false; throws on a refused document. */
export async function writeSnapshotPart(
	local: PouchDB.Database,
	username: string,
	followers: readonly SnapshotFollower[],
	docs: readonly PouchDB.Core.PutDocument<object>[],
	onProblem: (message: string) => void = () => {},
	/** The replica's seq while it holds nothing but earlier parts of the snapshot (bootstrap.ts), else null. */
	onlySnapshotAt: Seq | null = null
): Promise<SnapshotWriteResult> {
	if (!docs.length) {
		const seq = (await local.info()).update_seq;
		return { before: seq, after: seq, exact: true, handedOver: false };
	}
	// taken before the write: PouchDB adds its revision tree to the objects it is given
	const planned = plan(username, docs as readonly SnapshotDoc[]);
	for (const f of followers) f.hold();
	try {
		const before = (await local.info()).update_seq;
		const results = await local.bulkDocs([...docs], { new_edits: false });
		const failed = results.find((r) => 'error' in r && r.error) as
			{ id?: string; reason?: string; message?: string } | undefined;
		if (failed) throw new Error(`could not store ${String(failed.id)}: ${String(failed.reason ?? failed.message)}`);
		const after = (await local.info()).update_seq;
		const exact = typeof before === 'number' && typeof after === 'number' && after - before === docs.length;
		if (!exact) return { before, after, exact, handedOver: false };
		let changes: Change[];
		// Written where only earlier parts were: every id of this part is new to the replica (a
		// part holds all leaves of its ids, no other part has them), so it has no projected row.
		const fresh = onlySnapshotAt !== null && String(before) === String(onlySnapshotAt);
		try {
			changes = await complete(local, planned, fresh);
		} catch (err) {
			onProblem(`snapshot part read back from the feed: ${String(err)}`);
			return { before, after, exact, handedOver: false };
		}
		// queued now, applied in order after anything already queued; the next part is written meanwhile
		// a failed hand-over is reported by the follower's own error path, and the feed is read again
		// at the next change; the next part must not wait for it
		for (const f of followers) f.applyWritten(changes, before, after).catch(() => undefined);
		return { before, after, exact, handedOver: true };
	} finally {
		for (const f of followers) f.release();
	}
}

interface Plan {
	/** One entry per id, in write order; null where the replica must be read. */
	changes: Array<{ id: string; change: Change | null }>;
	readBack: string[];
}

function plan(username: string, docs: readonly SnapshotDoc[]): Plan {
	const count = new Map<string, number>();
	for (const doc of docs) count.set(doc._id, (count.get(doc._id) ?? 0) + 1);
	const changes: Plan['changes'] = [];
	const readBack: string[] = [];
	const seen = new Set<string>();
	for (const doc of docs) {
		if (seen.has(doc._id)) continue;
		seen.add(doc._id);
		if ((count.get(doc._id) ?? 0) > 1 || doc._id.includes(username) || doc._attachments) {
			readBack.push(doc._id);
			changes.push({ id: doc._id, change: null });
			continue;
		}
		const { _revisions, ...body } = doc;
		void _revisions;
		changes.push({
			id: doc._id,
			change: doc._deleted ? { id: doc._id, deleted: true, doc: body } : { id: doc._id, doc: body }
		});
	}
	return { changes, readBack };
}

/**
 * The changes feed's view of the written part: the planned changes, with read-back ones filled in;
 * `fresh` marks the planned ones new to the replica (read-back ones may have a row: the member's own).
 */
async function complete(local: PouchDB.Database, planned: Plan, fresh: boolean): Promise<Change[]> {
	const stored = new Map<string, Change>();
	if (planned.readBack.length) {
		const res = await local.allDocs({ keys: planned.readBack, include_docs: true, conflicts: true });
		for (const row of res.rows) {
			if (!('value' in row) || !row.value) continue;
			const deleted = row.value.deleted === true;
			stored.set(
				row.id,
				deleted
					? { id: row.id, deleted: true, doc: { _id: row.id, _rev: row.value.rev, _deleted: true } }
					: { id: row.id, doc: row.doc ?? undefined }
			);
		}
	}
	return planned.changes.map(({ id, change }) => {
		if (change) return fresh ? { ...change, fresh: true } : change;
		const found = stored.get(id);
		if (!found) throw new Error(`${id} is not in the replica after writing it`);
		return found;
	});
}

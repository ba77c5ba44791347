// The last compaction of each database, kept in the server-only users database as a `_local`
// document (never replicated, never reachable through /couch), so a health page can show when
// superseded revisions were last removed from the store, across restarts.
import { USERS_DB, type Storage } from '../storage/index';

export interface CompactionRecord {
	db: string;
	reason: string;
	startedAt: string;
	finishedAt: string;
	durationMs: number;
	/** Why it failed, or null when the store reported it done. */
	error: string | null;
}

const recordId = (db: string) => `_local/praxis-compaction-${db}`;

export async function writeCompactionRecord(storage: Storage, record: CompactionRecord): Promise<void> {
	const db = storage.db(USERS_DB);
	const id = recordId(record.db);
	const rev = await db.get(id).then(
		(doc) => doc._rev,
		(err: { status?: number }) => {
			if (err.status === 404) return undefined;
			throw err;
		}
	);
	await db.put({ _id: id, ...(rev ? { _rev: rev } : {}), ...record });
}

/** The last compaction recorded for `dbName`, or null when none ran yet. */
export async function readCompactionRecord(storage: Storage, dbName: string): Promise<CompactionRecord | null> {
	try {
		const doc = (await storage.db(USERS_DB).get(recordId(dbName))) as Partial<CompactionRecord>;
		if (typeof doc.finishedAt !== 'string' || typeof doc.startedAt !== 'string') return null;
		return {
			db: dbName,
			reason: String(doc.reason ?? ''),
			startedAt: doc.startedAt,
			finishedAt: doc.finishedAt,
			durationMs: Number(doc.durationMs ?? 0),
			error: typeof doc.error === 'string' ? doc.error : null
		};
	} catch (err) {
		if ((err as { status?: number }).status === 404) return null;
		throw err;
	}
}

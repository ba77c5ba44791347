/// <reference types="pouchdb-core" />
// Superseded revisions on the device. The community replica is opened with auto-compaction
// (open.ts), which removes a superseded body as the revision replacing it is written; a replica
// filled before that holds the bodies it received earlier, which one full compaction removes,
// once per replica (kept in Dexie meta, so a replica destroyed with its Dexie database gets it again).
import type { PraxisDb } from './db';

export const REPLICA_COMPACTED_KEY = 'replica.compactedAt';

/** Compacts `community` unless this replica was compacted before; resolves when done. */
export async function compactReplicaOnce(community: PouchDB.Database, db: PraxisDb, now: () => string): Promise<void> {
	if (await db.meta.get(REPLICA_COMPACTED_KEY)) return;
	await community.compact();
	await db.meta.put({ key: REPLICA_COMPACTED_KEY, value: now() });
}

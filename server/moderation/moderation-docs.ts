// The server's writes into `community` for moderation: `moderation:{target}` (hidden, locked,
// pinned), written signed by the server with author `praxis` so that it replicates to every
// device and hub and verifies there, and no member can write one (SERVER_ONLY_TYPES).
import { putAsServer, type ServerSigner } from '../devices/server-key';
import { COMMUNITY_DB, moderationId } from '../../src/lib/domain/ids';
import type { ModerationDoc } from '../../src/lib/domain/schemas';
import type { Storage } from '../storage/index';

/** The author of what the server writes by itself (a reserved username: no member can take it). */
export const SERVER_AUTHOR = 'praxis';

const CONFLICT_RETRIES = 5;

type Fields = Pick<ModerationDoc, 'hidden' | 'locked' | 'pinned'>;

/**
 * Reads `moderation:{target}` (or none), lets `change` give its new fields, and writes it when
 * they differ; a concurrent write (409) is read again and retried. `change` returns null to
 * leave the document as it is. Returns whether it wrote.
 */
export async function updateModerationDoc(
	storage: Storage,
	signer: ServerSigner,
	target: string,
	at: string,
	change: (current: Fields) => Fields | null
): Promise<boolean> {
	const db = storage.db(COMMUNITY_DB);
	const id = moderationId(target);
	for (let attempt = 0; ; attempt++) {
		const prev = await readCurrent(db, id);
		const current: Fields = {
			...(prev?.hidden ? { hidden: prev.hidden } : {}),
			...(prev?.locked ? { locked: prev.locked } : {}),
			...(prev?.pinned !== undefined ? { pinned: prev.pinned } : {})
		};
		const changed = change(current);
		if (changed === null) return false;
		// a field set to undefined is taken away
		const next = Object.fromEntries(Object.entries(changed).filter(([, value]) => value !== undefined));
		if (JSON.stringify(next) === JSON.stringify(current)) return false;
		const doc = {
			_id: id,
			...(prev ? { _rev: prev._rev } : {}),
			type: 'moderation',
			author: SERVER_AUTHOR,
			createdAt: prev?.createdAt ?? at,
			...(prev ? { updatedAt: at } : {}),
			target,
			...next
		};
		try {
			await putAsServer(db, doc, signer);
			return true;
		} catch (err) {
			if ((err as { status?: number }).status !== 409 || attempt >= CONFLICT_RETRIES) throw err;
		}
	}
}

async function readCurrent(db: PouchDB.Database, id: string): Promise<(ModerationDoc & { _rev: string }) | null> {
	try {
		return (await db.get(id)) as ModerationDoc & { _rev: string };
	} catch (err) {
		if ((err as { status?: number }).status === 404) return null;
		throw err;
	}
}

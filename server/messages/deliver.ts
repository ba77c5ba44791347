// Direct messages between two members: a `message` document is written to the SENDER's private
// database (offline, like any write) with `to`; when it reaches the server through /couch, it is
// copied here into the recipient's private database, so only those two ever hold it (private
// databases are readable by their owner alone). The copy keeps the same _id, so delivering twice
// (a retried push) changes nothing.
import * as v from 'valibot';
import type { Storage } from '../storage/index';
import { USERS_DB } from '../storage/index';
import { userDocId } from '../auth/users';
import { userDbName } from '../../src/lib/domain/ids';
import { messageSchema } from '../../src/lib/domain/schemas';

type StoredDoc = Record<string, unknown> & { _id: string };

/** Messages of `docs` that `sender` wrote to someone else, without revision fields. */
export function outgoingMessages(sender: string, docs: readonly StoredDoc[]): StoredDoc[] {
	const out: StoredDoc[] = [];
	for (const doc of docs) {
		if (doc.type !== 'message' || doc._deleted === true) continue;
		const parsed = v.safeParse(messageSchema, doc);
		if (!parsed.success || parsed.output.author !== sender || parsed.output.to === sender) continue;
		const { _rev: _r, _revisions: _h, _attachments: _a, ...copy } = doc;
		out.push(copy as StoredDoc);
	}
	return out;
}

/** A live account: a deleted one keeps a tombstone, and its private database must not come back. */
async function isMember(storage: Storage, name: string): Promise<boolean> {
	try {
		const account = (await storage.db(USERS_DB).get(userDocId(name))) as { deletedAt?: unknown };
		return typeof account.deletedAt !== 'string';
	} catch {
		return false;
	}
}

/**
 * Copies the messages `sender` just stored in their private database into each recipient's.
 * A recipient who is not a member (or whose account was deleted) gets nothing (the message stays in the sender's database).
 * Returns the ids delivered. Never throws: a failed delivery is reported to `log`, and the
 * sender's copy is already stored, so a later push of the same message delivers it.
 */
export async function deliverMessages(
	storage: Storage,
	sender: string,
	docs: readonly StoredDoc[],
	log: (line: string) => void = (line) => console.error(line)
): Promise<string[]> {
	const delivered: string[] = [];
	for (const message of outgoingMessages(sender, docs)) {
		const to = String(message.to);
		try {
			if (!(await isMember(storage, to))) continue;
			const inbox = storage.db(userDbName(to));
			const [result] = await inbox.bulkDocs([message]);
			if ('ok' in result && result.ok) delivered.push(message._id);
			else if ((result as { status?: number }).status !== 409)
				log(`[messages] delivery of ${message._id} to ${to} failed: ${JSON.stringify(result)}`);
		} catch (err) {
			log(`[messages] delivery of ${message._id} to ${to} failed: ${String(err)}`);
		}
	}
	return delivered;
}

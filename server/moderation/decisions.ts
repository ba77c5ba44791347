// A moderator's decision reaches each flagger: the server writes `decision: {action, at}` into
// the member's own `flag:` document (their private database), so their devices show what came of
// it. A direct write on the current revision, read again and retried when the member's device
// wrote meanwhile; a flag the member deleted is left deleted.
import type { Storage } from '../storage/index';
import { userDbName } from '../../src/lib/domain/ids';
import type { FlagRecord } from './records';

const CONFLICT_RETRIES = 5;

export async function tellFlaggers(storage: Storage, flags: readonly FlagRecord[]): Promise<void> {
	await Promise.all(
		flags.map(async (flag) => {
			if (!flag.decision) return;
			const { action, at } = flag.decision;
			const db = storage.db(userDbName(flag.member));
			for (let attempt = 0; attempt <= CONFLICT_RETRIES; attempt++) {
				let doc: Record<string, unknown> & { _id: string; _rev: string };
				try {
					doc = await db.get(flag.id);
				} catch (err) {
					if ((err as { status?: number }).status === 404) return;
					throw err;
				}
				try {
					await db.put({ ...doc, decision: { action, at } });
					return;
				} catch (err) {
					if ((err as { status?: number }).status !== 409) throw err;
				}
			}
		})
	);
}

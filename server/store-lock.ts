// Recognising "another process holds this LevelDB store", so the server and the admin CLI
// can say so plainly instead of printing a stack trace.
import type { Storage } from './storage/index';
import { USERS_DB } from './storage/index';
import { errorMessage } from '../src/lib/domain/errors';

export function isStoreLockedError(err: unknown): boolean {
	const message = errorMessage(err);
	return /\block\b/i.test(message) && /(temporarily unavailable|already held|lock hold)/i.test(message);
}

/** Opens USERS_DB (every process that changes accounts needs it); throws what opening throws. */
export async function openUsersDb(storage: Storage): Promise<void> {
	await storage.db(USERS_DB).info();
}

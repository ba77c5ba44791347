// Per-member calendar subscription secrets, kept in the server-only USERS_DB (`praxis-users`):
//   calendar:{username}           → { hash }       the member's current secret (its SHA-256)
//   calendar-secret:{sha256 hex}  → { name }       lookup from a feed URL to its member
// Only hashes are stored, so a copy of the database does not reveal anyone's feed URL.
// Regenerating replaces both documents; revoking deletes them.
import { createHash, randomBytes } from 'node:crypto';
import { USERS_DB, type Storage } from '../storage/index';

export const CALENDAR_SECRET_BYTES = 32;
const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

type Doc = { _id: string; _rev?: string; [key: string]: unknown };

const hashOf = (secret: string): string => createHash('sha256').update(secret).digest('hex');
const memberDocId = (name: string): string => `calendar:${name}`;
const secretDocId = (hash: string): string => `calendar-secret:${hash}`;

async function get(db: PouchDB.Database, id: string): Promise<Doc | null> {
	try {
		return (await db.get(id)) as Doc;
	} catch (err) {
		if ((err as { status?: number }).status === 404) return null;
		throw err;
	}
}

export function isCalendarSecret(value: string): boolean {
	return SECRET_PATTERN.test(value);
}

export interface CalendarSecrets {
	/** A new secret for `name` (the previous one stops working). */
	regenerate(name: string): Promise<string>;
	/** Stops the member's feed; true when there was one. */
	revoke(name: string): Promise<boolean>;
	/** The member a secret belongs to, or null. */
	memberOf(secret: string): Promise<string | null>;
	/** Whether the member has a feed now. */
	has(name: string): Promise<boolean>;
}

export function createCalendarSecrets(storage: Storage): CalendarSecrets {
	const db = () => storage.db(USERS_DB);

	async function revoke(name: string): Promise<boolean> {
		const current = await get(db(), memberDocId(name));
		if (!current) return false;
		const lookup = await get(db(), secretDocId(String(current.hash)));
		const gone = [{ ...current, _deleted: true }, ...(lookup ? [{ ...lookup, _deleted: true }] : [])];
		await db().bulkDocs(gone);
		return true;
	}

	return {
		revoke,
		async regenerate(name) {
			await revoke(name);
			const secret = randomBytes(CALENDAR_SECRET_BYTES).toString('base64url');
			const hash = hashOf(secret);
			await db().bulkDocs([
				{ _id: memberDocId(name), type: 'calendar', hash },
				{ _id: secretDocId(hash), type: 'calendar-secret', name }
			]);
			return secret;
		},
		async memberOf(secret) {
			if (!isCalendarSecret(secret)) return null;
			const lookup = await get(db(), secretDocId(hashOf(secret)));
			return lookup && typeof lookup.name === 'string' ? lookup.name : null;
		},
		async has(name) {
			return (await get(db(), memberDocId(name))) !== null;
		}
	};
}

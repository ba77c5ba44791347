// Which databases /couch exposes and to whom: `community` to every signed-in member, and
// `userdb-{hex(username)}` to its owner alone. Everything else does not exist from outside.
import type { Context } from 'hono';
import type { AuthVariables, SessionUser } from '../auth/types';
import type { Storage } from '../storage/index';
import { COMMUNITY_DB, userDbOwner } from '../../src/lib/domain/ids';
import { FILES_DB } from '../../src/lib/domain/files';
import { CouchError, forbidden, notFound } from './errors';
import type { SignatureChecks, WriteRule } from './write';

/** `files`: the library's attachments (library-files), read by every member, written per file by its author. */
export type DbKind = 'community' | 'userdb' | 'files';

export interface OpenDb {
	name: string;
	kind: DbKind;
	db: PouchDB.Database;
	user: SessionUser;
	/** Whether the database existed before this request opened it. */
	existed: boolean;
	/** For writes that reach another database (message delivery, server/messages). */
	storage?: Storage;
	/** The gateway's signature checks for writes into this database (write.ts), when it makes them. */
	signatures?: SignatureChecks;
	/** The gateway's further write rules (write.ts WriteRule). */
	rules?: readonly WriteRule[];
}

export type CouchContext = Context<{ Variables: AuthVariables }>;

export function requireUser(c: CouchContext): SessionUser {
	const user = c.get('user');
	if (!user) throw new CouchError(401, 'unauthorized', 'You are not authorized to access this db.');
	return user;
}

/** The kind of a public database name, or null when it is not one /couch serves. */
export function dbKind(name: string): DbKind | null {
	if (name === COMMUNITY_DB) return 'community';
	if (name === FILES_DB) return 'files';
	return userDbOwner(name) !== null ? 'userdb' : null;
}

/**
 * Opens the database a request names, after checking who asks: 401 without a member,
 * 404 for names /couch does not serve, 403 for another member's private database.
 * A private database is created on its owner's first access.
 */
export async function openDb(
	c: CouchContext,
	gateway: { storage: Storage; signatures?: SignatureChecks; rules?: readonly WriteRule[] },
	name: string
): Promise<OpenDb> {
	const { storage, signatures, rules } = gateway;
	const user = requireUser(c);
	const kind = dbKind(name);
	if (!kind) throw notFound('Database does not exist.');
	if (kind === 'userdb' && userDbOwner(name) !== user.name) {
		throw forbidden('You are not allowed to access this db.');
	}
	const existed = await storage.exists(name);
	const db = storage.db(name);
	// PouchDB adds a listener to the database per running changes() call and removes it when
	// the call ends; concurrent longpolls legitimately exceed Node's default warning level of 10.
	// Listeners that could leak (the live ones) are counted by ChangeNotifier instead.
	db.setMaxListeners(0);
	return { name, kind, db, user, existed, storage, signatures, rules };
}

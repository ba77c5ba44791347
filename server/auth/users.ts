// Member accounts in the server-only USERS_DB (`praxis-users`, never reachable through /couch):
// one `user:{name}` document holding the password hash, roles and display name.
import type { Storage } from '../storage/index';
import { USERS_DB } from '../storage/index';
import { ROLES, type Role } from '../../src/lib/domain/schemas';
import { isPasswordHash, type PasswordHash } from './passwords';

export interface UserRecord {
	_id: string;
	_rev?: string;
	type: 'user';
	name: string;
	hash: PasswordHash;
	/** Always includes 'member'. */
	roles: Role[];
	displayName: string;
	createdAt: string;
	/** The privacy notice version the member last said they read, and when (absent: never). */
	privacyVersion?: string;
	consentedAt?: string;
}

/** What a member agreed to: the privacy notice's version and when (server/privacy/notice.ts). */
export type PrivacyConsent = Required<Pick<UserRecord, 'privacyVersion' | 'consentedAt'>>;

export const userDocId = (name: string): string => `user:${name}`;

/** Every member holds 'member'; the rest in ROLES order, without repeats. */
export function normalizeRoles(roles: readonly string[]): Role[] {
	const set = new Set<string>(['member', ...roles]);
	return ROLES.filter((role) => set.has(role));
}

export function isRole(value: unknown): value is Role {
	return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

function parseUser(doc: unknown): UserRecord | null {
	if (typeof doc !== 'object' || doc === null) return null;
	const d = doc as Record<string, unknown>;
	if (typeof d.name !== 'string' || !isPasswordHash(d.hash) || !Array.isArray(d.roles)) return null;
	return {
		_id: String(d._id),
		_rev: typeof d._rev === 'string' ? d._rev : undefined,
		type: 'user',
		name: d.name,
		hash: d.hash,
		roles: normalizeRoles(d.roles.filter(isRole)),
		displayName: typeof d.displayName === 'string' ? d.displayName : d.name,
		createdAt: typeof d.createdAt === 'string' ? d.createdAt : '',
		// kept through every read-modify-write (a role change must not drop the consent)
		...(typeof d.privacyVersion === 'string' && typeof d.consentedAt === 'string' ? { privacyVersion: d.privacyVersion, consentedAt: d.consentedAt } : {})
	};
}

function status(err: unknown): number | undefined {
	return typeof err === 'object' && err !== null ? (err as { status?: number }).status : undefined;
}

export class UsernameTakenError extends Error {
	constructor(name: string) {
		super(`the username ${name} is taken`);
	}
}

export interface UserStore {
	get(name: string): Promise<UserRecord | null>;
	/** Throws UsernameTakenError when the name exists. */
	create(user: Omit<UserRecord, '_id' | '_rev' | 'type'>): Promise<UserRecord>;
	/** Applies `change` to the roles and stores them; null when there is no such user. */
	updateRoles(name: string, change: (roles: Role[]) => readonly string[]): Promise<UserRecord | null>;
	setPassword(name: string, hash: PasswordHash): Promise<boolean>;
	/** Records that the member read this version of the privacy notice; false when no such user. */
	setPrivacyConsent(name: string, consent: PrivacyConsent): Promise<boolean>;
	list(): Promise<UserRecord[]>;
}

export function createUserStore(storage: Storage): UserStore {
	const db = () => storage.db(USERS_DB);

	async function get(name: string): Promise<UserRecord | null> {
		try {
			return parseUser(await db().get(userDocId(name)));
		} catch (err) {
			if (status(err) === 404) return null;
			throw err;
		}
	}

	/** Read-modify-write, retried on a concurrent update. */
	async function update(name: string, change: (user: UserRecord) => UserRecord): Promise<UserRecord | null> {
		for (let attempt = 0; attempt < 5; attempt++) {
			const user = await get(name);
			if (!user) return null;
			const next = change(user);
			try {
				const res = await db().put(next);
				return { ...next, _rev: res.rev };
			} catch (err) {
				if (status(err) !== 409) throw err;
			}
		}
		throw new Error(`could not update user ${name}: too many concurrent changes`);
	}

	return {
		get,
		async create(input) {
			const record: UserRecord = { _id: userDocId(input.name), type: 'user', ...input, roles: normalizeRoles(input.roles) };
			try {
				const res = await db().put(record);
				return { ...record, _rev: res.rev };
			} catch (err) {
				if (status(err) === 409) throw new UsernameTakenError(input.name);
				throw err;
			}
		},
		updateRoles: (name, change) => update(name, (user) => ({ ...user, roles: normalizeRoles(change(user.roles)) })),
		async setPassword(name, hash) {
			return (await update(name, (user) => ({ ...user, hash }))) !== null;
		},
		async setPrivacyConsent(name, consent) {
			return (await update(name, (user) => ({ ...user, ...consent }))) !== null;
		},
		async list() {
			const res = await db().allDocs({ include_docs: true, startkey: 'user:', endkey: 'user:\ufff0' });
			return res.rows.map((row) => parseUser(row.doc)).filter((u): u is UserRecord => u !== null);
		}
	};
}

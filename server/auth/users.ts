// Member accounts in the server-only USERS_DB (`praxis-users`, never reachable through /couch):
// one `user:{name}` document holding the password hash, roles and display name, the time before
// which the member's sessions are refused, and the hash of a pending reset code. A deleted
// account leaves a tombstone under the same id (no hash, no roles, no display name): the name
// stays taken, since old signed documents name it as their author.
import type { Storage } from '../storage/index';
import { USERS_DB } from '../storage/index';
import { ROLES, type Role } from '../../src/lib/domain/schemas';
import { isPasswordHash, type PasswordHash } from './passwords';
import { idRange } from '../../src/lib/domain/ids';

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
	/** Sessions issued before this (seconds since the epoch) are refused: set when all are ended. */
	sessionsValidFrom?: number;
	passwordChangedAt?: string;
	/** The one reset code that may set a new password (server/auth/reset-codes.ts). */
	resetCode?: ResetCodeRecord;
	/**
	 * While set (and until `until`, when given), the member cannot sign in, get hub tokens or write
	 * (server/auth/suspension.ts); they stay signed in and read.
	 */
	suspended?: Suspension;
}

export interface Suspension {
	at: string;
	/** Who suspended the member. */
	by: string;
	/** Why, in the words of whoever suspended them (shown to the member at sign-in and on their devices). */
	reason: string;
	/** When it ends by itself; absent: until lifted. */
	until?: string;
}

/** Is `suspension` in force at `now`? */
export function suspendedAt(suspension: Suspension | undefined, now: Date): boolean {
	return suspension !== undefined && (suspension.until === undefined || Date.parse(suspension.until) > now.getTime());
}

function parseSuspension(value: unknown): Suspension | undefined {
	const s = value as Partial<Suspension> | null;
	if (!s || typeof s.at !== 'string' || typeof s.by !== 'string' || typeof s.reason !== 'string') return undefined;
	return { at: s.at, by: s.by, reason: s.reason, ...(typeof s.until === 'string' ? { until: s.until } : {}) };
}

export interface ResetCodeRecord {
	/** SHA-256 of the normalized code with the username, base64url. */
	hash: string;
	issuedAt: string;
	expiresAt: string;
	issuedBy: string;
	/** Set when the code was used: kept so a second try can be told it was used. */
	usedAt?: string;
}

function parseResetCode(value: unknown): ResetCodeRecord | undefined {
	const v = value as Partial<ResetCodeRecord> | null;
	if (!v || typeof v.hash !== 'string' || typeof v.expiresAt !== 'string' || typeof v.issuedAt !== 'string')
		return undefined;
	return {
		hash: v.hash,
		issuedAt: v.issuedAt,
		expiresAt: v.expiresAt,
		issuedBy: typeof v.issuedBy === 'string' ? v.issuedBy : '',
		...(typeof v.usedAt === 'string' ? { usedAt: v.usedAt } : {})
	};
}

/** What a member agreed to: the privacy notice's version and when (server/privacy/notice.ts). */
export type PrivacyConsent = Required<Pick<UserRecord, 'privacyVersion' | 'consentedAt'>>;

/** What is left of a deleted account (server/deletion). */
export interface DeletedAccountRecord {
	_id: string;
	_rev?: string;
	type: 'user';
	name: string;
	createdAt: string;
	deletedAt: string;
	/** What the deletion still has to remove (absent once done; resumed at start when present). */
	pending?: { contributions: boolean };
}

function parseDeleted(doc: unknown): DeletedAccountRecord | null {
	const d = doc as Partial<DeletedAccountRecord> | null;
	if (!d || typeof d.name !== 'string' || typeof d.deletedAt !== 'string') return null;
	const pending =
		d.pending && typeof d.pending === 'object' ? { contributions: d.pending.contributions === true } : undefined;
	return {
		_id: String(d._id),
		_rev: typeof d._rev === 'string' ? d._rev : undefined,
		type: 'user',
		name: d.name,
		createdAt: typeof d.createdAt === 'string' ? d.createdAt : '',
		deletedAt: d.deletedAt,
		...(pending ? { pending } : {})
	};
}

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
	if (
		typeof d.name !== 'string' ||
		typeof d.deletedAt === 'string' ||
		!isPasswordHash(d.hash) ||
		!Array.isArray(d.roles)
	)
		return null;
	return {
		_id: String(d._id),
		_rev: typeof d._rev === 'string' ? d._rev : undefined,
		type: 'user',
		name: d.name,
		hash: d.hash,
		roles: normalizeRoles(d.roles.filter(isRole)),
		displayName: typeof d.displayName === 'string' ? d.displayName : d.name,
		createdAt: typeof d.createdAt === 'string' ? d.createdAt : '',
		...(typeof d.sessionsValidFrom === 'number' ? { sessionsValidFrom: d.sessionsValidFrom } : {}),
		...(typeof d.passwordChangedAt === 'string' ? { passwordChangedAt: d.passwordChangedAt } : {}),
		...(parseResetCode(d.resetCode) ? { resetCode: parseResetCode(d.resetCode) } : {}),
		...(parseSuspension(d.suspended) ? { suspended: parseSuspension(d.suspended) } : {}),
		// kept through every read-modify-write (a role change must not drop the consent)
		...(typeof d.privacyVersion === 'string' && typeof d.consentedAt === 'string'
			? { privacyVersion: d.privacyVersion, consentedAt: d.consentedAt }
			: {})
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

/**
 * What authorizing a member's write needs: their name and roles. A hub, which keeps no accounts,
 * answers it from the roles its upstream gave (bundle/index.ts hubMembersWith).
 */
export interface MemberRoles {
	/** `suspended`, when given, refuses the member's relayed writes while in force. */
	get(name: string): Promise<(Pick<UserRecord, 'name' | 'roles'> & Pick<Partial<UserRecord>, 'suspended'>) | null>;
}

export interface UserStore {
	get(name: string): Promise<UserRecord | null>;
	/** Throws UsernameTakenError when the name exists. */
	create(user: Omit<UserRecord, '_id' | '_rev' | 'type'>): Promise<UserRecord>;
	/** Applies `change` to the roles and stores them; null when there is no such user. */
	updateRoles(name: string, change: (roles: Role[]) => readonly string[]): Promise<UserRecord | null>;
	/**
	 * Stores a new password hash. A pending reset code is dropped with the old password, unless
	 * `usedCode` says this code set it (then it is kept, marked used).
	 */
	setPassword(name: string, hash: PasswordHash, at?: Date, usedCode?: ResetCodeRecord): Promise<boolean>;
	setSessionsValidFrom(name: string, seconds: number): Promise<boolean>;
	/** Replaces the member's reset code (null removes it). */
	setResetCode(name: string, code: ResetCodeRecord | null): Promise<boolean>;
	/** Suspends the member (null lifts it); null when there is no such member. */
	setSuspension(name: string, suspension: Suspension | null): Promise<UserRecord | null>;
	/** Records that the member read this version of the privacy notice; false when no such user. */
	setPrivacyConsent(name: string, consent: PrivacyConsent): Promise<boolean>;
	list(): Promise<UserRecord[]>;
	/** The tombstone of a deleted account, or null (no account of that name, or a live one). */
	deleted(name: string): Promise<DeletedAccountRecord | null>;
	/**
	 * Replaces the live account by its tombstone, `pending` saying what is left to remove; null
	 * when there is no live account of that name (already deleted, or never was).
	 */
	markDeleted(name: string, at: Date, pending: { contributions: boolean }): Promise<DeletedAccountRecord | null>;
	/** The deletion of `name` is complete: its tombstone loses `pending`. */
	deletionDone(name: string): Promise<void>;
	/** Tombstones whose deletion did not complete (the process stopped half-way). */
	pendingDeletions(): Promise<DeletedAccountRecord[]>;
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

	async function getDeleted(name: string): Promise<DeletedAccountRecord | null> {
		try {
			return parseDeleted(await db().get(userDocId(name)));
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
			const record: UserRecord = {
				_id: userDocId(input.name),
				type: 'user',
				...input,
				roles: normalizeRoles(input.roles)
			};
			try {
				const res = await db().put(record);
				return { ...record, _rev: res.rev };
			} catch (err) {
				if (status(err) === 409) throw new UsernameTakenError(input.name);
				throw err;
			}
		},
		updateRoles: (name, change) => update(name, (user) => ({ ...user, roles: normalizeRoles(change(user.roles)) })),
		async setPassword(name, hash, at = new Date(), usedCode) {
			return (
				(await update(name, ({ resetCode: _dropped, ...user }) => ({
					...user,
					hash,
					passwordChangedAt: at.toISOString(),
					...(usedCode ? { resetCode: { ...usedCode, usedAt: at.toISOString() } } : {})
				}))) !== null
			);
		},
		async setSessionsValidFrom(name, seconds) {
			return (
				(await update(name, (user) => ({
					...user,
					sessionsValidFrom: Math.max(seconds, user.sessionsValidFrom ?? 0)
				}))) !== null
			);
		},
		async setResetCode(name, code) {
			return (
				(await update(name, ({ resetCode: _old, ...user }) => (code ? { ...user, resetCode: code } : user))) !== null
			);
		},
		setSuspension: (name, suspension) =>
			update(name, ({ suspended: _old, ...user }) => (suspension ? { ...user, suspended: suspension } : user)),
		async setPrivacyConsent(name, consent) {
			return (await update(name, (user) => ({ ...user, ...consent }))) !== null;
		},
		async list() {
			const res = await db().allDocs({ include_docs: true, ...idRange('user') });
			return res.rows.map((row) => parseUser(row.doc)).filter((u): u is UserRecord => u !== null);
		},
		deleted: (name) => getDeleted(name),
		async markDeleted(name, at, pending) {
			for (let attempt = 0; attempt < 5; attempt++) {
				const user = await get(name);
				if (!user) return null;
				const tombstone: DeletedAccountRecord = {
					_id: user._id,
					_rev: user._rev,
					type: 'user',
					name,
					createdAt: user.createdAt,
					deletedAt: at.toISOString(),
					pending
				};
				try {
					const res = await db().put(tombstone);
					return { ...tombstone, _rev: res.rev };
				} catch (err) {
					if (status(err) !== 409) throw err;
				}
			}
			throw new Error(`could not delete user ${name}: too many concurrent changes`);
		},
		async deletionDone(name) {
			for (let attempt = 0; attempt < 5; attempt++) {
				const tombstone = await getDeleted(name);
				if (!tombstone?.pending) return;
				const { pending: _done, ...rest } = tombstone;
				try {
					await db().put(rest);
					return;
				} catch (err) {
					if (status(err) !== 409) throw err;
				}
			}
		},
		async pendingDeletions() {
			const res = await db().allDocs({ include_docs: true, ...idRange('user') });
			return res.rows
				.map((row) => parseDeleted(row.doc))
				.filter((d): d is DeletedAccountRecord => d?.pending !== undefined);
		}
	};
}

// Session records in the server-only SESSIONS_DB: one `session:{member}:{jti}` document per
// signed-in session, so a member can see where they are signed in and end one session with what
// hangs on it. Session tokens stay stateless JWTs (server/auth/tokens.ts); a record adds:
// - when the session last reached the server (written at most every LAST_SEEN_WRITE_MS),
// - the browser it was opened from (its user agent, shortened),
// - the device certificate this session's device signs with (`device:{ulid}`),
// - the hub tokens issued to it (jti and expiry), which only the revocation list can end.
// Hub tokens issued without a session (HTTP Basic) get a `hubtoken:{member}:{jti}` record.
// A session issued before records existed gets one the first time it is used.
import type { Storage } from '../storage/index';
import { SESSIONS_DB } from '../storage/index';
import type { SessionClaims } from './tokens';

/** Last-seen times are rewritten at most this often per session. */
export const LAST_SEEN_WRITE_MS = 5 * 60_000;
const AGENT_MAX_CHARS = 200;

export interface IssuedToken {
	jti: string;
	/** Seconds since the epoch, as in the token. */
	exp: number;
}

export interface SessionRecord {
	_id: string;
	_rev?: string;
	type: 'session';
	sub: string;
	jti: string;
	iat: number;
	exp: number;
	createdAt: string;
	lastSeenAt: string;
	agent?: string;
	device?: string;
	hubTokens: IssuedToken[];
}

export interface SessionStore {
	/** Records a session just issued. */
	record(claims: SessionClaims, agent: string | undefined): Promise<SessionRecord>;
	/** Notes that the session was used now (throttled); creates the record of an older session. */
	touch(claims: SessionClaims): Promise<void>;
	get(sub: string, jti: string): Promise<SessionRecord | null>;
	/** The member's live sessions, most recently seen first; records of ended ones are removed. */
	list(sub: string): Promise<SessionRecord[]>;
	/** Hub tokens issued to the member outside any session, unexpired. */
	standaloneHubTokens(sub: string): Promise<IssuedToken[]>;
	linkDevice(claims: SessionClaims, device: string): Promise<void>;
	/** Records a hub token, under its session when it has one. */
	addHubToken(sub: string, session: SessionClaims | null, token: IssuedToken): Promise<void>;
	/** Removes a session record, or a standalone hub token record. */
	remove(id: string): Promise<void>;
}

export const sessionDocId = (sub: string, jti: string): string => `session:${sub}:${jti}`;
export const hubTokenDocId = (sub: string, jti: string): string => `hubtoken:${sub}:${jti}`;

const status = (err: unknown): number | undefined => (err as { status?: number } | null)?.status;

function asIssued(value: unknown): IssuedToken | null {
	const v = value as Partial<IssuedToken> | null;
	return v && typeof v.jti === 'string' && typeof v.exp === 'number' ? { jti: v.jti, exp: v.exp } : null;
}

function parseRecord(doc: unknown): SessionRecord | null {
	const d = doc as Partial<SessionRecord> | null;
	if (
		!d ||
		typeof d._id !== 'string' ||
		typeof d.sub !== 'string' ||
		typeof d.jti !== 'string' ||
		typeof d.exp !== 'number'
	)
		return null;
	return {
		_id: d._id,
		_rev: d._rev,
		type: 'session',
		sub: d.sub,
		jti: d.jti,
		iat: typeof d.iat === 'number' ? d.iat : 0,
		exp: d.exp,
		createdAt: typeof d.createdAt === 'string' ? d.createdAt : new Date((d.iat ?? 0) * 1000).toISOString(),
		lastSeenAt: typeof d.lastSeenAt === 'string' ? d.lastSeenAt : '',
		...(typeof d.agent === 'string' ? { agent: d.agent } : {}),
		...(typeof d.device === 'string' ? { device: d.device } : {}),
		hubTokens: Array.isArray(d.hubTokens) ? d.hubTokens.map(asIssued).filter((t): t is IssuedToken => t !== null) : []
	};
}

/**
 * `isRevoked`: the revocation list. A request that passed its check may still be running when its
 * session is ended; its last-seen write must not bring the record back.
 */
export function createSessionStore(
	storage: Storage,
	now: () => Date,
	isRevoked: (jti: string) => Promise<boolean> = async () => false
): SessionStore {
	const db = () => storage.db(SESSIONS_DB);
	/** When each session's last-seen time was last written, by jti (bounded: cleared when large). */
	const written = new Map<string, number>();
	const seconds = () => now().getTime() / 1000;

	async function get(sub: string, jti: string): Promise<SessionRecord | null> {
		try {
			return parseRecord(await db().get(sessionDocId(sub, jti)));
		} catch (err) {
			if (status(err) === 404) return null;
			throw err;
		}
	}

	const fresh = (claims: SessionClaims, agent?: string): SessionRecord => ({
		_id: sessionDocId(claims.sub, claims.jti),
		type: 'session',
		sub: claims.sub,
		jti: claims.jti,
		iat: claims.iat,
		exp: claims.exp,
		createdAt: new Date(claims.iat * 1000).toISOString(),
		lastSeenAt: now().toISOString(),
		...(agent ? { agent: agent.slice(0, AGENT_MAX_CHARS) } : {}),
		hubTokens: []
	});

	/** Read-modify-write of a session record (created when missing), retried on a conflict. */
	async function update(claims: SessionClaims, change: (record: SessionRecord) => SessionRecord): Promise<void> {
		for (let attempt = 0; attempt < 5; attempt++) {
			const record = (await get(claims.sub, claims.jti)) ?? fresh(claims);
			try {
				await db().put(change(record));
				return;
			} catch (err) {
				if (status(err) !== 409) throw err;
			}
		}
	}

	async function range<T>(
		prefix: string,
		parse: (doc: unknown) => T | null
	): Promise<Array<{ value: T; id: string; rev: string }>> {
		const res = await db().allDocs({ include_docs: true, startkey: prefix, endkey: `${prefix}\ufff0` });
		return res.rows.flatMap((row) => {
			const value = parse(row.doc);
			return value ? [{ value, id: row.id, rev: row.value.rev }] : [];
		});
	}

	/** Removes records whose token expired: they can never be used again. */
	async function sweep(rows: Array<{ id: string; rev: string }>): Promise<void> {
		if (rows.length > 0) await db().bulkDocs(rows.map((r) => ({ _id: r.id, _rev: r.rev, _deleted: true })));
	}

	return {
		async record(claims, agent) {
			const record = fresh(claims, agent);
			await db().put(record);
			written.set(claims.jti, now().getTime());
			return record;
		},
		async touch(claims) {
			const t = now().getTime();
			const last = written.get(claims.jti);
			if (last !== undefined && t - last < LAST_SEEN_WRITE_MS) return;
			if (written.size > 50_000) written.clear();
			// Set before writing: the requests a device sends together write once.
			written.set(claims.jti, t);
			if (await isRevoked(claims.jti)) return;
			await update(claims, (record) => ({ ...record, lastSeenAt: now().toISOString() }));
		},
		get,
		async list(sub) {
			const rows = await range(`session:${sub}:`, parseRecord);
			const t = seconds();
			const ended: typeof rows = [];
			for (const row of rows) if (row.value.exp <= t || (await isRevoked(row.value.jti))) ended.push(row);
			await sweep(ended);
			return rows
				.filter((r) => !ended.includes(r))
				.map((r) => r.value)
				.sort((a, b) => b.lastSeenAt.localeCompare(a.lastSeenAt));
		},
		async standaloneHubTokens(sub) {
			const rows = await range(`hubtoken:${sub}:`, asIssued);
			const t = seconds();
			await sweep(rows.filter((r) => r.value.exp <= t));
			return rows.map((r) => r.value).filter((token) => token.exp > t);
		},
		linkDevice: (claims, device) => update(claims, (record) => ({ ...record, device })),
		async addHubToken(sub, session, token) {
			if (!session) {
				await db().put({ _id: hubTokenDocId(sub, token.jti), type: 'hubtoken', sub, ...token });
				return;
			}
			const t = seconds();
			await update(session, (record) => ({
				...record,
				hubTokens: [...record.hubTokens.filter((h) => h.exp > t), token]
			}));
		},
		async remove(id) {
			for (let attempt = 0; attempt < 5; attempt++) {
				try {
					const doc = await db().get(id);
					await db().remove(doc);
					return;
				} catch (err) {
					if (status(err) === 404) return;
					if (status(err) !== 409) throw err;
				}
			}
		}
	};
}

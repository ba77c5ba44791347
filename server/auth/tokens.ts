// Session tokens: JWTs signed with the server's Ed25519 key (EdDSA), claims sub, roles, jti,
// iat, exp. Revoked token ids are kept in SESSIONS_DB and mirrored in memory.
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { randomUUID } from 'node:crypto';
import type { Storage } from '../storage/index';
import { SESSIONS_DB } from '../storage/index';
import type { SigningKey } from './keys';
import { idKey, idRange } from '../../src/lib/domain/ids';

export const SESSION_TTL_SECONDS = 30 * 24 * 60 * 60;

export interface SessionClaims {
	sub: string;
	jti: string;
	exp: number;
	iat: number;
}

export async function signSession(
	key: SigningKey,
	name: string,
	roles: readonly string[],
	now: Date
): Promise<{ token: string; claims: SessionClaims }> {
	const iat = Math.floor(now.getTime() / 1000);
	const claims: SessionClaims = { sub: name, jti: randomUUID(), iat, exp: iat + SESSION_TTL_SECONDS };
	const token = await new SignJWT({ roles: [...roles] })
		.setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: 'JWT' })
		.setSubject(claims.sub)
		.setJti(claims.jti)
		.setIssuedAt(claims.iat)
		.setExpirationTime(claims.exp)
		.sign(key.privateKey);
	return { token, claims };
}

/** The claims of a well-signed, unexpired token, or null. Revocation is checked separately. */
export async function verifySession(key: SigningKey, token: string, now: Date): Promise<SessionClaims | null> {
	try {
		const { payload, protectedHeader } = await jwtVerify(token, key.publicKey, {
			algorithms: ['EdDSA'],
			currentDate: now
		});
		if (protectedHeader.kid !== undefined && protectedHeader.kid !== key.kid) return null;
		const { sub, jti, exp, iat } = payload;
		if (typeof sub !== 'string' || typeof jti !== 'string' || typeof exp !== 'number') return null;
		// Tokens with an audience (hub tokens) are for that audience only, never a central session.
		if (payload.aud !== undefined) return null;
		return { sub, jti, exp, iat: typeof iat === 'number' ? iat : 0 };
	} catch (err) {
		if (err instanceof joseErrors.JOSEError) return null;
		throw err;
	}
}

export interface RevocationList {
	isRevoked(jti: string): Promise<boolean>;
	revoke(claims: SessionClaims): Promise<void>;
	/** Ids of revoked tokens not yet expired (what hubs fetch to refuse them offline). */
	list(): Promise<string[]>;
}

/** Revoked ids as `revoked:{jti}` documents; loaded once, then answered from memory. */
export function createRevocationList(storage: Storage, now: () => Date): RevocationList {
	const revoked = new Map<string, number>();
	let loading: Promise<void> | null = null;
	const load = () =>
		(loading ??= (async () => {
			const res = await storage.db(SESSIONS_DB).allDocs({ include_docs: true, ...idRange('revoked') });
			const t = now().getTime() / 1000;
			const expired: Array<{ _id: string; _rev: string; _deleted: true }> = [];
			for (const row of res.rows) {
				const exp = (row.doc as { exp?: unknown } | undefined)?.exp;
				if (typeof exp === 'number' && exp > t) revoked.set(idKey('revoked', row.id), exp);
				else expired.push({ _id: row.id, _rev: row.value.rev, _deleted: true });
			}
			// Tokens past their expiry are refused anyway: forget their revocations.
			if (expired.length > 0)
				void storage
					.db(SESSIONS_DB)
					.bulkDocs(expired)
					.catch(() => undefined);
		})().catch((err: unknown) => {
			loading = null;
			throw err;
		}));

	return {
		async isRevoked(jti) {
			await load();
			return revoked.has(jti);
		},
		async list() {
			await load();
			const t = now().getTime() / 1000;
			return [...revoked].filter(([, exp]) => exp > t).map(([jti]) => jti);
		},
		async revoke(claims) {
			await load();
			revoked.set(claims.jti, claims.exp);
			try {
				await storage
					.db(SESSIONS_DB)
					.put({ _id: `revoked:${claims.jti}`, sub: claims.sub, exp: claims.exp, revokedAt: now().toISOString() });
			} catch (err) {
				if ((err as { status?: number }).status !== 409) throw err; // already revoked
			}
		}
	};
}

/** The audience of member tokens for meetup hubs: short-lived, accepted by hubs only. */
export const HUB_AUDIENCE = 'praxis-hub';
export const HUB_TOKEN_TTL_SECONDS = 12 * 60 * 60;

export async function signHubToken(
	key: SigningKey,
	name: string,
	roles: readonly string[],
	now: Date
): Promise<{ token: string; claims: SessionClaims }> {
	const iat = Math.floor(now.getTime() / 1000);
	const claims: SessionClaims = { sub: name, jti: randomUUID(), iat, exp: iat + HUB_TOKEN_TTL_SECONDS };
	const token = await new SignJWT({ roles: [...roles] })
		.setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: 'JWT' })
		.setAudience(HUB_AUDIENCE)
		.setSubject(claims.sub)
		.setJti(claims.jti)
		.setIssuedAt(claims.iat)
		.setExpirationTime(claims.exp)
		.sign(key.privateKey);
	return { token, claims };
}

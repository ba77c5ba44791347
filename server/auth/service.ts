// The AuthService: registration, login, logout and the per-request check of who is asking
// (session cookie, Bearer token or HTTP Basic). Roles come from the user record, cached
// briefly, so a grant takes effect without a new login.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Storage } from '../storage/index';
import type { AuthService, SessionUser } from './types';
import type { Role } from '../../src/lib/domain/schemas';
import { isValidUsername } from '../../src/lib/domain/ids';
import { ephemeralSigningKey, loadOrCreateSigningKey, type PublicJwk, type SigningKey } from './keys';
import { DEFAULT_SCRYPT_COST, hashPassword, verifyPassword, type PasswordHash, type ScryptCost } from './passwords';
import { createRateLimiter, type RateLimiter } from './rate-limit';
import { createRevocationList, signHubToken, signSession, verifySession, SESSION_TTL_SECONDS, type SessionClaims } from './tokens';
import { createUserStore, UsernameTakenError, type UserStore } from './users';
import { createMember, type NewMember } from './members';
import { RESERVED_USERNAMES, type RegisterInput } from './input';
import { parseAuthorization, sessionCookieValue } from './credentials';
import { serverSigner, signAsServer } from '../devices/server-key';

export { SESSION_TTL_SECONDS };

export interface PublicUser {
	name: string;
	roles: Role[];
	displayName: string;
}

/** An expected refusal, turned into `{error, reason}` with this status by the routes. */
export class AuthError extends Error {
	constructor(
		readonly status: 400 | 401 | 409 | 429,
		readonly error: string,
		readonly reason: string,
		readonly retryAfterSeconds?: number
	) {
		super(reason);
	}
}

export interface AuthLimits {
	loginFailuresPerUsername: number;
	loginFailuresPerAddress: number;
	loginWindowMs: number;
	registrationsPerAddress: number;
	registrationWindowMs: number;
}

export const DEFAULT_AUTH_LIMITS: AuthLimits = {
	loginFailuresPerUsername: 5,
	loginFailuresPerAddress: 20,
	loginWindowMs: 15 * 60_000,
	registrationsPerAddress: 10,
	registrationWindowMs: 60 * 60_000
};

export interface AuthOptions {
	storage: Storage;
	/** Folder of the signing key (DATA_DIR/keys); absent → a key held in memory only. */
	keysDir?: string;
	clock?: () => Date;
	scryptCost?: ScryptCost;
	limits?: Partial<AuthLimits>;
	/** How long roles read from a user record are trusted. */
	roleCacheMs?: number;
	/** How long a successful HTTP Basic check is remembered. */
	basicCacheMs?: number;
	/** Behind a reverse proxy: rate-limit by the last X-Forwarded-For entry, not the socket. */
	trustProxy?: boolean;
}

export interface PraxisAuth extends AuthService {
	readonly users: UserStore;
	readonly sessionTtlSeconds: number;
	/** `privacyVersion`: the notice version the person agreed to (the route checks it is current). */
	register(input: RegisterInput & { privacyVersion: string }, clientAddress: string): Promise<{ user: PublicUser; token: string }>;
	login(username: string, password: string, clientAddress: string): Promise<{ user: PublicUser; token: string }>;
	/** Revokes the session token the request carries, if any. */
	logout(req: Request): Promise<void>;
	/** The signed-in member with display name, or null. */
	currentUser(req: Request, clientAddress: string): Promise<PublicUser | null>;
	/** Creates a member without rate limits (seed, admin CLI). */
	createMember(member: NewMember): Promise<PublicUser>;
	/** Forgets cached roles (after a grant). */
	invalidate(name: string): void;
	jwks(): { keys: PublicJwk[] };
	/** The server's Ed25519 key (sessions, hub tokens, device certificates, server signatures). */
	signingKey(): SigningKey;
	/** A short-lived token a meetup hub accepts (aud praxis-hub), for a signed-in member. */
	issueHubToken(user: SessionUser): Promise<{ token: string; expiresAt: string }>;
	/** Ids of revoked, unexpired tokens (sessions and hub tokens). */
	revokedTokenIds(): Promise<string[]>;
}

const sha256 = (s: string): string => createHash('sha256').update(s).digest('base64url');

export function createAuthService(options: AuthOptions): PraxisAuth {
	const { storage } = options;
	const clock = options.clock ?? (() => new Date());
	const now = () => clock().getTime();
	const limits = { ...DEFAULT_AUTH_LIMITS, ...options.limits };
	const cost = options.scryptCost ?? DEFAULT_SCRYPT_COST;
	const roleCacheMs = options.roleCacheMs ?? 5_000;
	const basicCacheMs = options.basicCacheMs ?? 60_000;
	const users = createUserStore(storage);
	const revocations = createRevocationList(storage, clock);
	let key: SigningKey | null = null;
	const signingKey = (): SigningKey =>
		(key ??= options.keysDir ? loadOrCreateSigningKey(options.keysDir) : ephemeralSigningKey());

	const limiter = (max: number, windowMs: number): RateLimiter => createRateLimiter({ max, windowMs, now });
	const failuresByName = limiter(limits.loginFailuresPerUsername, limits.loginWindowMs);
	const failuresByAddress = limiter(limits.loginFailuresPerAddress, limits.loginWindowMs);
	const registrations = limiter(limits.registrationsPerAddress, limits.registrationWindowMs);

	const profiles = new Map<string, { user: PublicUser; at: number }>();
	const basicCache = new Map<string, { name: string; until: number }>();
	/** Basic checks under way, by header: a device's first requests arrive together and share one. */
	const basicChecks = new Map<string, Promise<PublicUser | null>>();
	let dummyHash: Promise<PasswordHash> | null = null;

	async function publicUser(name: string): Promise<PublicUser | null> {
		const cached = profiles.get(name);
		if (cached && now() - cached.at < roleCacheMs) return cached.user;
		const record = await users.get(name);
		if (!record) {
			profiles.delete(name);
			return null;
		}
		const user = { name: record.name, roles: record.roles, displayName: record.displayName };
		profiles.set(name, { user, at: now() });
		return user;
	}

	function throwIfLimited(name: string, address: string): void {
		const wait = Math.max(failuresByName.retryAfterSeconds(name), failuresByAddress.retryAfterSeconds(address));
		if (wait > 0) {
			throw new AuthError(429, 'too_many_requests', `too many failed sign-in attempts: try again in ${Math.ceil(wait / 60)} min`, wait);
		}
	}

	/** Checks a password, spending the same time whether or not the user exists. */
	async function checkPassword(name: string, password: string, address: string): Promise<PublicUser> {
		throwIfLimited(name, address);
		const record = isValidUsername(name) ? await users.get(name) : null;
		const ok = record
			? await verifyPassword(password, record.hash)
			: (await verifyPassword(password, await (dummyHash ??= hashPassword('not a password', cost))), false);
		if (!record || !ok) {
			failuresByName.hit(name);
			failuresByAddress.hit(address);
			throw new AuthError(401, 'unauthorized', 'wrong username or password');
		}
		failuresByName.reset(name);
		const user = { name: record.name, roles: record.roles, displayName: record.displayName };
		profiles.set(name, { user, at: now() });
		return user;
	}

	async function issue(user: PublicUser): Promise<{ user: PublicUser; token: string }> {
		const { token } = await signSession(signingKey(), user.name, user.roles, clock());
		return { user, token };
	}

	async function claimsOf(token: string): Promise<SessionClaims | null> {
		const claims = await verifySession(signingKey(), token, clock());
		if (!claims || (await revocations.isRevoked(claims.jti))) return null;
		return claims;
	}

	async function basicUser(header: string, name: string, password: string, address: string): Promise<PublicUser | null> {
		const cacheKey = sha256(header);
		const hit = basicCache.get(cacheKey);
		if (hit && hit.until > now()) return publicUser(hit.name);
		const pending = basicChecks.get(cacheKey);
		if (pending) return pending;
		const check = (async () => {
			try {
				const user = await checkPassword(name, password, address);
				if (basicCache.size > 10_000) basicCache.clear();
				basicCache.set(cacheKey, { name: user.name, until: now() + basicCacheMs });
				return user;
			} catch (err) {
				if (err instanceof AuthError) return null;
				throw err;
			} finally {
				basicChecks.delete(cacheKey);
			}
		})();
		basicChecks.set(cacheKey, check);
		return check;
	}

	async function currentUser(req: Request, address: string): Promise<PublicUser | null> {
		const authorization = req.headers.get('authorization');
		if (authorization) {
			const parsed = parseAuthorization(authorization);
			if (!parsed) return null;
			if (parsed.scheme === 'basic') return basicUser(authorization, parsed.username, parsed.password, address);
			const claims = await claimsOf(parsed.token);
			return claims ? publicUser(claims.sub) : null;
		}
		const token = sessionCookieValue(req.headers.get('cookie'));
		if (!token) return null;
		const claims = await claimsOf(token);
		return claims ? publicUser(claims.sub) : null;
	}

	async function createMemberChecked(member: NewMember): Promise<PublicUser> {
		const sign = async <T extends Record<string, unknown>>(doc: T): Promise<T> => signAsServer(doc, await serverSigner(signingKey()));
		const record = await createMember({ storage, users, now: clock, scryptCost: cost, sign }, member);
		return { name: record.name, roles: record.roles, displayName: record.displayName };
	}

	return {
		users,
		sessionTtlSeconds: SESSION_TTL_SECONDS,
		async authenticate(req, address): Promise<SessionUser | null> {
			const forwarded = options.trustProxy ? req.headers.get('x-forwarded-for')?.split(',').map((s) => s.trim()).filter(Boolean).at(-1) : undefined;
			const user = await currentUser(req, forwarded ?? address);
			return user ? { name: user.name, roles: user.roles } : null;
		},
		currentUser,
		async register(input, address) {
			const wait = registrations.retryAfterSeconds(address);
			if (wait > 0) throw new AuthError(429, 'too_many_requests', 'too many new accounts from this address: try again later', wait);
			if (RESERVED_USERNAMES.has(input.username)) throw new AuthError(409, 'conflict', `the username ${input.username} is reserved`);
			registrations.hit(address);
			try {
				const privacy = { privacyVersion: input.privacyVersion, consentedAt: clock().toISOString() };
				return await issue(await createMemberChecked({ ...input, privacy }));
			} catch (err) {
				if (err instanceof UsernameTakenError) throw new AuthError(409, 'conflict', `the username ${input.username} is taken`);
				throw err;
			}
		},
		async login(username, password, address) {
			return issue(await checkPassword(username, password, address));
		},
		async logout(req) {
			const authorization = parseAuthorization(req.headers.get('authorization') ?? '');
			const token = authorization?.scheme === 'bearer' ? authorization.token : sessionCookieValue(req.headers.get('cookie'));
			if (!token) return;
			const claims = await claimsOf(token);
			if (claims) await revocations.revoke(claims);
		},
		createMember: createMemberChecked,
		invalidate(name) {
			profiles.delete(name);
		},
		jwks: () => ({ keys: [signingKey().publicJwk] }),
		signingKey,
		async issueHubToken(user) {
			const { token, claims } = await signHubToken(signingKey(), user.name, user.roles, clock());
			return { token, expiresAt: new Date(claims.exp * 1000).toISOString() };
		},
		revokedTokenIds: () => revocations.list()
	};
}

/** DATA_DIR/keys, where the signing key lives. */
export const keysDirOf = (dataDir: string): string => join(dataDir, 'keys');

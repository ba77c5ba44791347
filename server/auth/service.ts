// The AuthService: registration, login, logout and the per-request check of who is asking
// (session cookie, Bearer token or HTTP Basic). Roles come from the user record, cached
// briefly, so a grant takes effect without a new login. Each session has a record
// (server/auth/sessions.ts); ending one revokes its token and the hub tokens issued to it, and
// a member's `sessionsValidFrom` ends every session issued before it, recorded or not.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { SessionUser } from './types';
import { DEFAULT_AUTH_LIMITS, type AuthOptions, type PraxisAuth, type PublicUser } from './service-types';
import { isValidUsername } from '../../src/lib/domain/ids';
import { ephemeralSigningKey, loadOrCreateSigningKey, type SigningKey } from './keys';
import { DEFAULT_SCRYPT_COST, hashPassword, verifyPassword, type PasswordHash } from './passwords';
import { createRateLimiter, type RateLimiter } from './rate-limit';
import {
	createRevocationList,
	signHubToken,
	signSession,
	verifySession,
	SESSION_TTL_SECONDS,
	type SessionClaims
} from './tokens';
import { createSessionStore, hubTokenDocId, type SessionRecord } from './sessions';
import { AuthError } from './errors';
import { refusal } from '../../src/lib/domain/account-errors';
import { RESERVED_USERNAMES, requireStrongPassword, type SessionMeta } from './input';
import { createUserStore, suspendedAt, UsernameTakenError, type Suspension } from './users';
import { suspensionAt, suspensionParams, untilWords } from './suspension';
import { createMember, type NewMember } from './members';
import { parseAuthorization, sessionCookieValue } from './credentials';
import { ACCOUNT_DELETED, ACCOUNT_DELETED_REASON } from '../../src/lib/domain/account-api';
import { serverSigner, signAsServer } from '../devices/server-key';

export { SESSION_TTL_SECONDS, AuthError };
export {
	DEFAULT_AUTH_LIMITS,
	type AuthLimits,
	type AuthOptions,
	type PraxisAuth,
	type PublicUser
} from './service-types';

interface Profile {
	user: PublicUser;
	validFrom: number;
	suspended?: Suspension;
	at: number;
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
	const sessions = createSessionStore(storage, clock, (jti) => revocations.isRevoked(jti));
	let key: SigningKey | null = null;
	const signingKey = (): SigningKey =>
		(key ??= options.keysDir ? loadOrCreateSigningKey(options.keysDir) : ephemeralSigningKey());

	const limiter = (max: number, windowMs: number): RateLimiter => createRateLimiter({ max, windowMs, now });
	const failuresByName = limiter(limits.loginFailuresPerUsername, limits.loginWindowMs);
	const failuresByAddress = limiter(limits.loginFailuresPerAddress, limits.loginWindowMs);
	const registrations = limiter(limits.registrationsPerAddress, limits.registrationWindowMs);
	const strengthChecks = limiter(limits.strengthChecksPerAddress, limits.loginWindowMs);

	/**
	 * The public user, the member's session cut-off (seconds; 0: none) and suspension, cached
	 * briefly; a suspension's end is judged against the clock at each request, not at caching.
	 */
	const profiles = new Map<string, Profile>();
	const basicCache = new Map<string, { name: string; until: number }>();
	/** Basic checks under way, by header: a device's first requests arrive together and share one. */
	const basicChecks = new Map<string, Promise<PublicUser | null>>();
	let dummyHash: Promise<PasswordHash> | null = null;

	async function account(name: string): Promise<Profile | null> {
		const cached = profiles.get(name);
		if (cached && now() - cached.at < roleCacheMs) return cached;
		const record = await users.get(name);
		if (!record) {
			profiles.delete(name);
			return null;
		}
		const entry = {
			user: { name: record.name, roles: record.roles, displayName: record.displayName },
			validFrom: record.sessionsValidFrom ?? 0,
			suspended: record.suspended,
			at: now()
		};
		profiles.set(name, entry);
		return entry;
	}
	const publicUser = async (name: string): Promise<PublicUser | null> => (await account(name))?.user ?? null;

	function throwIfLimited(name: string, address: string): void {
		const wait = Math.max(failuresByName.retryAfterSeconds(name), failuresByAddress.retryAfterSeconds(address));
		if (wait > 0) {
			throw new AuthError(
				429,
				'too_many_requests',
				`too many failed sign-in attempts: try again in ${Math.ceil(wait / 60)} min`,
				wait,
				refusal('tooManyAttempts', { minutes: Math.ceil(wait / 60) })
			);
		}
	}

	/**
	 * Checks a password, spending the same time whether or not the user exists. A suspended member
	 * cannot sign in (`signIn`), but their credentials still prove who they are: their devices
	 * read, and learn why their writes wait; account, privacy and deletion stay open to them.
	 */
	async function checkPassword(name: string, password: string, address: string, signIn = false): Promise<PublicUser> {
		throwIfLimited(name, address);
		const record = isValidUsername(name) ? await users.get(name) : null;
		// The name of a deleted account is public (old documents name it): say so plainly.
		if (!record && isValidUsername(name) && (await users.deleted(name)))
			throw new AuthError(401, ACCOUNT_DELETED, ACCOUNT_DELETED_REASON, undefined, refusal('accountDeleted'));
		const ok = record
			? await verifyPassword(password, record.hash)
			: (await verifyPassword(password, await (dummyHash ??= hashPassword('not a password', cost))), false);
		if (!record || !ok) {
			failuresByName.hit(name);
			failuresByAddress.hit(address);
			throw new AuthError(401, 'unauthorized', 'wrong username or password', undefined, refusal('wrongCredentials'));
		}
		failuresByName.reset(name);
		if (signIn && suspendedAt(record.suspended, clock())) {
			const until = record.suspended?.until ? ` until ${record.suspended.until.slice(0, 10)}` : '';
			throw new AuthError(
				403,
				'forbidden',
				`this account is suspended${until}: ${record.suspended?.reason}. Ask an administrator of this community if you think this is a mistake`,
				undefined,
				refusal('accountSuspended', suspensionParams(record.suspended))
			);
		}
		const user = { name: record.name, roles: record.roles, displayName: record.displayName };
		profiles.set(name, { user, validFrom: record.sessionsValidFrom ?? 0, suspended: record.suspended, at: now() });
		return user;
	}

	async function issue(user: PublicUser, meta: SessionMeta = {}): Promise<{ user: PublicUser; token: string }> {
		const { token, claims } = await signSession(signingKey(), user.name, user.roles, clock());
		await sessions.record(claims, meta.agent);
		const previous = meta.replaces?.sub === user.name ? await sessions.get(user.name, meta.replaces.jti) : null;
		if (previous) {
			if (previous.device) await sessions.linkDevice(claims, previous.device);
			for (const hub of previous.hubTokens) await sessions.addHubToken(user.name, claims, hub);
			await revocations.revoke(meta.replaces!);
			await sessions.remove(previous._id);
		}
		await sessions.list(user.name); // sweeps the records of the member's expired sessions
		return { user, token };
	}

	/** A session token's claims and member when it is valid, unrevoked and not cut off. */
	async function sessionFor(token: string): Promise<{ claims: SessionClaims; user: PublicUser } | null> {
		const claims = await verifySession(signingKey(), token, clock());
		if (!claims || (await revocations.isRevoked(claims.jti))) return null;
		const entry = await account(claims.sub);
		if (!entry || claims.iat < entry.validFrom) return null;
		await sessions.touch(claims);
		return { claims, user: entry.user };
	}

	/** The session token a request carries: Bearer, else the cookie (never with another header). */
	function tokenOf(req: Request): string | null {
		const authorization = req.headers.get('authorization');
		if (!authorization) return sessionCookieValue(req.headers.get('cookie'));
		const parsed = parseAuthorization(authorization);
		return parsed?.scheme === 'bearer' ? parsed.token : null;
	}

	async function revokeRecorded(record: SessionRecord): Promise<void> {
		await revocations.revoke({ sub: record.sub, jti: record.jti, exp: record.exp, iat: record.iat });
		for (const hub of record.hubTokens)
			await revocations.revoke({ sub: record.sub, jti: hub.jti, exp: hub.exp, iat: 0 });
		await sessions.remove(record._id);
	}

	/** Forgets what is kept about a member: roles, cut-off, Basic credentials checked, failed sign-ins. */
	function forget(name: string): void {
		profiles.delete(name);
		failuresByName.reset(name);
		for (const [key, hit] of basicCache) if (hit.name === name) basicCache.delete(key);
	}

	async function basicUser(
		header: string,
		name: string,
		password: string,
		address: string
	): Promise<PublicUser | null> {
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
		}
		const token = tokenOf(req);
		return token ? ((await sessionFor(token))?.user ?? null) : null;
	}

	async function createMemberChecked(member: NewMember): Promise<PublicUser> {
		const sign = async <T extends Record<string, unknown>>(doc: T): Promise<T> =>
			signAsServer(doc, await serverSigner(signingKey()));
		const record = await createMember({ storage, users, now: clock, scryptCost: cost, sign }, member);
		return { name: record.name, roles: record.roles, displayName: record.displayName };
	}

	return {
		users,
		sessions,
		clock,
		sessionTtlSeconds: SESSION_TTL_SECONDS,
		async authenticate(req, address): Promise<SessionUser | null> {
			const forwarded = options.trustProxy
				? req.headers
						.get('x-forwarded-for')
						?.split(',')
						.map((s) => s.trim())
						.filter(Boolean)
						.at(-1)
				: undefined;
			const user = await currentUser(req, forwarded ?? address);
			if (!user) return null;
			const suspended = suspensionAt(await account(user.name), clock());
			return { name: user.name, roles: user.roles, ...(suspended ? { suspended } : {}) };
		},
		currentUser,
		async register(input, address, meta) {
			const wait = Math.max(registrations.retryAfterSeconds(address), strengthChecks.retryAfterSeconds(address));
			if (wait > 0)
				throw new AuthError(
					429,
					'too_many_requests',
					'too many new accounts from this address: try again later',
					wait,
					refusal('tooManyAccounts')
				);
			if (RESERVED_USERNAMES.has(input.username))
				throw new AuthError(
					409,
					'conflict',
					`the username ${input.username} is reserved`,
					undefined,
					refusal('usernameReserved', { username: input.username })
				);
			strengthChecks.hit(address);
			requireStrongPassword(input.password, {
				name: input.username,
				displayName: input.displayName,
				organization: input.organization
			});
			registrations.hit(address);
			try {
				const privacy = { privacyVersion: input.privacyVersion, consentedAt: clock().toISOString() };
				return await issue(await createMemberChecked({ ...input, privacy }), meta);
			} catch (err) {
				if (err instanceof UsernameTakenError)
					throw new AuthError(
						409,
						'conflict',
						`the username ${input.username} is taken`,
						undefined,
						refusal('usernameTaken', { username: input.username })
					);
				throw err;
			}
		},
		async login(username, password, address, meta) {
			return issue(await checkPassword(username, password, address, true), meta);
		},
		async logout(req) {
			// With Basic credentials in the header, the cookie's session is the one to end.
			const authorization = parseAuthorization(req.headers.get('authorization') ?? '');
			const token =
				authorization?.scheme === 'bearer' ? authorization.token : sessionCookieValue(req.headers.get('cookie'));
			const claims = token ? await verifySession(signingKey(), token, clock()) : null;
			if (!claims) return;
			const record = await sessions.get(claims.sub, claims.jti);
			await (record ? revokeRecorded(record) : revocations.revoke(claims));
		},
		async sessionOf(req) {
			const token = tokenOf(req);
			return token ? ((await sessionFor(token))?.claims ?? null) : null;
		},
		async confirmPassword(name, password, address) {
			try {
				await checkPassword(name, password, address);
				return true;
			} catch (err) {
				if (err instanceof AuthError && err.status === 401) return false;
				throw err;
			}
		},
		hashPassword: (password) => hashPassword(password, cost),
		endSession: revokeRecorded,
		async endSessions(name, keep, meta) {
			let ended = 0;
			let kept: SessionRecord | null = null;
			for (const record of await sessions.list(name)) {
				if (record.jti === keep?.jti) kept = record;
				else {
					await revokeRecorded(record);
					ended++;
				}
			}
			for (const hub of await sessions.standaloneHubTokens(name)) {
				await revocations.revoke({ sub: name, jti: hub.jti, exp: hub.exp, iat: 0 });
				await sessions.remove(hubTokenDocId(name, hub.jti));
			}
			// Sessions issued before this second are refused from now on, recorded or not (tokens
			// from before session records existed). Those issued within it were recorded, and ended above.
			const cutoff = Math.floor(clock().getTime() / 1000);
			await users.setSessionsValidFrom(name, cutoff);
			forget(name);
			if (!keep) return { ended };
			// The kept session predates the cut-off: it continues under a fresh token, device and hub tokens kept.
			const entry = await account(name);
			if (!entry) return { ended };
			const { token, claims } = await signSession(signingKey(), name, entry.user.roles, clock());
			await sessions.record(claims, kept?.agent ?? meta?.agent);
			if (kept?.device) await sessions.linkDevice(claims, kept.device);
			for (const hub of kept?.hubTokens ?? []) await sessions.addHubToken(name, claims, hub);
			await revocations.revoke(keep);
			if (kept) await sessions.remove(kept._id);
			return { ended, token };
		},
		async endHubTokens(name) {
			for (const record of await sessions.list(name))
				for (const hub of record.hubTokens) await revocations.revoke({ sub: name, jti: hub.jti, exp: hub.exp, iat: 0 });
			for (const hub of await sessions.standaloneHubTokens(name)) {
				await revocations.revoke({ sub: name, jti: hub.jti, exp: hub.exp, iat: 0 });
				await sessions.remove(hubTokenDocId(name, hub.jti));
			}
		},
		createMember: createMemberChecked,
		invalidate: forget,
		jwks: () => ({ keys: [signingKey().publicJwk] }),
		signingKey,
		async issueHubToken(user, session) {
			const suspended = suspensionAt(await users.get(user.name), clock());
			if (suspended)
				throw new AuthError(
					403,
					'suspended',
					`Your account is suspended ${untilWords(suspended.until)}: ${suspended.reason}. ` +
						'A meetup hub can be used again when the suspension ends.',
					undefined,
					refusal('suspendedNoHub', suspensionParams(suspended))
				);
			const { token, claims } = await signHubToken(signingKey(), user.name, user.roles, clock());
			await sessions.addHubToken(user.name, session ?? null, { jti: claims.jti, exp: claims.exp });
			return { token, expiresAt: new Date(claims.exp * 1000).toISOString() };
		},
		revokedTokenIds: () => revocations.list()
	};
}

/** DATA_DIR/keys, where the signing key lives. */
export const keysDirOf = (dataDir: string): string => join(dataDir, 'keys');

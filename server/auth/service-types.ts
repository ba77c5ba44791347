// The AuthService's contract: what the rest of the server may ask of it (server/auth/service.ts
// implements it), its options and its limits.
import type { Role } from '../../src/lib/domain/schemas';
import type { Storage } from '../storage/index';
import type { AuthService, SessionUser } from './types';
import type { PublicJwk, SigningKey } from './keys';
import type { PasswordHash, ScryptCost } from './passwords';
import type { SessionClaims } from './tokens';
import type { SessionRecord, SessionStore } from './sessions';
import type { UserStore } from './users';
import type { NewMember } from './members';
import type { RegisterInput, SessionMeta } from './input';

export interface PublicUser {
	name: string;
	roles: Role[];
	displayName: string;
}

export interface AuthLimits {
	loginFailuresPerUsername: number;
	loginFailuresPerAddress: number;
	loginWindowMs: number;
	registrationsPerAddress: number;
	registrationWindowMs: number;
	/** Passwords judged for strength per address and window (registrations; the estimator costs CPU). */
	strengthChecksPerAddress: number;
}

export const DEFAULT_AUTH_LIMITS: AuthLimits = {
	loginFailuresPerUsername: 5,
	loginFailuresPerAddress: 20,
	loginWindowMs: 15 * 60_000,
	registrationsPerAddress: 10,
	registrationWindowMs: 60 * 60_000,
	strengthChecksPerAddress: 30
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
	readonly sessions: SessionStore;
	readonly clock: () => Date;
	/** `privacyVersion`: the notice version the person agreed to (the route checks it is current). */
	register(
		input: RegisterInput & { privacyVersion: string },
		clientAddress: string,
		meta?: SessionMeta
	): Promise<{ user: PublicUser; token: string }>;
	login(
		username: string,
		password: string,
		clientAddress: string,
		meta?: SessionMeta
	): Promise<{ user: PublicUser; token: string }>;
	/** Ends the session the request carries, if any (with the hub tokens issued to it). */
	logout(req: Request): Promise<void>;
	/** The claims of the valid session token (cookie or Bearer) the request carries, or null. */
	sessionOf(req: Request): Promise<SessionClaims | null>;
	/**
	 * Whether `password` is the member's, counted against the sign-in limits: throws a 429
	 * AuthError while the member or the address is over them.
	 */
	confirmPassword(name: string, password: string, clientAddress: string): Promise<boolean>;
	/** Hashes with the service's scrypt cost. */
	hashPassword(password: string): Promise<PasswordHash>;
	/** Revokes a recorded session, its hub tokens, and forgets its record. */
	endSession(record: SessionRecord): Promise<void>;
	/**
	 * Ends every session of the member issued before now (recorded or not) and every hub token
	 * recorded for them, except the session `keep`, which is replaced by a fresh token (returned).
	 */
	endSessions(name: string, keep?: SessionClaims, meta?: SessionMeta): Promise<{ ended: number; token?: string }>;
	/**
	 * Ends every hub token of the member (sessions stay): a suspended member's hubs refuse them
	 * once they learn the revoked ids.
	 */
	endHubTokens(name: string): Promise<void>;
	/** The signed-in member with display name, or null. */
	currentUser(req: Request, clientAddress: string): Promise<PublicUser | null>;
	/** Creates a member without rate limits (seed, admin CLI). */
	createMember(member: NewMember): Promise<PublicUser>;
	/** Forgets cached roles and suspension (after a grant, a suspension or its lifting). */
	invalidate(name: string): void;
	jwks(): { keys: PublicJwk[] };
	/** The server's Ed25519 key (sessions, hub tokens, device certificates, server signatures). */
	signingKey(): SigningKey;
	/**
	 * A short-lived token a meetup hub accepts (aud praxis-hub), for a signed-in member; throws a
	 * 403 AuthError `suspended` while they are suspended.
	 */
	issueHubToken(user: SessionUser, session?: SessionClaims | null): Promise<{ token: string; expiresAt: string }>;
	/** Ids of revoked, unexpired tokens (sessions and hub tokens). */
	revokedTokenIds(): Promise<string[]>;
}

// What the rest of the server knows of authentication: who is asking, and how to find out.
import type { Role } from '../../src/lib/domain/schemas';

export interface SessionUser {
	name: string;
	roles: Role[];
	/**
	 * Set when the caller is an enrolled meetup hub rather than a member (name `hub:{hub}`,
	 * no roles): it relays documents members signed and never authors any (server/hub/relay.ts).
	 */
	hub?: string;
	/**
	 * Set while the member is suspended (server/auth/suspension.ts): they read and stay signed in,
	 * the gateway refuses their writes with this reason and end.
	 */
	suspended?: { reason: string; until?: string };
}

/** Hono context variables set by the auth middleware. */
export interface AuthVariables {
	/** The signed-in member, or null for an anonymous request. */
	user: SessionUser | null;
}

export interface AuthService {
	/**
	 * Resolves the member behind a request: the session cookie (`praxis_session`),
	 * `Authorization: Bearer <token>`, or HTTP Basic credentials. Null when none is valid.
	 */
	authenticate(req: Request, clientAddress: string): Promise<SessionUser | null>;
}

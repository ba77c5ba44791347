// Telling a deleted member's devices why they are refused. Every request carrying the credentials
// of a deleted account (its session cookie or Bearer session token, whatever its expiry or
// revocation, or Basic credentials naming it) is refused like any other unauthenticated request;
// this middleware then turns that 401 into `{error: "account_deleted", reason}`, which a device
// takes as the cue to remove the account's data (src/lib/sync/controller/). Only 401 answers
// are looked at, so the requests of live members pay nothing.
import type { MiddlewareHandler } from 'hono';
import { ACCOUNT_DELETED, ACCOUNT_DELETED_REASON } from '../../src/lib/domain/account-api';
import { refusal } from '../../src/lib/domain/account-errors';
import { isValidUsername } from '../../src/lib/domain/ids';
import { parseAuthorization, sessionCookieValue } from './credentials';
import type { SigningKey } from './keys';
import { verifySession } from './tokens';
import type { UserStore } from './users';

export interface DeletedAccountDeps {
	users: Pick<UserStore, 'deleted'>;
	signingKey: () => SigningKey;
}

/** The member a request's credentials name, when they could be this server's: Basic, or a session token it signed. */
async function claimedName(req: Request, signingKey: () => SigningKey): Promise<string | null> {
	const header = req.headers.get('authorization');
	const parsed = header ? parseAuthorization(header) : null;
	if (header && !parsed) return null;
	if (parsed?.scheme === 'basic') return parsed.username;
	const token = parsed?.scheme === 'bearer' ? parsed.token : sessionCookieValue(req.headers.get('cookie'));
	if (!token) return null;
	// Checked at the epoch, so an expired token still names its member: only the signature counts.
	return (await verifySession(signingKey(), token, new Date(0)))?.sub ?? null;
}

/** The deleted account a request's credentials belong to, or null. */
export async function deletedAccountOf(req: Request, deps: DeletedAccountDeps): Promise<string | null> {
	const name = await claimedName(req, deps.signingKey);
	if (!name || !isValidUsername(name)) return null;
	return (await deps.users.deleted(name)) ? name : null;
}

/**
 * Where the credentials that count are in the body (signing in, registering, a reset): a cookie a
 * browser still holds for a deleted account must not speak for someone else signing in there.
 */
const SIGN_IN_PATHS: ReadonlySet<string> = new Set([
	'/api/auth/login',
	'/api/auth/register',
	'/api/auth/reset',
	'/couch/_session'
]);

/** Rewrites the 401 answered to a deleted account's credentials as `account_deleted`. */
export function deletedAccountAnswer(deps: DeletedAccountDeps): MiddlewareHandler {
	return async (c, next) => {
		await next();
		if (c.res.status !== 401 || (c.req.method === 'POST' && SIGN_IN_PATHS.has(c.req.path))) return;
		if (!(await deletedAccountOf(c.req.raw, deps))) return;
		const headers = new Headers(c.res.headers);
		headers.set('content-type', 'application/json; charset=utf-8');
		headers.delete('content-length');
		headers.delete('content-encoding');
		c.res = undefined; // Hono merges headers set on the context into a replaced response otherwise
		c.res = new Response(
			JSON.stringify({ error: ACCOUNT_DELETED, reason: ACCOUNT_DELETED_REASON, ...refusal('accountDeleted') }),
			{
				status: 401,
				headers
			}
		);
	};
}

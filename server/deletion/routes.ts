// POST /api/account/delete {password, deleteContributions?} → {ok, deletedContributions}
// A signed-in member deletes their own account (server/deletion/purge.ts says what goes).
// 401 anonymous; 400 for a body that is not a JSON object of that shape; 403 for a wrong
// password, counted against the sign-in limits (then 429, as for sign-in), or for the only
// administrator (a server is never left without one); 409 while a deletion of the same account
// is under way. A cookie-authenticated write, so the CSRF guard
// (server/http/csrf.ts) refuses foreign origins and non-JSON bodies before this runs.
import { Hono, type Context } from 'hono';
import { PASSWORD_MAX_CHARS } from '../../src/lib/domain/password-rules';
import { refusal } from '../../src/lib/domain/account-errors';
import type { AccountDeletionAnswer, AccountDeletionRequest } from '../../src/lib/domain/account-api';
import { clientAddress, type AddressOf } from '../http/client-address';
import { jsonHttpError, readJson } from '../http/json';
import { clearSessionCookie } from '../auth/cookies';
import { attempt } from '../auth/routes';
import { AuthError } from '../auth/service';
import { deleteAccount, type AccountDeletionDeps } from './purge';

export interface DeletionRoutesDeps extends AccountDeletionDeps {
	secureCookies: boolean;
	addressOf?: AddressOf;
}

const SHAPE = 'send a JSON object {password, deleteContributions?}';

function parseRequest(c: Context, body: unknown): Required<AccountDeletionRequest> {
	if (!/^application\/json\b/i.test(c.req.header('content-type') ?? ''))
		throw jsonHttpError(400, 'bad_request', SHAPE, {}, refusal('badRequest'));
	if (typeof body !== 'object' || body === null || Array.isArray(body))
		throw jsonHttpError(400, 'bad_request', SHAPE, {}, refusal('badRequest'));
	const { password, deleteContributions } = body as Record<string, unknown>;
	if (typeof password !== 'string' || password.length === 0)
		throw jsonHttpError(
			400,
			'bad_request',
			'your password is required',
			{},
			{
				field: 'password',
				...refusal('passwordRequired')
			}
		);
	if (password.length > PASSWORD_MAX_CHARS)
		throw jsonHttpError(
			400,
			'bad_request',
			`your password is at most ${PASSWORD_MAX_CHARS} characters`,
			{},
			{ field: 'password', ...refusal('passwordTooLong', { max: PASSWORD_MAX_CHARS }) }
		);
	if (deleteContributions !== undefined && typeof deleteContributions !== 'boolean') {
		throw jsonHttpError(
			400,
			'bad_request',
			'deleteContributions is true or false',
			{},
			{ field: 'deleteContributions', ...refusal('badRequest') }
		);
	}
	return { password, deleteContributions: deleteContributions === true };
}

export function createDeletionRoutes(deps: DeletionRoutesDeps): Hono {
	const { auth } = deps;
	const addressOf = deps.addressOf ?? clientAddress;
	/** Accounts being deleted now: a second request waits for nothing, it is refused. */
	const underWay = new Set<string>();
	const app = new Hono();

	async function onlyAdmin(name: string, roles: readonly string[]): Promise<boolean> {
		if (!roles.includes('admin')) return false;
		return !(await auth.users.list()).some((other) => other.name !== name && other.roles.includes('admin'));
	}

	app.post('/delete', async (c) => {
		c.header('cache-control', 'no-store');
		const user = await auth.currentUser(c.req.raw, addressOf(c));
		if (!user) throw jsonHttpError(401, 'unauthorized', 'sign in to delete your account', {}, refusal('notSignedIn'));
		const request = parseRequest(c, await readJson(c));
		if (await onlyAdmin(user.name, user.roles)) {
			throw jsonHttpError(
				403,
				'forbidden',
				'You are the only administrator of this community: make another member an administrator first, so it is not left without one.',
				{},
				refusal('onlyAdmin')
			);
		}
		if (underWay.has(user.name))
			throw jsonHttpError(409, 'conflict', 'this account is being deleted already', {}, refusal('deletionUnderWay'));
		underWay.add(user.name);
		try {
			const confirmed = await attempt(() => auth.confirmPassword(user.name, request.password, addressOf(c)));
			if (!confirmed)
				throw jsonHttpError(
					403,
					'forbidden',
					'Your password is not right, so the account was not deleted.',
					{},
					{ field: 'password', ...refusal('wrongPassword') }
				);
			const outcome = await attempt(async () => {
				const done = await deleteAccount(deps, user.name, { contributions: request.deleteContributions });
				if (!done)
					throw new AuthError(401, 'unauthorized', 'this account no longer exists', undefined, refusal('notSignedIn'));
				return done;
			});
			clearSessionCookie(c, deps.secureCookies);
			return c.json({ ok: true, deletedContributions: outcome.deletedContributions } satisfies AccountDeletionAnswer);
		} finally {
			underWay.delete(user.name);
		}
	});

	return app;
}

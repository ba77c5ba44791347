// The member's own account under /api/auth (beside server/auth/routes.ts):
//   POST   /password       {current, next, signOutOthers?} → {ok, signedOut}    signed-in members
//   POST   /reset          {username, code, password} → {ok, signedOut}         anyone with a code
//   GET    /sessions       → {sessions: [{id, current, createdAt, lastSeenAt, agent?, device?, deviceLabel?}]}
//   DELETE /sessions/{id}  → {ok}: ends that session, its hub tokens and its device's certificate
// and, for moderators and administrators, under /api/admin:
//   POST   /members/{name}/reset-code → {username, code, expiresAt}
// All writes are JSON and cookie-authenticated, so the CSRF guard (server/http/csrf.ts) covers them.
import { Hono, type Context } from 'hono';
import { clientAddress, type AddressOf } from '../http/client-address';
import { readJson } from '../http/json';
import { PASSWORD_MAX_CHARS } from '../../src/lib/domain/password-rules';
import type { ListedSession, PasswordSetAnswer } from '../../src/lib/domain/account-api';
import type { Storage } from '../storage/index';
import type { SignatureVerifier } from '../devices/verify';
import { findCertificate, revokeCertificate } from '../devices/revoke';
import { createAccounts, type Accounts, type ResetLimits } from './accounts';
import { setSessionCookie } from './cookies';
import { checkPassword, passwordRefusal } from './input';
import { refusal, type AccountRefusal } from '../../src/lib/domain/account-errors';
import { asHttpError, attempt } from './routes';
import { AuthError, type PraxisAuth, type PublicUser } from './service';
import type { SessionRecord } from './sessions';
import type { AuditLog } from '../moderation/audit';

export interface AccountRoutesDeps {
	auth: PraxisAuth;
	storage: Storage;
	verifier: SignatureVerifier;
	secureCookies: boolean;
	addressOf?: AddressOf;
	limits?: Partial<ResetLimits>;
	/** Where reset codes given by moderators are recorded (server/moderation/audit.ts). */
	audit?: AuditLog;
}

const SESSION_ID = /^[0-9a-f-]{36}$/;

const bad = (reason: string, why: AccountRefusal, field?: string): AuthError =>
	new AuthError(400, 'bad_request', reason, undefined, { ...(field ? { field } : {}), ...why });

function objectBody(body: unknown, shape: string): Record<string, unknown> {
	if (typeof body !== 'object' || body === null || Array.isArray(body))
		throw asHttpError(bad(`send a JSON object ${shape}`, refusal('badRequest')));
	return body as Record<string, unknown>;
}

/** A password typed to prove who one is: text, not absurdly long. */
function typedSecret(value: unknown, field: string, label: string): string {
	if (typeof value !== 'string' || value.length === 0)
		throw asHttpError(bad(`${label} is required`, refusal('currentPasswordRequired'), field));
	if (value.length > PASSWORD_MAX_CHARS)
		throw asHttpError(
			bad(
				`${label} is at most ${PASSWORD_MAX_CHARS} characters`,
				refusal('passwordTooLong', { max: PASSWORD_MAX_CHARS }),
				field
			)
		);
	return value;
}

function newPassword(value: unknown, field: string): string {
	const problem = checkPassword(value);
	if (problem) throw asHttpError(bad(problem, passwordRefusal(value), field));
	return value as string;
}

export function createAccountRoutes(deps: AccountRoutesDeps): { auth: Hono; admin: Hono; accounts: Accounts } {
	const { auth, secureCookies } = deps;
	const addressOf = deps.addressOf ?? clientAddress;
	const accounts = createAccounts(auth, deps.limits);
	const revokeDeps = { storage: deps.storage, auth, verifier: deps.verifier, clock: auth.clock };

	async function signedIn(c: Context, why: string): Promise<PublicUser> {
		c.header('cache-control', 'no-store');
		const user = await auth.currentUser(c.req.raw, addressOf(c));
		if (!user)
			throw asHttpError(new AuthError(401, 'unauthorized', `sign in to ${why}`, undefined, refusal('notSignedIn')));
		return user;
	}

	const routes = new Hono();

	routes.post('/password', async (c) => {
		const user = await signedIn(c, 'change your password');
		const body = objectBody(await readJson(c), '{current, next, signOutOthers?}');
		const current = typedSecret(body.current, 'current', 'your current password');
		const next = newPassword(body.next, 'next');
		if (body.signOutOthers !== undefined && typeof body.signOutOthers !== 'boolean')
			throw asHttpError(bad('signOutOthers is true or false', refusal('badRequest'), 'signOutOthers'));
		const session = await auth.sessionOf(c.req.raw);
		const meta = { agent: c.req.header('user-agent') };
		const result = await attempt(() =>
			accounts.changePassword({
				user,
				current,
				next,
				signOutOthers: body.signOutOthers === true,
				session,
				address: addressOf(c),
				meta
			})
		);
		if (result.token) setSessionCookie(c, result.token, secureCookies);
		return c.json({ ok: true, signedOut: result.signedOut } satisfies PasswordSetAnswer);
	});

	routes.post('/reset', async (c) => {
		c.header('cache-control', 'no-store');
		const body = objectBody(await readJson(c), '{username, code, password}');
		if (typeof body.username !== 'string' || body.username.length === 0 || body.username.length > 64)
			throw asHttpError(bad('a username is required', refusal('usernameRequired'), 'username'));
		if (typeof body.code !== 'string' || body.code.trim().length === 0 || body.code.length > 64)
			throw asHttpError(bad('the reset code is required', refusal('resetCodeRequired'), 'code'));
		const password = newPassword(body.password, 'password');
		const username = body.username.trim().toLowerCase();
		const result = await attempt(() =>
			accounts.resetPassword({ username, code: body.code as string, password }, addressOf(c))
		);
		return c.json({ ok: true, signedOut: result.signedOut } satisfies PasswordSetAnswer);
	});

	routes.get('/sessions', async (c) => {
		const user = await signedIn(c, 'see where you are signed in');
		const current = await auth.sessionOf(c.req.raw);
		const records = await auth.sessions.list(user.name);
		return c.json({ sessions: await Promise.all(records.map((record) => listed(record, current?.jti))) });
	});

	routes.delete('/sessions/:id', async (c) => {
		const user = await signedIn(c, 'sign out a device');
		const id = c.req.param('id');
		const record = SESSION_ID.test(id) ? await auth.sessions.get(user.name, id) : null;
		if (!record)
			return c.json(
				{ error: 'not_found', reason: 'This device is not signed in any more.', ...refusal('sessionGone') },
				404
			);
		await auth.endSession(record);
		// An older session of the device in hand shares its key: that key stays valid.
		const current = await auth.sessionOf(c.req.raw);
		const inHand = current ? (await auth.sessions.get(current.sub, current.jti))?.device : undefined;
		const cert = record.device && record.device !== inHand ? await findCertificate(deps.storage, record.device) : null;
		if (cert && cert.author === user.name) await revokeCertificate(revokeDeps, cert, user.name);
		return c.json({ ok: true, ...(cert ? { revokedDevice: cert._id } : {}) });
	});

	async function listed(record: SessionRecord, currentJti: string | undefined): Promise<ListedSession> {
		const cert = record.device ? await findCertificate(deps.storage, record.device) : null;
		const label = (cert as { label?: unknown } | null)?.label;
		return {
			id: record.jti,
			current: record.jti === currentJti,
			createdAt: record.createdAt,
			lastSeenAt: record.lastSeenAt,
			...(record.agent ? { agent: record.agent } : {}),
			...(record.device ? { device: record.device } : {}),
			...(typeof label === 'string' ? { deviceLabel: label } : {})
		};
	}

	const admin = new Hono();
	admin.post('/members/:name/reset-code', async (c) => {
		const user = await signedIn(c, 'give a reset code');
		const issued = await attempt(() => accounts.issueResetCode(c.req.param('name'), user));
		await deps.audit?.record({
			actor: user.name,
			action: 'reset-code',
			target: `member:${issued.username}`,
			reason: ''
		});
		return c.json(issued, 201);
	});

	return { auth: routes, admin, accounts };
}

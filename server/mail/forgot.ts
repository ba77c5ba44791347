// A forgotten password, by email (when the operator set up SMTP_URL): a member who confirmed an
// address asks for a reset link at /reset; the server issues a one-time reset code (the same as a
// moderator gives, server/auth/accounts.ts) and emails it with a link that fills it in.
//   GET  /api/auth/forgot             → {mail: bool}
//   POST /api/auth/forgot {username}  → 202, the same answer whether or not the account exists
//                                        or has an address (no one learns which accounts do)
import { Hono } from 'hono';
import type { PraxisAuth } from '../auth/service';
import type { Accounts } from '../auth/accounts';
import { OPERATOR } from '../auth/accounts';
import { createRateLimiter } from '../auth/rate-limit';
import { clientAddress, type AddressOf } from '../http/client-address';
import { readJson } from '../http/json';
import { USERNAME_PATTERN } from '../../src/lib/domain/ids';
import type { EmailStore } from './addresses';
import { escapeHtml, type Mailer } from './mailer';
import { errorMessage } from '../../src/lib/domain/errors';

export interface ForgotRoutesDeps {
	auth: PraxisAuth;
	accounts: Pick<Accounts, 'issueResetCode'>;
	emails: EmailStore;
	mailer: Mailer | null;
	appUrl: string;
	addressOf?: AddressOf;
	log?: (line: string) => void;
}

export const SENT =
	'If this account has a confirmed email address, a reset link is on its way to it. The link works once, for 24 hours.';

export function createForgotRoutes(deps: ForgotRoutesDeps): Hono {
	const { auth, emails, mailer } = deps;
	const addressOf = deps.addressOf ?? clientAddress;
	const now = () => auth.clock().getTime();
	const byName = createRateLimiter({ max: 3, windowMs: 60 * 60 * 1000, now });
	const byAddress = createRateLimiter({ max: 10, windowMs: 60 * 60 * 1000, now });
	const app = new Hono();

	/** Issues a code and emails it, when the member has a confirmed address; otherwise nothing. */
	async function sendLink(username: string): Promise<void> {
		const record = await emails.get(username);
		const user = record?.address ? await auth.users.get(username) : null;
		if (!mailer || !record?.address || !user) return;
		// a new code replaces any earlier one, as when a moderator gives one
		const issued = await deps.accounts.issueResetCode(username, OPERATOR);
		const link = new URL(
			`/reset?username=${encodeURIComponent(username)}&code=${encodeURIComponent(issued.code)}`,
			deps.appUrl
		).href;
		const page = new URL('/reset', deps.appUrl).href;
		await mailer.send({
			to: record.address,
			subject: 'Reset your Praxis password',
			text: `Hello ${user.displayName},\n\nSomeone (we hope you) asked to reset the password of the Praxis account ${username}.\nOpen this link to choose a new password. It works once, for 24 hours:\n${link}\n\nOr type this reset code at ${page}: ${issued.code}\n\nIf you did not ask for this, ignore this email: your password stays as it is.`,
			html: `<p>Hello ${escapeHtml(user.displayName)},</p><p>Someone (we hope you) asked to reset the password of the Praxis account <strong>${escapeHtml(username)}</strong>.</p><p><a href="${escapeHtml(link)}">Choose a new password</a>. The link works once, for 24 hours.</p><p>Or type this reset code at ${escapeHtml(page)}: <strong>${escapeHtml(issued.code)}</strong></p><p>If you did not ask for this, ignore this email: your password stays as it is.</p>`
		});
	}

	app.get('/', (c) => c.json({ mail: mailer !== null }));

	app.post('/', async (c) => {
		if (!mailer) {
			return c.json(
				{
					error: 'conflict',
					reason:
						'this server does not send email: a moderator or an administrator of your community can give you a reset code'
				},
				409
			);
		}
		const body = await readJson(c);
		const raw = (body as { username?: unknown } | null)?.username;
		const username = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
		if (!USERNAME_PATTERN.test(username))
			return c.json({ error: 'bad_request', reason: 'send {username}: the name you sign in with' }, 400);
		const address = addressOf(c);
		const wait = Math.max(byName.retryAfterSeconds(username), byAddress.retryAfterSeconds(address));
		if (wait > 0)
			return c.json(
				{
					error: 'too_many_requests',
					reason: `too many reset emails asked for: try again in ${Math.ceil(wait / 60)} min`
				},
				429,
				{ 'retry-after': String(wait) }
			);
		byName.hit(username);
		byAddress.hit(address);
		// answered at once, before the lookup and the email, so that the time taken tells nothing either
		void sendLink(username).catch((err: unknown) =>
			deps.log?.(`reset email for ${username} not sent: ${errorMessage(err)}`)
		);
		return c.json({ ok: true, message: SENT }, 202);
	});

	return app;
}

// /api/account/email: the member's email address and digest, when the operator set up email.
//   GET    /api/account/email            → {mail: bool, address, confirmed, pending, digest}
//   PUT    /api/account/email {address}  → 202: a confirmation link is sent to the address
//   POST   /api/account/email/confirm {token} → {ok, name} (the token is the proof; no sign-in needed)
//   DELETE /api/account/email            → the address is forgotten, digests stop
//   PUT    /api/account/email/digest {frequency: off|daily|weekly} → needs a confirmed address
// Without SMTP_URL: GET answers {mail: false}, and every change 409 "email is not set up".
import { Hono, type Context } from 'hono';
import type { PraxisAuth } from '../auth/service';
import type { SessionUser } from '../auth/types';
import { createRateLimiter } from '../auth/rate-limit';
import { clientAddress, type AddressOf } from '../http/client-address';
import { readJson } from '../http/json';
import { DIGEST_FREQUENCIES, type DigestFrequency, type EmailStore } from './addresses';
import { escapeHtml, isEmailAddress, type Mailer } from './mailer';

export interface EmailRoutesDeps {
	auth: PraxisAuth;
	emails: EmailStore;
	mailer: Mailer | null;
	appUrl: string;
	clock?: () => Date;
	addressOf?: AddressOf;
}

/** Confirmation emails one member may cause per hour. */
export const CONFIRMATIONS_PER_HOUR = 3;

type Env = { Variables: { member: SessionUser } };

export function createEmailRoutes(deps: EmailRoutesDeps): Hono<Env> {
	const { auth, emails, mailer } = deps;
	const clock = deps.clock ?? (() => new Date());
	const addressOf = deps.addressOf ?? clientAddress;
	const sends = createRateLimiter({
		max: CONFIRMATIONS_PER_HOUR,
		windowMs: 60 * 60 * 1000,
		now: () => clock().getTime()
	});
	const confirms = createRateLimiter({ max: 20, windowMs: 15 * 60 * 1000, now: () => clock().getTime() });
	const app = new Hono<Env>();
	const notSetUp = (c: Context) =>
		c.json({ error: 'conflict', reason: 'email is not set up on this server: ask its administrator' }, 409);

	// anyone holding the link's token confirms (it may be opened on another device)
	app.post('/confirm', async (c) => {
		const address = addressOf(c);
		const wait = confirms.retryAfterSeconds(address);
		if (wait > 0)
			return c.json({ error: 'too_many_requests', reason: 'too many tries: wait a few minutes' }, 429, {
				'retry-after': String(wait)
			});
		const body = await readJson(c);
		const token = (body as { token?: unknown } | null)?.token;
		if (typeof token !== 'string')
			return c.json({ error: 'bad_request', reason: 'send {token} from the confirmation link' }, 400);
		const name = await emails.confirm(token, clock());
		if (!name) {
			confirms.hit(address);
			return c.json(
				{
					error: 'bad_request',
					reason:
						'this confirmation link is not valid any more: it was used, replaced by a newer one, or older than 48 hours'
				},
				400
			);
		}
		return c.json({ ok: true, name });
	});

	app.use('*', async (c, next) => {
		const user = await auth.authenticate(c.req.raw, addressOf(c));
		c.header('cache-control', 'no-store');
		if (!user) return c.json({ error: 'unauthorized', reason: 'sign in to manage your email' }, 401);
		c.set('member', user);
		await next();
	});

	app.get('/', async (c) => {
		const record = await emails.get(c.get('member').name);
		return c.json({
			mail: mailer !== null,
			address: record?.address ?? null,
			confirmed: Boolean(record?.address),
			pending:
				record?.pending && Date.parse(record.pending.expiresAt) > clock().getTime() ? record.pending.address : null,
			digest: record?.address ? record.digest : 'off'
		});
	});

	app.put('/', async (c) => {
		if (!mailer) return notSetUp(c);
		const { name } = c.get('member');
		const body = await readJson(c);
		const address = (body as { address?: unknown } | null)?.address;
		const trimmed = typeof address === 'string' ? address.trim() : address;
		if (!isEmailAddress(trimmed))
			return c.json({ error: 'bad_request', reason: 'that does not look like an email address' }, 400);
		const wait = sends.retryAfterSeconds(name);
		if (wait > 0)
			return c.json(
				{
					error: 'too_many_requests',
					reason: `too many confirmation emails: try again in ${Math.ceil(wait / 60)} min`
				},
				429,
				{ 'retry-after': String(wait) }
			);
		sends.hit(name);
		const token = await emails.setPending(name, trimmed, clock());
		const link = new URL(`/settings/email?token=${token}`, deps.appUrl).href;
		const user = await auth.users.get(name);
		try {
			await mailer.send({
				to: trimmed,
				subject: 'Confirm your email address for Praxis',
				text: `Hello ${user?.displayName ?? name},\n\nTo receive Praxis emails at this address, open this link within 48 hours:\n${link}\n\nIf you did not ask for this, ignore this email: nothing changes.`,
				html: `<p>Hello ${escapeHtml(user?.displayName ?? name)},</p><p>To receive Praxis emails at this address, <a href="${escapeHtml(link)}">confirm it</a> within 48 hours.</p><p>If you did not ask for this, ignore this email: nothing changes.</p>`
			});
		} catch {
			return c.json(
				{ error: 'bad_gateway', reason: 'the confirmation email could not be sent right now: try again later' },
				502
			);
		}
		return c.json({ ok: true, pending: trimmed }, 202);
	});

	app.delete('/', async (c) => {
		await emails.remove(c.get('member').name);
		return c.json({ ok: true });
	});

	app.put('/digest', async (c) => {
		if (!mailer) return notSetUp(c);
		const { name } = c.get('member');
		const body = await readJson(c);
		const frequency = (body as { frequency?: unknown } | null)?.frequency;
		if (typeof frequency !== 'string' || !DIGEST_FREQUENCIES.includes(frequency as DigestFrequency)) {
			return c.json({ error: 'bad_request', reason: 'send {frequency}: off, daily or weekly' }, 400);
		}
		const record = await emails.get(name);
		if (!record?.address) return c.json({ error: 'conflict', reason: 'confirm an email address first' }, 409);
		await emails.update(name, (r) => ({ ...r, digest: frequency as DigestFrequency }));
		return c.json({ ok: true, digest: frequency });
	});

	app.all('*', (c) => c.json({ error: 'not_found', reason: `no route ${c.req.method} ${c.req.path}` }, 404));
	return app;
}

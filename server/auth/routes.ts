// The JSON account API under /api/auth: register, login, logout, session, keys and hub-token.
// Changing and resetting passwords and the list of sessions are in server/auth/account-routes.ts.
import { Hono, type Context } from 'hono';
import { clientAddress, type AddressOf } from '../http/client-address';
import { jsonHttpError, readJson } from '../http/json';
import { parseCredentials, parseRegisterInput } from './input';
import { clearSessionCookie, setSessionCookie } from './cookies';
import { AuthError, type PraxisAuth } from './service';
import { refusal } from '../../src/lib/domain/account-errors';
import type { PublishedHubKey } from '../hub/enrolment';

export interface AuthRoutesDeps {
	auth: PraxisAuth;
	secureCookies: boolean;
	/** How to find the client's address (behind a proxy: from X-Forwarded-For). */
	addressOf?: AddressOf;
	/** The current privacy notice's version, which registration records as agreed to. */
	privacyVersion: () => Promise<string>;
	/** Enrolled meetup hubs' own keys (server/hub/key-routes.ts), published beside the server's. */
	hubKeys?: () => Promise<PublishedHubKey[]>;
}

/** Re-throws an AuthError as its `{error, reason}` response (Retry-After on 429). */
export function asHttpError(err: unknown): unknown {
	if (!(err instanceof AuthError)) return err;
	const headers: Record<string, string> = err.retryAfterSeconds ? { 'retry-after': String(err.retryAfterSeconds) } : {};
	return jsonHttpError(err.status, err.error, err.reason, headers, err.details);
}

export async function attempt<T>(run: () => Promise<T>): Promise<T> {
	try {
		return await run();
	} catch (err) {
		throw asHttpError(err);
	}
}

export function createAuthRoutes({
	auth,
	secureCookies,
	addressOf = clientAddress,
	privacyVersion,
	hubKeys
}: AuthRoutesDeps): Hono {
	const app = new Hono();

	app.post('/register', async (c) => {
		const parsed = parseRegisterInput(await readJson(c));
		if (!parsed.ok)
			return c.json(
				{
					error: 'bad_request',
					reason: parsed.reason,
					...(parsed.field ? { field: parsed.field } : {}),
					...parsed.refusal
				},
				400
			);
		const current = await privacyVersion();
		if (parsed.value.privacyVersion !== undefined && parsed.value.privacyVersion !== current) {
			return c.json(
				{
					error: 'conflict',
					reason: 'the privacy notice changed while you were reading it: read it again, then create your account',
					field: 'privacyVersion',
					...refusal('privacyChanged')
				},
				409
			);
		}
		const { user, token } = await attempt(() =>
			auth.register({ ...parsed.value, privacyVersion: current }, addressOf(c), { agent: c.req.header('user-agent') })
		);
		setSessionCookie(c, token, secureCookies);
		return c.json({ user }, 201);
	});

	app.post('/login', async (c) => {
		const credentials = parseCredentials(await readJson(c));
		if (!credentials)
			return c.json(
				{ error: 'bad_request', reason: 'send a JSON object {username, password}', ...refusal('badRequest') },
				400
			);
		const replaces = await auth.sessionOf(c.req.raw);
		const { user, token } = await attempt(() =>
			auth.login(credentials.username, credentials.password, addressOf(c), {
				agent: c.req.header('user-agent'),
				replaces
			})
		);
		setSessionCookie(c, token, secureCookies);
		return c.json({ user });
	});

	app.post('/logout', async (c) => {
		await auth.logout(c.req.raw);
		clearSessionCookie(c, secureCookies);
		return c.json({ ok: true });
	});

	app.get('/session', async (c: Context) => {
		const user = await auth.currentUser(c.req.raw, addressOf(c));
		if (!user) return c.json({ error: 'unauthorized', reason: 'not signed in', ...refusal('notSignedIn') }, 401);
		c.header('cache-control', 'no-store');
		return c.json({ user });
	});

	// A token for meetup hubs (aud praxis-hub, 12 h), fetched while online and kept on the device.
	app.post('/hub-token', async (c) => {
		const user = await auth.currentUser(c.req.raw, addressOf(c));
		if (!user)
			return c.json({ error: 'unauthorized', reason: 'sign in to get a hub token', ...refusal('notSignedIn') }, 401);
		c.header('cache-control', 'no-store');
		// Recorded under the session asking, so ending that session ends the hub token too.
		// refused while the member is suspended (403 suspended, with the reason)
		const session = await auth.sessionOf(c.req.raw);
		return c.json(await attempt(() => auth.issueHubToken({ name: user.name, roles: user.roles }, session)));
	});

	app.get('/keys', async (c) => {
		c.header('cache-control', 'public, max-age=300');
		// hubs' keys vouch for the headers of the updates files they sign, never for documents
		return c.json({ ...auth.jwks(), hubs: (await hubKeys?.()) ?? [] });
	});

	return app;
}

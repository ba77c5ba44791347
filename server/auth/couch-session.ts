// CouchDB cookie authentication for the sync gateway: POST|GET|DELETE /couch/_session,
// answering in CouchDB's shapes and setting the same session cookie as /api/auth. JSON only:
// a form body is what a cross-site page can post without a preflight (server/http/csrf.ts).
import { Hono } from 'hono';
import { clientAddress } from '../http/client-address';
import type { AuthRoutesDeps } from './routes';
import { readJson } from '../http/json';
import { parseCredentials } from './input';
import { clearSessionCookie, setSessionCookie } from './cookies';
import { AuthError } from './service';
import { asHttpError } from './routes';
import { ACCOUNT_DELETED } from '../../src/lib/domain/account-api';

export function createCouchSessionRoutes({
	auth,
	secureCookies,
	addressOf = clientAddress
}: Omit<AuthRoutesDeps, 'privacyVersion'>): Hono {
	const app = new Hono();

	app.post('/_session', async (c) => {
		const credentials = parseCredentials(await readJson(c));
		if (!credentials) return c.json({ error: 'bad_request', reason: 'name and password are required' }, 400);
		try {
			const { user, token } = await auth.login(credentials.username, credentials.password, addressOf(c), {
				agent: c.req.header('user-agent')
			});
			setSessionCookie(c, token, secureCookies);
			return c.json({ ok: true, name: user.name, roles: user.roles });
		} catch (err) {
			// a deleted account says so, as at /api/auth/login
			if (err instanceof AuthError && err.status === 401 && err.error !== ACCOUNT_DELETED) {
				return c.json({ error: 'unauthorized', reason: 'Name or password is incorrect.' }, 401);
			}
			throw asHttpError(err);
		}
	});

	app.get('/_session', async (c) => {
		const user = await auth.authenticate(c.req.raw, addressOf(c));
		return c.json({
			ok: true,
			userCtx: { name: user?.name ?? null, roles: user?.roles ?? [] },
			info: {
				authentication_handlers: ['cookie', 'default'],
				...(user ? { authenticated: c.req.header('authorization') ? 'default' : 'cookie' } : {})
			}
		});
	});

	app.delete('/_session', async (c) => {
		await auth.logout(c.req.raw);
		clearSessionCookie(c, secureCookies);
		return c.json({ ok: true });
	});

	return app;
}

// CORS on a hub: the app installed from the upstream's https origin talks to the hub on the LAN,
// so that origin alone is allowed, with credentials and the Authorization header. Preflights get
// Access-Control-Allow-Private-Network (Chromium's Local Network Access / Private Network Access).
import type { MiddlewareHandler } from 'hono';

export const HUB_CORS_MAX_AGE_SECONDS = 600;
const METHODS = 'GET, HEAD, POST, PUT, DELETE';
const HEADERS = 'Authorization, Content-Type, Accept';

export function hubCors(allowedOrigin: string): MiddlewareHandler {
	const origin = new URL(allowedOrigin).origin;
	return async (c, next) => {
		const requestOrigin = c.req.header('origin');
		const allowed = requestOrigin === origin;
		if (c.req.method === 'OPTIONS' && c.req.header('access-control-request-method')) {
			if (!allowed)
				return c.json({ error: 'forbidden', reason: `this hub only accepts requests from ${origin}` }, 403, {
					vary: 'Origin'
				});
			const headers: Record<string, string> = {
				'access-control-allow-origin': origin,
				'access-control-allow-credentials': 'true',
				'access-control-allow-methods': METHODS,
				'access-control-allow-headers': HEADERS,
				'access-control-max-age': String(HUB_CORS_MAX_AGE_SECONDS),
				vary: 'Origin'
			};
			if (c.req.header('access-control-request-private-network') === 'true')
				headers['access-control-allow-private-network'] = 'true';
			return c.body(null, 204, headers);
		}
		await next();
		c.res.headers.append('vary', 'Origin');
		if (allowed) {
			c.res.headers.set('access-control-allow-origin', origin);
			c.res.headers.set('access-control-allow-credentials', 'true');
		}
	};
}

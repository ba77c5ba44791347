// Cross-site request forgery defence for every state-changing request that a browser may send on
// its own: SameSite=Lax cookies do not stop a page on a sibling origin of the same site (another
// port or service on the same host), and a `text/plain` or form body needs no CORS preflight.
// So a request that is not authenticated by an Authorization header (Basic or Bearer: a script's
// or a hub's credentials, which a browser never adds by itself) must
// - come from the app's own origin (or one configured) when the browser says where it comes
//   from: `Origin`, else `Sec-Fetch-Site`; clients that send neither (curl, the CLI, servers) are
//   no browser and cannot be forged;
// - carry its body as `application/json`, except where another type is the point: attachment
//   uploads (`PUT /couch/{db}/{doc}/{attachment}`) and updates files (`POST /api/bundles`).
// Refusals are 403 with a reason, before anything reads the body.
import type { Context, MiddlewareHandler } from 'hono';

export interface CsrfOptions {
	/** Origins besides the app's own allowed to send cookie-authenticated writes (e.g. a dev server). */
	allowedOrigins?: readonly string[];
	/** Behind a reverse proxy: the app's host may be in X-Forwarded-Host. */
	trustProxy?: boolean;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const JSON_TYPE = /^application\/json\s*(;|$)/i;
const BUNDLE_TYPES = /^application\/(gzip|x-gzip|octet-stream)\s*(;|$)/i;
/** /couch/{db}/{doc}/{attachment…}: three or more segments, none of them a _special one but ids. */
const ATTACHMENT_PATH = /^\/couch\/[^/_][^/]*\/[^/]+\/.+/;

export function csrfGuard(options: CsrfOptions = {}): MiddlewareHandler {
	const allowed = new Set(
		(options.allowedOrigins ?? []).map((o) => normalizeOrigin(o)).filter((o): o is string => o !== null)
	);
	if (allowed.size !== (options.allowedOrigins ?? []).length)
		throw new Error('csrfGuard: allowedOrigins must be origins like https://praxis.example.org');
	return async (c, next) => {
		if (SAFE_METHODS.has(c.req.method) || c.req.header('authorization')) return next();
		const from = crossSite(c, allowed, options.trustProxy ?? false);
		if (from)
			return refuse(
				c,
				`this request came from ${from}, not from Praxis itself, so it was refused (cross-site request)`
			);
		// A typed body must be of an expected type; an untyped one (a Blob sent no-cors) is refused too.
		const type = c.req.header('content-type');
		if (type !== undefined ? !typeAllowed(c, type) : hasBody(c)) {
			return refuse(c, `send the request body as application/json (got ${type || 'no content type'})`);
		}
		return next();
	};
}

/**
 * Where a request came from when a browser says it is not this server's own page, else null: for
 * routes outside /api and /couch that check it themselves (a hub's HTML forms).
 */
export function foreignOrigin(c: Context, trustProxy = false): string | null {
	return crossSite(c, new Set(), trustProxy);
}

/** Where a cross-site request came from, or null when it is the app's own (or unknown: no browser). */
function crossSite(c: Context, allowed: ReadonlySet<string>, trustProxy: boolean): string | null {
	const origin = c.req.header('origin');
	if (origin !== undefined) {
		const normalized = normalizeOrigin(origin);
		if (normalized === null) return `an opaque origin (${origin})`;
		if (allowed.has(normalized)) return null;
		return new URL(normalized).host === appHost(c, trustProxy) ? null : normalized;
	}
	const site = c.req.header('sec-fetch-site');
	if (site === undefined || site === 'same-origin' || site === 'none') return null;
	return `another site (${site})`;
}

function appHost(c: Context, trustProxy: boolean): string {
	const forwarded = trustProxy ? c.req.header('x-forwarded-host')?.split(',')[0].trim() : undefined;
	return (forwarded || c.req.header('host') || new URL(c.req.url).host).toLowerCase();
}

function normalizeOrigin(value: string): string | null {
	try {
		const url = new URL(value);
		return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
	} catch {
		return null;
	}
}

function hasBody(c: Context): boolean {
	const length = c.req.header('content-length');
	return c.req.header('transfer-encoding') !== undefined || (length !== undefined && length.trim() !== '0');
}

function typeAllowed(c: Context, type: string): boolean {
	if (JSON_TYPE.test(type)) return true;
	if (c.req.method === 'PUT' && ATTACHMENT_PATH.test(c.req.path) && !/_local\//.test(c.req.path)) return true;
	if (c.req.method === 'POST' && c.req.path === '/api/bundles') return BUNDLE_TYPES.test(type);
	return false;
}

function refuse(c: Context, reason: string): Response {
	c.header('connection', 'close'); // do not read a body we refuse
	return c.json({ error: 'forbidden', reason }, 403);
}

// Security headers on every response. The Content-Security-Policy allows no inline script;
// the app shell adds the sha256 of SvelteKit's inline bootstrap script (see static.ts).
import type { MiddlewareHandler } from 'hono';

export function contentSecurityPolicy(scriptHashes: readonly string[] = []): string {
	const scriptSrc = ["'self'", ...scriptHashes.map((h) => `'${h}'`)].join(' ');
	return [
		"default-src 'self'",
		`script-src ${scriptSrc}`,
		"style-src 'self' 'unsafe-inline'",
		"img-src 'self' data: blob:",
		"font-src 'self'",
		// Meetup hubs sit at LAN addresses no one knows in advance, and CSP cannot name
		// private ranges: allow http(s) connections; scripts stay 'self' only.
		"connect-src 'self' http: https:",
		"worker-src 'self'",
		"manifest-src 'self'",
		"object-src 'none'",
		"frame-ancestors 'none'",
		"base-uri 'self'",
		"form-action 'self'"
	].join('; ');
}

const DEFAULT_CSP = contentSecurityPolicy();

const HEADERS: ReadonlyArray<[string, string]> = [
	['content-security-policy', DEFAULT_CSP],
	['x-content-type-options', 'nosniff'],
	['referrer-policy', 'no-referrer'],
	['x-frame-options', 'DENY'],
	['cross-origin-opener-policy', 'same-origin']
];

/** Sets each header unless the handler chose its own (the app shell sets its CSP). */
export function securityHeaders(): MiddlewareHandler {
	return async (c, next) => {
		await next();
		for (const [name, value] of HEADERS) {
			if (!c.res.headers.has(name)) c.res.headers.set(name, value);
		}
	};
}

// Serves the built client (config.staticDir, adapter-static's build/): hashed assets cached
// for a year, the app shell, service worker and manifest revalidated on every load, and the
// app shell for any other GET so client-side routes work on reload. Before the client is
// built, a small placeholder page says so.
import { Hono, type Context } from 'hono';
import { createHash } from 'node:crypto';
import { createReadStream, statSync, readFileSync, type Stats } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { toWebStream } from './http/web-streams';
import { contentSecurityPolicy } from './http/security-headers';
import { selectEncoding } from './http/compression';
import { createPrecompressed, PRECOMPRESSIBLE } from './http/precompressed';

const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json; charset=utf-8',
	'.webmanifest': 'application/manifest+json; charset=utf-8',
	'.map': 'application/json; charset=utf-8',
	'.txt': 'text/plain; charset=utf-8',
	'.xml': 'application/xml; charset=utf-8',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.jpg': 'image/jpeg',
	'.jpeg': 'image/jpeg',
	'.gif': 'image/gif',
	'.webp': 'image/webp',
	'.avif': 'image/avif',
	'.ico': 'image/x-icon',
	'.woff': 'font/woff',
	'.woff2': 'font/woff2',
	'.wasm': 'application/wasm',
	'.pdf': 'application/pdf'
};

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const NO_CACHE = 'no-cache';
const DEFAULT_CACHE = 'public, max-age=3600';

/** The app shell, service worker, its Workbox runtime and the manifest must never go stale. */
function cacheControlFor(path: string): string {
	if (path.startsWith('/_app/immutable/')) return IMMUTABLE;
	const name = path.slice(path.lastIndexOf('/') + 1);
	if (
		name.endsWith('.html') ||
		name === 'sw.js' ||
		name === 'service-worker.js' ||
		/^workbox-[\w-]+\.js$/.test(name) ||
		name.endsWith('.webmanifest') ||
		name === 'manifest.json' ||
		name === 'version.json'
	) {
		return NO_CACHE;
	}
	return DEFAULT_CACHE;
}

/** sha256 sources of the inline scripts of an HTML page, as CSP wants them. */
export function inlineScriptHashes(html: string): string[] {
	const hashes: string[] = [];
	for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
		if (/\bsrc\s*=/i.test(match[1]) || match[2].length === 0) continue;
		hashes.push(`sha256-${createHash('sha256').update(match[2], 'utf8').digest('base64')}`);
	}
	return hashes;
}

export const PLACEHOLDER_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Praxis</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; padding: 0 1rem">
<h1>Praxis</h1>
<p>The server is running, but the client has not been built yet.</p>
<p>Run <code>npm run build</code> (or <code>npm start</code>, which builds first), then reload this page.</p>
<p>Server status: <a href="/api/health">/api/health</a></p>
</body></html>
`;

interface Shell {
	mtimeMs: number;
	html: string;
	csp: string;
	etag: string;
}

function statFile(path: string): Stats | null {
	try {
		const stats = statSync(path);
		return stats.isFile() ? stats : null;
	} catch {
		return null;
	}
}

const etagOf = (stats: Stats): string => `"${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}"`;

export function createStaticApp({ staticDir }: { staticDir: string }): Hono {
	const root = resolve(staticDir);
	const app = new Hono();
	let shell: Shell | null = null;
	const precompressed = createPrecompressed();

	/** index.html, re-read when it changes on disk (a rebuild while the server runs). */
	function loadShell(): Shell | null {
		const stats = statFile(join(root, 'index.html'));
		if (!stats) return null;
		if (shell?.mtimeMs !== stats.mtimeMs) {
			const html = readFileSync(join(root, 'index.html'), 'utf8');
			shell = {
				mtimeMs: stats.mtimeMs,
				html,
				csp: contentSecurityPolicy(inlineScriptHashes(html)),
				etag: etagOf(stats)
			};
		}
		return shell;
	}

	function serveShell(c: Context): Response {
		const current = loadShell();
		if (!current) {
			c.header('cache-control', NO_CACHE);
			return c.html(PLACEHOLDER_HTML);
		}
		c.header('content-security-policy', current.csp);
		c.header('cache-control', NO_CACHE);
		c.header('etag', current.etag);
		if (c.req.header('if-none-match') === current.etag) return c.body(null, 304);
		return c.html(c.req.method === 'HEAD' ? '' : current.html);
	}

	function serveFile(c: Context, path: string, file: string, stats: Stats): Response {
		const encoding = selectEncoding(c.req.header('accept-encoding'));
		const packed =
			encoding && c.req.method === 'GET' ? precompressed.get(file, stats.mtimeMs, stats.size, encoding) : null;
		// Each representation gets its own validator.
		const etag = packed ? etagOf(stats).replace(/"$/, `-${encoding}"`) : etagOf(stats);
		c.header('cache-control', cacheControlFor(path));
		c.header('etag', etag);
		c.header('last-modified', stats.mtime.toUTCString());
		if (PRECOMPRESSIBLE.test(file)) c.header('vary', 'Accept-Encoding');
		if (c.req.header('if-none-match') === etag) return c.body(null, 304);
		c.header('content-type', TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream');
		if (encoding && packed) {
			c.header('content-encoding', encoding);
			c.header('content-length', String(packed.byteLength));
			return c.body(packed as Uint8Array<ArrayBuffer>, 200);
		}
		c.header('content-length', String(stats.size));
		if (c.req.method === 'HEAD') return c.body(null, 200);
		return c.body(toWebStream(createReadStream(file)), 200);
	}

	app.on(['GET', 'HEAD'], '*', (c) => {
		let path: string;
		try {
			path = decodeURIComponent(c.req.path);
		} catch {
			return c.json({ error: 'bad_request', reason: 'malformed path' }, 400);
		}
		if (path === '/' || path === '/index.html') return serveShell(c);
		const file = resolve(root, '.' + path);
		const inside = file.startsWith(root + sep) && !path.includes('\0');
		const stats = inside ? statFile(file) : null;
		if (stats) return serveFile(c, path, file, stats);
		// A missing asset (a hashed file from an older build, /favicon.ico...) is not a client
		// route: answering HTML would poison caches with a page where a script was expected.
		// Client routes never end in a file extension (ids and slugs have no dots).
		const extension = extname(path).toLowerCase();
		const assetLike = extension !== '.html' && extension in TYPES;
		if (path.startsWith('/_app/') || !inside || assetLike)
			return c.json({ error: 'not_found', reason: 'no such file' }, 404);
		return serveShell(c);
	});

	return app;
}

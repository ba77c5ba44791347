// Request body size limits without building a WHATWG Request for every request. Hono's
// bodyLimit reads `c.req.raw.body` first, and on @hono/node-server that turns the light request
// object into a full Request (headers, abort signal, a body stream) even for a GET: with 200 live
// clients that garbage grew the server's heap by ~100 MB (bench/incremental.ts, heap sampling).
// A GET or HEAD without body headers, or a request with a Content-Length (Node's parser ends the
// body there), is judged from its headers; anything else (a chunked body, a request built in
// process without either header) goes through Hono's counting bodyLimit.
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

type BodyLimitOptions = Parameters<typeof bodyLimit>[0];

export function limitBody(options: BodyLimitOptions): MiddlewareHandler {
	const counting = bodyLimit(options);
	return async (c, next) => {
		if (c.req.header('transfer-encoding') === undefined) {
			const length = c.req.header('content-length')?.trim();
			if (length === undefined && (c.req.method === 'GET' || c.req.method === 'HEAD')) return next();
			if (length !== undefined && /^\d+$/.test(length) && Number(length) <= options.maxSize) return next();
		}
		// chunked, over the limit (Hono answers with its onError), or without a Content-Length
		return counting(c, next);
	};
}

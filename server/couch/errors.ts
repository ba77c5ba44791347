// CouchDB-shaped errors for the sync gateway: {error, reason} with the status CouchDB would use.
// Every failure of a /couch request passes through toCouchResponse, so no input yields a 5xx
// unless something truly unexpected happened (and that is logged).
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export class CouchError extends Error {
	constructor(
		readonly status: ContentfulStatusCode,
		readonly error: string,
		readonly reason: string
	) {
		super(`${error}: ${reason}`);
	}
}

export const badRequest = (reason: string) => new CouchError(400, 'bad_request', reason);
export const notFound = (reason = 'missing') => new CouchError(404, 'not_found', reason);
export const forbidden = (reason: string) => new CouchError(403, 'forbidden', reason);
export const tooLarge = (reason: string) => new CouchError(413, 'too_large', reason);

/** Statuses PouchDB reports that mean "your request", passed through as they are. */
const CLIENT_STATUSES = new Set([400, 401, 403, 404, 409, 412, 413, 415, 416]);

interface PouchLikeError {
	status?: unknown;
	name?: unknown;
	error?: unknown;
	reason?: unknown;
	message?: unknown;
}

/** The CouchError equivalent of anything thrown, or null when it is not a known client error. */
export function asCouchError(err: unknown): CouchError | null {
	if (err instanceof CouchError) return err;
	if (typeof err !== 'object' || err === null) return null;
	const e = err as PouchLikeError;
	const status = typeof e.status === 'number' ? e.status : NaN;
	if (!CLIENT_STATUSES.has(status)) return null;
	const name = typeof e.name === 'string' ? e.name : typeof e.error === 'string' ? e.error : 'error';
	const reason = typeof e.reason === 'string' ? e.reason : typeof e.message === 'string' ? e.message : name;
	return new CouchError(status as ContentfulStatusCode, name, reason);
}

export function couchJson(c: Context, err: CouchError): Response {
	return c.json({ error: err.error, reason: err.reason }, err.status);
}

/** The response for any error thrown by a handler. */
export function toCouchResponse(c: Context, err: unknown): Response {
	const known = asCouchError(err);
	if (known) return couchJson(c, known);
	console.error('[couch] unexpected error on', c.req.method, c.req.path, err);
	return c.json({ error: 'unknown_error', reason: 'the server could not complete this request' }, 500);
}

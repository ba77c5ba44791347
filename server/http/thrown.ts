// Hono passes only Error instances to onError; PouchDB's http adapter (COUCHDB_URL mode)
// rejects with plain objects {status, name, message}. This outermost middleware turns such
// values into Errors: a 4xx with CouchDB's `{error, reason}` shape, anything else a 500.
import type { MiddlewareHandler } from 'hono';
import { jsonHttpError } from './json';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

interface StatusLike {
	status?: unknown;
	name?: unknown;
	error?: unknown;
	message?: unknown;
	reason?: unknown;
}

export function errorFromThrown(value: unknown): Error {
	if (value instanceof Error) return value;
	if (typeof value === 'object' && value !== null) {
		const v = value as StatusLike;
		const status = typeof v.status === 'number' ? v.status : 0;
		if (status >= 400 && status < 500) {
			const error = typeof v.error === 'string' ? v.error : typeof v.name === 'string' ? v.name : 'bad_request';
			const reason = typeof v.reason === 'string' ? v.reason : typeof v.message === 'string' ? v.message : error;
			return jsonHttpError(status as ContentfulStatusCode, error, reason);
		}
		return new Error(`non-Error thrown: ${JSON.stringify(value).slice(0, 500)}`);
	}
	return new Error(`non-Error thrown: ${String(value)}`);
}

export function normalizeThrown(): MiddlewareHandler {
	return async (_c, next) => {
		try {
			await next();
		} catch (err) {
			throw errorFromThrown(err);
		}
	};
}

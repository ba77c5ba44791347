// JSON request bodies and `{error, reason}` answers shared by the /api routes.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export interface ErrorBody {
	error: string;
	reason: string;
}

/** An HTTPException whose response is already `{error, reason}` JSON. */
export function jsonHttpError(status: ContentfulStatusCode, error: string, reason: string, headers: Record<string, string> = {}): HTTPException {
	const res = new Response(JSON.stringify({ error, reason } satisfies ErrorBody), {
		status,
		headers: { 'content-type': 'application/json; charset=utf-8', ...headers }
	});
	return new HTTPException(status, { res, message: reason });
}

/** The parsed JSON body; 400 when it is missing or malformed. */
export async function readJson(c: Context): Promise<unknown> {
	const text = await c.req.text();
	if (text.trim() === '') throw jsonHttpError(400, 'bad_request', 'the request needs a JSON body');
	try {
		return JSON.parse(text) as unknown;
	} catch {
		throw jsonHttpError(400, 'bad_request', 'the request body is not valid JSON');
	}
}

/** JSON or an HTML form (CouchDB's _session accepts both). */
export async function readJsonOrForm(c: Context): Promise<unknown> {
	const type = c.req.header('content-type') ?? '';
	if (type.startsWith('application/x-www-form-urlencoded')) {
		return Object.fromEntries(new URLSearchParams(await c.req.text()));
	}
	return readJson(c);
}

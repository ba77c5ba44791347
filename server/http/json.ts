// JSON request bodies and `{error, reason}` answers shared by the /api routes.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { TOO_DEEP_REASON, tooDeep } from '../../src/lib/domain/json-depth';

export interface ErrorBody {
	error: string;
	reason: string;
}

/** An HTTPException whose response is already `{error, reason}` JSON. */
export function jsonHttpError(
	status: ContentfulStatusCode,
	error: string,
	reason: string,
	headers: Record<string, string> = {},
	details: Record<string, unknown> = {}
): HTTPException {
	const res = new Response(JSON.stringify({ ...details, error, reason } satisfies ErrorBody), {
		status,
		headers: { 'content-type': 'application/json; charset=utf-8', ...headers }
	});
	return new HTTPException(status, { res, message: reason });
}

/** The parsed JSON body; 400 when it is missing or malformed. */
export async function readJson(c: Context): Promise<unknown> {
	const text = await c.req.text();
	if (text.trim() === '') throw jsonHttpError(400, 'bad_request', 'the request needs a JSON body');
	if (tooDeep(text)) throw jsonHttpError(400, 'bad_request', TOO_DEEP_REASON);
	try {
		return JSON.parse(text) as unknown;
	} catch {
		throw jsonHttpError(400, 'bad_request', 'the request body is not valid JSON');
	}
}

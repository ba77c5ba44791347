// Reading CouchDB-style request input: boolean and JSON query parameters, and JSON bodies.
// Anything malformed becomes a 400 bad_request, never an exception that escapes.
import type { Context } from 'hono';
import { badRequest } from './errors';
import { isPlainObject } from './doc-shape';
import { TOO_DEEP_REASON, tooDeep } from '../../src/lib/domain/json-depth';

export function boolParam(c: Context, name: string): boolean | undefined {
	const raw = c.req.query(name);
	if (raw === undefined) return undefined;
	if (raw === 'true' || raw === '') return true;
	if (raw === 'false') return false;
	throw badRequest(`query parameter ${name} must be true or false`);
}

export function intParam(c: Context, name: string, min = 0): number | undefined {
	const raw = c.req.query(name);
	if (raw === undefined || raw === '') return undefined;
	const n = Number(raw);
	if (!Number.isInteger(n) || n < min) throw badRequest(`query parameter ${name} must be an integer ≥ ${min}`);
	return n;
}

/** A JSON-encoded query parameter (startkey, keys, open_revs...). */
export function jsonParam(c: Context, name: string): unknown {
	const raw = c.req.query(name);
	if (raw === undefined) return undefined;
	if (tooDeep(raw)) throw badRequest(`query parameter ${name}: ${TOO_DEEP_REASON}`);
	try {
		return JSON.parse(raw);
	} catch {
		throw badRequest(`query parameter ${name} must be JSON`);
	}
}

export function stringParam(c: Context, name: string): string | undefined {
	const raw = c.req.query(name);
	return raw === undefined || raw === '' ? undefined : raw;
}

/** Bodies already parsed, by request: the write limits count documents before the handler runs. */
const parsedBodies = new WeakMap<object, unknown>();

/** The request body parsed as JSON (once per request). */
export async function jsonBody(c: Context): Promise<unknown> {
	if (parsedBodies.has(c.req)) return parsedBodies.get(c.req);
	const text = await c.req.text();
	if (tooDeep(text)) throw badRequest(TOO_DEEP_REASON);
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		throw badRequest('invalid UTF-8 JSON');
	}
	parsedBodies.set(c.req, body);
	return body;
}

/** The request body, which must be a JSON object. */
export async function objectBody(c: Context): Promise<Record<string, unknown>> {
	const body = await jsonBody(c);
	if (!isPlainObject(body)) throw badRequest('the request body must be a JSON object');
	return body;
}

export function stringList(value: unknown, what: string): string[] {
	if (!Array.isArray(value) || !value.every((x) => typeof x === 'string'))
		throw badRequest(`${what} must be a list of strings`);
	return value;
}

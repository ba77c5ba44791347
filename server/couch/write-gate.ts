// The gateway's request-level checks of members' writes, before any document is judged: a
// suspended member's writes are refused whole (before the body is read), and writes beyond the
// member's limits (rate.ts) are answered 429 with Retry-After. Nothing of a refused request is
// stored. Reads and replication bookkeeping (`_local` checkpoints, _revs_diff, _bulk_get,
// _all_docs and _changes by POST) always pass, so a suspended or slowed device keeps pulling.
// Hubs relaying signed documents (server/hub/relay.ts) and the server's own writes never pass
// here: member buckets do not count them.
import type { Context, MiddlewareHandler } from 'hono';
import type { AuthVariables } from '../auth/types';
import { suspendedWriteReason } from '../auth/suspension';
import { userDbName } from '../../src/lib/domain/ids';
import { jsonBody } from './query';
import type { WriteCount, WriteLimiter } from './rate';

type Env = { Variables: AuthVariables };

/** Endpoints that read or keep replication state, whatever their method. */
const BOOKKEEPING = new Set(['_local', '_revs_diff', '_bulk_get', '_all_docs', '_changes', '_ensure_full_commit']);

/** What a request writes: documents in a batch, one document (or attachment), or nothing. */
export type WriteShape = { kind: 'bulk'; db: string } | { kind: 'one'; db: string; doc: boolean } | null;

/** `path`: the request path below the gateway (`/community/_bulk_docs`). */
export function writeShape(method: string, path: string): WriteShape {
	if (method !== 'POST' && method !== 'PUT' && method !== 'DELETE') return null;
	const parts = path.split('/').filter(Boolean);
	const [db, second] = parts;
	if (!db || db.startsWith('_')) return null;
	// PUT /db answers whether the member's own database exists; DELETE /db is refused anyway
	if (second === undefined) return method === 'POST' ? { kind: 'one', db, doc: true } : null;
	if (second === '_bulk_docs') return method === 'POST' ? { kind: 'bulk', db } : null;
	if (BOOKKEEPING.has(second)) return null;
	return { kind: 'one', db, doc: parts.length === 2 && method === 'PUT' };
}

const isMessage = (doc: unknown): boolean =>
	typeof doc === 'object' &&
	doc !== null &&
	(doc as { type?: unknown }).type === 'message' &&
	(doc as { _deleted?: unknown })._deleted !== true;

/** The path below the gateway's mount point. */
function gatewayPath(c: Context): string {
	const base = c.req.routePath.replace(/\/?\*$/, '');
	return c.req.path.slice(base.length);
}

/** Refuses a suspended member's writes with the suspension's reason: no body is read. */
export function refuseSuspendedWrites(): MiddlewareHandler<Env> {
	return async (c, next) => {
		const suspended = c.get('user')?.suspended;
		if (!suspended || !writeShape(c.req.method, gatewayPath(c))) return next();
		c.header('connection', 'close'); // the body is never read
		return c.json({ error: 'suspended', reason: suspendedWriteReason(suspended) }, 403);
	};
}

/** Counts a member's writes against their limits; over them: 429 with Retry-After, nothing stored. */
export function limitWrites(limiter: WriteLimiter | null): MiddlewareHandler<Env> {
	return async (c, next) => {
		const user = c.get('user');
		if (!limiter || !user || user.hub) return next();
		const shape = writeShape(c.req.method, gatewayPath(c));
		if (!shape) return next();
		const count = await countWrites(c, shape, userDbName(user.name));
		if (!count) return next(); // a malformed body: the handler answers 400 as it would anyway
		const verdict = limiter.admit(user.name, count);
		if (verdict.ok) return next();
		c.header('retry-after', String(verdict.retryAfterSeconds));
		return c.json({ error: 'too_many_requests', reason: verdict.reason }, 429);
	};
}

/** The documents and messages a write carries; null when its body is not what the handler takes. */
async function countWrites(c: Context, shape: NonNullable<WriteShape>, ownDb: string): Promise<WriteCount | null> {
	const own = shape.db === ownDb;
	if (shape.kind === 'one') {
		// only a document written to the member's own database can be a message
		if (!own || !shape.doc) return { docs: 1, messages: 0 };
		const body = await parsed(c);
		return body === undefined ? null : { docs: 1, messages: isMessage(body) ? 1 : 0 };
	}
	const body = await parsed(c);
	const docs = (body as { docs?: unknown } | null | undefined)?.docs;
	if (!Array.isArray(docs)) return null;
	return { docs: docs.length, messages: own ? docs.filter(isMessage).length : 0 };
}

async function parsed(c: Context): Promise<unknown> {
	try {
		return await jsonBody(c);
	} catch {
		return undefined;
	}
}

// /api/moderation, for moderators and administrators (anyone else 403, anonymous 401):
//   GET  /queue                          → {items}: flagged items, oldest first (queue.ts)
//   POST /actions {target, action, reason?, category?, until?} → {ok: true, entry} (actions.ts)
//   GET  /log?before={entry id}&limit=   → {entries}: the audit log, newest first
//   GET  /log.csv                        → the whole audit log as CSV, oldest first
// (reset codes, POST /members/{name}/reset-code, are mounted beside these: server/auth/account-routes.ts.)
// Nothing edits or deletes an audit entry: no route here writes to the log but the actions.
import { Hono, type Context } from 'hono';
import type { PraxisAuth } from '../auth/service';
import type { SessionUser } from '../auth/types';
import { clientAddress, type AddressOf } from '../http/client-address';
import { readJson } from '../http/json';
import type { Storage } from '../storage/index';
import { isModerator } from '../../src/lib/domain/permissions';
import type { AuditLog } from './audit';
import type { ModerationRecords } from './records';
import type { ServerSigner } from '../devices/server-key';
import { readQueue } from './queue';
import { parseAction, performAction } from './actions';
import { auditCsvStream } from './csv';

export interface ModerationRoutesDeps {
	storage: Storage;
	auth: PraxisAuth;
	records: ModerationRecords;
	audit: AuditLog;
	signer: () => Promise<ServerSigner>;
	clock: () => Date;
	addressOf?: AddressOf;
}

export const LOG_PAGE_MAX = 500;
const AUDIT_ID = /^audit:[0-9A-HJKMNP-TV-Z]{26}$/;

type ModEnv = { Variables: { moderator: SessionUser } };

export function createModerationRoutes(deps: ModerationRoutesDeps): Hono<ModEnv> {
	const { storage, auth, records, audit, clock } = deps;
	const addressOf = deps.addressOf ?? clientAddress;
	const app = new Hono<ModEnv>();

	async function moderator(c: Context): Promise<SessionUser | Response> {
		c.header('cache-control', 'no-store');
		const user = await auth.authenticate(c.req.raw, addressOf(c));
		if (!user) return c.json({ error: 'unauthorized', reason: 'sign in as a moderator' }, 401);
		if (!isModerator(user))
			return c.json({ error: 'forbidden', reason: 'only moderators and administrators moderate' }, 403);
		return user;
	}

	// Only these paths: /members/… (reset codes) belongs to another sub-app mounted at the same place.
	for (const path of ['/queue', '/actions', '/log', '/log.csv']) {
		app.use(path, async (c, next) => {
			const who = await moderator(c);
			if (who instanceof Response) return who;
			c.set('moderator', who);
			await next();
		});
	}

	app.get('/queue', async (c) => c.json({ items: await readQueue(storage, records, auth, clock()) }));

	app.post('/actions', async (c) => {
		const request = parseAction(await readJson(c));
		if ('status' in request) return c.json({ error: request.error, reason: request.reason }, request.status);
		const result = await performAction(
			{ storage, auth, records, audit, signer: deps.signer, clock },
			c.get('moderator'),
			request
		);
		if ('status' in result) return c.json({ error: result.error, reason: result.reason }, result.status);
		return c.json(result);
	});

	app.get('/log', async (c) => {
		const before = c.req.query('before');
		const limitText = c.req.query('limit');
		if (before !== undefined && !AUDIT_ID.test(before))
			return c.json({ error: 'bad_request', reason: 'before must be the id of an entry of the log' }, 400);
		const limit = limitText === undefined ? 100 : Number(limitText);
		if (!Number.isInteger(limit) || limit < 1 || limit > LOG_PAGE_MAX)
			return c.json({ error: 'bad_request', reason: `limit must be a whole number from 1 to ${LOG_PAGE_MAX}` }, 400);
		return c.json({ entries: await audit.list({ before, limit }) });
	});

	app.get('/log.csv', () => {
		return new Response(auditCsvStream(audit.all()), {
			headers: {
				'content-type': 'text/csv; charset=utf-8',
				'content-disposition': 'attachment; filename="praxis-moderation-log.csv"',
				'cache-control': 'no-store',
				'x-content-type-options': 'nosniff'
			}
		});
	});

	return app;
}

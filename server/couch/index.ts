// The sync gateway: enough of CouchDB's HTTP API, under /couch, for an unmodified PouchDB
// replicator to push and pull, one-shot and live. Every request is authenticated here; every
// write is validated and authorized (write.ts); POST|GET|DELETE /couch/_session lives in auth.
import { Hono, type Context, type Next } from 'hono';
import { limitBody } from '../http/body-limit';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { AuthService, AuthVariables, SessionUser } from '../auth/types';
import type { Storage } from '../storage/index';
import { LIMITS } from '../config';
import { openDb, type CouchContext, type OpenDb } from './access';
import { allDocs, bulkDocs, bulkGet, dbInfo, revsDiff } from './bulk';
import { handleChanges } from './changes';
import { deleteDoc, deleteLocal, getAttachment, getDoc, getLocal, putDoc, putLocal, writeAttachment } from './docs';
import { forbidden, notFound, couchJson, toCouchResponse, tooLarge, CouchError } from './errors';
import { ChangeNotifier } from './notifier';
import { createWriteLimiter, DEFAULT_WRITE_LIMITS, type WriteLimits } from './rate';
import { limitWrites, refuseSuspendedWrites } from './write-gate';

import type { SignatureChecks, WriteRule } from './write';

export { writeDocs, type BulkResult, type SignatureChecks, type WriteRule, type JudgedDoc } from './write';

export interface CouchDeps {
	storage: Storage;
	auth: AuthService;
	uuid: string;
	version: string;
	clock?: () => Date;
	/** Signature checks for pushed community documents and library files; absent, none are made. */
	signatures?: SignatureChecks;
	/** Write rules beyond each document's schema and permissions (write.ts WriteRule). */
	rules?: readonly WriteRule[];
	/** Per-member write limits (rate.ts); absent: DEFAULT_WRITE_LIMITS. */
	writeLimits?: Partial<WriteLimits>;
}

type Env = { Variables: AuthVariables };
/** Served by the auth module on the parent app, not here. */
const SESSION_PATH = '_session';
type DbHandler = (c: CouchContext, open: OpenDb) => Promise<Response>;

export function createCouchApp(deps: CouchDeps): Hono<Env> {
	const app = new Hono<Env>();
	const notifier = new ChangeNotifier();
	const clock = deps.clock ?? (() => new Date());
	const startedAt = String(clock().getTime() * 1000);
	const limiter = createWriteLimiter({ ...DEFAULT_WRITE_LIMITS, ...deps.writeLimits }, () => clock().getTime());
	const numericSeqs = deps.storage.kind !== 'couchdb';

	app.onError((err, c) => toCouchResponse(c, err));
	app.use('*', async (c, next) => {
		const user = await authenticate(deps.auth, c);
		// Nobody writes here anonymously: answer before a byte of the body is read (an anonymous
		// stream of 45 MiB would otherwise be buffered up to the request limit first).
		if (!user && c.req.method !== 'GET' && c.req.method !== 'HEAD' && !c.req.path.endsWith(`/${SESSION_PATH}`)) {
			c.header('connection', 'close');
			return couchJson(c, new CouchError(401, 'unauthorized', 'sign in first: this request needs a member session'));
		}
		c.set('user', user);
		await next();
	});
	app.use('*', refuseSuspendedWrites());
	app.use(
		'*',
		limitBody({
			maxSize: LIMITS.REQUEST_BYTES,
			onError: (c) => couchJson(c, tooLarge(`the request body exceeds ${LIMITS.REQUEST_BYTES} bytes`))
		})
	);
	app.use('*', limitWrites(limiter));

	const welcome = (c: Context) =>
		c.json({
			couchdb: 'Welcome',
			version: deps.version,
			uuid: deps.uuid,
			vendor: { name: 'Praxis', version: deps.version }
		});
	/** Runs `handler` on the database named in the path, after the access checks. */
	const onDb = (handler: DbHandler) => async (c: CouchContext, next: Next) => {
		const name = c.req.param('db') ?? '';
		if (name === SESSION_PATH) return next(); // the parent app's /couch/_session, whatever the mount order
		return handler(c, await openDb(c, deps, name));
	};
	const param = (c: CouchContext, name: string): string => c.req.param(name) ?? '';

	app.get('/', welcome);

	const info = onDb(dbInfo);
	const create = onDb(async (c, open) =>
		open.existed || open.kind !== 'userdb'
			? couchJson(c, new CouchError(412, 'file_exists', 'The database could not be created, the file already exists.'))
			: c.json({ ok: true }, 201)
	);
	const drop = onDb(async () => {
		throw forbidden('databases cannot be deleted through /couch');
	});
	for (const path of ['/:db', '/:db/']) {
		app.get(path, info);
		app.put(path, create);
		app.delete(path, drop);
	}

	const changes = onDb((c, open) => handleChanges(c, open, notifier, numericSeqs));
	app.get('/:db/_changes', changes);
	app.post('/:db/_changes', changes);
	app.get('/:db/_all_docs', onDb(allDocs));
	app.post('/:db/_all_docs', onDb(allDocs));
	app.post('/:db/_revs_diff', onDb(revsDiff));
	app.post('/:db/_bulk_get', onDb(bulkGet));
	app.post('/:db/_bulk_docs', onDb(bulkDocs));
	// CouchDB's own replicator (before 3.x) asks for this; every write here is already durable.
	app.post(
		'/:db/_ensure_full_commit',
		onDb(async (c) => c.json({ ok: true, instance_start_time: startedAt }, 201))
	);

	app.get(
		'/:db/_local/:id',
		onDb((c, open) => getLocal(c, open, param(c, 'id')))
	);
	app.put(
		'/:db/_local/:id',
		onDb((c, open) => putLocal(c, open, param(c, 'id')))
	);
	app.delete(
		'/:db/_local/:id',
		onDb((c, open) => deleteLocal(c, open, param(c, 'id')))
	);

	app.get(
		'/:db/:docid',
		onDb((c, open) => getDoc(c, open, param(c, 'docid')))
	);
	app.put(
		'/:db/:docid',
		onDb((c, open) => putDoc(c, open, param(c, 'docid')))
	);
	app.delete(
		'/:db/:docid',
		onDb((c, open) => deleteDoc(c, open, param(c, 'docid')))
	);

	app.get(
		'/:db/:docid/:att{.+}',
		onDb((c, open) => getAttachment(c, open, param(c, 'docid'), param(c, 'att')))
	);
	app.put(
		'/:db/:docid/:att{.+}',
		onDb((c, open) => writeAttachment(c, open, param(c, 'docid'), param(c, 'att'), false))
	);
	app.delete(
		'/:db/:docid/:att{.+}',
		onDb((c, open) => writeAttachment(c, open, param(c, 'docid'), param(c, 'att'), true))
	);

	// Mounted under a prefix, GET /couch/ only reaches a wildcard: answer the welcome there too.
	app.all('*', (c, next) => {
		const base = c.req.routePath.replace(/\/?\*$/, '');
		if (c.req.path.slice(base.length) === `/${SESSION_PATH}`) return next();
		if (c.req.method === 'GET' && c.req.path.slice(base.length) === '/') return welcome(c);
		return couchJson(c, notFound('unknown path'));
	});
	return app;
}

/** The member behind a request; a failing auth service leaves the request anonymous (401), not a 500. */
async function authenticate(auth: AuthService, c: Context): Promise<SessionUser | null> {
	try {
		return await auth.authenticate(c.req.raw, clientAddress(c));
	} catch (err) {
		console.error('[couch] authentication failed', err);
		return null;
	}
}

function clientAddress(c: Context): string {
	try {
		return getConnInfo(c).remote.address ?? 'unknown';
	} catch {
		return 'unknown'; // app.request() in tests has no socket
	}
}

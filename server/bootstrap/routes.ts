// GET /api/bootstrap/community[?seq=S&from=N][&to=M]: the community database's bootstrap snapshot
// for a member's first sync, as NDJSON: a header line `{seq, docs, parts, from, to}`,
// then one line per part `{part, docs}` (documents with `_revisions`, for bulkDocs
// new_edits:false), compressed like the app's responses. Without `seq`: the current snapshot and
// its tail (the documents changed since it was made, in the last parts), `seq` being where the
// tail reached; `seq` and `from` continue (or resume) what was served at `seq` from part `from`; `to` ends the
// answer before part `to` (a client downloads a few parts at a time, so a dropped link costs one
// range at most); 410 when that snapshot is no longer kept (the client then falls back to
// replication, which only fetches what it lacks). Members only.
import { Hono, type Context } from 'hono';
import { COMMUNITY_DB } from '../../src/lib/domain/ids';
import type { AuthService } from '../auth/types';
import type { Storage } from '../storage/index';
import { clientAddress } from '../http/client-address';
import { selectEncoding } from '../http/compression';
import { SnapshotCache } from './cache';

export interface BootstrapRoutesDeps {
	storage: Storage;
	auth: AuthService;
	/** The app's snapshots (the server warms it after seeding); one per routes instance by default. */
	cache?: SnapshotCache;
}

const SEQ_PATTERN = /^[\w-]{1,2000}$/; // LevelDB seqs are numbers, CouchDB ones long base64url strings
const PART_PATTERN = /^(0|[1-9]\d{0,6})$/;

export function createBootstrapRoutes(deps: BootstrapRoutesDeps): Hono {
	const app = new Hono();
	const cache = deps.cache ?? new SnapshotCache(deps.storage);
	const fail = (c: Context, status: 400 | 401 | 404 | 410, error: string, reason: string) =>
		c.json({ error, reason }, status);

	app.get('/:db', async (c) => {
		const who = await deps.auth.authenticate(c.req.raw, clientAddress(c));
		if (!who) return fail(c, 401, 'unauthorized', 'sign in to download the community snapshot');
		if (c.req.param('db') !== COMMUNITY_DB)
			return fail(c, 404, 'not_found', 'only the community database has a snapshot');
		const seq = c.req.query('seq');
		const fromParam = c.req.query('from');
		if (seq !== undefined && !SEQ_PATTERN.test(seq))
			return fail(c, 400, 'bad_request', 'seq must be the seq of a snapshot');
		if (fromParam !== undefined && !PART_PATTERN.test(fromParam))
			return fail(c, 400, 'bad_request', 'from must be a part number (a non-negative integer)');
		if (fromParam !== undefined && seq === undefined)
			return fail(c, 400, 'bad_request', 'from needs the seq of the snapshot to resume');
		const toParam = c.req.query('to');
		if (toParam !== undefined && !PART_PATTERN.test(toParam))
			return fail(c, 400, 'bad_request', 'to must be a part number (a non-negative integer)');
		const from = Number(fromParam ?? 0);
		const view = seq === undefined ? await cache.current(COMMUNITY_DB) : await cache.bySeq(COMMUNITY_DB, seq);
		if (!view) return fail(c, 410, 'gone', 'that snapshot is no longer kept; replicate instead');
		const { parts } = cache.head(view);
		const to = Math.min(Number(toParam ?? parts), parts);
		if (from > parts) return fail(c, 400, 'bad_request', `the snapshot has ${parts} parts`);
		if (toParam !== undefined && Number(toParam) <= from) return fail(c, 400, 'bad_request', 'to must be after from');
		const encoding = selectEncoding(c.req.header('accept-encoding'));
		const headers = new Headers({
			'content-type': 'application/x-ndjson; charset=utf-8',
			'cache-control': 'private, no-store',
			vary: 'Accept-Encoding'
		});
		if (encoding) headers.set('content-encoding', encoding);
		return new Response(cache.stream(view, from, to, encoding), { status: 200, headers });
	});
	return app;
}

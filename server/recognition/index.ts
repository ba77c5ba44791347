// /api/recognition: the community's leaderboards computed over the whole community database with
// the same pure function the devices use (src/lib/domain/recognition.ts), so both give the same
// figures for the same documents.
//   GET /api/recognition?period=all|year|month[&region=…][&sector=…]
//       signed in → Boards (members who left leaderboards are not listed); 401 without a
//       session; 400 on another period.
// The computation is kept until the database's update sequence moves.
import { Hono, type Context } from 'hono';
import { COMMUNITY_DB } from '../../src/lib/domain/ids';
import {
	computeRecognition,
	leaderboards,
	PERIODS,
	standingOnly,
	type Period,
	type Standing
} from '../../src/lib/domain/recognition';
import type { Storage } from '../storage/index';
import type { AuthService, SessionUser } from '../auth/types';
import { clientAddress, type AddressOf } from '../http/client-address';

export interface RecognitionRoutesDeps {
	storage: Storage;
	auth: AuthService;
	clock?: () => Date;
	addressOf?: AddressOf;
}

/** Every member's standing over the whole community database, as of `now`. */
export async function communityStandings(storage: Storage, now: string): Promise<Standing[]> {
	const all = await storage.db(COMMUNITY_DB).allDocs({ include_docs: true });
	const docs = all.rows.flatMap((row) => ('doc' in row && row.doc ? [row.doc as object] : []));
	return computeRecognition(docs, { now }).map(standingOnly);
}

const isPeriod = (value: string): value is Period => (PERIODS as readonly string[]).includes(value);

export function createRecognitionRoutes(deps: RecognitionRoutesDeps): Hono {
	const { storage, auth } = deps;
	const clock = deps.clock ?? (() => new Date());
	const addressOf = deps.addressOf ?? clientAddress;
	let cached: { seq: string; hour: string; standings: Standing[] } | null = null;

	async function member(c: Context): Promise<SessionUser | Response> {
		const user = await auth.authenticate(c.req.raw, addressOf(c));
		c.header('cache-control', 'no-store');
		if (!user) return c.json({ error: 'unauthorized', reason: 'sign in to see the leaderboards' }, 401);
		return user;
	}

	/** Standings, recomputed when a document changed or an hour passed (events end, periods turn). */
	async function standings(now: string): Promise<Standing[]> {
		const seq = String((await storage.db(COMMUNITY_DB).info()).update_seq);
		const hour = now.slice(0, 13);
		if (cached?.seq === seq && cached.hour === hour) return cached.standings;
		const fresh = await communityStandings(storage, now);
		cached = { seq, hour, standings: fresh };
		return fresh;
	}

	const app = new Hono();
	app.get('/', async (c) => {
		const user = await member(c);
		if (user instanceof Response) return user;
		const period = c.req.query('period') ?? 'all';
		if (!isPeriod(period)) return c.json({ error: 'bad_request', reason: 'period must be all, year or month' }, 400);
		const now = clock().toISOString();
		const boards = leaderboards(await standings(now), {
			period,
			now,
			region: c.req.query('region') || null,
			sector: c.req.query('sector') || null
		});
		return c.json(boards);
	});
	return app;
}

// GET /api/account/export: the signed-in member's data as a ZIP download ("Download my data" on
// /settings/account), streamed as it is built (export.ts, zip-stream.ts). Building one scans the
// whole community database, so each member may ask a few times an hour.
import { Hono } from 'hono';
import type { AddressOf } from '../http/client-address';
import { jsonHttpError } from '../http/json';
import { refusal } from '../../src/lib/domain/account-errors';
import type { PraxisAuth } from '../auth/service';
import { createRateLimiter } from '../auth/rate-limit';
import type { Storage } from '../storage/index';
import { COMMUNITY_DB, userDbName } from '../../src/lib/domain/ids';
import { FILES_DB } from '../../src/lib/domain/files';
import { exportEntries } from './export';
import { zipStream } from './zip-stream';

export const EXPORTS_PER_HOUR = 3;
const HOUR_MS = 60 * 60_000;

export interface ExportRoutesDeps {
	storage: Storage;
	auth: PraxisAuth;
	addressOf: AddressOf;
	clock: () => Date;
	log: (line: string) => void;
	/** Exports a member may start per hour (default EXPORTS_PER_HOUR). */
	perHour?: number;
}

export function createExportRoutes({
	storage,
	auth,
	addressOf,
	clock,
	log,
	perHour = EXPORTS_PER_HOUR
}: ExportRoutesDeps): Hono {
	const app = new Hono();
	const exports = createRateLimiter({ max: perHour, windowMs: HOUR_MS, now: () => clock().getTime() });

	app.get('/', async (c) => {
		const member = await auth.currentUser(c.req.raw, addressOf(c));
		const user = member ? await auth.users.get(member.name) : null;
		if (!user) throw jsonHttpError(401, 'unauthorized', 'sign in to download your data', {}, refusal('notSignedIn'));
		const wait = exports.retryAfterSeconds(user.name);
		if (wait > 0) {
			const minutes = Math.ceil(wait / 60);
			throw jsonHttpError(
				429,
				'too_many_requests',
				`you can download your data ${perHour} times an hour: try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`,
				{ 'retry-after': String(wait) },
				refusal('tooManyExports', { perHour, minutes })
			);
		}
		exports.hit(user.name);
		// open the databases first, so a store that is down answers 500 rather than a cut-off file
		await Promise.all([COMMUNITY_DB, userDbName(user.name), FILES_DB].map((name) => storage.db(name).info()));
		const now = clock();
		const entries = logFailure(exportEntries({ storage, user, now }), (err) =>
			log(`[export] ${user.name}: the archive was cut short: ${String(err)}`)
		);
		const filename = `praxis-${user.name}-${now.toISOString().slice(0, 10)}.zip`;
		return new Response(zipStream(entries), {
			status: 200,
			headers: {
				'content-type': 'application/zip',
				'content-disposition': `attachment; filename="${filename}"`,
				'x-content-type-options': 'nosniff',
				'cache-control': 'no-store'
			}
		});
	});

	return app;
}

/** Reports an error that ends the archive after its first bytes are sent (the client sees a cut). */
async function* logFailure<T>(source: AsyncIterable<T>, report: (err: unknown) => void): AsyncGenerator<T> {
	try {
		yield* source;
	} catch (err) {
		report(err);
		throw err;
	}
}

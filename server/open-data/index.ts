// /api/open-data: what the community published for everyone, as CSV files with a Frictionless
// Data Package descriptor, for anyone (no sign-in). Built from the community database at most
// once an hour (build.ts); nothing personal is in it (rows.ts says what is left out).
//   GET /api/open-data                 → OpenDataSummary (build time, licence, files with row counts)
//   GET /api/open-data/download        → application/zip, every CSV and datapackage.json
//   GET /api/open-data/datapackage.json → the descriptor alone
//   GET /api/open-data/{table}.csv     → text/csv; 404 for any other file
// Not mounted on a hub: it serves the central community's data only.
import { Hono, type Context } from 'hono';
import type { Storage } from '../storage/index';
import { OpenDataCache, buildOpenData, type OpenDataBuild } from './build';
import type { OpenDataLicense } from './licenses';
import type { OpenDataSummary } from '../../src/lib/domain/open-data';

export interface OpenDataRoutesDeps {
	storage: Storage;
	license: OpenDataLicense;
	clock?: () => Date;
}

/** Browsers and proxies may keep an answer a few minutes: the data changes hourly at most. */
const CACHE_CONTROL = 'public, max-age=300';

/** GET /api/open-data (its shape is shared with the /open page: src/lib/domain/open-data.ts). */
export function summaryOf(build: OpenDataBuild): OpenDataSummary {
	return {
		builtAt: build.builtAt,
		license: build.license,
		download: '/api/open-data/download',
		files: build.files.map(({ name, title, description, rows }) => ({
			name,
			title,
			description,
			rows,
			url: `/api/open-data/${name}`
		}))
	};
}

export function createOpenDataRoutes(deps: OpenDataRoutesDeps): Hono {
	const clock = deps.clock ?? (() => new Date());
	const cache = new OpenDataCache((now) => buildOpenData(deps.storage, deps.license, now), clock);
	const latest = async (c: Context): Promise<OpenDataBuild> => {
		const build = await cache.get();
		c.header('cache-control', CACHE_CONTROL);
		c.header('last-modified', new Date(build.builtAt).toUTCString());
		return build;
	};

	const app = new Hono();
	app.get('/', async (c) => c.json(summaryOf(await latest(c))));
	app.get('/download', async (c) => {
		const build = await latest(c);
		c.header('content-type', 'application/zip');
		c.header('content-disposition', `attachment; filename="praxis-open-data-${build.builtAt.slice(0, 10)}.zip"`);
		return c.body(build.zip.slice().buffer);
	});
	app.get('/datapackage.json', async (c) => c.json((await latest(c)).datapackage));
	app.get('/:file', async (c) => {
		const name = c.req.param('file');
		const build = await latest(c);
		const file = build.files.find((f) => f.name === name);
		if (!file) return c.json({ error: 'not_found', reason: `no open-data file ${name}` }, 404);
		c.header('content-type', 'text/csv; charset=utf-8');
		c.header('content-disposition', `inline; filename="${file.name}"`);
		return c.body(file.csv);
	});
	return app;
}

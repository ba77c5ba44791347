// Benchmark 6: what the app costs to load. For the first page (a new visitor) and for each main
// route (signed in, full page load), the JS and CSS files the page loaded (from the CDP network
// log), sized as gzip -9 of the file in build/ (independent of caches and the server's encoding);
// then the offline cold start: browser closed and restarted offline on the same profile, time
// from navigation to the forums heading (served by the service worker, data from IndexedDB).
// Needs a build (npm run build). Run alone: node --import tsx bench/bundle.ts
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { generateCommunity } from './lib/generate';
import { openBrowser, type BenchBrowser } from './lib/browser';
import { startPraxis } from './lib/servers';
import { TEST_PASSWORD } from '../tests/e2e/support/server';
import { runAlone, type Figures } from './lib/report';

const ROUTES = ['/forums', '/forums/general', '/library', '/events', '/people', '/search?q=procurement'];

function gzipKb(paths: Iterable<string>): number {
	let bytes = 0;
	for (const p of paths) {
		const file = join(process.env.BENCH_STATIC_DIR ?? 'build', p);
		if (!existsSync(file))
			throw new Error(`${file} is not in the build the server serves (set BENCH_STATIC_DIR to it)`);
		bytes += gzipSync(new Uint8Array(readFileSync(file)), { level: 9 }).length;
	}
	return +(bytes / 1024).toFixed(1);
}

/** JS/CSS paths the page requested since the last reset. */
function assets(b: BenchBrowser, urls: Set<string>): Set<string> {
	void b;
	return new Set(
		[...urls].map((u) => new URL(u).pathname).filter((p) => /\.(js|css)$/.test(p) && !p.endsWith('/sw.js'))
	);
}

export async function bundleBench(): Promise<Figures> {
	const community = generateCommunity();
	const server = await startPraxis(
		community.docs.filter((d) => d.type === 'category' || d.type === 'thread').slice(0, 500)
	);
	let b = await openBrowser({ testHook: true });
	const urls = new Set<string>();
	const track = (x: BenchBrowser) =>
		x.cdp.on('Network.requestWillBeSent', (e: { request: { url: string } }) => urls.add(e.request.url));
	track(b);
	const figures: Figures = {};
	try {
		await b.page.goto(`${server.url}/`, { waitUntil: 'networkidle' });
		const first = assets(b, urls);
		figures.first_page = new URL(b.page.url()).pathname;
		figures.first_page_files = first.size;
		figures.first_page_gzip_kb = gzipKb(first);
		await b.page.goto(`${server.url}/login`);
		await b.page.getByLabel('Username').fill(server.reader.username);
		await b.page.getByLabel('Password').fill(TEST_PASSWORD);
		await b.page.getByRole('button', { name: 'Sign in' }).click();
		await b.page.locator('.categories time').first().waitFor({ timeout: 60_000 });
		await b.page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
		for (const route of ROUTES) {
			urls.clear();
			await b.cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
			await b.page.goto(`${server.url}${route}`, { waitUntil: 'load' }); // never network-idle: live sync keeps a request open
			await b.page.waitForTimeout(1500);
			const files = assets(b, urls);
			figures[`route ${route} gzip_kb`] = gzipKb(files);
		}
		// Cold starts: the browser restarted offline on the same profile, three times (median).
		const starts: number[] = [];
		const withData: number[] = [];
		for (let i = 0; i < 3; i++) {
			await b.close();
			b = await openBrowser({ profileDir: b.profileDir, testHook: true, offline: true });
			const t0 = performance.now();
			await b.page.goto(`${server.url}/forums`);
			await b.page.getByRole('heading', { name: 'Forums' }).waitFor({ timeout: 30_000 });
			starts.push(performance.now() - t0);
			await b.page.locator('.categories time').first().waitFor({ timeout: 30_000 });
			withData.push(performance.now() - t0);
		}
		const median = (xs: number[]) => Math.round([...xs].sort((x, y) => x - y)[1]);
		figures.offline_cold_start_ms = median(starts);
		figures.offline_cold_start_max_ms = Math.round(Math.max(...starts));
		figures.offline_cold_start_data_ms = median(withData);
		console.log(
			`bundle: first page (${figures.first_page}) ${figures.first_page_gzip_kb} KB gzipped JS+CSS; offline cold start ${figures.offline_cold_start_ms} ms (with data ${figures.offline_cold_start_data_ms} ms)`
		);
		return figures;
	} finally {
		await b.dispose();
		await server.dispose();
	}
}

await runAlone(import.meta.url, 'bundle', bundleBench);

// Counts the IndexedDB requests of a first sync of the generated community in Chromium, by
// database, object store (or index) and method: the page's IDBObjectStore/IDBIndex methods are
// wrapped before the app loads. For finding what a first sync asks of IndexedDB, not a benchmark.
// Run: node --import tsx bench/count-idb.ts (uses build/, or BENCH_STATIC_DIR)
import { generateCommunity } from './lib/generate';
import { openBrowser } from './lib/browser';
import { startPraxis } from './lib/servers';
import { projectedAndIndexed, waitForDocs } from './lib/app';
import { TEST_PASSWORD } from '../tests/e2e/support/server';

type Hooked = Window & { __idbCounts?: Record<string, number> };

const docs = generateCommunity(undefined).docs;
const server = await startPraxis(docs);
const b = await openBrowser({ testHook: true });
await b.context.addInitScript(() => {
	const counts: Record<string, number> = {};
	(window as unknown as Hooked).__idbCounts = counts;
	type Method = (this: IDBObjectStore | IDBIndex, ...args: unknown[]) => unknown;
	const wrap = (proto: object, label: (self: IDBObjectStore | IDBIndex) => string) => {
		for (const m of ['put', 'add', 'get', 'delete', 'openCursor', 'getAll', 'getAllKeys', 'count']) {
			const methods = proto as Record<string, Method>;
			const original = methods[m];
			if (typeof original !== 'function') continue;
			methods[m] = function (this: IDBObjectStore | IDBIndex, ...args: unknown[]) {
				const key = `${label(this)}.${m}`;
				counts[key] = (counts[key] ?? 0) + 1;
				return original.apply(this, args);
			};
		}
	};
	wrap(IDBObjectStore.prototype, (s) => `${(s as IDBObjectStore).transaction.db.name}/${s.name}`);
	wrap(
		IDBIndex.prototype,
		(i) => `${(i as IDBIndex).objectStore.transaction.db.name}/${(i as IDBIndex).objectStore.name}[${i.name}]`
	);
});
try {
	await b.page.goto(`${server.url}/login`);
	await b.page.getByLabel('Username').fill(server.reader.username);
	await b.page.getByLabel('Password').fill(TEST_PASSWORD);
	await b.page.getByRole('button', { name: 'Sign in' }).click();
	await b.page.locator('.categories time').first().waitFor({ timeout: 120_000 }); // signed in: the page is the forums now
	await waitForDocs(b.page, docs.length, 300_000, 200); // its info() calls are counted too: not too often
	await projectedAndIndexed(b.page, true);
	const counts = await b.page.evaluate(() => (window as unknown as Hooked).__idbCounts ?? {});
	const total = Object.values(counts).reduce((a, c) => a + c, 0);
	for (const [key, n] of Object.entries(counts)
		.sort((a, c) => c[1] - a[1])
		.slice(0, 40))
		console.log(String(n).padStart(7), key);
	console.log(String(total).padStart(7), 'in all');
} finally {
	await b.dispose();
	await server.dispose();
}
process.exit(0);

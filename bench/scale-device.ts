// A device's first sync of the community at scale: the generated community BENCH_SCALE times
// over (10 by default: about 100,000 documents) served by Praxis, one member signing in on a fresh
// Chromium profile with no added latency, timed from the sign-in click until the forums are usable
// and until every document is stored, projected and indexed (bench/initial-sync.ts does the same
// at 10,000, side by side with stock PouchDB). Then, on that full replica: the storage the origin
// uses, the page's JavaScript heap, search through the store, and page changes by clicking (the
// steps of bench/page-change.ts). Figures for docs/scaling.md.
// Run alone: node --import tsx bench/scale-device.ts
import { generateCommunity, scaledShape } from './lib/generate';
import { NETWORKS, type BenchBrowser } from './lib/browser';
import { startPraxis } from './lib/servers';
import { praxisFirstSync } from './initial-sync';
import { STEPS, p, timedChange } from './page-change';

const SCALE = Number(process.env.BENCH_SCALE ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const QUERIES = ['procurement', 'budget training', 'shared services', 'zzqx'];

type Hooked = Window & {
	__praxisTest: {
		session: { store: { search: { flush(): Promise<void>; search(q: string): Promise<unknown> } } };
	};
};

async function onFullReplica(b: BenchBrowser): Promise<void> {
	const { page } = b;
	await page.setViewportSize({ width: 1366, height: 900 });
	await page.evaluate(() => (window as unknown as Hooked).__praxisTest.session.store.search.flush());
	const storage = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
	await b.cdp.send('HeapProfiler.collectGarbage');
	await b.cdp.send('Performance.enable');
	const { metrics } = (await b.cdp.send('Performance.getMetrics')) as {
		metrics: Array<{ name: string; value: number }>;
	};
	const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
	console.log(
		`storage used by the origin ${(storage / 1e6).toFixed(0)} MB; JS heap after GC ${(heap / 1e6).toFixed(0)} MB`
	);

	const searches: number[] = [];
	for (let round = 0; round <= ROUNDS; round++)
		for (const q of QUERIES) {
			const ms = await page.evaluate(async (query) => {
				const t = performance.now();
				await (window as unknown as Hooked).__praxisTest.session.store.search.search(query);
				return performance.now() - t;
			}, q);
			if (round > 0) searches.push(ms);
		}
	console.log(
		`search over the store: p50 ${p(searches, 0.5)} ms, p95 ${p(searches, 0.95)} ms (${searches.length} queries)`
	);

	const byStep = new Map<string, number[]>(STEPS.map((s) => [s.name, []]));
	for (let round = 0; round <= ROUNDS; round++)
		for (const step of STEPS) {
			const ms = await timedChange(page, step);
			if (round > 0) byStep.get(step.name)!.push(ms);
		}
	const all = [...byStep.values()].flat();
	console.log(
		`page change over ${all.length} changes: p50 ${p(all, 0.5)} / p95 ${p(all, 0.95)} ms; ` +
			[...byStep].map(([name, times]) => `${name} ${p(times, 0.95)}`).join(', ')
	);
}

const docs = generateCommunity(20260101, scaledShape(SCALE)).docs;
const started = performance.now();
const praxis = await startPraxis(docs);
console.log(`server ready with ${docs.length} documents in ${((performance.now() - started) / 1000).toFixed(1)} s`);
try {
	const run = await praxisFirstSync(praxis, docs.length, NETWORKS.none, false, onFullReplica);
	console.log(
		`first sync of ${docs.length} documents, ${run.network}: forums usable ${(run.usableMs / 1000).toFixed(1)} s, ` +
			`complete ${((run.completeMs ?? 0) / 1000).toFixed(1)} s, ${run.sync.requests} requests, ` +
			`${(run.sync.bytes / 1e6).toFixed(1)} MB on the wire`
	);
} finally {
	await praxis.dispose();
}
process.exit(0);

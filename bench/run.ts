// `npm run bench`: every benchmark in turn (each is also runnable alone), saving each one's
// figures as it finishes into bench/results/latest.json and the table bench/results/latest.md.
// BENCH_ONLY=initial-sync,bundle runs a subset. Budget: under 10 minutes on the 2-core machine.
import { loadavg } from 'node:os';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateCommunity } from './lib/generate';
import { cpuTimes, saveResults, stealPercent, type Figures } from './lib/report';
import { initialSyncBench } from './initial-sync';
import { incrementalBench } from './incremental';
import { pushBench } from './push';
import { localReadsBench } from './local-reads';
import { bundleBench } from './bundle';
import { projectorBench } from './projector';
import { recognitionBench } from './recognition';
import { recognitionPageBench } from './recognition-page';
import { openDataBench } from './open-data';
import { impactBench } from './impact';
import { pageChangeBench } from './page-change';

const BENCHES: Record<string, () => Promise<Figures>> = {
	bundle: bundleBench,
	'initial-sync': () => initialSyncBench(generateCommunity().docs),
	incremental: () => incrementalBench(200),
	push: () => pushBench(Number(process.env.BENCH_ROUNDS ?? 3)),
	'local-reads': localReadsBench,
	projector: projectorBench,
	recognition: recognitionBench,
	'recognition-page': recognitionPageBench,
	'open-data': openDataBench,
	impact: impactBench,
	'page-change': pageChangeBench
};

// The benchmarks measure the built client, service worker included (`vite build` alone has none,
// and the offline cold start would wait for it forever).
const staticDir = process.env.BENCH_STATIC_DIR ?? 'build';
for (const file of ['index.html', 'sw.js']) {
	if (!existsSync(join(staticDir, file))) {
		console.error(
			`${join(staticDir, file)} is missing: run \`npm run build\` first (it builds the service worker too).`
		);
		process.exit(1);
	}
}

const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
const started = performance.now();
for (const [name, fn] of Object.entries(BENCHES)) {
	if (only && !only.includes(name)) continue;
	const load = loadavg()
		.map((l) => l.toFixed(1))
		.join('/');
	const t = performance.now();
	const cpu = cpuTimes();
	console.log(`\n== ${name} (load ${load})`);
	try {
		saveResults(
			name,
			{ ...(await fn()), seconds: Math.round((performance.now() - t) / 1000), cpu_steal_pct: stealPercent(cpu) },
			load
		);
	} catch (err) {
		console.error(`${name} failed:`, err instanceof Error ? err.message : err);
		saveResults(name, { error: err instanceof Error ? err.message : String(err) }, load);
	}
}
console.log(`\nall benchmarks: ${Math.round((performance.now() - started) / 1000)} s\n`);
console.log(readFileSync(new URL('./results/latest.md', import.meta.url), 'utf8'));
process.exit(0);

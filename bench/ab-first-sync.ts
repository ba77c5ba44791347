// Compares the complete first sync (no added latency) of two client builds, alternating runs so
// both see the same machine load: node --import tsx bench/ab-first-sync.ts DIR_A DIR_B [rounds]
// (DIR_x: a `npm run build` output, e.g. copied to /tmp). For deciding a change, not a benchmark.
import { generateCommunity } from './lib/generate';
import { NETWORKS } from './lib/browser';
import { startPraxis, type PraxisServer } from './lib/servers';
import { praxisFirstSync } from './initial-sync';

const [dirA, dirB, roundsArg] = process.argv.slice(2);
if (!dirA || !dirB) throw new Error('usage: ab-first-sync.ts DIR_A DIR_B [rounds]');
const docs = generateCommunity(undefined).docs;
const net = NETWORKS[(process.env.BENCH_NET ?? 'none') as keyof typeof NETWORKS];
const times: Record<string, number[]> = { A: [], B: [] };
// One server per build for all rounds, warmed by an untimed sync, as in initial-sync.ts (where the
// no-latency run before the 4G one leaves the server's snapshot built and compressed).
const servers: Record<string, PraxisServer> = {};
for (const [name, dir] of [
	['A', dirA],
	['B', dirB]
] as const) {
	process.env.BENCH_STATIC_DIR = dir;
	servers[name] = await startPraxis(docs);
	await praxisFirstSync(servers[name], docs.length, net);
}
try {
	for (let round = 0; round < Number(roundsArg ?? 2); round++) {
		for (const name of ['A', 'B'] as const) {
			const run = await praxisFirstSync(servers[name], docs.length, net);
			times[name].push(run.completeMs!);
			console.log(
				`${name} round ${round + 1}: usable ${(run.usableMs / 1000).toFixed(1)} s, complete ${(run.completeMs! / 1000).toFixed(1)} s`
			);
		}
	}
} finally {
	await Promise.all(Object.values(servers).map((s) => s.dispose()));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`median complete: A ${(median(times.A) / 1000).toFixed(1)} s, B ${(median(times.B) / 1000).toFixed(1)} s`);
process.exit(0);

// Benchmark 4: server push throughput, 10,000 documents from a Node PouchDB client, Praxis's
// gateway (validation and authorization on every document) against express-pouchdb (none), both
// on LevelDB. Reuses bench/push-pull.ts's isolated one-measurement child processes (servers
// alternate per round; medians). Run alone: node --import tsx bench/push.ts [rounds]
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runAlone, type Figures } from './lib/report';

interface Measure {
	push: number;
	pull: number;
	push_cpu: number;
	pull_cpu: number;
}

function once(server: 'praxis-gateway' | 'express-pouchdb', n: number): Measure {
	const script = fileURLToPath(new URL('./push-pull.ts', import.meta.url));
	const child = spawnSync(process.execPath, ['--import', 'tsx', script, '--one', server, String(n)], { encoding: 'utf8', maxBuffer: 1 << 20 });
	const line = child.stdout.trim().split('\n').pop() ?? '';
	if (child.status !== 0 || !line.startsWith('{')) throw new Error(`${server} failed: ${child.stderr || child.stdout}`);
	return JSON.parse(line) as Measure;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function pushBench(rounds = 3, n = 10_000): Promise<Figures> {
	const praxis: Measure[] = [];
	const stock: Measure[] = [];
	for (let r = 0; r < rounds; r++) {
		praxis.push(once('praxis-gateway', n));
		stock.push(once('express-pouchdb', n));
	}
	const m = (xs: Measure[], k: keyof Measure) => median(xs.map((x) => x[k]));
	const figures = {
		docs: n, rounds,
		praxis_push_docs_per_s: m(praxis, 'push'), stock_push_docs_per_s: m(stock, 'push'),
		praxis_push_docs_per_cpu_s: m(praxis, 'push_cpu'), stock_push_docs_per_cpu_s: m(stock, 'push_cpu'),
		praxis_pull_docs_per_s: m(praxis, 'pull'), stock_pull_docs_per_s: m(stock, 'pull')
	};
	console.log(`push ${n}: praxis ${figures.praxis_push_docs_per_s} docs/s, stock ${figures.stock_push_docs_per_s} docs/s (median of ${rounds})`);
	return figures;
}

await runAlone(import.meta.url, 'push', () => pushBench(Number(process.argv[2] ?? 3)));

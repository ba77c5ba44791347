// Benchmark 4: server push throughput, 10,000 documents from a Node PouchDB client, Praxis's
// gateway (validation and authorization on every document) against express-pouchdb (none), both
// on LevelDB. Reuses bench/push-pull.ts's isolated one-measurement child processes (servers
// alternate per round; medians). The client pushes as Praxis's client does (batch_size
// SYNC_BATCH_SIZE, src/lib/sync/controller/) to both servers; the same push with PouchDB's
// default batch size (100) is measured too and reported beside it.
// Run alone: node --import tsx bench/push.ts [rounds]
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runAlone, type Figures } from './lib/report';
import { SYNC_BATCH_SIZE } from '../src/lib/sync/controller';

interface Measure {
	push: number;
	pull: number;
	push_cpu: number;
	pull_cpu: number;
}

const POUCHDB_DEFAULT_BATCH = 100;

function once(server: 'praxis-gateway' | 'express-pouchdb', n: number, batchSize: number): Measure {
	const script = fileURLToPath(new URL('./push-pull.ts', import.meta.url));
	const child = spawnSync(
		process.execPath,
		['--import', 'tsx', script, '--one', server, String(n), String(batchSize)],
		{ encoding: 'utf8', maxBuffer: 1 << 20 }
	);
	const line = child.stdout.trim().split('\n').pop() ?? '';
	if (child.status !== 0 || !line.startsWith('{')) throw new Error(`${server} failed: ${child.stderr || child.stdout}`);
	return JSON.parse(line) as Measure;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function pushBench(rounds = 3, n = 10_000): Promise<Figures> {
	const runs = new Map<string, Measure[]>();
	const add = (key: string, m: Measure) => runs.set(key, [...(runs.get(key) ?? []), m]);
	for (let r = 0; r < rounds; r++) {
		// servers and batch sizes alternate within each round, so a busy machine weighs on all alike
		for (const batch of [SYNC_BATCH_SIZE, POUCHDB_DEFAULT_BATCH]) {
			add(`praxis ${batch}`, once('praxis-gateway', n, batch));
			add(`stock ${batch}`, once('express-pouchdb', n, batch));
		}
	}
	const m = (key: string, k: keyof Measure) => median((runs.get(key) ?? []).map((x) => x[k]));
	const app = SYNC_BATCH_SIZE;
	const def = POUCHDB_DEFAULT_BATCH;
	const figures = {
		docs: n,
		rounds,
		batch_size: app,
		praxis_push_docs_per_s: m(`praxis ${app}`, 'push'),
		stock_push_docs_per_s: m(`stock ${app}`, 'push'),
		praxis_push_docs_per_cpu_s: m(`praxis ${app}`, 'push_cpu'),
		stock_push_docs_per_cpu_s: m(`stock ${app}`, 'push_cpu'),
		praxis_pull_docs_per_s: m(`praxis ${app}`, 'pull'),
		stock_pull_docs_per_s: m(`stock ${app}`, 'pull'),
		default_batch_size: def,
		praxis_push_default_batch_docs_per_s: m(`praxis ${def}`, 'push'),
		stock_push_default_batch_docs_per_s: m(`stock ${def}`, 'push'),
		praxis_push_runs: (runs.get(`praxis ${app}`) ?? []).map((x) => x.push).join(' '),
		stock_push_runs: (runs.get(`stock ${app}`) ?? []).map((x) => x.push).join(' ')
	};
	console.log(
		`push ${n} (batch ${app}): praxis ${figures.praxis_push_docs_per_s} docs/s, stock ${figures.stock_push_docs_per_s} docs/s (median of ${rounds})`
	);
	console.log(
		`push ${n} (batch ${def}): praxis ${figures.praxis_push_default_batch_docs_per_s} docs/s, stock ${figures.stock_push_default_batch_docs_per_s} docs/s (median of ${rounds})`
	);
	return figures;
}

await runAlone(import.meta.url, 'push', () => pushBench(Number(process.argv[2] ?? 3)));

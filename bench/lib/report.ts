// Results of the benchmarks: each benchmark returns flat figures; they are merged into
// bench/results/latest.json (by benchmark name, so one benchmark run alone updates its part) and
// rendered with their targets and side-by-side ratios as bench/results/latest.md.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { renderTable } from './table';

export type Figures = Record<string, number | string | null>;

export interface Results {
	date: string;
	machine: string;
	benchmarks: Record<string, Figures & { measured_at?: string; load_before?: string }>;
}

const DIR = fileURLToPath(new URL('../results/', import.meta.url));
const JSON_PATH = DIR + 'latest.json';

/** CPU time counters of the whole machine (/proc/stat), to tell how much a virtual machine's host took. */
export interface CpuTimes {
	total: number;
	steal: number;
}

export function cpuTimes(): CpuTimes | null {
	try {
		const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
		return { total: fields.slice(0, 8).reduce((a, b) => a + b, 0), steal: fields[7] ?? 0 };
	} catch {
		return null;
	}
}

/**
 * Share of the machine's CPU time the hypervisor gave to others (steal) since `since`: above a
 * few percent, timings of that run are slower and noisier than the code alone would make them.
 */
export function stealPercent(since: CpuTimes | null): number | null {
	const now = cpuTimes();
	if (!since || !now || now.total <= since.total) return null;
	return Math.round(((now.steal - since.steal) / (now.total - since.total)) * 1000) / 10;
}

export function machine(): string {
	return `${cpus().length} CPU, load ${loadavg()
		.map((l) => l.toFixed(1))
		.join('/')}, node ${process.version}`;
}

export function readResults(): Results {
	if (!existsSync(JSON_PATH)) return { date: new Date().toISOString(), machine: machine(), benchmarks: {} };
	return JSON.parse(readFileSync(JSON_PATH, 'utf8')) as Results;
}

export function saveResults(name: string, figures: Figures, load: string): Results {
	const results = readResults();
	results.date = new Date().toISOString();
	results.machine = machine();
	results.benchmarks[name] = { ...figures, measured_at: new Date().toISOString(), load_before: load };
	mkdirSync(DIR, { recursive: true });
	writeFileSync(JSON_PATH, JSON.stringify(results, null, '\t') + '\n');
	writeFileSync(DIR + 'latest.md', renderTable(results));
	return results;
}

/** Runs `fn` when the calling module is the process's entry, and saves its figures. */
export async function runAlone(moduleUrl: string, name: string, fn: () => Promise<Figures>): Promise<void> {
	if (process.argv[1] !== fileURLToPath(moduleUrl)) return;
	const load = loadavg()
		.map((l) => l.toFixed(1))
		.join('/');
	const cpu = cpuTimes();
	const figures = { ...(await fn()), cpu_steal_pct: stealPercent(cpu) };
	console.log(JSON.stringify(figures, null, 2));
	saveResults(name, figures, load);
	process.exit(0);
}

// The Markdown table of bench/results/latest.md: one row per figure with its target, the Praxis
// figure, the stock figure where there is one, the ratio and whether the target is met.
import type { Results } from './report';

type Get = (bench: string, key: string) => number | null;
interface Row {
	what: string;
	target: string;
	praxis: (g: Get) => number | null;
	stock?: (g: Get) => number | null;
	unit: 'ms' | 's' | 'MB' | 'KB' | 'n' | 'docs/s';
	/** true when met; null when unknown. */
	met?: (p: number, s: number | null) => boolean;
}

const ROWS: Row[] = [
	{
		what: '1. First sync, no added latency: complete (synced+projected+indexed)',
		target: '≤ stock replication',
		praxis: (g) => g('initial-sync', 'praxis_none_complete_ms'),
		stock: (g) => g('initial-sync', 'stock_none_ms'),
		unit: 's',
		met: (p, s) => s !== null && p <= s
	},
	{
		what: '1. First sync, no added latency: forums usable',
		target: '—',
		praxis: (g) => g('initial-sync', 'praxis_none_usable_ms'),
		unit: 's'
	},
	{
		what: '1. First sync, no added latency: requests',
		target: '—',
		praxis: (g) => g('initial-sync', 'praxis_none_requests'),
		stock: (g) => g('initial-sync', 'stock_none_requests'),
		unit: 'n'
	},
	{
		what: '1. First sync, 4G: complete',
		target: '≥ 5× faster than stock',
		praxis: (g) => g('initial-sync', 'praxis_4g_complete_ms'),
		stock: (g) => g('initial-sync', 'stock_4g_ms'),
		unit: 's',
		met: (p, s) => s !== null && p * 5 <= s
	},
	{
		what: '1. First sync, 4G: forums usable',
		target: '—',
		praxis: (g) => g('initial-sync', 'praxis_4g_usable_ms'),
		unit: 's'
	},
	{
		what: '1. First sync, 4G: requests',
		target: 'fewer',
		praxis: (g) => g('initial-sync', 'praxis_4g_requests'),
		stock: (g) => g('initial-sync', 'stock_4g_requests'),
		unit: 'n',
		met: (p, s) => s !== null && p < s
	},
	{
		what: '2. Slow 3G + CPU 4×: forums usable',
		target: '< 10 s',
		praxis: (g) => g('initial-sync', 'praxis_slow3g_usable_ms'),
		unit: 's',
		met: (p) => p < 10_000
	},
	// bytes from the 4G run: with no added latency Chromium's encodedDataLength undercounts the streamed snapshot
	{
		what: '2. Bytes on the wire / gzipped JSON of the docs (4G run)',
		target: '≤ 1.2× (stock ~1.5×)',
		praxis: (g) => ratioOf(g, 'praxis_4g_bytes'),
		stock: (g) => ratioOf(g, 'stock_4g_bytes'),
		unit: 'n',
		met: (p) => p <= 1.2
	},
	{
		what: '2. Bytes on the wire (sync requests, 4G run)',
		target: '—',
		praxis: (g) => g('initial-sync', 'praxis_4g_bytes'),
		stock: (g) => g('initial-sync', 'stock_4g_bytes'),
		unit: 'MB'
	},
	{
		what: 'Resume: documents fetched for the db after a cut half way',
		target: '≈ docs in db (not restarted)',
		praxis: (g) => g('initial-sync', 'resume_fetched_docs'),
		stock: (g) => g('initial-sync', 'resume_db_docs'),
		unit: 'n',
		met: (p, s) => s !== null && p < s * 1.1
	},
	{
		what: '3. Incremental: new post to 200 live clients, p50',
		target: '—',
		praxis: (g) => g('incremental', 'p50_ms'),
		unit: 'ms'
	},
	{
		what: '3. Incremental: p95',
		target: '< 2 s',
		praxis: (g) => g('incremental', 'p95_ms'),
		unit: 'ms',
		met: (p) => p < 2000
	},
	{
		what: '3. Server RSS (MB) with 200 live clients',
		target: '< 300 MB',
		praxis: (g) => g('incremental', 'server_rss_mb'),
		unit: 'n',
		met: (p) => p < 300
	},
	{
		what: "4. Push 10,000 signed docs (verified, validated) vs stock (not checked), batches of 1,000 as Praxis's client sends",
		target: '≥ stock',
		praxis: (g) => g('push', 'praxis_push_docs_per_s'),
		stock: (g) => g('push', 'stock_push_docs_per_s'),
		unit: 'docs/s',
		met: (p, s) => s !== null && p >= s
	},
	{
		what: "4. The same push in PouchDB's default batches of 100",
		target: '—',
		praxis: (g) => g('push', 'praxis_push_default_batch_docs_per_s'),
		stock: (g) => g('push', 'stock_push_default_batch_docs_per_s'),
		unit: 'docs/s'
	},
	{
		what: '5. Category first page (10,000 threads), p95',
		target: '< 20 ms',
		praxis: (g) => g('local-reads', 'category_page_p95_ms'),
		unit: 'ms',
		met: (p) => p < 20
	},
	{
		what: '5. Category page 300 (offset 7,475), p95',
		target: '—',
		praxis: (g) => g('local-reads', 'page_300_p95_ms'),
		unit: 'ms'
	},
	{
		what: '5. Thread with 500 posts, p95',
		target: '< 50 ms',
		praxis: (g) => g('local-reads', 'long_thread_p95_ms'),
		unit: 'ms',
		met: (p) => p < 50
	},
	{
		what: '5. Search p95',
		target: '< 50 ms',
		praxis: (g) => g('local-reads', 'search_p95_ms'),
		unit: 'ms',
		met: (p) => p < 50
	},
	{
		what: '5. Projector throughput',
		target: '—',
		praxis: (g) => g('local-reads', 'projector_docs_per_s'),
		unit: 'docs/s'
	},
	{
		what: '6. First page JS+CSS, gzipped',
		target: '≤ 150 KB',
		praxis: (g) => g('bundle', 'first_page_gzip_kb'),
		unit: 'KB',
		met: (p) => p <= 150
	},
	{
		what: '6. Offline cold start to first content',
		target: '< 1 s',
		praxis: (g) => g('bundle', 'offline_cold_start_ms'),
		unit: 'ms',
		met: (p) => p < 1000
	},
	// Node on fake-indexeddb, slower than Chromium's IndexedDB: loose targets, as on a shared machine
	{
		what: '7. Projector in Node: 10,000 threads + 5,000 replies',
		target: '< 20 s',
		praxis: (g) => g('projector', 'projection_ms'),
		unit: 's',
		met: (p) => p < 20_000
	},
	{
		what: '7. Projector in Node: category first page, p50',
		target: '< 50 ms',
		praxis: (g) => g('projector', 'first_page_p50_ms'),
		unit: 'ms',
		met: (p) => p < 50
	},
	{
		what: '7. Events runner in Node: 17,500 docs',
		target: '< 60 s',
		praxis: (g) => g('projector', 'events_runner_ms'),
		unit: 's',
		met: (p) => p < 60_000
	}
];

function ratioOf(g: Get, key: string): number | null {
	const bytes = g('initial-sync', key);
	const gz = g('initial-sync', 'json_gzip_bytes');
	return bytes !== null && gz ? bytes / gz : null;
}

function fmt(v: number | null, unit: Row['unit']): string {
	if (v === null) return '—';
	switch (unit) {
		case 's':
			return `${(v / 1000).toFixed(1)} s`;
		case 'ms':
			return `${v.toFixed(v < 10 ? 1 : 0)} ms`;
		case 'MB':
			return `${(v / 1e6).toFixed(2)} MB`;
		case 'KB':
			return `${v.toFixed(1)} KB`;
		case 'docs/s':
			return `${Math.round(v)}/s`;
		default:
			return Number.isInteger(v) ? String(v) : v.toFixed(2);
	}
}

export function renderTable(results: Results): string {
	const g: Get = (bench, key) => {
		const v = results.benchmarks[bench]?.[key];
		return typeof v === 'number' ? v : null;
	};
	const lines = [
		`# Praxis benchmarks — ${results.date}`,
		'',
		`Machine: ${results.machine}. Data: generated community of 10,000 documents (bench/lib/generate.ts, fixed seed).`,
		'',
		'| Figure | Target | Praxis | Stock | Praxis/stock | Met |',
		'|---|---|---|---|---|---|'
	];
	for (const row of ROWS) {
		const p = row.praxis(g);
		const s = row.stock ? row.stock(g) : null;
		const ratio = p !== null && s ? `${(p / s).toFixed(2)}` : '—';
		const met = p === null || !row.met ? '' : row.met(p, s) ? 'yes' : 'no';
		lines.push(`| ${row.what} | ${row.target} | ${fmt(p, row.unit)} | ${fmt(s, row.unit)} | ${ratio} | ${met} |`);
	}
	lines.push(
		'',
		"Load average before each benchmark, and the CPU time the virtual machine's host took (steal) while it ran:",
		''
	);
	for (const [name, f] of Object.entries(results.benchmarks)) {
		const steal = typeof f.cpu_steal_pct === 'number' ? `, steal ${f.cpu_steal_pct}%` : '';
		lines.push(`- ${name}: ${f.load_before ?? '?'}${steal} (measured ${f.measured_at ?? '?'})`);
	}
	return lines.join('\n') + '\n';
}

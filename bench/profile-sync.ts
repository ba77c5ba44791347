// Profiles a Praxis first sync in Chromium (CDP Profiler): signs in on a fresh profile, waits
// until everything is synced, projected and indexed, then prints the functions with the most
// self time and where the main thread spent it, and the CPU time each process of the machine
// used meanwhile (the browser's own process does IndexedDB's work). For finding what to speed up,
// not a benchmark.
// Build unminified first for readable names: npx vite build --minify false (BENCH_STATIC_DIR).
// Run: [BENCH_NET=4g] node --import tsx bench/profile-sync.ts [docs]
import { generateCommunity } from './lib/generate';
import { NETWORKS, openBrowser } from './lib/browser';
import { startPraxis } from './lib/servers';
import { projectedAndIndexed, waitForDocs } from './lib/app';
import { TEST_PASSWORD } from '../tests/e2e/support/server';
import { readdirSync, readFileSync } from 'node:fs';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	children?: number[];
}
interface Profile {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
}

/** CPU time (ms) used so far by each process, labelled by Chromium process type or command. */
function cpuByProcess(): Map<string, number> {
	const out = new Map<string, number>();
	for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
		try {
			const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
			const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			const type = /--type=(\S+)/.exec(cmd)?.[1] ?? (cmd.includes('chromium') ? 'browser' : cmd.slice(0, 60));
			out.set(`${pid} ${type}`, (Number(fields[11]) + Number(fields[12])) * 10); // utime + stime, in 10 ms ticks
		} catch {
			// the process ended meanwhile
		}
	}
	return out;
}

const docs = generateCommunity(undefined).docs.slice(0, Number(process.argv[2] ?? 10_000));
const server = await startPraxis(docs);
const b = await openBrowser({ testHook: true });
try {
	await b.page.goto(`${server.url}/login`);
	await b.emulate(NETWORKS[(process.env.BENCH_NET ?? 'none') as keyof typeof NETWORKS]); // e.g. BENCH_NET=4g
	await b.page.getByLabel('Username').fill(server.reader.username);
	await b.page.getByLabel('Password').fill(TEST_PASSWORD);
	await b.cdp.send('Profiler.enable');
	await b.cdp.send('Profiler.setSamplingInterval', { interval: 500 });
	await b.cdp.send('Profiler.start');
	const cpuBefore = cpuByProcess();
	const pageT0 = await b.page.evaluate(() => performance.now());
	const t0 = performance.now();
	await b.page.getByRole('button', { name: 'Sign in' }).click();
	await b.page.locator('.categories time').first().waitFor({ timeout: 120_000 });
	console.log(`usable ${Math.round(performance.now() - t0)} ms`);
	await waitForDocs(b.page, docs.length, 300_000);
	console.log(`synced ${Math.round(performance.now() - t0)} ms`);
	await projectedAndIndexed(b.page);
	console.log(`complete ${Math.round(performance.now() - t0)} ms`);
	// the sync's requests on the page's clock from the click: sent .. first byte .. last byte
	const requests = await b.page.evaluate(() =>
		(performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((e) => ({
			name: e.name,
			start: e.startTime,
			first: e.responseStart,
			end: e.responseEnd
		}))
	);
	for (const r of requests.filter((e) => /\/(api|couch)\//.test(e.name))) {
		console.log(
			`request ${Math.round(r.start - pageT0)}..${Math.round(r.first - pageT0)}..${Math.round(r.end - pageT0)} ms  ${r.name.replace(server.url, '').slice(0, 100)}`
		);
	}
	for (const [proc, ms] of cpuByProcess()) {
		const used = ms - (cpuBefore.get(proc) ?? 0);
		if (used >= 100) console.log(`cpu ${String(used).padStart(6)} ms  ${proc}`);
	}
	const { profile } = (await b.cdp.send('Profiler.stop')) as unknown as { profile: Profile };
	const self = new Map<number, number>();
	profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
	const byName = new Map<string, number>();
	const parent = new Map<number, number>();
	for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
	const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
	const label = (n: ProfileNode) =>
		`${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}`;
	const inclusive = new Map<string, number>();
	for (const [id, us] of self) {
		const node = nodes.get(id)!;
		byName.set(label(node), (byName.get(label(node)) ?? 0) + us);
		const seen = new Set<string>();
		for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
			const l = label(nodes.get(cur)!);
			if (seen.has(l)) continue;
			seen.add(l);
			inclusive.set(l, (inclusive.get(l) ?? 0) + us);
		}
	}
	const top = (m: Map<string, number>, n: number) =>
		[...m]
			.sort((a, b) => b[1] - a[1])
			.slice(0, n)
			.map(([k, v]) => `${(v / 1000).toFixed(0).padStart(7)} ms  ${k}`)
			.join('\n');
	console.log('\nself time:\n' + top(byName, 40));
	console.log('\ninclusive time:\n' + top(inclusive, 150));
} finally {
	await b.dispose();
	await server.dispose();
}
process.exit(0);

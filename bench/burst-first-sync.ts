// A member signing in right after a burst: the 10,000-document community served by Praxis, a
// member's first sync timed on the settled community (median of BENCH_RUNS), then 3,000 new
// documents written through the gateway by another member (1,000 threads and 2,000 replies, in
// batches of 500, as a busy day's imports would), and at once the same member's first sync on a
// fresh profile, then a second one; then, once the server has rebuilt its snapshot, the same
// community settled. The target: right after the burst within 1.2× of the settled community.
// Run alone: node --import tsx bench/burst-first-sync.ts
import { ulid } from 'ulid';
import { generateCommunity } from './lib/generate';
import { NETWORKS } from './lib/browser';
import { startPraxis } from './lib/servers';
import { praxisFirstSync } from './initial-sync';
import { registerMember, signAs } from '../tests/e2e/support/server';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const BURST = 3_000;
const community = generateCommunity();
const docs = community.docs;
const categories = Object.keys(community.threadsPerCategory);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const praxis = await startPraxis(docs);
try {
	// warm: the server's snapshot is built and compressed, as on a server that has run a while
	await praxisFirstSync(praxis, docs.length, NETWORKS.none);
	const settled: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		const run = await praxisFirstSync(praxis, docs.length, NETWORKS.none);
		settled.push(run.completeMs!);
		console.log(`settled: complete ${s(run.completeMs!)}, usable ${s(run.usableMs)}, ${run.sync.requests} requests`);
	}

	const writer = await registerMember(praxis.url, 'burst-writer', 'Burst Writer');
	const burst: Array<Record<string, unknown>> = [];
	const now = Date.now();
	for (let i = 0; i < BURST / 3; i++) {
		const thread = `thread:${ulid(now + i)}`;
		const at = new Date(now + i).toISOString();
		burst.push({
			_id: thread,
			type: 'thread',
			author: writer.username,
			createdAt: at,
			category: categories[i % categories.length],
			title: `Imported practice note ${i}`,
			body: 'Imported from the regional archive.',
			tags: []
		});
		for (let r = 0; r < 2; r++)
			burst.push({
				_id: `post:${ulid(now + i)}`,
				type: 'post',
				author: writer.username,
				createdAt: at,
				thread,
				body: `Reply ${r} to the imported note ${i}.`
			});
	}
	const signed = await Promise.all(burst.map((doc) => signAs(praxis.url, writer, doc)));
	const t0 = performance.now();
	for (let i = 0; i < signed.length; i += 500) {
		const res = await fetch(`${praxis.url}/couch/community/_bulk_docs`, {
			method: 'POST',
			headers: { cookie: writer.cookie, 'content-type': 'application/json' },
			body: JSON.stringify({ docs: signed.slice(i, i + 500) })
		});
		const results = (await res.json()) as Array<{ error?: string; reason?: string }>;
		const failed = results.filter((r) => r.error);
		if (res.status !== 201 || failed.length) throw new Error(`burst: ${res.status} ${JSON.stringify(failed[0])}`);
	}
	console.log(`burst of ${signed.length} documents written through the gateway in ${s(performance.now() - t0)}`);

	const total = docs.length + signed.length + 1; // and the writer's device certificate
	const after: number[] = [];
	for (let i = 0; i < 2; i++) {
		const run = await praxisFirstSync(praxis, total, NETWORKS.none);
		after.push(run.completeMs!);
		console.log(
			`after the burst (${i === 0 ? 'first, builds the tail' : 'second, tail built'}): complete ${s(run.completeMs!)}, ` +
				`usable ${s(run.usableMs)}, ${run.sync.requests} requests, ${(run.sync.bytes / 1e6).toFixed(2)} MB`
		);
	}
	// the same community settled: the server has rebuilt its snapshot by lag in the background
	await new Promise((r) => setTimeout(r, 30_000));
	const resettled: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		const run = await praxisFirstSync(praxis, total, NETWORKS.none);
		resettled.push(run.completeMs!);
		console.log(`settled again: complete ${s(run.completeMs!)}, ${run.sync.requests} requests`);
	}
	const base = median(settled);
	const same = median(resettled);
	console.log(
		`right after the burst ${s(after[0])}: ${(after[0] / same).toFixed(2)}× the same community settled (${s(same)}), ` +
			`${(after[0] / base).toFixed(2)}× the community before the burst (${s(base)}, ` +
			`${((signed.length / docs.length) * 100).toFixed(0)} % fewer documents)`
	);
} finally {
	await praxis.dispose();
}
process.exit(0);

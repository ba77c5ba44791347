// Benchmark 3: one new post reaching 200 live clients. 200 Node PouchDB clients (memory adapter)
// follow the Praxis server's community feed live (from "now", as devices that already hold the
// community would), a member writes a post through the gateway, and each client's delay until it
// has the post is recorded (several posts; p50/p95). Server RSS is read from /proc with the 200
// feeds open. BENCH_SCALE=10 serves the generated community ten times over (about 100,000
// documents; docs/scaling.md). Run alone: node --import tsx bench/incremental.ts [clients]
import PouchDB from 'pouchdb';
import memoryAdapter from 'pouchdb-adapter-memory';
import { execFileSync } from 'node:child_process';
import { ulid } from 'ulid';
import { generateCommunity, scaledShape } from './lib/generate';
import { startPraxis } from './lib/servers';
import { TEST_PASSWORD, registerMember, signAs } from '../tests/e2e/support/server';
import { runAlone, type Figures } from './lib/report';

PouchDB.plugin(memoryAdapter);
const POSTS = 5;
const SCALE = Number(process.env.BENCH_SCALE ?? 1);

/** RSS in MB of this process's child running server/index.ts. */
function serverRssMb(): number | null {
	const out = execFileSync('ps', ['-o', 'rss=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' });
	const line = out.split('\n').find((l) => l.includes('server/index.ts'));
	return line ? Math.round(Number(line.trim().split(/\s+/)[0]) / 1024) : null;
}

const pct = (xs: number[], p: number) =>
	[...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

export async function incrementalBench(clients = 200): Promise<Figures> {
	const community = SCALE > 1 ? generateCommunity(20260101, scaledShape(SCALE)) : generateCommunity();
	const server = await startPraxis(community.docs);
	const writer = await registerMember(server.url, 'bench-writer', 'Bench Writer');
	// The writer's device is certified as the app does it (tests/e2e/support/server.ts signAs),
	// before anything is measured; each post is signed before its clock starts and PUT as is.
	await signAs(server.url, writer, { _id: 'probe', type: 'post' });
	const rssIdle = serverRssMb();
	const arrivals = new Map<string, number[]>();
	const handlers: PouchDB.Replication.Replication<object>[] = [];
	const ready: Promise<void>[] = [];
	try {
		for (let i = 0; i < clients; i++) {
			const local = new PouchDB(`inc-${process.pid}-${i}`, { adapter: 'memory' });
			const remote = new PouchDB(`${server.url}/couch/community`, {
				auth: { username: server.reader.username, password: TEST_PASSWORD },
				skip_setup: true
			} as PouchDB.Configuration.RemoteDatabaseConfiguration);
			const rep = local.replicate.from(remote, {
				live: true,
				retry: true,
				since: 'now'
			} as PouchDB.Replication.ReplicateOptions);
			ready.push(new Promise((resolve) => rep.once('paused', () => resolve())));
			rep.on('change', (info) => {
				const now = performance.now();
				for (const doc of info.docs) (arrivals.get(doc._id) ?? arrivals.set(doc._id, []).get(doc._id)!).push(now);
			});
			handlers.push(rep);
		}
		await Promise.all(ready);
		await new Promise((r) => setTimeout(r, 1000));
		const rssLive = serverRssMb();
		const delays: number[] = [];
		for (let n = 0; n < POSTS; n++) {
			const id = `post:${ulid()}`;
			const doc = await signAs(server.url, writer, {
				_id: id,
				type: 'post',
				author: writer.username,
				createdAt: new Date().toISOString(),
				thread: community.longThread,
				body: `Incremental benchmark post ${n}.`
			});
			const t0 = performance.now();
			const res = await fetch(`${server.url}/couch/community/${encodeURIComponent(id)}`, {
				method: 'PUT',
				headers: { cookie: writer.cookie, 'content-type': 'application/json' },
				body: JSON.stringify(doc)
			});
			if (res.status !== 201) throw new Error(`post: ${res.status} ${await res.text()}`);
			const deadline = Date.now() + 30_000;
			while ((arrivals.get(id)?.length ?? 0) < clients && Date.now() < deadline)
				await new Promise((r) => setTimeout(r, 20));
			const got = arrivals.get(id) ?? [];
			if (got.length < clients) throw new Error(`post ${n} reached ${got.length} of ${clients} clients in 30 s`);
			delays.push(...got.map((t) => t - t0));
			await new Promise((r) => setTimeout(r, 500));
		}
		const rssAfter = serverRssMb();
		const figures = {
			clients,
			posts: POSTS,
			p50_ms: Math.round(pct(delays, 50)),
			p95_ms: Math.round(pct(delays, 95)),
			max_ms: Math.round(Math.max(...delays)),
			server_rss_idle_mb: rssIdle,
			server_rss_mb: Math.max(rssLive ?? 0, rssAfter ?? 0)
		};
		console.log(
			`incremental over ${community.docs.length} documents: ${clients} clients, p50 ${figures.p50_ms} ms, p95 ${figures.p95_ms} ms, server RSS ${figures.server_rss_mb} MB (idle ${rssIdle} MB)`
		);
		return figures;
	} finally {
		process.on('unhandledRejection', () => undefined); // feeds cut by the server's exit
		await Promise.all(
			handlers.map(
				(h) =>
					new Promise<void>((resolve) => {
						h.once('complete', () => resolve());
						h.cancel();
						setTimeout(resolve, 2000);
					})
			)
		);
		await server.dispose();
	}
}

await runAlone(import.meta.url, 'incremental', () => incrementalBench(Number(process.argv[2] ?? 200)));

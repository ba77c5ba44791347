// Push/pull throughput of the sync gateway with the real PouchDB replicator over a socket,
// LevelDB storage in a temp dir, next to a stock CouchDB-protocol server (express-pouchdb on
// the same LevelDB PouchDB) for comparison. Run: node --import tsx bench/push-pull.ts
// As in production (requireSignatures), every pushed document is signed by a device of its
// author certified by the gateway's server key, and the gateway verifies every signature; the
// stock server receives the same signed documents and checks nothing.
import { Hono } from 'hono';
import { createLockRule } from '../server/moderation/lock-rule';
import { mentorshipRule } from '../server/couch/rules/mentorship';
import { serve } from '@hono/node-server';
import express from 'express';
import expressPouchDB from 'express-pouchdb';
import PouchDB from 'pouchdb';
import { mkdtempSync, rmSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createCouchApp, writeDocs } from '../server/couch/index';
import { createStorage } from '../server/storage/index';
import type { AuthService } from '../server/auth/types';
import { docId } from '../src/lib/domain/ids';
import { createSignatureVerifier } from '../server/devices/verify';
import { ephemeralSigningKey } from '../server/auth/keys';
import { serverSigner, type ServerSigner } from '../server/devices/server-key';
import {
	exportPublicKey,
	generateDeviceKeys,
	signCertificate,
	signDoc,
	withSignedRevision,
	type DeviceCertificate
} from '../src/lib/domain/signing';

const SIZES = [1_000, 10_000];
const WARMUP_DOCS = 300;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const USER = 'bench';
const PASSWORD = 'bench-password-1';
const auth: AuthService = {
	async authenticate(req) {
		const header = req.headers.get('authorization') ?? '';
		const ok = header === 'Basic ' + Buffer.from(`${USER}:${PASSWORD}`).toString('base64');
		return ok ? { name: USER, roles: ['member', 'moderator'] } : null;
	}
};

interface Target {
	url: string;
	stop(): Promise<void>;
}

/** The gateway's server key and the bench member's certified device, which signs every pushed doc. */
interface Identity {
	server: ServerSigner;
	certificate: DeviceCertificate;
	device: CryptoKeyPair;
}

async function benchIdentity(): Promise<Identity> {
	const server = await serverSigner(ephemeralSigningKey());
	const device = await generateDeviceKeys();
	const now = new Date();
	const certificate = await signCertificate(
		{
			_id: docId('device'),
			type: 'device',
			author: USER,
			createdAt: now.toISOString(),
			publicKey: await exportPublicKey(device.publicKey),
			expiresAt: new Date(now.getTime() + 86_400_000).toISOString(),
			issuer: server.kid
		},
		server.privateKey
	);
	return { server, certificate, device };
}

async function startGateway(dir: string, identity: Identity): Promise<Target> {
	const storage = createStorage({ kind: 'leveldb', dataDir: dir });
	await writeDocs(storage, 'community', { name: USER, roles: ['member', 'moderator'] }, [
		{
			_id: 'category:general',
			type: 'category',
			author: USER,
			createdAt: new Date().toISOString(),
			name: 'General',
			description: '',
			order: 1
		}
	]);
	// The certificate is stored as POST /api/devices stores it; from here on, signatures are required.
	await storage.db('community').put(identity.certificate);
	const verifier = createSignatureVerifier({
		storage,
		serverKeys: async () => new Map([[identity.server.kid, identity.server.publicKey]])
	});
	const signatures = {
		verifier,
		actorFor: async (signer: { name: string }) => ({ name: signer.name, roles: ['member' as const] }),
		required: true
	};
	const app = new Hono().route(
		'/couch',
		createCouchApp({
			storage,
			auth,
			uuid: 'bench',
			version: 'bench',
			signatures,
			// the server's write rules, as createApp gives them; one bench member far outpaces the
			// per-member write limit, which would measure waiting instead of writing
			rules: [createLockRule(), mentorshipRule],
			writeLimits: { writesPerMinute: 0, messagesPerMinute: 0 }
		})
	);
	const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
		const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
	});
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/couch/community`,
		stop: async () => {
			await new Promise<void>((resolve) => server.close(() => resolve()));
			await storage.close();
		}
	};
}

async function startStock(dir: string, _identity: Identity): Promise<Target> {
	const LevelPouch = PouchDB.defaults({ prefix: dir + '/' } as PouchDB.Configuration.DatabaseConfiguration);
	const app = express();
	app.use(
		'/',
		expressPouchDB(LevelPouch as unknown as PouchDB.Static, {
			mode: 'minimumForPouchDB',
			inMemoryConfig: true,
			logPath: join(dir, 'log.txt')
		})
	);
	const server = await new Promise<Server>((resolve) => {
		const s = app.listen(0, '127.0.0.1', () => resolve(s));
	});
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/community`,
		stop: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}

const SERVERS = { 'praxis-gateway': startGateway, 'express-pouchdb': startStock };
type ServerName = keyof typeof SERVERS;

async function threads(n: number, identity: Identity): Promise<object[]> {
	const createdAt = new Date().toISOString();
	const docs = Array.from({ length: n }, (_, i) => ({
		_id: docId('thread'),
		type: 'thread',
		author: USER,
		createdAt,
		category: 'general',
		title: `Benchmark thread ${i}`,
		body: 'A short body of a benchmark thread.',
		tags: ['bench']
	}));
	// stored as the app stores signed writes: under the revision each signature fixes
	return Promise.all(
		docs.map(async (doc) =>
			withSignedRevision(await signDoc(doc, identity.certificate._id, identity.device.privateKey), null)
		)
	);
}

let localCounter = 0;
const local = () => new PouchDB(`bench-local-${process.pid}-${++localCounter}`, { adapter: 'memory' });

interface Measure {
	push: number;
	pull: number;
	/** Docs per CPU-second of the whole process (client and server), less sensitive to a busy machine. */
	push_cpu: number;
	pull_cpu: number;
}

const cpuMs = (since: NodeJS.CpuUsage) => {
	const used = process.cpuUsage(since);
	return (used.user + used.system) / 1000;
};

/** `batchSize`: the replicator's batch_size, both ways (PouchDB's default, 100, when not given). */
async function measure(target: Target, identity: Identity, n: number, batchSize?: number): Promise<Measure> {
	const remote = new PouchDB(target.url, { auth: { username: USER, password: PASSWORD } });
	const replication = batchSize ? { batch_size: batchSize } : {};
	const source = local();
	await source.bulkDocs(await threads(n, identity), { new_edits: false });
	let t = performance.now();
	let cpu = process.cpuUsage();
	const pushed = await source.replicate.to(remote, replication);
	const pushMs = performance.now() - t;
	const pushCpu = cpuMs(cpu);
	if (pushed.docs_written !== n) throw new Error(`push wrote ${pushed.docs_written} of ${n}`);
	const sink = local();
	t = performance.now();
	cpu = process.cpuUsage();
	const pulled = await sink.replicate.from(remote, replication);
	const pullMs = performance.now() - t;
	const pullCpu = cpuMs(cpu);
	if (pulled.docs_written < n) throw new Error(`pull wrote ${pulled.docs_written} of ${n}`);
	await Promise.all([source.destroy(), sink.destroy()]);
	const rate = (docs: number, ms: number) => Math.round((docs / ms) * 1000);
	return {
		push: rate(n, pushMs),
		pull: rate(pulled.docs_written, pullMs),
		push_cpu: rate(n, pushCpu),
		pull_cpu: rate(pulled.docs_written, pullCpu)
	};
}

/** One measurement in a fresh child process, so neither server's background work or heap weighs on the other. */
async function once(server: ServerName, n: number): Promise<Measure> {
	const child = spawnSync(
		process.execPath,
		['--import', 'tsx', fileURLToPath(import.meta.url), '--one', server, String(n)],
		{
			encoding: 'utf8',
			maxBuffer: 1 << 20
		}
	);
	const line = child.stdout.trim().split('\n').pop() ?? '';
	if (child.status !== 0 || !line.startsWith('{'))
		throw new Error(`${server} ${n} failed: ${child.stderr || child.stdout}`);
	return JSON.parse(line) as Measure;
}

async function measureHere(server: ServerName, n: number, batchSize?: number): Promise<void> {
	const dir = mkdtempSync(join(tmpdir(), 'praxis-bench-'));
	const identity = await benchIdentity();
	const target = await SERVERS[server](dir, identity);
	try {
		await measure(target, identity, WARMUP_DOCS, batchSize); // warms the JIT of server and client; the pull then carries these too
		console.log(JSON.stringify(await measure(target, identity, n, batchSize)));
	} finally {
		await target.stop();
		rmSync(dir, { recursive: true, force: true });
	}
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
	const results: Record<string, number | string>[] = [];
	for (const n of SIZES) {
		const runs: Record<string, Measure[]> = {};
		// Servers alternate within each round so a busy machine weighs on both alike.
		for (let round = 0; round < ROUNDS; round++) {
			for (const server of Object.keys(SERVERS) as ServerName[]) (runs[server] ??= []).push(await once(server, n));
		}
		for (const [server, rs] of Object.entries(runs)) {
			const m = (key: keyof Measure) => median(rs.map((r) => r[key]));
			results.push({
				docs: n,
				server,
				push_docs_per_s: m('push'),
				pull_docs_per_s: m('pull'),
				push_docs_per_cpu_s: m('push_cpu'),
				pull_docs_per_cpu_s: m('pull_cpu'),
				rounds: ROUNDS
			});
			console.log(
				`${server.padEnd(16)} ${String(n).padStart(6)} docs: push ${m('push')} docs/s (${m('push_cpu')}/cpu-s), pull ${m('pull')} docs/s (${m('pull_cpu')}/cpu-s), median of ${ROUNDS}`
			);
		}
	}
	const out = {
		date: new Date().toISOString(),
		node: process.version,
		storage: 'leveldb (temp dir)',
		client: 'pouchdb 9 memory adapter',
		results
	};
	mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
	writeFileSync(new URL('./results/push-pull.json', import.meta.url), JSON.stringify(out, null, '\t') + '\n');
}

const [flag, server, size, batch] = process.argv.slice(2);
if (flag === '--one' && server in SERVERS) {
	await measureHere(server as ServerName, Number(size), batch ? Number(batch) : undefined);
	process.exit(0); // express-pouchdb keeps timers alive
} else {
	await main();
}

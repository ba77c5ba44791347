// Starting the two servers the benchmarks compare, both as their own processes on this machine,
// both holding the same generated community: the real Praxis server (server/index.ts, its LevelDB
// store filled directly with bulkDocs new_edits:false) and a stock express-pouchdb
// (bench/lib/stock-server.ts). The filled Praxis store is kept as a template and copied per start.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { createStorage } from '../../server/storage/index';
import { registerMember, startServer, type ApiMember } from '../../tests/e2e/support/server';
import { benchServerKey, type BenchDoc } from './generate';

export const READER = 'bench-reader';

export interface RunningServer {
	url: string;
	/** Stops the process and removes its data. */
	dispose(): Promise<void>;
	pid?: number;
}

/** A LevelDB data folder holding `docs` in the community database (made once per process). */
const templates = new Map<BenchDoc[], string>();
export async function praxisTemplate(docs: BenchDoc[]): Promise<string> {
	const known = templates.get(docs);
	if (known) return known;
	const dir = mkdtempSync(join(tmpdir(), 'praxis-bench-template-'));
	const storage = createStorage({ kind: 'leveldb', dataDir: dir });
	const db = storage.db('community');
	for (let i = 0; i < docs.length; i += 1000) await db.bulkDocs(docs.slice(i, i + 1000), { new_edits: false });
	await storage.close();
	// The generated certificates are issued by the bench server key: the server runs with it
	// (server/auth/keys.ts reads it from DATA_DIR/keys), so it accepts their signatures.
	const key = benchServerKey();
	if (docs.some((d) => d.type === 'device' && d.issuer === key.kid)) {
		mkdirSync(join(dir, 'keys'), { recursive: true, mode: 0o700 });
		writeFileSync(join(dir, 'keys', 'session-ed25519.private.jwk.json'), JSON.stringify(key.privateJwk), {
			mode: 0o600
		});
	}
	templates.set(docs, dir);
	process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
	return dir;
}

export interface PraxisServer extends RunningServer {
	reader: ApiMember;
	dataDir: string;
}

/** The real Praxis server on a copy of the template store, with a registered reader. */
export async function startPraxis(docs: BenchDoc[], username = READER): Promise<PraxisServer> {
	const template = await praxisTemplate(docs);
	const dataDir = mkdtempSync(join(tmpdir(), 'praxis-bench-'));
	cpSync(template, dataDir, { recursive: true });
	// BENCH_STATIC_DIR: measure another build of the client (e.g. a worktree with a change) than build/
	const server = await startServer({
		dataDir,
		...(process.env.BENCH_STATIC_DIR ? { staticDir: process.env.BENCH_STATIC_DIR } : {})
	});
	const reader = await registerMember(server.url, username, 'Bench Reader');
	return { url: server.url, reader, dataDir, dispose: () => server.dispose() };
}

/** esbuild bundle of pouchdb-browser (+ events) exposing `window.PouchDB`: the stock browser client. */
export async function pouchdbBundle(): Promise<string> {
	const result = await build({
		stdin: {
			contents: "import PouchDB from 'pouchdb-browser'; window.PouchDB = PouchDB;",
			resolveDir: process.cwd(),
			loader: 'js'
		},
		bundle: true,
		minify: true,
		format: 'iife',
		platform: 'browser',
		write: false,
		logLevel: 'silent'
	});
	return result.outputFiles[0].text;
}

/** express-pouchdb in its own process with `docs` loaded (no auth, no validation, no gzip). */
export async function startStock(docs: BenchDoc[]): Promise<RunningServer> {
	const dir = mkdtempSync(join(tmpdir(), 'praxis-bench-stock-'));
	writeFileSync(join(dir, 'docs.json'), JSON.stringify(docs));
	writeFileSync(join(dir, 'pouchdb-browser.js'), await pouchdbBundle());
	const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'stock-server.ts'), dir], {
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
	const port = await new Promise<number>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`stock server did not start:\n${output}`)), 120_000);
		child.stdout?.on('data', (c: Buffer) => {
			output += c.toString();
			const m = /listening (\d+)/.exec(output);
			if (m) {
				clearTimeout(timer);
				resolve(Number(m[1]));
			}
		});
		child.on('exit', (code) => reject(new Error(`stock server exited ${code}:\n${output}`)));
	});
	return {
		url: `http://127.0.0.1:${port}`,
		pid: child.pid,
		async dispose() {
			if (child.exitCode === null) {
				await new Promise<void>((resolve) => {
					child.once('exit', () => resolve());
					child.kill('SIGTERM');
				});
			}
			if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
		}
	};
}

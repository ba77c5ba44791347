// A production install: the files a deployment ships, `npm ci --omit=dev`, then the server, the
// admin and the bundle commands run from them. Catches a package they import at run time that is
// only a devDependency (the development tree has every package, so no other test would notice).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

// What a deployment copies: the manifest and lock, the server, the shared code it imports from
// src/lib, and the built client. Nothing else from the working tree (node_modules least of all).
const SHIPPED = ['package.json', 'package-lock.json', 'server', 'src/lib', 'build'];
const INSTALL_TIMEOUT_MS = 90_000;
const START_TIMEOUT_MS = 30_000;
const HEALTH_POLL_MS = 100;
const STOP_TIMEOUT_MS = 8_000;

let dir = '';
let server: ChildProcess | null = null;
let output = '';

/** A port nobody listens on right now, from the OS. */
function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			probe.close(() => resolve(port));
		});
	});
}

/** Polls /api/health until it answers 200; fails early if the process exits. */
async function waitForHealth(url: string, child: ChildProcess): Promise<void> {
	const deadline = Date.now() + START_TIMEOUT_MS;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output}`);
		const ok = await fetch(`${url}/api/health`).then(
			(r) => r.status === 200,
			() => false
		);
		if (ok) return;
		await new Promise((r) => setTimeout(r, HEALTH_POLL_MS));
	}
	throw new Error(`${url}/api/health did not answer 200 within ${START_TIMEOUT_MS} ms:\n${output}`);
}

function stop(child: ChildProcess): Promise<number | null> {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
	return new Promise((resolve) => {
		const kill = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
		child.once('exit', (code) => {
			clearTimeout(kill);
			resolve(code);
		});
		child.kill('SIGTERM');
	});
}

describe('production install', () => {
	beforeAll(async () => {
		dir = await mkdtemp(join(tmpdir(), 'praxis-prod-'));
		for (const path of SHIPPED) await cp(path, join(dir, path), { recursive: true });
	});

	afterAll(async () => {
		if (server) await stop(server);
		if (dir) await rm(dir, { recursive: true, force: true });
	});

	it('installs without devDependencies; the server starts and serves the app, the admin and bundle commands run', async () => {
		// The npm cache is warm from the development install: --prefer-offline keeps this local.
		await run('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline'], {
			cwd: dir,
			timeout: INSTALL_TIMEOUT_MS
		});

		const port = await freePort();
		const url = `http://127.0.0.1:${port}`;
		const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
			cwd: dir,
			env: {
				...process.env,
				NODE_ENV: 'production',
				PORT: String(port),
				HOST: '127.0.0.1',
				DATA_DIR: join(dir, 'data'),
				STATIC_DIR: join(dir, 'build'),
				PRAXIS_LOG: '0'
			},
			stdio: ['ignore', 'pipe', 'pipe']
		});
		server = child;
		child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

		await waitForHealth(url, child);
		const page = await fetch(`${url}/`);
		expect(page.status).toBe(200);
		expect(page.headers.get('content-type')).toContain('text/html');
		expect(await page.text()).toBe(await readFile(join(dir, 'build', 'index.html'), 'utf8'));

		expect(await stop(child)).toBe(0);
		server = null;

		// The admin and bundle commands on the data the server left (stopped first: LevelDB
		// allows one process per store).
		const env = { ...process.env, DATA_DIR: join(dir, 'data') };
		const admin = await run(process.execPath, ['--import', 'tsx', 'server/admin.ts', 'list-users'], { cwd: dir, env });
		expect(admin.stdout).toMatch(/\d+ members?/);
		await run(process.execPath, ['--import', 'tsx', 'server/bundle/cli.ts', 'export', join(dir, 'all.praxis')], {
			cwd: dir,
			env
		});
		expect((await stat(join(dir, 'all.praxis'))).size).toBeGreaterThan(0);
	});
});

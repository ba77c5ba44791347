// server/index.ts as a real process: environment, first-start output, a clear exit 1 when
// another process holds the store, clean shutdown on SIGTERM, data kept across restarts.
import { afterEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './support/harness';

const children: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
	for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
	for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

interface Running {
	child: ChildProcess;
	output: () => string;
	exit: Promise<number | null>;
}

function start(env: Record<string, string>): Running {
	const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
		cwd: process.cwd(),
		env: { ...process.env, PORT: '0', HOST: '127.0.0.1', PRAXIS_LOG: '0', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	children.push(child);
	let output = '';
	child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
	child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
	const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
	return { child, output: () => output, exit };
}

async function baseUrl(running: Running): Promise<string> {
	for (let i = 0; i < 200; i++) {
		const match = /Praxis is running at (http:\/\/localhost:\d+)/.exec(running.output());
		if (match) return match[1];
		if (running.child.exitCode !== null) throw new Error(`server exited: ${running.output()}`);
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`server did not start: ${running.output()}`);
}

describe('server process', () => {
	it('starts with demo content, refuses a second process on the store, stops on SIGTERM, keeps data', async () => {
		const dataDir = tempDir('praxis-process-');
		dirs.push(dataDir);
		const env = { DATA_DIR: dataDir, STATIC_DIR: join(dataDir, 'no-build') };
		const first = start(env);
		const url = await baseUrl(first);
		expect(first.output()).toMatch(/Demo logins \(password "praxis-demo-2026"\)/);
		expect(first.output()).toMatch(/maria\s+Maria Lindqvist \(reviewer\)/);
		expect(await (await fetch(`${url}/api/health`)).json()).toEqual({
			ok: true,
			version: expect.any(String),
			store: 'leveldb'
		});
		const registered = await fetch(`${url}/api/auth/register`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				username: 'persisted',
				password: 'a-long-enough-password',
				displayName: 'P',
				privacyConsent: true
			})
		});
		expect(registered.status).toBe(201);

		const second = start(env);
		expect(await second.exit).toBe(1);
		expect(second.output()).toMatch(/Another process is using the Praxis store in .*LevelDB allows one process/);

		first.child.kill('SIGTERM');
		expect(await first.exit).toBe(0);

		const again = start({ ...env, PRAXIS_DEMO: '0' });
		const url2 = await baseUrl(again);
		expect(again.output()).not.toMatch(/Created \d+ forum categories/);
		const login = await fetch(`${url2}/api/auth/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ username: 'persisted', password: 'a-long-enough-password' })
		});
		expect(login.status).toBe(200);
		again.child.kill('SIGINT');
		expect(await again.exit).toBe(0);
	}, 60_000);
});

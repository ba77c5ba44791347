// `server/index.ts --hub` as a real process against an upstream process: it prints its address
// and a QR code, fetches the upstream's keys into hub-state.json and replicates; a bad
// credential or missing upstream stops it with a clear message.
import { afterEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../support/harness';
import { runAdmin } from '../../../server/admin';

const children: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
	for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
	for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function start(env: Record<string, string>, args: string[] = []) {
	const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts', ...args], {
		cwd: process.cwd(),
		env: { ...process.env, PORT: '0', PRAXIS_LOG: '0', PRAXIS_DEMO: '0', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	children.push(child);
	let output = '';
	child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
	child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
	const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
	return { child, output: () => output, exit };
}

async function until(running: ReturnType<typeof start>, pattern: RegExp, timeoutMs = 20_000): Promise<RegExpExecArray> {
	const end = Date.now() + timeoutMs;
	while (Date.now() < end) {
		const match = pattern.exec(running.output());
		if (match) return match;
		if (running.child.exitCode !== null) throw new Error(`process exited: ${running.output()}`);
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`no ${pattern} in: ${running.output()}`);
}

describe('hub process', () => {
	it('starts as a hub of an upstream process and syncs with it', async () => {
		const upDir = tempDir('praxis-up-');
		const hubDir = tempDir('praxis-hub-');
		dirs.push(upDir, hubDir);
		const out: string[] = [];
		expect(
			await runAdmin(['enrol-hub', 'hall'], {
				env: { DATA_DIR: upDir },
				out: (l) => out.push(l),
				err: (l) => out.push(l)
			})
		).toBe(0);
		const credential = out.find((l) => l.startsWith('praxis-hub:'))!;

		const up = start({ DATA_DIR: upDir, HOST: '127.0.0.1', STATIC_DIR: join(upDir, 'none') });
		const [, upstream] = await until(up, /Praxis is running at (http:\/\/localhost:\d+)/);
		const hub = start({ DATA_DIR: hubDir, HOST: '127.0.0.1', STATIC_DIR: join(hubDir, 'none') }, [
			'--hub',
			'--upstream',
			upstream,
			'--hub-credential',
			credential
		]);
		const [, port] = await until(hub, /Praxis is running at http:\/\/localhost:(\d+)/);
		await until(hub, /Meetup hub for/);
		expect(hub.output()).toContain(`http://127.0.0.1:${port}`);
		expect(hub.output()).toContain('▄'); // the QR code
		await until(hub, /pull with .* up to date/);
		expect(existsSync(join(hubDir, 'hub-state.json'))).toBe(true);
		const status = (await (await fetch(`http://127.0.0.1:${port}/api/hub`)).json()) as {
			replication: { pull: { docsWritten: number } };
		};
		expect(status.replication.pull.docsWritten).toBe(7); // the default categories
		expect(hub.output()).not.toContain('Created 7 forum categories'); // a hub does not seed

		hub.child.kill('SIGTERM');
		up.child.kill('SIGTERM');
		expect(await hub.exit).toBe(0);
		expect(await up.exit).toBe(0);
	}, 60_000);

	it('stops with a clear message when hub options are missing or wrong', async () => {
		const dir = tempDir('praxis-hub-');
		dirs.push(dir);
		const noUpstream = start({ DATA_DIR: dir }, ['--hub']);
		expect(await noUpstream.exit).toBe(1);
		expect(noUpstream.output()).toContain('--upstream');
		const badCredential = start({ DATA_DIR: dir }, [
			'--hub',
			'--upstream',
			'http://127.0.0.1:9',
			'--hub-credential',
			'guess'
		]);
		expect(await badCredential.exit).toBe(1);
		expect(badCredential.output()).toContain('malformed');
	}, 30_000);
});

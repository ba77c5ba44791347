// The admin CLI on a DATA_DIR: create-admin, grant, revoke, list-users, usage, and a clear
// refusal (exit 2) while another process holds the LevelDB store.
import { afterEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runAdmin, type AdminIo } from '../../server/admin';
import { createHarness, tempDir } from './support/harness';
import { USERS_DB } from '../../server/storage/index';
import { serverSigner } from '../../server/devices/server-key';
import { createSignatureVerifier } from '../../server/devices/verify';

const dirs: string[] = [];
let holder: ChildProcess | null = null;
afterEach(() => {
	holder?.kill('SIGKILL');
	holder = null;
	for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function io(dataDir: string, env: Record<string, string> = {}): AdminIo & { lines: string[]; errors: string[] } {
	const lines: string[] = [];
	const errors: string[] = [];
	return { env: { DATA_DIR: dataDir, ...env }, out: (l) => lines.push(l), err: (l) => errors.push(l), lines, errors };
}

function newDataDir(): string {
	const dir = tempDir('praxis-admin-');
	dirs.push(dir);
	return dir;
}

describe('admin CLI', () => {
	it('creates an admin with a given password, who can then sign in', async () => {
		const dataDir = newDataDir();
		const out = io(dataDir, { PRAXIS_ADMIN_PASSWORD: 'admin-password-123' });
		expect(await runAdmin(['create-admin', 'root_ops'], out)).toBe(0);
		expect(out.lines.join('\n')).toMatch(/Created admin root_ops/);
		expect(out.lines.join('\n')).not.toContain('admin-password-123');

		const h = createHarness({ kind: 'leveldb', dataDir });
		const login = await h.post('/api/auth/login', { username: 'root_ops', password: 'admin-password-123' });
		expect(login.status).toBe(200);
		expect((await login.json()).user.roles).toEqual(['member', 'admin']);
		const profile = (await h.storage.db('community').get('profile:root_ops')) as Record<string, unknown> & {
			_id: string;
			type?: string;
			signature?: { device?: string };
		};
		expect(profile.type).toBe('profile');
		// signed with the server key the running server publishes (/api/auth/keys), not a throwaway one
		const published = (await (await h.request('/api/auth/keys')).json()) as { keys: Array<{ kid: string }> };
		expect(profile.signature?.device).toBe(`server:${published.keys[0].kid}`);
		const signer = await serverSigner(h.auth.signingKey());
		const verifier = createSignatureVerifier({
			storage: h.storage,
			serverKeys: async () => new Map([[signer.kid, signer.publicKey]])
		});
		expect(await verifier.verify(profile)).toMatchObject({ ok: true });
		await h.close({ keepData: true });
	});

	it('generates and prints a password when none is given', async () => {
		const dataDir = newDataDir();
		const out = io(dataDir);
		expect(await runAdmin(['create-admin', 'chief'], out)).toBe(0);
		const password = /Password: (\S+)/.exec(out.lines.join('\n'))?.[1];
		expect(password?.length).toBeGreaterThanOrEqual(20);
		const h = createHarness({ kind: 'leveldb', dataDir });
		expect((await h.post('/api/auth/login', { username: 'chief', password })).status).toBe(200);
		await h.close({ keepData: true });
	});

	it('grants and revokes roles, which the running app then sees', async () => {
		const dataDir = newDataDir();
		let h = createHarness({ kind: 'leveldb', dataDir });
		const cookie = await h.register('ines');
		await h.close({ keepData: true });

		const out = io(dataDir);
		expect(await runAdmin(['grant', 'ines', 'reviewer'], out)).toBe(0);
		expect(await runAdmin(['grant', 'ines', 'moderator'], out)).toBe(0);
		expect(await runAdmin(['revoke', 'ines', 'reviewer'], out)).toBe(0);
		expect(out.lines.at(-1)).toBe('ines now has roles: member, moderator');
		expect(await runAdmin(['list-users'], out)).toBe(0);
		expect(out.lines.some((l) => /^ines\s+member,moderator\s+ines$/.test(l))).toBe(true);

		h = createHarness({ kind: 'leveldb', dataDir });
		const session = await h.request('/api/auth/session', { headers: { cookie } });
		expect((await session.json()).user.roles).toEqual(['member', 'moderator']);
		await h.close({ keepData: true });
	});

	it('explains bad arguments, unknown roles and unknown members', async () => {
		const dataDir = newDataDir();
		const out = io(dataDir);
		expect(await runAdmin([], out)).toBe(64);
		expect(await runAdmin(['grant', 'ines'], out)).toBe(64);
		expect(out.errors[0]).toMatch(/^Usage: npm run admin/);
		expect(await runAdmin(['grant', 'ines', 'emperor'], out)).toBe(1);
		expect(out.errors.at(-1)).toMatch(/Unknown role "emperor"/);
		expect(await runAdmin(['revoke', 'ines', 'member'], out)).toBe(1);
		expect(await runAdmin(['grant', 'nobody', 'reviewer'], out)).toBe(1);
		expect(out.errors.at(-1)).toMatch(/No member named "nobody"/);
		expect(await runAdmin(['create-admin', 'praxis'], out)).toBe(1);
		expect(await runAdmin(['create-admin', 'Bad Name'], out)).toBe(1);
		expect(await runAdmin(['create-admin', 'boss'], io(dataDir, { PRAXIS_ADMIN_PASSWORD: 'short' }))).toBe(1);
	});

	it('refuses with exit 2 while another process holds the store', async () => {
		const dataDir = newDataDir();
		const script = `import PouchDB from 'pouchdb'; const db = new PouchDB(${JSON.stringify(join(dataDir, 'db', USERS_DB))}); await db.info(); console.log('ready'); setInterval(() => {}, 1000);`;
		mkdirSync(join(dataDir, 'db'), { recursive: true });
		const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
			cwd: process.cwd(),
			stdio: ['ignore', 'pipe', 'inherit']
		});
		holder = child;
		await new Promise<void>((resolve, reject) => {
			child.stdout!.on('data', () => resolve());
			child.on('exit', (code) => reject(new Error(`the lock holder exited with ${code}`)));
		});
		const out = io(dataDir);
		expect(await runAdmin(['list-users'], out)).toBe(2);
		expect(out.errors.join('\n')).toBe(
			`The Praxis server is running on DATA_DIR ${dataDir}: stop it first (LevelDB allows one process).`
		);
	});
});

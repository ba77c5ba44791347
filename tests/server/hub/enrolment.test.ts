// Hub enrolment through the admin CLI (enrol-hub, list-hubs, revoke-hub on a LevelDB DATA_DIR),
// the credential check, and hub-mode command-line parsing.
import { afterEach, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { runAdmin } from '../../../server/admin';
import { createStorage } from '../../../server/storage/index';
import { createHubRegistry, parseHubCredential } from '../../../server/hub/enrolment';
import { parseHubArgs } from '../../../server/hub/cli';
import { tempDir } from '../support/harness';

const dirs: string[] = [];
afterEach(() => {
	for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function admin(dataDir: string, ...args: string[]) {
	const out: string[] = [];
	const err: string[] = [];
	const code = await runAdmin(args, { env: { DATA_DIR: dataDir }, out: (l) => out.push(l), err: (l) => err.push(l) });
	return { code, out, err };
}

describe('admin CLI: hubs', () => {
	it('enrols, lists and revokes a hub; the credential authenticates until revoked', async () => {
		const dataDir = tempDir();
		dirs.push(dataDir);
		const enrol = await admin(dataDir, 'enrol-hub', 'village-hall');
		expect(enrol.code).toBe(0);
		const credential = enrol.out.find((l) => l.startsWith('praxis-hub:'))!;
		expect(parseHubCredential(credential)).toMatchObject({ name: 'village-hall' });
		expect((await admin(dataDir, 'enrol-hub', 'village-hall')).code).toBe(1); // already enrolled
		expect((await admin(dataDir, 'enrol-hub', 'Bad Name')).code).toBe(1);
		expect((await admin(dataDir, 'list-hubs')).out.join('\n')).toMatch(/village-hall[\s\S]*1 hub$/);

		const check = async (cred: string) => {
			const storage = createStorage({ kind: 'leveldb', dataDir });
			try {
				return await createHubRegistry(storage).authenticate(cred);
			} finally {
				await storage.close();
			}
		};
		expect(await check(credential)).toBe('village-hall');
		expect(await check(credential.slice(0, -2) + 'xx')).toBeNull();
		expect(await check('praxis-hub:other:' + credential.split(':')[2])).toBeNull();

		expect((await admin(dataDir, 'revoke-hub', 'village-hall')).code).toBe(0);
		expect((await admin(dataDir, 'revoke-hub', 'nobody')).code).toBe(1);
		expect(await check(credential)).toBeNull();
		expect((await admin(dataDir, 'list-hubs')).out[0]).toContain('REVOKED');
		// Re-enrolling a revoked hub issues a new credential; the old one stays dead.
		const again = await admin(dataDir, 'enrol-hub', 'village-hall');
		const fresh = again.out.find((l) => l.startsWith('praxis-hub:'))!;
		expect(await check(fresh)).toBe('village-hall');
		expect(await check(credential)).toBeNull();
	});
});

describe('hub mode options', () => {
	const cred = 'praxis-hub:hall:' + 'a'.repeat(43);
	it('parses flags and environment', () => {
		expect(parseHubArgs([], {})).toEqual({ hub: false });
		expect(parseHubArgs(['--hub', '--upstream', 'https://praxis.example.org/x', '--hub-credential', cred], {})).toEqual(
			{ hub: true, upstream: 'https://praxis.example.org', credential: cred }
		);
		expect(
			parseHubArgs(['--hub'], { PRAXIS_UPSTREAM: 'http://10.0.0.2:3000', PRAXIS_HUB_CREDENTIAL: cred })
		).toMatchObject({ hub: true, upstream: 'http://10.0.0.2:3000' });
		expect(parseHubArgs(['--hub', `--upstream=https://a.example`, `--hub-credential=${cred}`], {})).toMatchObject({
			hub: true
		});
	});
	it('explains what is missing or wrong', () => {
		expect(parseHubArgs(['--hub'], {})).toMatchObject({ error: expect.stringContaining('--upstream') });
		expect(parseHubArgs(['--hub', '--upstream', 'ftp://x'], {})).toMatchObject({
			error: expect.stringContaining('http(s)')
		});
		expect(parseHubArgs(['--hub', '--upstream', 'https://x.example'], {})).toMatchObject({
			error: expect.stringContaining('enrol-hub')
		});
		expect(parseHubArgs(['--hub', '--upstream', 'https://x.example', '--hub-credential', 'secret'], {})).toMatchObject({
			error: expect.stringContaining('malformed')
		});
		expect(parseHubArgs(['--upstream', 'https://x.example'], {})).toMatchObject({
			error: expect.stringContaining('--hub')
		});
		expect(parseHubArgs(['--frobnicate'], {})).toMatchObject({ error: expect.stringContaining('unknown option') });
	});
	it('reads the credential from a file, so that it never shows in the process list', () => {
		const files: Record<string, string> = { '/etc/praxis/hub': `\n  ${cred}  \n`, '/empty': '\n\n' };
		const read = (path: string) => {
			if (path in files) return files[path];
			throw Object.assign(new Error('missing'), { code: 'ENOENT' });
		};
		const args = ['--hub', '--upstream', 'https://x.example'];
		expect(parseHubArgs([...args, '--hub-credential-file', '/etc/praxis/hub'], {}, read)).toEqual({
			hub: true,
			upstream: 'https://x.example',
			credential: cred
		});
		expect(parseHubArgs(args, { PRAXIS_HUB_CREDENTIAL_FILE: '/etc/praxis/hub' }, read)).toMatchObject({
			hub: true,
			credential: cred
		});
		expect(parseHubArgs([...args, '--hub-credential-file=/nope'], {}, read)).toMatchObject({
			error: expect.stringContaining('ENOENT')
		});
		expect(parseHubArgs([...args, '--hub-credential-file', '/empty'], {}, read)).toMatchObject({
			error: expect.stringContaining('empty')
		});
		expect(parseHubArgs(['--hub-credential-file', '/etc/praxis/hub'], {}, read)).toMatchObject({
			error: expect.stringContaining('--hub')
		});
	});
});

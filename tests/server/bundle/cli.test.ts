// `npm run bundle -- import|export` on a server (server/bundle): a bundle a member's device saved
// is verified and applied through the relay rules (as its signing member), twice changes nothing,
// a tampered one is refused whole, forged documents are refused; export is server-signed.
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHarness, tempDir, type Harness } from '../support/harness';
import { COMMUNITY_DB } from '../../../src/lib/domain/ids';
import { readBundle, verifyBundle, writeBundle } from '../../../src/lib/bundle/index';
import { createStorage } from '../../../server/storage/index';
import { serverSigner } from '../../../server/devices/server-key';
import { seedCategories } from '../../../server/seed';
import { runBundle } from '../../../server/bundle/cli';
import { certifyTestDevice } from '../helpers/signing';
import { thread } from '../helpers/community-docs';

let h: Harness | null = null;
afterEach(async () => {
	await h?.close();
	h = null;
});

function io() {
	const out: string[] = [];
	const err: string[] = [];
	return {
		out,
		err,
		io: {
			env: {} as Record<string, string | undefined>,
			out: (l: string) => out.push(l),
			err: (l: string) => err.push(l)
		}
	};
}

async function prepare() {
	const dataDir = tempDir('praxis-bundle-');
	h = createHarness({ kind: 'leveldb', dataDir });
	await seedCategories(h.storage, new Date(), await serverSigner(h.auth.signingKey()));
	const ana = await h.register('ana');
	await h.register('ben');
	const anaDevice = await certifyTestDevice(h, ana);
	const benCookie = (await h.post('/api/auth/login', { username: 'ben', password: 'a-long-enough-password' })).headers
		.getSetCookie()[0]
		.split(';')[0];
	const benDevice = await certifyTestDevice(h, benCookie);
	// what ana's device saved at the meetup: her certificate, her thread, and a forgery by ben
	const mine = await anaDevice.signRevision(thread('ana'));
	const forged = await benDevice.signRevision(thread('ana'));
	const docs = [{ ...anaDevice.certificate, _rev: '1-cccc' }, mine, forged];
	const bytes = await writeBundle(
		docs,
		{ author: 'ana', since: null, created: new Date().toISOString(), device: anaDevice.certificate._id },
		(b) => crypto.subtle.sign({ name: 'Ed25519' }, anaDevice.keys.privateKey, b)
	);
	const file = join(dataDir, 'meetup.praxis');
	writeFileSync(file, bytes);
	await h.close({ keepData: true });
	h = null;
	return { dataDir, file, mine, forged };
}

describe('npm run bundle', () => {
	it('imports a member bundle as its signing member; twice changes nothing; refuses forgeries and tampering', async () => {
		const { dataDir, file, mine, forged } = await prepare();
		const first = io();
		first.io.env.DATA_DIR = dataDir;
		expect(await runBundle(['import', file], first.io), first.err.join('\n')).toBe(0);
		expect(first.out[0]).toBe(
			'Bundle of 3 documents: 2 new, 0 already here, 1 refused (the reason is given for each).'
		);
		expect(first.out.join('\n')).toContain(`refused ${forged._id}: the signing device does not belong to the author`);

		const again = io();
		again.io.env.DATA_DIR = dataDir;
		expect(await runBundle(['import', file], again.io)).toBe(0);
		// the forged document is still refused; the rest was already here
		expect(again.out[0]).toBe(
			'Bundle of 3 documents: 0 new, 2 already here, 1 refused (the reason is given for each).'
		);

		const bytes = readFileSync(file);
		const tampered = join(dataDir, 'tampered.praxis');
		const copy = new Uint8Array(bytes);
		copy[copy.length - 10] ^= 0x55;
		writeFileSync(tampered, copy);
		const bad = io();
		bad.io.env.DATA_DIR = dataDir;
		expect(await runBundle(['import', tampered], bad.io)).toBe(1);
		expect(bad.err[0]).toMatch(/^Refused: /);

		const storage = createStorage({ kind: 'leveldb', dataDir });
		try {
			const db = storage.db(COMMUNITY_DB);
			const stored = (await db.get(mine._id)) as { _rev: string; title: string };
			expect(stored._rev).toBe(mine._rev);
			await expect(db.get(forged._id)).rejects.toMatchObject({ status: 404 });
		} finally {
			await storage.close();
		}
	});

	it('exports a server-signed bundle that verifies, and explains bad arguments', async () => {
		const { dataDir } = await prepare();
		const out = join(dataDir, 'export.praxis');
		const run = io();
		run.io.env.DATA_DIR = dataDir;
		expect(await runBundle(['export', out, '--since', '2000-01-01'], run.io), run.err.join('\n')).toBe(0);
		const parsed = await readBundle(new Uint8Array(readFileSync(out)));
		expect(parsed.ok).toBe(true);
		if (!parsed.ok) return;
		expect(parsed.header.fromDevice).toMatch(/^server:/);
		const { createAuthService, keysDirOf } = await import('../../../server/auth/service');
		const storage = createStorage({ kind: 'leveldb', dataDir });
		try {
			const signer = await serverSigner(createAuthService({ storage, keysDir: keysDirOf(dataDir) }).signingKey());
			const verified = await verifyBundle(parsed.header, parsed.docs, {
				serverKeys: new Map([[signer.kid, signer.publicKey]]),
				revoked: new Set(),
				now: new Date(),
				findCertificate: async () => null
			});
			expect(verified.ok).toBe(true);
		} finally {
			await storage.close();
		}
		const usage = io();
		expect(await runBundle(['export', out, '--since', 'yesterday'], usage.io)).toBe(64);
		expect(usage.err[0]).toMatch(/ISO 8601/);
	});
});

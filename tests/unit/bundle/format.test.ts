// readBundle's refusals name the real problem: another kind of file, or a bundle damaged in copying.
import { describe, expect, it } from 'vitest';
import { readBundle, writeBundle } from '../../../src/lib/bundle/index';

async function sample(): Promise<Uint8Array<ArrayBuffer>> {
	const keys = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair;
	const docs = Array.from({ length: 40 }, (_, i) => ({
		_id: `thread:${String(i).padStart(26, '0')}`,
		_rev: '1-aa',
		type: 'thread',
		title: `Thread number ${i} about procurement, open data and citizen services`
	}));
	return writeBundle(
		docs,
		{ author: 'ana', since: null, created: '2026-12-04T10:00:00.000Z', device: 'device:x' },
		(b) => crypto.subtle.sign({ name: 'Ed25519' }, keys.privateKey, b)
	);
}

describe('readBundle', () => {
	it('reads an intact bundle', async () => {
		expect(await readBundle(await sample())).toMatchObject({ ok: true, header: { count: 40 } });
	});

	it('says another kind of file is not an updates file', async () => {
		const text = new TextEncoder().encode('%PDF-1.7 a report') as Uint8Array<ArrayBuffer>;
		expect(await readBundle(text)).toEqual({ ok: false, reason: expect.stringMatching(/not a Praxis updates file/) });
		expect(await readBundle(new Uint8Array(0))).toEqual({ ok: false, reason: expect.stringMatching(/not a Praxis/) });
	});

	it('says a bundle cut short is damaged', async () => {
		const file = await sample();
		for (const keep of [file.length - 1, file.length - 8, Math.floor(file.length / 2), 12]) {
			const cut = file.slice(0, keep);
			expect(await readBundle(cut)).toEqual({
				ok: false,
				reason: expect.stringMatching(/^The file is damaged: it was cut short/)
			});
		}
	});

	it('says a bundle with a byte changed is damaged, wherever the byte is', async () => {
		const file = await sample();
		for (const at of [20, Math.floor(file.length / 2), file.length - 6]) {
			const altered = file.slice();
			altered[at] ^= 0x01;
			const read = await readBundle(altered);
			expect(read.ok).toBe(false);
			expect(read.ok ? '' : read.reason).toMatch(/^The file is damaged/);
		}
	});
});

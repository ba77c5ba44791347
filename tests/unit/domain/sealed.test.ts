import { describe, expect, it } from 'vitest';
import {
	exportBoxKey,
	generateBoxKeys,
	importBoxKey,
	isSealedBox,
	openSealed,
	seal,
	type SealedBox
} from '../../../src/lib/domain/sealed';
import { fromBase64Url, toBase64Url } from '../../../src/lib/domain/signing';

const bytes = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array | null) => (b ? new TextDecoder().decode(b) : null);
const AAD = 'message:01J|ana|bob';

async function device(id: string) {
	const pair = await generateBoxKeys();
	return { id, pair, recipient: { device: id, boxKey: await exportBoxKey(pair.publicKey) } };
}

describe('sealed boxes', () => {
	it('opens for each addressed device and for no other', async () => {
		const [phone, laptop, stranger] = await Promise.all([device('device:P'), device('device:L'), device('device:S')]);
		const box = await seal(bytes('Meet at the hall door'), [phone.recipient, laptop.recipient], AAD);
		expect(isSealedBox(box)).toBe(true);
		expect(box.keys.map((k) => k.device)).toEqual(['device:P', 'device:L']);
		expect(text(await openSealed(box, 'device:P', phone.pair.privateKey, AAD))).toBe('Meet at the hall door');
		expect(text(await openSealed(box, 'device:L', laptop.pair.privateKey, AAD))).toBe('Meet at the hall door');
		// a device not addressed, or an addressed id with another key
		expect(await openSealed(box, 'device:S', stranger.pair.privateKey, AAD)).toBeNull();
		expect(await openSealed(box, 'device:P', stranger.pair.privateKey, AAD)).toBeNull();
	});

	it('holds no plaintext and differs each time', async () => {
		const phone = await device('device:P');
		const a = await seal(bytes('secret words'), [phone.recipient], AAD);
		const b = await seal(bytes('secret words'), [phone.recipient], AAD);
		expect(JSON.stringify(a)).not.toContain('secret');
		expect(JSON.stringify(a)).not.toContain(toBase64Url(bytes('secret words')));
		expect(a.ct).not.toBe(b.ct);
	});

	it('refuses an altered box, another conversation, and malformed parts', async () => {
		const phone = await device('device:P');
		const box = await seal(bytes('hello'), [phone.recipient], AAD);
		const ct = fromBase64Url(box.ct)!;
		ct[0] ^= 1;
		const altered: SealedBox = { ...box, ct: toBase64Url(ct) };
		expect(await openSealed(altered, 'device:P', phone.pair.privateKey, AAD)).toBeNull();
		expect(await openSealed(box, 'device:P', phone.pair.privateKey, 'message:01J|eve|bob')).toBeNull();
		expect(await openSealed({ ...box, iv: 'AA' }, 'device:P', phone.pair.privateKey, AAD)).toBeNull();
		expect(await openSealed({ ...box, epk: 'not!base64' }, 'device:P', phone.pair.privateKey, AAD)).toBeNull();
		const other = await device('device:Q');
		// a wrapped key swapped in from another device's entry does not open
		expect(
			await openSealed(
				{ ...box, keys: [{ device: 'device:Q', wk: box.keys[0].wk }] },
				'device:Q',
				other.pair.privateKey,
				AAD
			)
		).toBeNull();
		expect(isSealedBox({ ...box, keys: [] })).toBe(false);
		expect(isSealedBox({ ...box, v: 2 })).toBe(false);
	});

	it('skips malformed recipient keys and throws when none is usable', async () => {
		const phone = await device('device:P');
		const box = await seal(bytes('x'), [{ device: 'device:B', boxKey: 'AAAA' }, phone.recipient], AAD);
		expect(box.keys.map((k) => k.device)).toEqual(['device:P']);
		await expect(seal(bytes('x'), [{ device: 'device:B', boxKey: 'AAAA' }], AAD)).rejects.toThrow();
		expect(await importBoxKey(toBase64Url(new Uint8Array(65)))).toBeNull();
		expect(await importBoxKey(phone.recipient.boxKey)).not.toBeNull();
	});
});

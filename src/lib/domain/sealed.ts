// Sealed boxes: bytes only the devices they are addressed to can open, for direct messages a
// meetup hub passes on without being able to read them. Each device has an ECDH P-256 key pair
// (the "box key"; its public half is in the device certificate the server signs, so a hub cannot
// swap it). To seal: a fresh AES-GCM content key encrypts the bytes once; for each recipient
// device, an ephemeral ECDH key agreement with its box key, through HKDF-SHA-256 (salted with the
// ephemeral key, bound to the device id), gives an AES-KW key that wraps the content key. The
// associated data (the message id, sender and recipient) is authenticated with the content, so a
// relay cannot move a box to another conversation. P-256 rather than X25519: every browser and
// Node have it in WebCrypto.
import { fromBase64Url, toBase64Url } from './signing';

const ECDH = { name: 'ECDH', namedCurve: 'P-256' } as const;
/** An uncompressed P-256 point: 0x04, x, y. */
const BOX_KEY_BYTES = 65;
const IV_BYTES = 12;
const INFO_PREFIX = 'praxis sealed box v1 ';

/** The version and algorithm of a box: one value today, so a change can be told apart later. */
export const SEALED_VERSION = 1;

export interface SealedKey {
	/** The certificate id of the device this key is for. */
	device: string;
	/** The content key wrapped for that device (AES-KW, base64url). */
	wk: string;
}

export interface SealedBox {
	v: typeof SEALED_VERSION;
	/** The ephemeral ECDH public key (raw, base64url). */
	epk: string;
	/** AES-GCM nonce (base64url). */
	iv: string;
	/** The encrypted bytes with their tag (base64url). */
	ct: string;
	keys: SealedKey[];
}

export interface BoxRecipient {
	device: string;
	/** The device's box public key, raw P-256, base64url (`boxKey` of its certificate). */
	boxKey: string;
}

export async function generateBoxKeys(): Promise<CryptoKeyPair> {
	// the private key cannot leave the device; IndexedDB keeps it as a CryptoKey
	return (await crypto.subtle.generateKey(ECDH, false, ['deriveBits'])) as CryptoKeyPair;
}

export async function exportBoxKey(key: CryptoKey): Promise<string> {
	return toBase64Url(await crypto.subtle.exportKey('raw', key));
}

/** A box public key from its base64url form, or null when it is not a P-256 point. */
export async function importBoxKey(raw: string): Promise<CryptoKey | null> {
	const bytes = fromBase64Url(raw);
	if (!bytes || bytes.length !== BOX_KEY_BYTES) return null;
	try {
		return await crypto.subtle.importKey('raw', bytes, ECDH, true, []);
	} catch {
		return null;
	}
}

async function wrappingKey(
	privateKey: CryptoKey,
	publicKey: CryptoKey,
	epk: Uint8Array<ArrayBuffer>,
	device: string,
	usage: 'wrapKey' | 'unwrapKey'
): Promise<CryptoKey> {
	const shared = await crypto.subtle.deriveBits({ name: 'ECDH', public: publicKey }, privateKey, 256);
	const base = await crypto.subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
	return crypto.subtle.deriveKey(
		{ name: 'HKDF', hash: 'SHA-256', salt: epk, info: new TextEncoder().encode(INFO_PREFIX + device) },
		base,
		{ name: 'AES-KW', length: 256 },
		false,
		[usage]
	);
}

/**
 * Seals `plain` for `recipients` (devices with a box key). Recipients whose key is malformed are
 * left out; throws when none is left.
 */
export async function seal(
	plain: Uint8Array<ArrayBuffer>,
	recipients: readonly BoxRecipient[],
	associated: string
): Promise<SealedBox> {
	const ephemeral = (await crypto.subtle.generateKey(ECDH, true, ['deriveBits'])) as CryptoKeyPair;
	const epk = new Uint8Array(await crypto.subtle.exportKey('raw', ephemeral.publicKey));
	const content = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt']);
	const keys: SealedKey[] = [];
	for (const recipient of recipients) {
		const publicKey = await importBoxKey(recipient.boxKey);
		if (!publicKey) continue;
		const kek = await wrappingKey(ephemeral.privateKey, publicKey, epk, recipient.device, 'wrapKey');
		keys.push({
			device: recipient.device,
			wk: toBase64Url(await crypto.subtle.wrapKey('raw', content, kek, 'AES-KW'))
		});
	}
	if (keys.length === 0) throw new Error('none of the recipient’s devices has a usable key');
	const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
	const ct = await crypto.subtle.encrypt(
		{ name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(associated) },
		content,
		plain
	);
	return { v: SEALED_VERSION, epk: toBase64Url(epk), iv: toBase64Url(iv), ct: toBase64Url(ct), keys };
}

/**
 * Opens a box with this device's box private key, or null: not addressed to `device`, altered,
 * or sealed with other associated data. Never throws on a malformed box.
 */
export async function openSealed(
	box: SealedBox,
	device: string,
	privateKey: CryptoKey,
	associated: string
): Promise<Uint8Array<ArrayBuffer> | null> {
	try {
		const mine = box.keys.find((k) => k.device === device);
		const epk = fromBase64Url(box.epk);
		const iv = fromBase64Url(box.iv);
		const ct = fromBase64Url(box.ct);
		const wk = mine ? fromBase64Url(mine.wk) : null;
		if (box.v !== SEALED_VERSION || !epk || !iv || iv.length !== IV_BYTES || !ct || !wk) return null;
		const ephemeral = await importBoxKey(box.epk);
		if (!ephemeral) return null;
		const kek = await wrappingKey(privateKey, ephemeral, epk, device, 'unwrapKey');
		const content = await crypto.subtle.unwrapKey('raw', wk, kek, 'AES-KW', { name: 'AES-GCM' }, false, ['decrypt']);
		const plain = await crypto.subtle.decrypt(
			{ name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(associated) },
			content,
			ct
		);
		return new Uint8Array(plain);
	} catch {
		return null;
	}
}

/** Whether `value` has the shape of a sealed box (its contents are checked when opened). */
export function isSealedBox(value: unknown): value is SealedBox {
	if (typeof value !== 'object' || value === null) return false;
	const box = value as Record<string, unknown>;
	return (
		box.v === SEALED_VERSION &&
		typeof box.epk === 'string' &&
		typeof box.iv === 'string' &&
		typeof box.ct === 'string' &&
		Array.isArray(box.keys) &&
		box.keys.length > 0 &&
		box.keys.every(
			(k) =>
				typeof k === 'object' &&
				k !== null &&
				typeof (k as SealedKey).device === 'string' &&
				typeof (k as SealedKey).wk === 'string'
		)
	);
}

/** What a sealed direct message authenticates beside its words: which message, from whom, to whom. */
export function messageAssociatedData(id: string, from: string, to: string): string {
	return `${id}\n${from}\n${to}`;
}

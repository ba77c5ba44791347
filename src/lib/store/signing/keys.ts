// The device's signing key, kept in its own small Dexie database per member
// (`praxis-{username}-keys`): a non-extractable Ed25519 private key (a CryptoKey is
// structured-cloneable, so IndexedDB stores it without ever exposing its bytes), the public
// key in base64url and, once the server certified it, the device certificate. Beside it, the
// device's box key (ECDH P-256, also non-extractable): messages relayed by a meetup hub are
// sealed to it (domain/sealed.ts), and its public half goes into the certificate.
//
// Rule for writes made before a certificate exists (first start offline): they are stored
// unsigned and stay in the outbox; as soon as a certificate is stored, `signPending` (signing/index.ts)
// writes each unsigned pending document again, signed, as a new revision. Nothing unsigned is
// ever pushed once the server requires signatures, because the sync controller certifies the
// device before it starts replicating.
import Dexie, { type Table } from 'dexie';
import { exportPublicKey, generateDeviceKeys, signDoc, type DeviceCertificate } from '../../domain/signing';
import { exportBoxKey, generateBoxKeys, openSealed, type SealedBox } from '../../domain/sealed';
import type { DexieOptions } from '../db';

interface KeyRow {
	key: 'device';
	privateKey: CryptoKey;
	publicKey: string;
	certificate?: DeviceCertificate;
	/** Added to keys made before sealed messages existed, on first use. */
	boxPrivateKey?: CryptoKey;
	boxPublicKey?: string;
}

class KeyDb extends Dexie {
	keys!: Table<KeyRow, string>;
	constructor(name: string, options?: DexieOptions) {
		super(name, options);
		this.version(1).stores({ keys: 'key' });
	}
}

export function keyDbName(username: string): string {
	return `praxis-${username}-keys`;
}

/** What the store and the sync layer use of the device key. */
export interface DeviceSigning {
	/** The public key (base64url raw), creating the key pair on first use. */
	publicKey(): Promise<string>;
	/** The stored certificate, or null before the server certified this key. */
	certificate(): Promise<DeviceCertificate | null>;
	/** Stores a certificate the server issued for this device's public key. */
	setCertificate(cert: DeviceCertificate): Promise<void>;
	/** Forgets the key pair and certificate (a revoked device starts again with a new key). */
	reset(): Promise<void>;
	/**
	 * `doc` signed by this device, bound to `parent` (default: its `_rev`), or unchanged when no
	 * certificate exists yet.
	 */
	sign<T extends Record<string, unknown>>(doc: T, parent?: string | null): Promise<T>;
	/** Whether a certificate is stored (sign() then signs). */
	canSign(): Promise<boolean>;
	/** Signs arbitrary bytes (bundle headers); null without a certificate. */
	signBytes(bytes: Uint8Array<ArrayBuffer>): Promise<{ device: string; sig: ArrayBuffer } | null>;
	/** The box public key (base64url raw P-256) the certificate should carry. */
	boxPublicKey(): Promise<string>;
	/** Opens a box sealed for this device's certificate; null when it cannot (see sealed.ts). */
	openSealed(box: SealedBox, associated: string): Promise<Uint8Array<ArrayBuffer> | null>;
	close(): void;
}

export function createDeviceSigning(username: string, options?: DexieOptions): DeviceSigning {
	const db = new KeyDb(keyDbName(username), options);
	let cached: KeyRow | null = null;

	async function row(): Promise<KeyRow & Required<Pick<KeyRow, 'boxPrivateKey' | 'boxPublicKey'>>> {
		if (cached?.boxPrivateKey && cached.boxPublicKey) return cached as Awaited<ReturnType<typeof row>>;
		const stored = await db.keys.get('device');
		let next: KeyRow;
		if (stored) next = stored;
		else {
			const pair = await generateDeviceKeys();
			next = { key: 'device', privateKey: pair.privateKey, publicKey: await exportPublicKey(pair.publicKey) };
		}
		if (!next.boxPrivateKey || !next.boxPublicKey) {
			const box = await generateBoxKeys();
			next = { ...next, boxPrivateKey: box.privateKey, boxPublicKey: await exportBoxKey(box.publicKey) };
		}
		if (next !== stored) await db.keys.put(next);
		cached = next;
		return next as Awaited<ReturnType<typeof row>>;
	}

	async function certified(): Promise<(KeyRow & { certificate: DeviceCertificate }) | null> {
		const r = await row();
		return r.certificate && r.certificate.publicKey === r.publicKey
			? (r as KeyRow & { certificate: DeviceCertificate })
			: null;
	}

	return {
		publicKey: async () => (await row()).publicKey,
		certificate: async () => (await certified())?.certificate ?? null,
		async setCertificate(cert) {
			const r = await row();
			if (cert.publicKey !== r.publicKey) throw new Error('The certificate is for another key than this device’s.');
			const next = { ...r, certificate: cert };
			await db.keys.put(next);
			cached = next;
		},
		async reset() {
			cached = null;
			await db.keys.delete('device');
		},
		async sign(doc, parent) {
			const r = await certified();
			if (!r) return doc;
			return (await signDoc(doc, r.certificate._id, r.privateKey, parent)) as typeof doc;
		},
		canSign: async () => (await certified()) !== null,
		boxPublicKey: async () => (await row()).boxPublicKey,
		async openSealed(box, associated) {
			const r = await certified();
			const keys = await row();
			// only a box sealed to the key this device's certificate publishes
			if (!r || r.certificate.boxKey !== keys.boxPublicKey) return null;
			return openSealed(box, r.certificate._id, keys.boxPrivateKey, associated);
		},
		async signBytes(bytes) {
			const r = await certified();
			if (!r) return null;
			return { device: r.certificate._id, sig: await crypto.subtle.sign({ name: 'Ed25519' }, r.privateKey, bytes) };
		},
		close: () => db.close()
	};
}

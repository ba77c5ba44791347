/// <reference types="pouchdb-core" />
// Which device key signs a store's writes: open.ts attaches one per opened store; writes.ts
// asks for it before each put. Kept beside the StoreContext (a WeakMap) so the shared context
// type does not change for the other store modules.
import { cleanDoc, isNotFound, notify, pouchOf, type StoreContext } from '../context';
import type { DeviceSigning } from './keys';
import { putSigned } from '../../pouch/signed-revisions';

export { createDeviceSigning, keyDbName, type DeviceSigning } from './keys';

const signings = new WeakMap<StoreContext, DeviceSigning>();

export function attachSigning(ctx: StoreContext, signing: DeviceSigning): void {
	signings.set(ctx, signing);
}

export function signingOf(ctx: StoreContext): DeviceSigning | undefined {
	return signings.get(ctx);
}

/**
 * Writes `doc` as its next revision into `pouch`, signed by the device when it has a certificate
 * (see keys.ts for the rule before that) under the revision id its signature fixes; returns the
 * new `_rev`.
 */
export function writeSigned(
	ctx: StoreContext,
	pouch: PouchDB.Database,
	doc: Record<string, unknown> & { _id: string; _rev?: string }
): Promise<string> {
	const signing = signings.get(ctx);
	return putSigned(pouch, doc, async (d, parent) =>
		signing && (await signing.canSign()) ? signing.sign(d, parent) : null
	);
}

/**
 * Writes every pending (outbox) document that this device's certificate did not sign (or signed
 * without binding it to its parent revision, as earlier versions did) again, signed, as a new
 * revision. Returns how many were signed. Called once a certificate is stored.
 */
export async function signPending(ctx: StoreContext): Promise<number> {
	const signing = signings.get(ctx);
	const cert = await signing?.certificate();
	if (!signing || !cert) return 0;
	let signed = 0;
	for (const row of await ctx.db.outbox.toArray()) {
		const pouch = pouchOf(ctx, row.db);
		let current: Record<string, unknown>;
		try {
			// a pending deletion is read at its own (deleted) revision and extended, signed
			current = cleanDoc(await pouch.get(row.id, row.deleted ? { rev: row.rev } : {}));
		} catch (err) {
			if (isNotFound(err)) continue;
			throw err;
		}
		const signature = current.signature as { device?: unknown; parent?: unknown } | undefined;
		// signed by this device and bound to its parent revision: nothing to do
		if (signature?.device === cert._id && 'parent' in signature) continue;
		const rev = await writeSigned(ctx, pouch, current as Record<string, unknown> & { _id: string });
		await ctx.db.outbox.put({ ...row, rev, at: ctx.now() });
		signed++;
	}
	if (signed > 0) {
		notify(ctx);
		await ctx.followers.catchUp();
	}
	return signed;
}

/** The device key as the store exposes it (Store.signing). */
export interface StoreSigning {
	publicKey(): Promise<string>;
	certificate: DeviceSigning['certificate'];
	/** Stores the certificate, then signs every pending write made before it; returns how many. */
	certify(cert: Parameters<DeviceSigning['setCertificate']>[0]): Promise<number>;
	/** Signs again every pending write this certificate did not sign bound to its parent; returns how many. */
	signPending(): Promise<number>;
	/** A new key pair next time (after a revocation); the old certificate is forgotten. */
	reset(): Promise<void>;
	signBytes: DeviceSigning['signBytes'];
	/** The box public key the certificate should carry (sealed messages through a hub). */
	boxPublicKey: DeviceSigning['boxPublicKey'];
	openSealed: DeviceSigning['openSealed'];
}

export function storeSigning(ctx: StoreContext, signing: DeviceSigning): StoreSigning {
	return {
		publicKey: () => signing.publicKey(),
		certificate: () => signing.certificate(),
		async certify(cert) {
			await signing.setCertificate(cert);
			return signPending(ctx);
		},
		signPending: () => signPending(ctx),
		reset: () => signing.reset(),
		signBytes: (bytes) => signing.signBytes(bytes),
		boxPublicKey: () => signing.boxPublicKey(),
		openSealed: (box, associated) => signing.openSealed(box, associated)
	};
}

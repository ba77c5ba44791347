/// <reference types="pouchdb-core" />
// Which device key signs a store's writes: open.ts attaches one per opened store; writes.ts
// asks for it before each put. Kept beside the StoreContext (a WeakMap) so the shared context
// type does not change for the other store modules.
import { cleanDoc, isNotFound, notify, pouchOf, type StoreContext } from '../context';
import type { DeviceSigning } from './keys';

export { createDeviceSigning, keyDbName, type DeviceSigning } from './keys';

const signings = new WeakMap<StoreContext, DeviceSigning>();

export function attachSigning(ctx: StoreContext, signing: DeviceSigning): void {
	signings.set(ctx, signing);
}

export function signingOf(ctx: StoreContext): DeviceSigning | undefined {
	return signings.get(ctx);
}

/** `doc` signed by the device when it has a certificate (see keys.ts for the rule before that). */
export async function signForPut<T extends Record<string, unknown>>(ctx: StoreContext, doc: T): Promise<T> {
	const signing = signings.get(ctx);
	return signing ? signing.sign(doc) : doc;
}

/**
 * Writes every pending (outbox) document that this device's certificate did not sign again,
 * signed, as a new revision. Returns how many were signed. Called once a certificate is stored.
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
		if ((current.signature as { device?: unknown } | undefined)?.device === cert._id) continue;
		const next = await signing.sign(current);
		const result = await pouch.put(next as PouchDB.Core.PutDocument<object>);
		await ctx.db.outbox.put({ ...row, rev: result.rev, at: ctx.now() });
		signed++;
	}
	if (signed > 0) {
		notify(ctx);
		await ctx.projector.catchUp();
	}
	return signed;
}

/** The device key as the store exposes it (Store.signing). */
export interface StoreSigning {
	publicKey(): Promise<string>;
	certificate: DeviceSigning['certificate'];
	/** Stores the certificate, then signs every pending write made before it; returns how many. */
	certify(cert: Parameters<DeviceSigning['setCertificate']>[0]): Promise<number>;
	/** A new key pair next time (after a revocation); the old certificate is forgotten. */
	reset(): Promise<void>;
	signBytes: DeviceSigning['signBytes'];
}

export function storeSigning(ctx: StoreContext, signing: DeviceSigning): StoreSigning {
	return {
		publicKey: () => signing.publicKey(),
		certificate: () => signing.certificate(),
		async certify(cert) {
			await signing.setCertificate(cert);
			return signPending(ctx);
		},
		reset: () => signing.reset(),
		signBytes: (bytes) => signing.signBytes(bytes)
	};
}

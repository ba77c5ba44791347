// Verified authorship on the server and on hubs: the hook the sync gateway calls for each
// pushed community document. A document is accepted when it carries a signature by a certified,
// unexpired, unrevoked device of its author (signing.ts), or a server signature (`server:{kid}`,
// see server-key.ts). Certificates are looked up in the same batch first, then in `community`;
// revocations are read from `community` once, then refreshed from its changes feed.
//
// For the gateway (server/couch/write.ts):
//   const verdict = await verifier.verify(doc, batchDocs);
//   if (!verdict.ok) refuse(doc._id, verdict.reason)            // → {error: 'forbidden', reason}
// and, when the pushing principal is a hub (`user.hub` set), authorize as the signer rather
// than as the hub: `actorForSigner(verdict.signer, users)` (server/hub/relay.ts does exactly
// this today for hub pushes, ahead of the gateway).
import { createPublicKey, verify as nodeVerify, type KeyObject } from 'node:crypto';
import type { Storage } from '../storage/index';
import type { SessionUser } from '../auth/types';
import type { UserStore } from '../auth/users';
import { COMMUNITY_DB } from '../../src/lib/domain/ids';
import { validateCommunityDoc } from '../../src/lib/domain/validate';
import { canonicalBytes, canonicalJSON, checkCertificate, fromBase64Url, SIGNED_ALGORITHM, verifyDocSignature, type CertificateContext, type DeviceCertificate, type DocSignature } from '../../src/lib/domain/signing';
import { serverKidOf } from './server-key';

export type Signer = { kind: 'member'; name: string; device: string } | { kind: 'server'; kid: string };
export type SignatureVerdict = { ok: true; signer: Signer } | { ok: false; reason: string };

export interface VerifierDeps {
	storage: Storage;
	/** The server public keys by kid (the upstream's own, or those a hub last fetched). */
	serverKeys: () => Promise<ReadonlyMap<string, CryptoKey>>;
	clock?: () => Date;
	/** Revoked certificate ids known from elsewhere (a hub: the upstream's list). */
	extraRevoked?: () => ReadonlySet<string>;
	/** How long a read of the revocations is trusted (REVOCATION_REFRESH_MS by default). */
	revocationRefreshMs?: number;
}

export interface SignatureVerifier {
	verify(doc: Record<string, unknown>, batchDocs?: readonly unknown[]): Promise<SignatureVerdict>;
	/** Ids (`device:{ulid}`) of revoked certificates, refreshed from `community` when it changed. */
	revoked(): Promise<ReadonlySet<string>>;
	/** Takes a revocation into account at once (the revoking route calls it). */
	noteRevoked(deviceId: string): void;
}

/** How long a revocation list read is trusted before the changes feed is checked again. */
export const REVOCATION_REFRESH_MS = 1_000;
const CERT_CACHE_MAX = 5_000;
const CHANGES_PAGE = 5_000;
const TRUSTED_MAX = 5_000;

/** DER prefix of an Ed25519 SubjectPublicKeyInfo; the raw 32-byte key follows. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** A certificate whose server signature checked out once, with its key ready for node:crypto. */
interface TrustedCertificate {
	/** The issuer key it was checked with: trusted only while the issuer still has that key. */
	issuerKey: CryptoKey;
	deviceKey: KeyObject;
}

/**
 * Server-only fast path of verifyDocSignature (same verdict, less work per document): the
 * certificate's server signature is checked once per certificate content and issuer key, the
 * device key is imported once, and the document's signature is checked by node:crypto on the
 * libuv pool. It only ever ACCEPTS: it returns true when every condition of the shared rule
 * holds (signed, certificate found, same author, not revoked, not expired, issuer known and
 * its signature good, document signature good), and null otherwise, so that the shared
 * verifyDocSignature decides every other case and gives its reason.
 */
function createFastPath() {
	const trusted = new Map<string, TrustedCertificate>();

	async function trust(cert: DeviceCertificate, ctx: CertificateContext): Promise<TrustedCertificate | null> {
		const issuerKey = ctx.serverKeys.get(cert.issuer);
		if (!issuerKey) return null;
		const key = canonicalJSON(cert);
		const known = trusted.get(key);
		if (known && known.issuerKey === issuerKey) return known;
		// The shared check with nothing revoked and the epoch as "now": only the server signature can fail it.
		const verdict = await checkCertificate(cert, { serverKeys: ctx.serverKeys, revoked: new Set(), now: new Date(0) });
		const raw = fromBase64Url(cert.publicKey);
		if (!verdict.ok || !raw || raw.length !== 32) return null;
		let deviceKey: KeyObject;
		try {
			deviceKey = createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
		} catch {
			return null;
		}
		if (trusted.size >= TRUSTED_MAX) trusted.clear();
		const entry = { issuerKey, deviceKey };
		trusted.set(key, entry);
		return entry;
	}

	return async function accepts(doc: Record<string, unknown>, cert: DeviceCertificate | null, ctx: CertificateContext): Promise<true | null> {
		const signature = doc.signature as Partial<DocSignature> | undefined;
		if (!cert || typeof signature?.sig !== 'string' || cert.author !== doc.author) return null;
		if (ctx.revoked.has(cert._id) || !(Date.parse(cert.expiresAt) > ctx.now.getTime())) return null;
		const sig = fromBase64Url(signature.sig);
		if (!sig || sig.length !== 64) return null;
		const entry = await trust(cert, ctx);
		if (!entry) return null;
		const bytes = canonicalBytes(doc);
		const ok = await new Promise<boolean>((resolve) => nodeVerify(null, bytes, entry.deviceKey, sig, (err, valid) => resolve(!err && valid)));
		return ok ? true : null;
	};
}

/** A stored or carried object that is a well-formed device certificate, or null. */
export function asCertificate(doc: unknown): DeviceCertificate | null {
	const checked = validateCommunityDoc(doc);
	return checked.ok && (checked.doc as { type: string }).type === 'device' ? (checked.doc as unknown as DeviceCertificate) : null;
}

/** `revocation:{ulid}` → `device:{ulid}`. */
const revokedDeviceOf = (revocationId: string): string => `device:${revocationId.slice('revocation:'.length)}`;

export function createSignatureVerifier(deps: VerifierDeps): SignatureVerifier {
	const clock = deps.clock ?? (() => new Date());
	const db = () => deps.storage.db(COMMUNITY_DB);
	const revokedIds = new Set<string>();
	const certCache = new Map<string, DeviceCertificate>();
	let since: string | number | null = null;
	let checkedAt = -Infinity;
	let refreshing: Promise<void> | null = null;
	const fastPath = createFastPath();

	async function refresh(): Promise<void> {
		if (since === null) {
			const info = await db().info();
			const res = await db().allDocs({ startkey: 'revocation:', endkey: 'revocation:\ufff0' });
			for (const row of res.rows) revokedIds.add(revokedDeviceOf(row.id));
			since = info.update_seq;
		} else {
			for (;;) {
				const res: PouchDB.Core.ChangesResponse<object> = await db().changes({ since: since ?? 0, limit: CHANGES_PAGE });
				for (const change of res.results) {
					if (change.id.startsWith('revocation:') && !change.deleted) revokedIds.add(revokedDeviceOf(change.id));
				}
				since = res.last_seq;
				if (res.results.length < CHANGES_PAGE) break;
			}
		}
		checkedAt = Date.now();
	}

	async function revoked(): Promise<ReadonlySet<string>> {
		if (Date.now() - checkedAt >= (deps.revocationRefreshMs ?? REVOCATION_REFRESH_MS)) {
			refreshing ??= refresh().finally(() => (refreshing = null));
			await refreshing;
		}
		const extra = deps.extraRevoked?.();
		return extra && extra.size > 0 ? new Set([...revokedIds, ...extra]) : revokedIds;
	}

	async function findCertificate(id: string, batchDocs: readonly unknown[]): Promise<DeviceCertificate | null> {
		for (const d of batchDocs) {
			if (typeof d === 'object' && d !== null && (d as { _id?: unknown })._id === id) return asCertificate(d);
		}
		const cached = certCache.get(id);
		if (cached) return cached;
		try {
			const cert = asCertificate(await db().get(id));
			if (cert) {
				if (certCache.size >= CERT_CACHE_MAX) certCache.clear();
				certCache.set(id, cert);
			}
			return cert;
		} catch (err) {
			if ((err as { status?: number }).status === 404) return null;
			throw err;
		}
	}

	async function verifyServerSignature(doc: Record<string, unknown>, kid: string, sig: string): Promise<SignatureVerdict> {
		const key = (await deps.serverKeys()).get(kid);
		if (!key) return { ok: false, reason: `the document is signed by an unknown server key ${kid}` };
		const sigBytes = fromBase64Url(sig);
		const ok = sigBytes !== null && sigBytes.length === 64 && (await crypto.subtle.verify(SIGNED_ALGORITHM, key, sigBytes, canonicalBytes(doc)));
		return ok ? { ok: true, signer: { kind: 'server', kid } } : { ok: false, reason: 'the server signature does not match the document (altered after signing?)' };
	}

	return {
		revoked,
		noteRevoked(deviceId) {
			revokedIds.add(deviceId);
		},
		async verify(doc, batchDocs = []) {
			const signature = doc.signature as Partial<DocSignature> | undefined;
			const device = typeof signature?.device === 'string' ? signature.device : null;
			const kid = device === null ? null : serverKidOf(device);
			if (kid !== null && typeof signature?.sig === 'string') return verifyServerSignature(doc, kid, signature.sig);
			const ctx = { serverKeys: await deps.serverKeys(), revoked: await revoked(), now: clock() };
			// The fast path answers only "valid"; anything else gets the shared rule's verdict and reason.
			const fast = device === null ? null : await fastPath(doc, await findCertificate(device, batchDocs), ctx);
			const verdict = fast ? ({ ok: true } as const) : await verifyDocSignature(doc, (id) => findCertificate(id, batchDocs), ctx);
			if (!verdict.ok) return verdict;
			return { ok: true, signer: { kind: 'member', name: String(doc.author), device: String(device) } };
		}
	};
}

/**
 * Who a relayed document is authorized as: its signing member, with the roles this server
 * knows for them (never the relaying hub's); `refused` when the server knows no such member.
 * Server-signed documents are not relayed (the server wrote them; it already has them).
 */
export async function actorForSigner(signer: Signer, users: Pick<UserStore, 'get'>): Promise<SessionUser | { refused: string }> {
	if (signer.kind === 'server') return { refused: 'documents the server signed are not relayed' };
	const record = await users.get(signer.name);
	if (!record) return { refused: `no member named ${signer.name} on this server` };
	return { name: record.name, roles: record.roles };
}

// Verified authorship on the server and on hubs: the hook the sync gateway calls for each
// pushed community document. A document is accepted when it carries a signature by a certified,
// unexpired, unrevoked device of its author, or of a member the shared permissions allow to make
// that write with the roles this side knows (a moderator's edit: signing.ts authorizeSigner), or
// a server signature (`server:{kid}`, see server-key.ts). Certificates are looked up in the same batch first, then in `community`;
// revocations are read from `community` once, then refreshed from its changes feed.
//
// For the gateway (server/couch/write.ts):
//   const verdict = await verifier.verify(doc, batchDocs);
//   if (!verdict.ok) refuse(doc._id, verdict.reason)            // → {error: 'forbidden', reason}
// and, when the pushing principal is a hub (`user.hub` set), authorize as the signer rather
// than as the hub: `actorForSigner(verdict.signer, users)` (server/hub/relay.ts does exactly
// this today for hub pushes, ahead of the gateway).
import type { Storage } from '../storage/index';
import type { SessionUser } from '../auth/types';
import type { UserStore } from '../auth/users';
import { COMMUNITY_DB } from '../../src/lib/domain/ids';
import type { DocFacts } from '../../src/lib/domain/permissions';
import type { Role } from '../../src/lib/domain/schemas';
import { validateCommunityDoc } from '../../src/lib/domain/validate';
import { canonicalBytes, fromBase64Url, SIGNED_ALGORITHM, verifyDocSignature, type DeviceCertificate, type DocSignature, type SignerAuthority } from '../../src/lib/domain/signing';
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
	/**
	 * The roles of a member, to judge a document signed by another member than its author (the
	 * server: its accounts; a hub: the upstream's from its last contact). Without it, only the
	 * author's own devices sign validly.
	 */
	rolesOf?: (name: string) => Promise<readonly Role[] | null>;
}

/** The member pushing a batch: their own roles (a session's) count for documents they signed. */
export interface Pusher {
	name: string;
	roles: readonly Role[];
}

export interface SignatureVerifier {
	verify(doc: Record<string, unknown>, batchDocs?: readonly unknown[], pusher?: Pusher): Promise<SignatureVerdict>;
	/** Ids (`device:{ulid}`) of revoked certificates, refreshed from `community` when it changed. */
	revoked(): Promise<ReadonlySet<string>>;
	/** Takes a revocation into account at once (the revoking route calls it). */
	noteRevoked(deviceId: string): void;
}

/** How long a revocation list read is trusted before the changes feed is checked again. */
export const REVOCATION_REFRESH_MS = 1_000;
const CERT_CACHE_MAX = 5_000;
const CHANGES_PAGE = 5_000;

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
		// a batch entry with that id that is no certificate (its deletion) does not hide the stored one
		for (const d of batchDocs) {
			if (typeof d === 'object' && d !== null && (d as { _id?: unknown })._id === id) {
				const carried = asCertificate(d);
				if (carried) return carried;
			}
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

	const current = (id: string) => currentDoc(db(), id);

	function authorityFor(pusher: Pusher | undefined): SignerAuthority | undefined {
		const rolesOf = deps.rolesOf;
		if (!rolesOf && !pusher) return undefined;
		return {
			current,
			rolesOf: async (name) => (pusher && name === pusher.name ? pusher.roles : rolesOf ? rolesOf(name) : null)
		};
	}

	return {
		revoked,
		noteRevoked(deviceId) {
			revokedIds.add(deviceId);
		},
		async verify(doc, batchDocs = [], pusher) {
			const signature = doc.signature as Partial<DocSignature> | undefined;
			const device = typeof signature?.device === 'string' ? signature.device : null;
			const kid = device === null ? null : serverKidOf(device);
			if (kid !== null && typeof signature?.sig === 'string') return verifyServerSignature(doc, kid, signature.sig);
			const ctx = { serverKeys: await deps.serverKeys(), revoked: await revoked(), now: clock() };
			const verdict = await verifyDocSignature(doc, (id) => findCertificate(id, batchDocs), ctx, authorityFor(pusher));
			if (!verdict.ok) return verdict;
			return { ok: true, signer: { kind: 'member', name: verdict.signer, device: verdict.device } };
		}
	};
}

/** The current winning revision of `id` in `db`, not deleted, or null (SignerAuthority.current). */
export async function currentDoc(db: PouchDB.Database, id: string): Promise<DocFacts | null> {
	try {
		return (await db.get(id)) as unknown as DocFacts;
	} catch (err) {
		if ((err as { status?: number }).status === 404) return null;
		throw err;
	}
}

/** A verifier's rolesOf from a user store (null for a name it does not hold). */
export function rolesFromUsers(users: Pick<UserStore, 'get'>): (name: string) => Promise<readonly Role[] | null> {
	return async (name) => (await users.get(name))?.roles ?? null;
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

// Verified authorship on the server and on hubs: the hook the sync gateway calls for each
// pushed community document. A document is accepted when it carries a signature by a certified,
// unexpired, unrevoked device of its author, or of a member the shared permissions allow to make
// that write with the roles this side knows (a moderator's edit: signing.ts authorizeSigner), or
// a server signature (`server:{kid}`, see server-key.ts). Certificates are looked up in the same batch first, then in `community`;
// revocations are read from `community` (one range of `revocation:` ids), again when that read is
// over REVOCATION_REFRESH_MS old.
//
// For the gateway (server/couch/write.ts):
//   const verdict = await verifier.verify(doc, batchDocs);
//   if (!verdict.ok) refuse(doc._id, verdict.reason)            // → {error: 'forbidden', reason}
// and, when the pushing principal is a hub (`user.hub` set), authorize as the signer rather
// than as the hub: `actorForSigner(verdict.signer, users)` (server/hub/relay.ts does exactly
// this today for hub pushes, ahead of the gateway).
import { verify as nodeVerify } from 'node:crypto';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ed25519KeyObject, type VerifyAnswer, type VerifyJob } from './verify-worker';
import { currentDoc } from '../../src/lib/pouch/trust-lookups';
import { idRange, revokedDeviceOf } from '../../src/lib/domain/ids';
import type { Storage } from '../storage/index';
import type { SessionUser } from '../auth/types';
import type { MemberRoles } from '../auth/users';
import { COMMUNITY_DB } from '../../src/lib/domain/ids';
import * as v from 'valibot';
import { deviceSchema, type Role } from '../../src/lib/domain/schemas';
import {
	canonicalBytes,
	canonicalJSON,
	checkCertificate,
	fromBase64Url,
	SIGNED_ALGORITHM,
	verifyDocSignature,
	type CertificateContext,
	type DeviceCertificate,
	type DocSignature,
	type SignerAuthority
} from '../../src/lib/domain/signing';
import { serverKidOf } from './server-key';
import { suspendedSignerReason, suspensionAt } from '../auth/suspension';

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
	/**
	 * Check signatures (canonical bytes + Ed25519) in a worker thread instead of on this thread
	 * with node:crypto on the libuv pool (the default: measured faster on the loaded 2-core
	 * bench machine, where the one worker became the bottleneck; see README, Benchmarks).
	 */
	workers?: boolean;
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

/** How long a revocation list read is trusted before it is read again. */
export const REVOCATION_REFRESH_MS = 1_000;
const CERT_CACHE_MAX = 5_000;
const TRUSTED_MAX = 5_000;

/** A certificate whose server signature checked out once, with its raw key for the fast check. */
interface TrustedCertificate {
	/** The issuer key it was checked with: trusted only while the issuer still has that key. */
	issuerKey: CryptoKey;
	deviceKey: Uint8Array;
}

/**
 * Ed25519 checks of documents in worker threads (verify-worker.ts), in batches: the thread that
 * serves requests only posts the documents. Should the worker fail, checks run here instead
 * (node:crypto on the libuv pool).
 */
class SignatureWorkers {
	private workers: Worker[] | null = null;
	private broken = false;
	private next = 0;
	private jobs = 0;
	private readonly pending = new Map<number, { resolve: (valid: boolean[]) => void; size: number }>();
	private queue: Array<{ item: VerifyJob['items'][number]; resolve: (ok: boolean) => void }> = [];
	private scheduled = false;
	private readonly inFlight = new Map<Worker, number>();

	/** Whether the workers run (for tests and diagnostics). */
	get state(): 'idle' | 'running' | 'broken' {
		return this.broken ? 'broken' : this.workers ? 'running' : 'idle';
	}

	check(doc: Record<string, unknown>, key: Uint8Array, sig: Uint8Array): Promise<boolean> {
		if (this.broken || !this.start()) return checkHere(doc, key, sig);
		return new Promise((resolve) => {
			this.queue.push({ item: { doc, key, sig }, resolve });
			if (!this.scheduled) {
				this.scheduled = true;
				setImmediate(() => this.flush());
			}
		});
	}

	private start(): boolean {
		if (this.workers) return true;
		try {
			const count = Math.max(1, Math.min(WORKERS_MAX, availableParallelism() - 1));
			this.workers = Array.from({ length: count }, () => this.spawn());
			return true;
		} catch {
			this.broken = true;
			return false;
		}
	}

	private spawn(): Worker {
		// The worker is TypeScript too: it registers tsx's loader (as `--import tsx` does for the
		// server) before importing it. Its execArgv is empty so that the loader is not registered twice.
		const tsxApi = new URL(
			'./dist/esm/api/index.mjs',
			pathToFileURL(createRequire(import.meta.url).resolve('tsx/package.json'))
		).href;
		const script = new URL('./verify-worker.ts', import.meta.url).href;
		const code = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(script)}); });`;
		const worker = new Worker(code, { eval: true, execArgv: [], workerData: { role: WORKER_ROLE } });
		// An idle worker does not keep the process alive; one with checks in flight does (a CLI
		// awaiting a verdict must not exit before it).
		worker.unref();
		worker.on('message', (answer: VerifyAnswer) => {
			const job = this.pending.get(answer.id);
			this.pending.delete(answer.id);
			if (job && (this.inFlight.set(worker, (this.inFlight.get(worker) ?? 1) - 1).get(worker) ?? 0) <= 0)
				worker.unref();
			job?.resolve(answer.valid);
		});
		const fail = () => {
			this.broken = true;
			// Unanswered checks count as "not shown valid": the shared rule then decides them.
			for (const [id, job] of this.pending) {
				this.pending.delete(id);
				job.resolve(new Array<boolean>(job.size).fill(false));
			}
		};
		worker.on('error', fail);
		worker.on('exit', fail);
		return worker;
	}

	private flush(): void {
		this.scheduled = false;
		const queue = this.queue;
		this.queue = [];
		for (let i = 0; i < queue.length; i += WORKER_BATCH) {
			const part = queue.slice(i, i + WORKER_BATCH);
			if (this.broken || !this.workers) {
				for (const q of part) void checkHere(q.item.doc, q.item.key, q.item.sig).then(q.resolve);
				continue;
			}
			const id = ++this.jobs;
			this.pending.set(id, {
				size: part.length,
				resolve: (valid) => part.forEach((q, k) => q.resolve(valid[k] === true))
			});
			const worker = this.workers[this.next++ % this.workers.length];
			try {
				worker.postMessage({ id, items: part.map((q) => q.item) } satisfies VerifyJob);
				this.inFlight.set(worker, (this.inFlight.get(worker) ?? 0) + 1);
				worker.ref();
			} catch {
				this.pending.delete(id);
				for (const q of part) void checkHere(q.item.doc, q.item.key, q.item.sig).then(q.resolve);
			}
		}
	}
}

const WORKERS_MAX = 2;
const WORKER_ROLE = 'praxis-signature-checks';
const WORKER_BATCH = 200;
/**
 * One pool for the whole process, whichever verifiers use it: threads are the process's to spend,
 * and a server runs several verifiers (tests build many apps). Its threads start on first use.
 */
const sharedWorkers = new SignatureWorkers();

/** State of the signature workers this process shares (tests check the fast path really used them). */
export const signatureWorkersState = (): 'idle' | 'running' | 'broken' => sharedWorkers.state;

/** The same check as the worker's, on this thread's libuv pool. */
async function checkHere(doc: Record<string, unknown>, raw: Uint8Array, sig: Uint8Array): Promise<boolean> {
	try {
		const key = ed25519KeyObject(raw);
		const bytes = canonicalBytes(doc);
		return await new Promise<boolean>((resolve) =>
			nodeVerify(null, bytes, key, sig, (err, valid) => resolve(!err && valid))
		);
	} catch {
		return false;
	}
}

/**
 * Server-only fast path of verifyDocSignature (same verdict, less work per document): the
 * certificate's server signature is checked once per certificate content and issuer key, the
 * device key is imported once, and the document's signature is checked by node:crypto on the
 * libuv pool (or in a worker thread: VerifierDeps.workers).
 * It only ever ACCEPTS: it returns true when every condition of the shared rule holds (signed,
 * certificate found, same author, not revoked, not expired, issuer known and its signature
 * good, document signature good), and null otherwise, so that the shared verifyDocSignature
 * decides every other case and gives its reason.
 */
function createFastPath(useWorkers: boolean) {
	const trusted = new Map<string, TrustedCertificate>();
	const seen = new WeakMap<DeviceCertificate, TrustedCertificate>();
	const workers = useWorkers ? sharedWorkers : null;

	async function trust(cert: DeviceCertificate, ctx: CertificateContext): Promise<TrustedCertificate | null> {
		const issuerKey = ctx.serverKeys.get(cert.issuer);
		if (!issuerKey) return null;
		// Stored certificates come back as the same (cached) object: no need to serialize them again.
		const same = seen.get(cert);
		if (same && same.issuerKey === issuerKey) return same;
		const key = canonicalJSON(cert);
		const known = trusted.get(key);
		if (known && known.issuerKey === issuerKey) {
			seen.set(cert, known);
			return known;
		}
		// The shared check with nothing revoked and the epoch as "now": only the server signature can fail it.
		const verdict = await checkCertificate(cert, { serverKeys: ctx.serverKeys, revoked: new Set(), now: new Date(0) });
		const raw = fromBase64Url(cert.publicKey);
		if (!verdict.ok || !raw || raw.length !== 32) return null;
		try {
			ed25519KeyObject(raw); // imported now (and kept): a malformed key is not trusted
		} catch {
			return null;
		}
		if (trusted.size >= TRUSTED_MAX) trusted.clear();
		const entry = { issuerKey, deviceKey: raw };
		trusted.set(key, entry);
		seen.set(cert, entry);
		return entry;
	}

	return async function accepts(
		doc: Record<string, unknown>,
		cert: DeviceCertificate | null,
		ctx: CertificateContext
	): Promise<true | null> {
		const signature = doc.signature as Partial<DocSignature> | undefined;
		if (!cert || typeof signature?.sig !== 'string' || cert.author !== doc.author) return null;
		if (ctx.revoked.has(cert._id) || !(Date.parse(cert.expiresAt) > ctx.now.getTime())) return null;
		const sig = fromBase64Url(signature.sig);
		if (!sig || sig.length !== 64) return null;
		const entry = await trust(cert, ctx);
		if (!entry) return null;
		const ok = workers ? await workers.check(doc, entry.deviceKey, sig) : await checkHere(doc, entry.deviceKey, sig);
		return ok ? true : null;
	};
}

/** A stored or carried object that is a well-formed device certificate, or null. */
export function asCertificate(doc: unknown): DeviceCertificate | null {
	// the schema validateCommunityDoc applies to `device` documents, whose output is typed as one
	const checked = v.safeParse(deviceSchema, doc);
	return checked.success ? checked.output : null;
}

export function createSignatureVerifier(deps: VerifierDeps): SignatureVerifier {
	const clock = deps.clock ?? (() => new Date());
	const db = () => deps.storage.db(COMMUNITY_DB);
	const revokedIds = new Set<string>();
	const certCache = new Map<string, DeviceCertificate>();
	let checkedAt = -Infinity;
	let refreshing: Promise<void> | null = null;
	const fastPath = createFastPath(deps.workers ?? false);

	// The revocation ids are re-read as one range (there are few), not from the changes feed: while
	// members push, that feed holds every document written since the last refresh, and reading it
	// cost ~110 ms a second on the push bench, in front of every batch's signature checks.
	async function refresh(): Promise<void> {
		const res = await db().allDocs(idRange('revocation'));
		for (const row of res.rows) revokedIds.add(revokedDeviceOf(row.id));
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

	async function verifyServerSignature(
		doc: Record<string, unknown>,
		kid: string,
		sig: string
	): Promise<SignatureVerdict> {
		const key = (await deps.serverKeys()).get(kid);
		if (!key) return { ok: false, reason: `the document is signed by an unknown server key ${kid}` };
		const sigBytes = fromBase64Url(sig);
		const ok =
			sigBytes !== null &&
			sigBytes.length === 64 &&
			(await crypto.subtle.verify(SIGNED_ALGORITHM, key, sigBytes, canonicalBytes(doc)));
		return ok
			? { ok: true, signer: { kind: 'server', kid } }
			: { ok: false, reason: 'the server signature does not match the document (altered after signing?)' };
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
			// The fast path answers only "valid" for the author's own device; anything else (a refusal,
			// a moderator's signature on another's document) gets the shared rule's verdict and reason.
			const fast = device === null ? null : await fastPath(doc, await findCertificate(device, batchDocs), ctx);
			if (fast) return { ok: true, signer: { kind: 'member', name: String(doc.author), device: String(device) } };
			const verdict = await verifyDocSignature(doc, (id) => findCertificate(id, batchDocs), ctx, authorityFor(pusher));
			if (!verdict.ok) return verdict;
			return { ok: true, signer: { kind: 'member', name: verdict.signer, device: verdict.device } };
		}
	};
}

/** A verifier's rolesOf from a user store (null for a name it does not hold). */
export function rolesFromUsers(users: MemberRoles): (name: string) => Promise<readonly Role[] | null> {
	return async (name) => (await users.get(name))?.roles ?? null;
}

/**
 * Who a relayed document is authorized as: its signing member, with the roles this server
 * knows for them (never the relaying hub's); `refused` when the server knows no such member, or
 * the member is suspended at `now`. Server-signed documents are not relayed (the server wrote them; it already has them).
 */
export async function actorForSigner(
	signer: Signer,
	users: MemberRoles,
	now: Date = new Date()
): Promise<SessionUser | { refused: string }> {
	if (signer.kind === 'server') return { refused: 'documents the server signed are not relayed' };
	const record = await users.get(signer.name);
	if (!record) return { refused: `no member named ${signer.name} on this server` };
	// relayed by a hub or another member, a suspended member's writes are refused as their own are
	const suspended = suspensionAt(record, now);
	if (suspended) return { refused: suspendedSignerReason(record.name, suspended) };
	return { name: record.name, roles: record.roles };
}

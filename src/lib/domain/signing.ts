// Verified authorship: canonical form of a document, Ed25519 signatures made on the device
// (WebCrypto, the same code in the browser and on Node), and device certificates issued by
// the server. Pure apart from WebCrypto; shared by the server, hubs and devices.
import { authorizeCommunityWrite, authorizeRelated, isDocFacts, relatedIdOf, type DocFacts } from './permissions';
import type { Role } from './schemas';

export const SIGNED_ALGORITHM = { name: 'Ed25519' } as const;

/** Fields that are not content: revisions, replication metadata and the signature itself. */
const UNSIGNED_FIELDS = new Set([
	'_rev',
	'_revisions',
	'_conflicts',
	'_deleted_conflicts',
	'_local_seq',
	'_attachments',
	'signature'
]);

export interface DocSignature {
	/** The `_id` of the device certificate whose key made the signature. */
	device: string;
	/** base64url Ed25519 signature over canonicalBytes(doc) (which covers `parent`). */
	sig: string;
	/**
	 * The revision this one edits (`null` for a document's first revision). Signed with the
	 * content, so a signed body belongs to one place in the revision tree; absent on signatures
	 * made before revisions were bound, which are no longer accepted for new revisions.
	 */
	parent?: string | null;
}

/** A device's key, certified by the server for one member (`_id` = `device:{ulid}`). */
// a type, not an interface: it is then a Record<string, unknown> for canonicalBytes
export type DeviceCertificate = {
	_id: string;
	type: 'device';
	/** The member the key belongs to. */
	author: string;
	createdAt: string;
	/** base64url of the raw 32-byte Ed25519 public key. */
	publicKey: string;
	expiresAt: string;
	/** Key id of the server key that signed the certificate. */
	issuer: string;
	/**
	 * base64url of the device's raw ECDH P-256 public key, which messages sealed for this device
	 * are encrypted to (domain/sealed.ts); absent on certificates issued before it existed.
	 */
	boxKey?: string;
	/** base64url server signature over canonicalBytes(certificate without certSig). */
	certSig: string;
};

/**
 * Deterministic JSON: object keys sorted by UTF-16 code units, no whitespace, `undefined`
 * members dropped (as JSON.stringify does), numbers as JSON.stringify writes them (the
 * ECMAScript form RFC 8785 uses). Throws on values JSON cannot carry.
 */
export function canonicalJSON(value: unknown): string {
	if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw new TypeError('canonical JSON cannot carry NaN or Infinity');
		return JSON.stringify(value);
	}
	if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJSON(v))).join(',')}]`;
	if (typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>)
			.filter(([, v]) => v !== undefined)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJSON(v)}`).join(',')}}`;
	}
	throw new TypeError(`canonical JSON cannot carry a ${typeof value}`);
}

/**
 * Where a signature's `parent` enters the signed bytes. Content can never carry it: a field
 * starting with `_` that PouchDB and CouchDB do not know is refused by both.
 */
const PARENT_FIELD = '_parent';

/** The `parent` a document's signature binds it to; undefined for an unbound (older) signature. */
export function signedParent(doc: Record<string, unknown>): string | null | undefined {
	const signature = doc.signature;
	if (typeof signature !== 'object' || signature === null || !Object.hasOwn(signature, 'parent')) return undefined;
	const parent = (signature as { parent?: unknown }).parent;
	return typeof parent === 'string' || parent === null ? parent : undefined;
}

/**
 * The bytes a signature covers: the document's content without revision metadata or signature,
 * plus, for a document signature, the parent revision it names (see DocSignature.parent).
 */
export function canonicalBytes(
	doc: Record<string, unknown>,
	omit: ReadonlySet<string> = UNSIGNED_FIELDS
): Uint8Array<ArrayBuffer> {
	const content: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(doc)) if (!omit.has(k)) content[k] = v;
	if (omit === UNSIGNED_FIELDS) {
		const parent = signedParent(doc);
		if (parent !== undefined) content[PARENT_FIELD] = parent;
	}
	return new TextEncoder().encode(canonicalJSON(content));
}

export function toBase64Url(bytes: ArrayBuffer | Uint8Array): string {
	const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
	let s = '';
	for (const b of u8) s += String.fromCharCode(b);
	return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
	if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
	const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
	try {
		const s = atob(b64);
		const out = new Uint8Array(s.length);
		for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
		return out;
	} catch {
		return null;
	}
}

export async function generateDeviceKeys(): Promise<CryptoKeyPair> {
	return (await crypto.subtle.generateKey(SIGNED_ALGORITHM, false, ['sign', 'verify'])) as CryptoKeyPair;
}

export async function exportPublicKey(key: CryptoKey): Promise<string> {
	return toBase64Url(await crypto.subtle.exportKey('raw', key));
}

export async function importPublicKey(raw: string): Promise<CryptoKey | null> {
	const bytes = fromBase64Url(raw);
	if (!bytes || bytes.length !== 32) return null;
	try {
		return await crypto.subtle.importKey('raw', bytes, SIGNED_ALGORITHM, true, ['verify']);
	} catch {
		return null;
	}
}

/**
 * Returns the document with `signature` set by the device key, bound to `parent`: the revision
 * the write edits (by default the document's `_rev`; null for a first revision).
 */
export async function signDoc<T extends Record<string, unknown>>(
	doc: T,
	device: string,
	privateKey: CryptoKey,
	parent: string | null = typeof doc._rev === 'string' ? doc._rev : null
): Promise<T & { signature: DocSignature }> {
	const unsigned: Record<string, unknown> = { ...doc, signature: { parent } };
	const sig = await crypto.subtle.sign(SIGNED_ALGORITHM, privateKey, canonicalBytes(unsigned));
	return { ...doc, signature: { device, sig: toBase64Url(sig), parent } };
}

/** A revision's history as PouchDB and CouchDB carry it (`_revisions`), newest first. */
export interface RevisionHistory {
	start: number;
	ids: string[];
}

/**
 * The revision id a signed body is stored under: `{depth}-{first 32 hex digits of SHA-256 of
 * the signature}`. One signature, one revision: sent again, a signed body can only land on the
 * revision it already is, which a store that has it ignores.
 */
export async function revisionHash(sig: string): Promise<string> {
	const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(sig)));
	let hex = '';
	for (const b of digest.subarray(0, 16)) hex += b.toString(16).padStart(2, '0');
	return hex;
}

/**
 * `doc` (signed, bound to the parent whose history is `parentHistory`, or to none) with the
 * `_rev` and `_revisions` its signature fixes; stored with `new_edits: false`.
 */
export async function withSignedRevision<T extends Record<string, unknown>>(
	doc: T,
	parentHistory: RevisionHistory | null
): Promise<T & { _rev: string; _revisions: RevisionHistory }> {
	const sig = (doc.signature as Partial<DocSignature> | undefined)?.sig;
	if (typeof sig !== 'string') throw new TypeError('only a signed document has a signed revision');
	const hash = await revisionHash(sig);
	const start = parentHistory ? parentHistory.start + 1 : 1;
	const ids = parentHistory ? [hash, ...parentHistory.ids] : [hash];
	return { ...doc, _rev: `${start}-${hash}`, _revisions: { start, ids } };
}

function historyOf(doc: Record<string, unknown>): RevisionHistory | null {
	const h = doc._revisions as Partial<RevisionHistory> | undefined;
	if (typeof h !== 'object' || h === null || !Number.isSafeInteger(h.start) || (h.start as number) < 1) return null;
	if (!Array.isArray(h.ids) || h.ids.length === 0 || !h.ids.every((id) => typeof id === 'string')) return null;
	return { start: h.start as number, ids: h.ids };
}

/**
 * Is this pushed revision (`new_edits: false`, with `_revisions`) the one its signature names?
 * Its id must be the signature's digest and its parent the signed `parent`. This is what stops
 * an earlier signed revision from being sent again over a later one, as a child of the current
 * revision or as a new branch (which would bring a deleted document back).
 */
export async function checkSignedRevision(doc: Record<string, unknown>): Promise<Verdict> {
	const parent = signedParent(doc);
	if (parent === undefined) {
		return {
			ok: false,
			reason:
				'the signature does not name the revision it edits (made by an earlier version of Praxis: the author’s device signs it again when it next syncs)'
		};
	}
	const history = historyOf(doc);
	if (!history || doc._rev !== `${history.start}-${history.ids[0]}`)
		return { ok: false, reason: 'a signed revision needs its revision history (_revisions)' };
	const sig = (doc.signature as { sig?: unknown }).sig;
	if (typeof sig !== 'string' || history.ids[0] !== (await revisionHash(sig))) {
		return {
			ok: false,
			reason: 'the revision id does not match its signature (a signed revision sent again under another id?)'
		};
	}
	const actualParent =
		history.start === 1 ? null : history.ids.length > 1 ? `${history.start - 1}-${history.ids[1]}` : undefined;
	if (actualParent !== parent) {
		return {
			ok: false,
			reason: 'the signature was made for another place in the document’s history (an earlier revision sent again?)'
		};
	}
	return { ok: true };
}

async function verifyBytes(publicKey: CryptoKey, sig: string, bytes: Uint8Array<ArrayBuffer>): Promise<boolean> {
	const sigBytes = fromBase64Url(sig);
	if (!sigBytes || sigBytes.length !== 64) return false;
	try {
		return await crypto.subtle.verify(SIGNED_ALGORITHM, publicKey, sigBytes, bytes);
	} catch {
		return false;
	}
}

export type Verdict = { ok: true } | { ok: false; reason: string };

export interface CertificateContext {
	/** Server public keys by key id (the upstream's, as a hub last saw them). */
	serverKeys: ReadonlyMap<string, CryptoKey>;
	/** Ids of revoked device certificates. */
	revoked: ReadonlySet<string>;
	now: Date;
	/**
	 * Checks already made in this batch (newVerifyMemo): a certificate's server signature over the
	 * same bytes, a device key already imported. Revocation and expiry are still checked each time.
	 */
	memo?: VerifyMemo;
}

export interface VerifyMemo {
	/** issuer, certSig and the certificate's canonical bytes → whether the server signature holds. */
	readonly certs: Map<string, Promise<boolean>>;
	/** Raw public key → imported key (null: malformed). */
	readonly keys: Map<string, Promise<CryptoKey | null>>;
}

/** A memo for one batch of verifications (not kept longer: revocations and keys may change). */
export function newVerifyMemo(): VerifyMemo {
	return { certs: new Map(), keys: new Map() };
}

function memoized<T>(map: Map<string, Promise<T>>, key: string, run: () => Promise<T>): Promise<T> {
	let pending = map.get(key);
	if (!pending) {
		pending = run();
		map.set(key, pending);
	}
	return pending;
}

const CERT_OMIT = new Set([...UNSIGNED_FIELDS, 'certSig']);

/** The server signs a certificate with its own key. */
export async function signCertificate(
	cert: Omit<DeviceCertificate, 'certSig'>,
	serverKey: CryptoKey
): Promise<DeviceCertificate> {
	const sig = await crypto.subtle.sign(
		SIGNED_ALGORITHM,
		serverKey,
		canonicalBytes(cert as Record<string, unknown>, CERT_OMIT)
	);
	return { ...cert, certSig: toBase64Url(sig) };
}

/** Is this a certificate the server issued, still valid, not revoked? */
export async function checkCertificate(cert: DeviceCertificate, ctx: CertificateContext): Promise<Verdict> {
	if (ctx.revoked.has(cert._id)) return { ok: false, reason: `device certificate ${cert._id} was revoked` };
	if (!(Date.parse(cert.expiresAt) > ctx.now.getTime()))
		return { ok: false, reason: `device certificate ${cert._id} expired` };
	const key = ctx.serverKeys.get(cert.issuer);
	if (!key) return { ok: false, reason: `device certificate ${cert._id} has an unknown issuer` };
	const bytes = canonicalBytes(cert, CERT_OMIT);
	const check = () => verifyBytes(key, cert.certSig, bytes);
	const ok = await (ctx.memo
		? memoized(ctx.memo.certs, `${cert.issuer}\n${cert.certSig}\n${new TextDecoder().decode(bytes)}`, check)
		: check());
	return ok ? { ok: true } : { ok: false, reason: `device certificate ${cert._id} has a bad server signature` };
}

/**
 * What a verifier knows to judge a document signed by another member than its author (a
 * moderator editing a member's post, a reviewer publishing a resource): the roles it knows for
 * a member (the server: its accounts; a hub: the upstream's, from its last contact), and the
 * current revisions the write is judged against.
 */
export interface SignerAuthority {
	/** The roles of member `name` as this side knows them; null when it knows no such member. */
	rolesOf(name: string): Promise<readonly Role[] | null>;
	/** The current (winning, not deleted) revision of a document, or null. */
	current(id: string): Promise<DocFacts | null>;
}

/** A verified signature names the member whose device made it: callers authorize as them. */
export type SignedVerdict = { ok: true; signer: string; device: string } | { ok: false; reason: string };

const NOT_AUTHOR = 'the signing device does not belong to the author';

/**
 * A signature by another member than the author is valid when the shared permissions let that
 * member make this write as themselves, with the roles the verifier knows for them.
 */
export async function authorizeSigner(
	signer: string,
	doc: Record<string, unknown>,
	authority: SignerAuthority | undefined
): Promise<Verdict> {
	if (!authority) return { ok: false, reason: NOT_AUTHOR };
	const roles = await authority.rolesOf(signer);
	if (!roles) return { ok: false, reason: `${NOT_AUTHOR}, and no member named ${signer} is known here` };
	const actor = { name: signer, roles };
	if (!isDocFacts(doc)) return { ok: false, reason: `${NOT_AUTHOR}, and the document has no _id` };
	const facts = doc;
	let decision = authorizeCommunityWrite(actor, facts, await authority.current(String(doc._id)));
	const related = decision.ok ? relatedIdOf(facts) : null;
	if (related) decision = authorizeRelated(actor, facts, await authority.current(related));
	return decision.ok
		? { ok: true }
		: { ok: false, reason: `${NOT_AUTHOR}, and ${signer} may not make this change: ${decision.reason}` };
}

/**
 * Verifies that `doc` was signed by a certified device of its author, or of a member the shared
 * permissions allow to make this write (see authorizeSigner; without `authority`, only the
 * author's devices count). `findCertificate` looks the certificate up (local database, or one
 * carried in the same batch or bundle).
 */
export async function verifyDocSignature(
	doc: Record<string, unknown>,
	findCertificate: (id: string) => Promise<DeviceCertificate | null>,
	ctx: CertificateContext,
	authority?: SignerAuthority
): Promise<SignedVerdict> {
	const signature = doc.signature as Partial<DocSignature> | undefined;
	if (!signature || typeof signature.device !== 'string' || typeof signature.sig !== 'string') {
		return { ok: false, reason: 'the document is not signed' };
	}
	const cert = await findCertificate(signature.device);
	if (!cert) return { ok: false, reason: `unknown device certificate ${signature.device}` };
	// without a way to authorize another signer, refuse before any cryptography
	if (cert.author !== doc.author && !authority) return { ok: false, reason: NOT_AUTHOR };
	const certVerdict = await checkCertificate(cert, ctx);
	if (!certVerdict.ok) return certVerdict;
	const key = await (ctx.memo
		? memoized(ctx.memo.keys, cert.publicKey, () => importPublicKey(cert.publicKey))
		: importPublicKey(cert.publicKey));
	if (!key) return { ok: false, reason: `device certificate ${cert._id} has a malformed key` };
	if (!(await verifyBytes(key, signature.sig, canonicalBytes(doc)))) {
		return { ok: false, reason: 'the signature does not match the document (altered after signing?)' };
	}
	if (cert.author !== doc.author) {
		const allowed = await authorizeSigner(cert.author, doc, authority);
		if (!allowed.ok) return allowed;
	}
	return { ok: true, signer: cert.author, device: cert._id };
}

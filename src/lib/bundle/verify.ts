// Verifying a parsed bundle (format.ts) with the shared signing code, before anything is applied:
// the header must be signed by a certified device of the bundle's author (or by the server), and
// each document by a certified device of its own author, or of a member allowed to make that write
// with the roles the importing side knows (BundleTrust.authority), or by the server. A header may also
// be signed by an enrolled meetup hub (`hub:{name}`) with the key the central server published for
// it; that key vouches for the file only, never for a document in it, so a hub cannot pass off a
// certificate or a revocation as the server's. A bad header refuses the bundle whole; a document
// that fails is left out and reported with its reason.
import { validateCommunityDoc } from '../domain/validate';
import {
	canonicalBytes,
	checkCertificate,
	fromBase64Url,
	newVerifyMemo,
	SIGNED_ALGORITHM,
	checkSignedRevision,
	verifyDocSignature,
	type CertificateContext,
	type DeviceCertificate,
	type DocSignature,
	type SignerAuthority,
	type Verdict
} from '../domain/signing';
import { hubSignerOf, type BundleDoc, type BundleHeader } from './format';

/** The `device` of a server signature (server/devices/server-key.ts SERVER_SIGNER_PREFIX). */
const SERVER_SIGNER_PREFIX = 'server:';

export interface BundleTrust {
	/** The central server's public keys by kid (fetched while online, or the hub's cache). */
	serverKeys: ReadonlyMap<string, CryptoKey>;
	/** Revoked certificate ids known here (revocations carried in the bundle are added). */
	revoked: ReadonlySet<string>;
	now: Date;
	/** A certificate stored on this side (the local community database). */
	findCertificate(id: string): Promise<DeviceCertificate | null>;
	/**
	 * Roles and current documents to judge a document signed by another member than its author
	 * (a moderator's edit); without it, only the author's own devices sign validly.
	 */
	authority?: SignerAuthority;
	/**
	 * Enrolled meetup hubs' public keys by hub name, as the central server published them
	 * (`GET /api/auth/keys` `hubs`): good for a bundle header signed `hub:{name}`, nothing else.
	 */
	hubKeys?: ReadonlyMap<string, CryptoKey>;
}

export type VerifiedBundle =
	| { ok: true; header: BundleHeader; accepted: BundleDoc[]; skipped: Array<{ id: string; reason: string }> }
	| { ok: false; reason: string };

/** A live device document that passes the shared device schema is a certificate as stored. */
function isCertificate(doc: BundleDoc): doc is BundleDoc & DeviceCertificate {
	return doc.type === 'device' && doc._deleted !== true && validateCommunityDoc(doc).ok;
}

function asCertificate(doc: BundleDoc): DeviceCertificate | null {
	return isCertificate(doc) ? doc : null;
}

/** Whether `sig` is a valid Ed25519 signature by `key` over the document's canonical form. */
async function signedBy(doc: Record<string, unknown>, key: CryptoKey, sig: string): Promise<boolean> {
	const bytes = fromBase64Url(sig);
	return (
		bytes !== null &&
		bytes.length === 64 &&
		(await crypto.subtle.verify(SIGNED_ALGORITHM, key, bytes, canonicalBytes(doc)))
	);
}

async function verifyServerSigned(
	doc: Record<string, unknown>,
	serverKeys: ReadonlyMap<string, CryptoKey>
): Promise<Verdict> {
	const sig = doc.signature as Partial<DocSignature> | undefined;
	const key =
		typeof sig?.device === 'string' ? serverKeys.get(sig.device.slice(SERVER_SIGNER_PREFIX.length)) : undefined;
	if (!key || typeof sig?.sig !== 'string')
		return { ok: false, reason: `signed by an unknown server key ${String(sig?.device)}` };
	return (await signedBy(doc, key, sig.sig))
		? { ok: true }
		: { ok: false, reason: 'the server signature does not match (altered after signing?)' };
}

/** A header signed by a meetup hub, with the key the central server published for that name. */
async function verifyHubSigned(
	header: BundleHeader,
	hub: string,
	hubKeys: ReadonlyMap<string, CryptoKey> | undefined
): Promise<Verdict> {
	const key = hubKeys?.get(hub);
	if (!key)
		return {
			ok: false,
			reason: `signed by the meetup hub ${hub}, which the central server does not list (or no longer does)`
		};
	return (await signedBy(header, key, header.signature.sig))
		? { ok: true }
		: { ok: false, reason: `the meetup hub ${hub}'s signature does not match (altered after signing?)` };
}

const isServerSigned = (doc: Record<string, unknown>): boolean =>
	String((doc.signature as Partial<DocSignature> | undefined)?.device ?? '').startsWith(SERVER_SIGNER_PREFIX);

type BatchTrust = {
	find: (id: string) => Promise<DeviceCertificate | null>;
	ctx: CertificateContext;
	authority?: SignerAuthority;
};

/** Certificates and server-signed revocations carried in the same batch count, besides the local ones. */
async function batchTrust(docs: readonly BundleDoc[], trust: BundleTrust): Promise<BatchTrust> {
	const carried = new Map<string, DeviceCertificate>();
	const revoked = new Set(trust.revoked);
	for (const doc of docs) {
		const cert = asCertificate(doc);
		if (cert) carried.set(cert._id, cert);
		if (
			doc.type === 'revocation' &&
			typeof doc.device === 'string' &&
			(await verifyServerSigned(doc, trust.serverKeys)).ok
		)
			revoked.add(doc.device);
	}
	const find = async (id: string) => carried.get(id) ?? (await trust.findCertificate(id));
	// one memo per batch: a member's many documents share their device's certificate check
	return {
		find,
		ctx: { serverKeys: trust.serverKeys, revoked, now: trust.now, memo: newVerifyMemo() },
		authority: trust.authority
	};
}

async function verifyEach(docs: readonly BundleDoc[], { find, ctx, authority }: BatchTrust): Promise<RelayedDocs> {
	const accepted: BundleDoc[] = [];
	const skipped: Array<{ id: string; reason: string }> = [];
	for (const doc of docs) {
		const verdict = await verifyOne(doc, find, ctx, ctx.serverKeys, authority);
		if (verdict.ok) accepted.push(doc);
		else skipped.push({ id: doc._id, reason: verdict.reason });
	}
	return { accepted, skipped };
}

export async function verifyBundle(
	header: BundleHeader,
	docs: readonly BundleDoc[],
	trust: BundleTrust
): Promise<VerifiedBundle> {
	const batch = await batchTrust(docs, trust);
	const headerDoc: Record<string, unknown> = header;
	const hub = hubSignerOf(header);
	const headerVerdict =
		hub !== null
			? await verifyHubSigned(header, hub, trust.hubKeys)
			: isServerSigned(headerDoc)
				? await verifyServerSigned(headerDoc, trust.serverKeys)
				: await verifyDocSignature(headerDoc, batch.find, batch.ctx);
	if (!headerVerdict.ok) return { ok: false, reason: `The bundle’s own signature fails: ${headerVerdict.reason}.` };
	return { ok: true, header, ...(await verifyEach(docs, batch)) };
}

export type RelayedDocs = { accepted: BundleDoc[]; skipped: Array<{ id: string; reason: string }> };

/**
 * Documents passed on by a relay this device does not trust (a meetup hub, sync/hub-verify.ts):
 * each is checked exactly as a bundle's documents are, with no header to check.
 */
export async function verifyRelayedDocs(docs: readonly BundleDoc[], trust: BundleTrust): Promise<RelayedDocs> {
	return verifyEach(docs, await batchTrust(docs, trust));
}

async function verifyOne(
	doc: BundleDoc,
	find: (id: string) => Promise<DeviceCertificate | null>,
	ctx: CertificateContext,
	serverKeys: ReadonlyMap<string, CryptoKey>,
	authority: SignerAuthority | undefined
): Promise<Verdict> {
	if (typeof doc._rev !== 'string') return { ok: false, reason: 'a bundled document needs its _rev' };
	if (doc._deleted !== true) {
		const checked = validateCommunityDoc(doc);
		if (!checked.ok) return checked;
	}
	const cert = asCertificate(doc);
	// a certificate is genuine when the server signed it (revoked or expired ones are still facts)
	if (cert) return checkCertificate(cert, { serverKeys, revoked: new Set(), now: new Date(0) });
	const signed = isServerSigned(doc)
		? await verifyServerSigned(doc, serverKeys)
		: await verifyDocSignature(doc, find, ctx, authority);
	if (!signed.ok) return signed;
	// and the revision must be the one its signature names, as the server requires (domain/signing.ts)
	const placed = await checkSignedRevision(doc);
	return placed.ok ? signed : placed;
}

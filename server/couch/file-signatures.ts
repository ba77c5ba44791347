// Verified authorship for library files: with signatures required, a `file:{ulid}`
// document pushed to `library-files` (and its deletion) must be signed by a certified device of
// the pushing member, and its `sha256` (which the signature covers, unlike `_attachments`) must
// be the digest of the attachment's bytes: inline in the push, or those stored for a stub.
import { FILE_ATTACHMENT, fileSha256 } from '../../src/lib/domain/files';
import type { SessionUser } from '../auth/types';
import type { SignatureVerifier } from '../devices/verify';
import type { RawDoc } from './doc-shape';

/** The refusal reason for a file document, or null when its signature and content check out. */
export async function fileSignatureRefusal(
	db: PouchDB.Database,
	actor: SessionUser,
	verifier: Pick<SignatureVerifier, 'verify'>,
	doc: RawDoc
): Promise<string | null> {
	const verdict = await verifier.verify(doc, [], actor);
	if (!verdict.ok) return verdict.reason;
	if (verdict.signer.kind !== 'member' || verdict.signer.name !== actor.name)
		return 'a file is signed by the device of the member who uploads it';
	if (doc._deleted === true) return null;
	if (typeof doc.sha256 !== 'string') return 'a signed file needs its sha256, so the signature covers its content';
	const bytes = await attachmentBytes(db, doc);
	if (!bytes) return 'the file content is neither in this push nor on the server';
	return (await fileSha256(bytes)) === doc.sha256
		? null
		: 'the file content does not match its signed sha256 (altered after signing?)';
}

async function attachmentBytes(db: PouchDB.Database, doc: RawDoc): Promise<Uint8Array<ArrayBuffer> | null> {
	const att = (doc._attachments as Record<string, { data?: unknown; stub?: unknown }> | undefined)?.[FILE_ATTACHMENT];
	if (!att) return null;
	if (typeof att.data === 'string') return new Uint8Array(Buffer.from(att.data, 'base64'));
	// a stub: the bytes stored with the revision it extends (or the current one)
	for (const options of typeof doc._rev === 'string' ? [{ rev: doc._rev }, {}] : [{}]) {
		try {
			const data = (await db.getAttachment(doc._id, FILE_ATTACHMENT, options)) as Buffer;
			return new Uint8Array(data);
		} catch {
			// not stored at that revision: try the next
		}
	}
	return null;
}

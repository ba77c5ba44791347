// Library attachments: `file:{ulid}` documents in the separate `library-files` database (not
// replicated to devices by default), each carrying ONE attachment named `file`. Shared by the
// server (validation and authorization of writes to that database) and the client (upload).
// Verified authorship (issue 7): a signature never covers `_attachments`, so a file document
// carries `sha256`, the digest of its attachment's bytes, which the signature covers; the server
// checks the bytes it receives against it.
import * as v from 'valibot';
import { toBase64Url } from './signing';
import { ULID_PATTERN, USERNAME_PATTERN } from './ids';
import type { Actor, Decision } from './permissions';
import { isModerator } from './permissions';
import { describeIssues } from './validate';

export const FILES_DB = 'library-files';
export const FILE_ATTACHMENT = 'file';
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** PDF, office documents (Microsoft and OpenDocument), plain text/CSV, and common images. */
export const FILE_TYPES: ReadonlySet<string> = new Set([
	'application/pdf',
	'application/msword',
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	'application/vnd.ms-excel',
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	'application/vnd.ms-powerpoint',
	'application/vnd.openxmlformats-officedocument.presentationml.presentation',
	'application/vnd.oasis.opendocument.text',
	'application/vnd.oasis.opendocument.spreadsheet',
	'application/vnd.oasis.opendocument.presentation',
	'text/plain',
	'text/csv',
	'image/png',
	'image/jpeg',
	'image/gif',
	'image/webp',
	'image/svg+xml'
]);

export const fileDocSchema = v.looseObject({
	_id: v.pipe(v.string(), v.check((id) => id.startsWith('file:') && ULID_PATTERN.test(id.slice(5)), 'must be file:{ulid}')),
	type: v.literal('file'),
	author: v.pipe(v.string(), v.regex(USERNAME_PATTERN, 'must be a username')),
	createdAt: v.pipe(v.string(), v.isoTimestamp('must be an ISO 8601 timestamp')),
	name: v.pipe(v.string(), v.minLength(1, 'a file needs a name'), v.maxLength(200)),
	contentType: v.pipe(v.string(), v.check((t) => FILE_TYPES.has(t), 'files are PDF, office documents, text/CSV or images')),
	size: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_FILE_BYTES, `files are at most ${MAX_FILE_BYTES} bytes (20 MiB)`)),
	/** base64url SHA-256 of the attachment's bytes (fileSha256); required once signatures are. */
	sha256: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{43}$/, 'must be the base64url SHA-256 of the file')))
});

export type FileDoc = v.InferOutput<typeof fileDocSchema>;

/** Validates a (non-deleted) file document and its single attachment. */
export function validateFileDoc(doc: unknown): { ok: true } | { ok: false; reason: string } {
	const result = v.safeParse(fileDocSchema, doc);
	if (!result.success) return { ok: false, reason: `invalid file: ${describeIssues(result.issues)}` };
	const atts = (doc as { _attachments?: unknown })._attachments;
	if (typeof atts !== 'object' || atts === null) return { ok: false, reason: 'a file document carries its file as an attachment' };
	const names = Object.keys(atts);
	if (names.length !== 1 || names[0] !== FILE_ATTACHMENT) return { ok: false, reason: `a file document has exactly one attachment, named "${FILE_ATTACHMENT}"` };
	const att = (atts as Record<string, { content_type?: unknown }>)[FILE_ATTACHMENT];
	if (att.content_type !== undefined && att.content_type !== result.output.contentType) return { ok: false, reason: 'the attachment type must match contentType' };
	return { ok: true };
}

/** The `sha256` field of a file document: base64url of the SHA-256 of the attachment's bytes. */
export async function fileSha256(bytes: ArrayBuffer | Uint8Array<ArrayBuffer>): Promise<string> {
	return toBase64Url(await crypto.subtle.digest('SHA-256', bytes));
}

/** Members add their own files; only the author (or a moderator) changes or deletes one. */
export function authorizeFileWrite(actor: Actor, next: { author?: unknown; _deleted?: boolean }, prev: { author?: unknown } | null): Decision {
	if (!prev) {
		if (next._deleted) return { ok: true };
		return next.author === actor.name ? { ok: true } : { ok: false, reason: `author must be the signed-in member (${actor.name})` };
	}
	if (prev.author !== actor.name && !isModerator(actor)) return { ok: false, reason: 'only the author or a moderator may change or delete this file' };
	if (!next._deleted && next.author !== prev.author) return { ok: false, reason: 'the author of a document cannot change' };
	return { ok: true };
}

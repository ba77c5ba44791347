// Library attachments: `file:{ulid}` documents in the separate `library-files` database (not
// replicated to devices by default), each carrying ONE attachment named `file`. Shared by the
// server (validation and authorization of writes to that database) and the client (upload).
// Verified authorship: a signature never covers `_attachments`, so a file document
// carries `sha256`, the digest of its attachment's bytes, which the signature covers; the server
// checks the bytes it receives against it.
import * as v from 'valibot';
import { toBase64Url } from './signing';
import { idKey, isIdOf, ULID_PATTERN, USERNAME_PATTERN } from './ids';
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
	_id: v.pipe(
		v.string(),
		v.check((id) => isIdOf('file', id) && ULID_PATTERN.test(idKey('file', id)), 'must be file:{ulid}')
	),
	type: v.literal('file'),
	author: v.pipe(v.string(), v.regex(USERNAME_PATTERN, 'must be a username')),
	createdAt: v.pipe(v.string(), v.isoTimestamp('must be an ISO 8601 timestamp')),
	name: v.pipe(v.string(), v.minLength(1, 'a file needs a name'), v.maxLength(200)),
	contentType: v.pipe(
		v.string(),
		v.check((t) => FILE_TYPES.has(t), 'files are PDF, office documents, text/CSV or images')
	),
	size: v.pipe(
		v.number(),
		v.integer(),
		v.minValue(0),
		v.maxValue(MAX_FILE_BYTES, `files are at most ${MAX_FILE_BYTES} bytes (20 MiB)`)
	),
	/** base64url SHA-256 of the attachment's bytes (fileSha256); required once signatures are. */
	sha256: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{43}$/, 'must be the base64url SHA-256 of the file')))
});

export type FileDoc = v.InferOutput<typeof fileDocSchema>;

/** Validates a (non-deleted) file document and its single attachment. */
export function validateFileDoc(doc: unknown): { ok: true } | { ok: false; reason: string } {
	const result = v.safeParse(fileDocSchema, doc);
	if (!result.success) return { ok: false, reason: `invalid file: ${describeIssues(result.issues)}` };
	const atts = (doc as { _attachments?: unknown })._attachments;
	if (typeof atts !== 'object' || atts === null)
		return { ok: false, reason: 'a file document carries its file as an attachment' };
	const names = Object.keys(atts);
	if (names.length !== 1 || names[0] !== FILE_ATTACHMENT)
		return { ok: false, reason: `a file document has exactly one attachment, named "${FILE_ATTACHMENT}"` };
	const att = (atts as Record<string, { content_type?: unknown; data?: unknown }>)[FILE_ATTACHMENT];
	if (att.content_type !== undefined && att.content_type !== result.output.contentType)
		return { ok: false, reason: 'the attachment type must match contentType' };
	// bytes sent inline are checked against the declared type (a stub's were, when first sent)
	if (typeof att.data === 'string' && !contentAgrees(result.output.contentType, headBytes(att.data))) {
		return { ok: false, reason: `the file's content is not ${result.output.contentType} (its bytes say otherwise)` };
	}
	return { ok: true };
}

/** How many leading bytes contentAgrees looks at. */
const SNIFF_BYTES = 512;

function headBytes(base64: string): Uint8Array {
	const chunk = base64.slice(0, Math.ceil(SNIFF_BYTES / 3) * 4);
	try {
		return Uint8Array.from(atob(chunk), (c) => c.charCodeAt(0));
	} catch {
		return new Uint8Array();
	}
}

const startsWith = (bytes: Uint8Array, ...prefix: number[]) => prefix.every((b, i) => bytes[i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));
const ZIP = ascii('PK\x03\x04');
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * Whether a file's first bytes fit its declared type: the magic numbers of PDF, images, zip-based
 * (OOXML, OpenDocument) and older Office files; text and SVG must be text (no NUL bytes), and
 * only SVG may look like markup, so an HTML page cannot pass as a PDF, an image or plain text.
 */
export function contentAgrees(contentType: string, head: Uint8Array): boolean {
	const text = () => !head.includes(0);
	const markup = () => /^\s*(<!doctype|<html|<script|<\?xml|<svg|<body|<iframe)/i.test(new TextDecoder().decode(head));
	switch (contentType) {
		case 'application/pdf':
			return startsWith(head, ...ascii('%PDF-'));
		case 'image/png':
			return startsWith(head, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
		case 'image/jpeg':
			return startsWith(head, 0xff, 0xd8, 0xff);
		case 'image/gif':
			return startsWith(head, ...ascii('GIF8'));
		case 'image/webp':
			return startsWith(head, ...ascii('RIFF')) && ascii('WEBP').every((b, i) => head[8 + i] === b);
		case 'application/msword':
		case 'application/vnd.ms-excel':
		case 'application/vnd.ms-powerpoint':
			return startsWith(head, ...OLE);
		case 'image/svg+xml':
			return text() && /<svg[\s>]/i.test(new TextDecoder().decode(head));
		case 'text/plain':
		case 'text/csv':
			return text() && !markup();
		default:
			// OOXML and OpenDocument files are zip archives
			return contentType.startsWith('application/vnd.') ? startsWith(head, ...ZIP) : false;
	}
}

/** The `sha256` field of a file document: base64url of the SHA-256 of the attachment's bytes. */
export async function fileSha256(bytes: ArrayBuffer | Uint8Array<ArrayBuffer>): Promise<string> {
	return toBase64Url(await crypto.subtle.digest('SHA-256', bytes));
}

/** Members add their own files; only the author (or a moderator) changes or deletes one. */
export function authorizeFileWrite(
	actor: Actor,
	next: { author?: unknown; _deleted?: boolean },
	prev: { author?: unknown } | null
): Decision {
	if (!prev) {
		if (next._deleted) return { ok: true };
		return next.author === actor.name
			? { ok: true }
			: { ok: false, reason: `author must be the signed-in member (${actor.name})` };
	}
	if (prev.author !== actor.name && !isModerator(actor))
		return { ok: false, reason: 'only the author or a moderator may change or delete this file' };
	if (!next._deleted && next.author !== prev.author)
		return { ok: false, reason: 'the author of a document cannot change' };
	return { ok: true };
}

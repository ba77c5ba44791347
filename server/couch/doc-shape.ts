// Structural checks of a pushed document before it reaches PouchDB: the special `_` fields,
// revision formats and inline attachments. PouchDB rejects some of these by failing the whole
// batch (or with a 500), so each document is screened here and refused on its own instead.
import { LIMITS } from '../config';
import { tooLarge } from './errors';

export type RawDoc = Record<string, unknown> & { _id: string };

/** Special fields a client may send; anything else starting with `_` is refused. */
const ALLOWED_SPECIAL = new Set(['_id', '_rev', '_deleted', '_attachments', '_revisions']);
/** Read-only fields clients echo back from a read; dropped before storing. */
const IGNORED_SPECIAL = new Set(['_conflicts', '_deleted_conflicts', '_revs_info', '_local_seq']);

const REV_PATTERN = /^[1-9]\d*-[0-9a-zA-Z]+$/;
const BASE64_PATTERN = /^[A-Za-z0-9+/]*={0,2}$/;

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

export const isLocalId = (id: string): boolean => id.startsWith('_local/') && id.length > 7;

/** Bytes of a document's JSON without its attachments and revision history. */
export function docBodyBytes(doc: Record<string, unknown>): number {
	const { _attachments: _a, _revisions: _r, ...body } = doc;
	return Buffer.byteLength(JSON.stringify(body));
}

/** Decoded size of a base64 string, without decoding it. */
export function base64Bytes(data: string): number {
	const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
	return Math.floor((data.length * 3) / 4) - padding;
}

/**
 * Screens one document. Returns the document to store (read-only fields dropped) or the
 * reason it is refused. Throws a 413 when an inline attachment is over the limit, since
 * that is a property of the request, as CouchDB answers it.
 */
export function screenDoc(
	input: unknown,
	newEdits: boolean
): { ok: true; doc: RawDoc } | { ok: false; id: string; reason: string } {
	if (!isPlainObject(input)) return { ok: false, id: '', reason: 'a document must be a JSON object' };
	const id = input._id;
	if (typeof id !== 'string' || id === '') return { ok: false, id: '', reason: '_id must be a non-empty string' };
	const refuse = (reason: string) => ({ ok: false as const, id, reason });
	// Checkpoints live per member under PUT /{db}/_local/{id} (docs.ts localKey): written here, a
	// _local id would reach another member's namespace and skip the document size limit.
	if (isLocalId(id)) return refuse('replication checkpoints (_local documents) are written with PUT /{db}/_local/{id}');
	if (id.startsWith('_')) return refuse('design and other reserved documents cannot be written here');
	const doc: RawDoc = { _id: id };
	for (const [key, value] of Object.entries(input)) {
		if (IGNORED_SPECIAL.has(key)) continue;
		if (key.startsWith('_') && !ALLOWED_SPECIAL.has(key)) return refuse(`${key} is not an allowed special field`);
		doc[key] = value;
	}
	if (doc._deleted !== undefined && typeof doc._deleted !== 'boolean') return refuse('_deleted must be a boolean');
	if (doc._rev !== undefined && (typeof doc._rev !== 'string' || !REV_PATTERN.test(doc._rev)))
		return refuse('_rev is not a valid revision');
	const revisions = checkRevisions(doc);
	if (revisions) return refuse(revisions);
	if (!newEdits && doc._rev === undefined && doc._revisions === undefined)
		return refuse('_rev is required with new_edits=false');
	const attachments = checkAttachments(doc._attachments);
	if (attachments) return refuse(attachments);
	return { ok: true, doc };
}

function checkRevisions(doc: RawDoc): string | null {
	const revs = doc._revisions;
	if (revs === undefined) return null;
	if (!isPlainObject(revs)) return '_revisions must be an object';
	const { start, ids } = revs;
	if (typeof start !== 'number' || !Number.isInteger(start) || start < 1)
		return '_revisions.start must be a positive integer';
	if (!Array.isArray(ids) || ids.length === 0 || ids.length > start) return '_revisions.ids must be a non-empty list';
	if (!ids.every((x) => typeof x === 'string' && /^[0-9a-zA-Z]+$/.test(x)))
		return '_revisions.ids must hold revision hashes';
	if (doc._rev !== undefined && doc._rev !== `${start}-${ids[0]}`) return '_rev does not match _revisions';
	return null;
}

function checkAttachments(atts: unknown): string | null {
	if (atts === undefined) return null;
	if (!isPlainObject(atts)) return '_attachments must be an object';
	for (const [name, att] of Object.entries(atts)) {
		if (!isPlainObject(att)) return `attachment ${name} must be an object`;
		if (att.content_type !== undefined && typeof att.content_type !== 'string')
			return `attachment ${name}: content_type must be a string`;
		if (att.stub === true) continue;
		if (typeof att.data !== 'string' || !BASE64_PATTERN.test(att.data) || att.data.length % 4 !== 0) {
			return `attachment ${name} must carry base64 data or be a stub`;
		}
		if (base64Bytes(att.data) > LIMITS.ATTACHMENT_BYTES) {
			throw tooLarge(`attachment ${name} exceeds ${LIMITS.ATTACHMENT_BYTES} bytes`);
		}
	}
	return null;
}

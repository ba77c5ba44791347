// Single documents: GET (rev, revs, open_revs, conflicts, attachments, latest), PUT and DELETE
// through the same validation as _bulk_docs, attachments, and _local checkpoint documents.
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { LIMITS } from '../config';
import type { CouchContext, OpenDb } from './access';
import { applyWrites, type BulkResult } from './write';
import { docBodyBytes, isPlainObject, type RawDoc } from './doc-shape';
import { CouchError, badRequest, notFound, tooLarge } from './errors';
import { getOpenRevs, unknownRevs } from './safe-read';
import { assertReadable, hideSupersededEntries, maskRevsInfo } from './superseded';
import { userFileHeaders } from '../http/user-files';
import { boolParam, jsonParam, objectBody, stringList, stringParam } from './query';

/** Statuses of per-document storage errors when a single write answers with one. */
const WRITE_ERROR_STATUS: Record<string, ContentfulStatusCode> = { conflict: 409, missing_stub: 412, not_found: 404 };

export async function getDoc(c: CouchContext, open: OpenDb, id: string): Promise<Response> {
	if (id.startsWith('_')) throw notFound();
	const options: PouchDB.Core.GetOptions & Record<string, unknown> = {};
	const rev = stringParam(c, 'rev');
	if (rev) options.rev = rev;
	for (const flag of [
		'revs',
		'revs_info',
		'conflicts',
		'deleted_conflicts',
		'attachments',
		'latest',
		'local_seq'
	] as const) {
		const value = boolParam(c, flag);
		if (value !== undefined) options[flag] = value;
	}
	const openRevs = c.req.query('open_revs');
	const revs =
		openRevs === undefined || openRevs === 'all' ? openRevs : stringList(jsonParam(c, 'open_revs'), 'open_revs');
	if (options.latest) {
		// PouchDB crashes on `latest` with a revision it does not hold: read those without it.
		const asked = Array.isArray(revs) ? revs : rev ? [rev] : [];
		if (
			(
				await unknownRevs(
					open.db,
					asked.map((r) => ({ id, rev: r }))
				)
			).size > 0
		)
			delete options.latest;
	}
	if (revs !== undefined) {
		const found = await getOpenRevs(open.db, id, revs, options);
		// `all` and `latest` answer leaves only; named revisions may be superseded ones
		return c.json(Array.isArray(revs) && !options.latest ? await hideSupersededEntries(open, id, found) : found);
	}
	const doc = await open.db.get(id, options);
	if (rev && !options.latest) await assertReadable(open, id, doc);
	maskRevsInfo(open, doc);
	return c.json(doc);
}

/** `id` at revision `rev` (or its winner), as getDoc would serve it to this requester. */
async function readAt(open: OpenDb, id: string, rev: string | undefined): Promise<RawDoc> {
	const doc = (await open.db.get(id, rev ? { rev } : {})) as RawDoc;
	if (rev) await assertReadable(open, id, doc);
	return doc;
}

export async function putDoc(c: CouchContext, open: OpenDb, id: string): Promise<Response> {
	const body = await objectBody(c);
	if (body._id !== undefined && body._id !== id) throw badRequest('the _id in the body does not match the URL');
	const rev = stringParam(c, 'rev');
	const doc = { ...body, _id: id, ...(rev && !body._rev ? { _rev: rev } : {}) };
	const newEdits = boolParam(c, 'new_edits') !== false;
	return writeOne(c, open, doc, newEdits, 201);
}

export async function deleteDoc(c: CouchContext, open: OpenDb, id: string): Promise<Response> {
	const rev = stringParam(c, 'rev') ?? c.req.header('if-match')?.replace(/"/g, '');
	if (!rev) throw new CouchError(409, 'conflict', 'Document update conflict.');
	return writeOne(c, open, { _id: id, _rev: rev, _deleted: true }, true, 200);
}

async function writeOne(
	c: CouchContext,
	open: OpenDb,
	doc: RawDoc,
	newEdits: boolean,
	okStatus: 200 | 201
): Promise<Response> {
	const { results, refusals } = await applyWrites(open.db, open.kind, open.user, [doc], newEdits, {
		storage: open.storage,
		signatures: open.signatures,
		rules: open.rules
	});
	const refusal = refusals.get(0);
	if (refusal?.status === 413) throw tooLarge(refusal.reason);
	if (refusal) return c.json({ error: refusal.error, reason: refusal.reason }, refusal.status === 409 ? 409 : 403);
	const result: BulkResult | undefined = results[0];
	if (result?.error) {
		return c.json(
			{ error: result.error, reason: result.reason ?? result.error },
			WRITE_ERROR_STATUS[result.error] ?? 400
		);
	}
	return c.json({ ok: true, id: doc._id, rev: result?.rev ?? doc._rev }, okStatus);
}

export async function getAttachment(c: CouchContext, open: OpenDb, id: string, name: string): Promise<Response> {
	if (id.startsWith('_')) throw notFound();
	const rev = stringParam(c, 'rev');
	const doc = await readAt(open, id, rev);
	const meta = isPlainObject(doc._attachments) ? doc._attachments[name] : undefined;
	if (!isPlainObject(meta)) throw notFound('Document is missing attachment');
	const data = (await open.db.getAttachment(id, name, rev ? { rev } : {})) as Buffer;
	const fileName = typeof doc.name === 'string' && doc.name ? doc.name : name.split('/').pop() || name; // library files keep theirs in `name`
	const headers = userFileHeaders(String(meta.content_type ?? 'application/octet-stream'), fileName);
	if (typeof meta.digest === 'string') headers.etag = `"${meta.digest}"`;
	return new Response(new Uint8Array(data), { status: 200, headers });
}

/** PUT (bytes in the body) or DELETE of one attachment: a new revision of its document. */
export async function writeAttachment(
	c: CouchContext,
	open: OpenDb,
	id: string,
	name: string,
	remove: boolean
): Promise<Response> {
	const rev = stringParam(c, 'rev') ?? c.req.header('if-match')?.replace(/"/g, '');
	let doc: RawDoc = { _id: id };
	if (rev) doc = await readAt(open, id, rev);
	const attachments: Record<string, unknown> = isPlainObject(doc._attachments) ? { ...doc._attachments } : {};
	if (remove) {
		if (!(name in attachments)) throw notFound('Document is missing attachment');
		delete attachments[name];
	} else {
		const bytes = new Uint8Array(await c.req.arrayBuffer());
		if (bytes.byteLength > LIMITS.ATTACHMENT_BYTES)
			throw tooLarge(`attachment ${name} exceeds ${LIMITS.ATTACHMENT_BYTES} bytes`);
		const type = c.req.header('content-type') ?? 'application/octet-stream';
		attachments[name] = { content_type: type, data: Buffer.from(bytes).toString('base64') };
	}
	return writeOne(c, open, { ...doc, _attachments: attachments }, true, remove ? 200 : 201);
}

/**
 * Checkpoints are kept per requesting member (`_local/{member}~{id}`), so on the shared
 * database one member can neither read nor overwrite another's replication checkpoint.
 * Clients see the id they asked for.
 */
function localKey(open: OpenDb, id: string): string {
	return `_local/${encodeURIComponent(open.user.name)}~${id}`;
}

export async function getLocal(c: CouchContext, open: OpenDb, id: string): Promise<Response> {
	const doc = await open.db.get(localKey(open, id));
	return c.json({ ...doc, _id: `_local/${id}` });
}

/** Checkpoints: stored as given (PouchDB checks their _rev), only bounded in size. */
export async function putLocal(c: CouchContext, open: OpenDb, id: string): Promise<Response> {
	const body = await objectBody(c);
	const doc: Record<string, unknown> = { ...body, _id: localKey(open, id) };
	if (docBodyBytes(doc) > LIMITS.DOC_BODY_BYTES) throw tooLarge('the document body exceeds the limit');
	for (const key of Object.keys(doc)) {
		if (key.startsWith('_') && key !== '_id' && key !== '_rev' && key !== '_deleted') delete doc[key];
	}
	const res = await open.db.put(doc);
	return c.json({ ok: true, id: `_local/${id}`, rev: res.rev }, 201);
}

export async function deleteLocal(c: CouchContext, open: OpenDb, id: string): Promise<Response> {
	const rev = stringParam(c, 'rev') ?? '0-1';
	const res = await open.db.remove(localKey(open, id), rev);
	return c.json({ ok: true, id: `_local/${id}`, rev: res.rev });
}

// Database-level endpoints: info, _all_docs, _revs_diff, _bulk_get and _bulk_docs.
import type { CouchContext, OpenDb } from './access';
import { applyWrites } from './write';
import { badRequest } from './errors';
import { isPlainObject } from './doc-shape';
import { safeBulkGet } from './safe-read';
import { hideSupersededEntries } from './superseded';
import { boolParam, intParam, jsonParam, objectBody, stringList } from './query';

export async function dbInfo(c: CouchContext, open: OpenDb): Promise<Response> {
	const info = await open.db.info();
	return c.json({
		db_name: open.name,
		doc_count: info.doc_count,
		doc_del_count: 0,
		update_seq: info.update_seq,
		purge_seq: 0,
		compact_running: false,
		disk_format_version: 1,
		instance_start_time: '0'
	});
}

export async function allDocs(c: CouchContext, open: OpenDb): Promise<Response> {
	const options: Record<string, unknown> = {};
	for (const flag of [
		'include_docs',
		'conflicts',
		'descending',
		'inclusive_end',
		'attachments',
		'update_seq'
	] as const) {
		const value = boolParam(c, flag);
		if (value !== undefined) options[flag] = value;
	}
	for (const name of ['limit', 'skip'] as const) {
		const value = intParam(c, name);
		if (value !== undefined) options[name] = value;
	}
	for (const [param, option] of [
		['startkey', 'startkey'],
		['start_key', 'startkey'],
		['endkey', 'endkey'],
		['end_key', 'endkey'],
		['key', 'key']
	] as const) {
		const value = jsonParam(c, param);
		if (value === undefined) continue;
		if (typeof value !== 'string') throw badRequest(`${param} must be a JSON string`);
		options[option] = value;
	}
	const keys = jsonParam(c, 'keys');
	if (keys !== undefined) options.keys = stringList(keys, 'keys');
	if (c.req.method === 'POST') {
		const body = await objectBody(c);
		if (body.keys !== undefined) options.keys = stringList(body.keys, 'keys');
	}
	return c.json(await open.db.allDocs(options as PouchDB.Core.AllDocsOptions));
}

export async function revsDiff(c: CouchContext, open: OpenDb): Promise<Response> {
	const body = await objectBody(c);
	const request: Record<string, string[]> = {};
	for (const [id, revs] of Object.entries(body)) request[id] = stringList(revs, `revisions of ${id}`);
	return c.json(await open.db.revsDiff(request));
}

export async function bulkGet(c: CouchContext, open: OpenDb): Promise<Response> {
	const body = await objectBody(c);
	if (!Array.isArray(body.docs)) throw badRequest('docs must be a list');
	const docs = body.docs.map((item: unknown) => {
		if (!isPlainObject(item) || typeof item.id !== 'string') throw badRequest('each entry of docs needs a string id');
		if (item.rev !== undefined && typeof item.rev !== 'string') throw badRequest('rev must be a string');
		return item.rev === undefined ? { id: item.id } : { id: item.id, rev: item.rev };
	});
	const options = {
		revs: boolParam(c, 'revs') ?? false,
		latest: boolParam(c, 'latest') ?? false,
		attachments: boolParam(c, 'attachments') ?? false
	};
	// _local and other reserved ids are never served here: checkpoints are per member (docs.ts)
	const reserved = (d: { id: string }) => d.id.startsWith('_');
	const found = await safeBulkGet(
		open.db,
		docs.filter((d) => !reserved(d)),
		options
	);
	let i = 0;
	const results = docs.map((d) =>
		reserved(d)
			? { id: d.id, docs: [{ error: { id: d.id, rev: d.rev ?? 'undefined', error: 'not_found', reason: 'missing' } }] }
			: found.results[i++]
	);
	// With `latest` (as replicators ask) every body is a leaf; a named revision without it may be superseded.
	if (!options.latest) {
		await Promise.all(
			results.map(async (r, k) =>
				docs[k].rev === undefined ? undefined : (r.docs = await hideSupersededEntries(open, r.id, r.docs))
			)
		);
	}
	return c.json({ results });
}

export async function bulkDocs(c: CouchContext, open: OpenDb): Promise<Response> {
	const body = await objectBody(c);
	if (!Array.isArray(body.docs)) throw badRequest("Missing JSON list of 'docs'");
	if (body.new_edits !== undefined && typeof body.new_edits !== 'boolean')
		throw badRequest('new_edits must be a boolean');
	const { results } = await applyWrites(open.db, open.kind, open.user, body.docs, body.new_edits !== false, {
		storage: open.storage,
		signatures: open.signatures,
		rules: open.rules
	});
	return c.json(results, 201);
}

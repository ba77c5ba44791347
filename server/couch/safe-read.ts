// Guards around PouchDB reads that misbehave on some inputs: with `latest`, a revision the
// database does not hold makes PouchDB throw inside a storage callback (crashing the process),
// and _bulk_get errors carry stack traces. Unknown revisions are read without `latest` here
// (answered as missing, as CouchDB does) and errors are reduced to CouchDB's shape.
import { isPlainObject } from './doc-shape';

const REV_PATTERN = /^[1-9]\d*-[0-9a-zA-Z]+$/;

interface RevRequest {
	id: string;
	rev?: string;
}

/** The `id rev` pairs among `requests` that the database does not hold. */
export async function unknownRevs(db: PouchDB.Database, requests: RevRequest[]): Promise<Set<string>> {
	const asked: Record<string, string[]> = {};
	for (const { id, rev } of requests) if (rev !== undefined) (asked[id] ??= []).push(rev);
	const unknown = new Set<string>();
	if (!Object.keys(asked).length) return unknown;
	const diff = await db.revsDiff(asked);
	for (const [id, { missing }] of Object.entries(diff)) for (const rev of missing ?? []) unknown.add(`${id} ${rev}`);
	return unknown;
}

/** One entry of an open_revs answer: a revision's body, or the revision the database does not hold. */
export type OpenRevEntry = { ok: Record<string, unknown> } | { missing: string };

/** db.get with open_revs (`all` leaves, or the named revisions), typed as PouchDB answers it. */
export async function getOpenRevs(
	db: PouchDB.Database,
	id: string,
	revs: 'all' | string[],
	options: PouchDB.Core.GetOptions = {}
): Promise<OpenRevEntry[]> {
	// @types/pouchdb-core declares only `{ok}` entries, but PouchDB answers `{missing: rev}` for a
	// named revision it does not hold, as CouchDB does.
	return (await db.get(id, { ...options, open_revs: revs })) as unknown as OpenRevEntry[];
}

type BulkGetEntry = { ok: unknown } | { missing: string } | { error: unknown };
interface BulkGetResult {
	id: string;
	docs: BulkGetEntry[];
}

/** db.bulkGet that never trips PouchDB's `latest` crash and answers errors without internals. */
export async function safeBulkGet(
	db: PouchDB.Database,
	docs: RevRequest[],
	options: { revs: boolean; latest: boolean; attachments: boolean }
): Promise<{ results: BulkGetResult[] }> {
	// PouchDB answers a malformed revision by failing every request for the same id: answer it alone.
	const malformed = (d: RevRequest) => d.rev !== undefined && !REV_PATTERN.test(d.rev);
	const wellFormed = docs.filter((d) => !malformed(d));
	const unknown = options.latest ? await unknownRevs(db, wellFormed) : new Set<string>();
	const isUnknown = (d: RevRequest) => d.rev !== undefined && unknown.has(`${d.id} ${d.rev}`);
	const known = wellFormed.filter((d) => !isUnknown(d));
	const missing = wellFormed.filter(isUnknown);
	const run = async (subset: RevRequest[], latest: boolean): Promise<BulkGetResult[]> =>
		subset.length
			? ((await db.bulkGet({ ...options, latest, docs: subset } as PouchDB.Core.BulkGetOptions))
					.results as BulkGetResult[])
			: [];
	const [a, b] = await Promise.all([run(known, options.latest), run(missing, false)]);
	let i = 0;
	let j = 0;
	const invalid = (d: RevRequest): BulkGetResult => ({
		id: d.id,
		docs: [{ error: { name: 'bad_request', reason: 'Invalid rev format' } }]
	});
	const results = docs.map((d) => (malformed(d) ? invalid(d) : isUnknown(d) ? b[j++] : a[i++]));
	return {
		results: results.map((r, k) => ({
			id: r?.id ?? docs[k].id,
			docs: (r?.docs ?? []).map((e) => cleanEntry(e, docs[k]))
		}))
	};
}

function cleanEntry(entry: BulkGetEntry, request: RevRequest): BulkGetEntry {
	if (!('error' in entry)) return entry;
	const err =
		isPlainObject(entry.error) || entry.error instanceof Error
			? (entry.error as { name?: unknown; reason?: unknown; message?: unknown })
			: {};
	const name = typeof err.name === 'string' && err.name !== 'Error' ? err.name : 'bad_request';
	const reason = typeof err.reason === 'string' ? err.reason : typeof err.message === 'string' ? err.message : name;
	return { error: { id: request.id, rev: request.rev ?? 'undefined', error: name, reason } };
}

// Every write through /couch (and server-side seeds) passes here: each document is screened,
// validated against the shared schema of its type and authorized against the current winning
// revision; refusals are per document, and the accepted rest goes to storage in ONE bulkDocs.
// Verified authorship: with requireSignatures, every community document pushed through
// /couch must carry a valid device (or server) signature of its author (certificates carried in
// the same batch count); with or without it, a document signed by another member than the pusher
// (a device relaying what it got from a hub or a bundle) is judged as its signer.
import type { SessionUser } from '../auth/types';
import type { Storage } from '../storage/index';
import { LIMITS } from '../config';
import { validateCommunityDoc } from '../../src/lib/domain/validate';
import { authorizeCommunityWrite, type DocFacts } from '../../src/lib/domain/permissions';
import * as valibot from 'valibot';
import { flagSchema, followingSchema, isCommunityType, surveyAnswerSchema } from '../../src/lib/domain/schemas';
import { authorizeFileWrite, validateFileDoc } from '../../src/lib/domain/files';
import { categoryId, newId } from '../../src/lib/domain/ids';
import { authorizeRelated, relatedIdOf } from '../../src/lib/domain/permissions';
import { deliverMessages } from '../messages/deliver';
import { dbKind, type DbKind } from './access';
import { docBodyBytes, screenDoc, type RawDoc } from './doc-shape';
import { notFound } from './errors';
import type { SignatureVerifier, Signer } from '../devices/verify';
import { fileSignatureRefusal } from './file-signatures';
import { checkSignedRevision, signedParent, withSignedRevision } from '../../src/lib/domain/signing';
import { parentFor } from '../../src/lib/pouch/signed-revisions';

/**
 * Signature checks for /couch writes (server/app.ts builds them for createCouchApp). A member's
 * device also relays documents other members signed (pulled from a hub, or opened from a bundle):
 * those are authorized as their signing member, with the roles this server knows — as the hub
 * relay does (server/hub/relay.ts) — and server-signed ones only need their signature and schema.
 */
export interface SignatureChecks {
	verifier: Pick<SignatureVerifier, 'verify'>;
	/** Who a member-signed document relayed by someone else is authorized as (verify.ts actorForSigner). */
	actorFor(signer: Extract<Signer, { kind: 'member' }>): Promise<SessionUser | { refused: string }>;
	/**
	 * Refuse every community document without a valid signature (requireSignatures). When false,
	 * only documents naming another author are verified, so signed relays still pass, and the
	 * rest is judged as before (as the pushing member).
	 */
	required: boolean;
}

/** One accepted document of a batch, and who it is judged as (null: signed by the server). */
export interface JudgedDoc {
	doc: RawDoc;
	actor: SessionUser | null;
}

/**
 * Rules beyond one document's schema and permissions, kept in their own modules and given to the
 * gateway by server/app.ts (the same for /couch and the hub relay): refusals that read other
 * documents (a locked thread, mentorship limits, review independence…) and work done once a write
 * is stored (places at events, flags into the moderators' queue).
 */
export interface WriteRule {
	/** Reasons to refuse, by index into `docs` (documents accepted so far, in a database of `kind`). */
	check?(db: PouchDB.Database, kind: DbKind, docs: readonly JudgedDoc[]): Promise<Map<number, string>>;
	/** After storing: the documents stored. A failure is logged; the write stands. */
	after?(db: PouchDB.Database, kind: DbKind, docs: readonly JudgedDoc[]): Promise<void>;
}

/** What a write needs besides its database; /couch writes give both, server-side seeds neither. */
export interface WriteContext {
	/** For writes that reach another database (a member's messages are delivered: server/messages). */
	storage?: Storage;
	/** Signature checks for community documents and library files; absent, none are made. */
	signatures?: SignatureChecks;
	rules?: readonly WriteRule[];
}

/** One entry of a _bulk_docs answer, as CouchDB shapes it. */
export interface BulkResult {
	id: string;
	ok?: boolean;
	rev?: string;
	error?: string;
	reason?: string;
}

/** A refusal, with the HTTP status a single-document write answers it with. */
interface Refusal {
	id: string;
	error: 'forbidden' | 'conflict';
	reason: string;
	status: 403 | 409 | 413;
}

/** `signed`: stored with new_edits=false under the revision its signature fixes (see bindRevisions). */
type Verdict = { doc: RawDoc; signed?: true } | Refusal;

const refuse = (id: string, reason: string, status: 403 | 413 = 403): Refusal => ({
	id,
	error: 'forbidden',
	reason,
	status
});
const conflict = (id: string, reason = 'Document update conflict.'): Refusal => ({
	id,
	error: 'conflict',
	reason,
	status: 409
});

export interface WriteOutcome {
	/** In input order for new_edits=true; only failures for new_edits=false (as CouchDB). */
	results: BulkResult[];
	/** Refusals by input index, for single-document writes that answer with a status. */
	refusals: Map<number, Refusal>;
}

/** Validates, authorizes and stores a batch. */
export async function applyWrites(
	db: PouchDB.Database,
	kind: DbKind,
	actor: SessionUser,
	inputs: unknown[],
	newEdits: boolean,
	context: WriteContext = {}
): Promise<WriteOutcome> {
	const { storage, signatures, rules = [] } = context;
	const verdicts: Verdict[] = inputs.map((input) => screen(input, newEdits));
	/** Who each document is judged as, when not `actor` (relayed documents: their signer). */
	const judgedAs = new Map<number, SessionUser | null>();
	if (kind === 'community') await bindRevisions(db, verdicts, newEdits);
	if (kind === 'community') {
		if (signatures) await judgeSigned(db, actor, signatures, inputs, verdicts, judgedAs);
		else await judgeCommunity(db, actor, verdicts);
	} else if (kind === 'files') await judgeFiles(db, actor, verdicts, signatures);
	else for (let i = 0; i < verdicts.length; i++) verdicts[i] = judgeUserDoc(verdicts[i]);
	const judged = (indexes: number[]): JudgedDoc[] =>
		indexes.map((i) => ({
			doc: (verdicts[i] as { doc: RawDoc }).doc,
			actor: judgedAs.has(i) ? judgedAs.get(i)! : actor
		}));
	for (const rule of rules) {
		if (!rule.check) continue;
		const open = verdicts.flatMap((v, i) => ('doc' in v ? [i] : []));
		if (open.length === 0) break;
		const refused = await rule.check(db, kind, judged(open));
		for (const [k, reason] of refused) {
			const i = open[k];
			if (i !== undefined) verdicts[i] = refuse((verdicts[i] as { doc: RawDoc }).doc._id, reason);
		}
	}

	const accepted: RawDoc[] = [];
	const signedEdits: RawDoc[] = [];
	const refusals = new Map<number, Refusal>();
	verdicts.forEach((v, i) =>
		'doc' in v ? (newEdits && v.signed ? signedEdits : accepted).push(v.doc) : refusals.set(i, v)
	);
	const stored = accepted.length ? await db.bulkDocs(accepted, { new_edits: newEdits }) : [];
	const storedResults = (stored as unknown[]).map(toBulkResult);
	if (kind === 'userdb' && storage)
		await deliverMessages(
			storage,
			actor.name,
			accepted.filter((_, i) => !storedResults[i]?.error)
		);

	if (!newEdits) {
		const refused = [...refusals.values()].map(({ id, error, reason }) => ({ id, error, reason }));
		const failed = new Set(storedResults.filter((r) => r.error).map((r) => r.id));
		await runAfter(
			rules,
			db,
			kind,
			judged(verdicts.flatMap((v, i) => ('doc' in v && !failed.has(v.doc._id) ? [i] : [])))
		);
		return { results: [...refused, ...storedResults.filter((r) => r.error)], refusals };
	}
	// Signed edits go in under the revision their signature fixes; new_edits=false answers only failures.
	const signedFailures = signedEdits.length
		? ((await db.bulkDocs(signedEdits, { new_edits: false })) as unknown[]).map(toBulkResult)
		: [];
	const signedResults = new Map(
		signedEdits.map((d) => [
			d,
			signedFailures.find((r) => r.id === d._id) ?? { id: d._id, ok: true, rev: String(d._rev) }
		])
	);
	let next = 0;
	const results = verdicts.map((v, i): BulkResult => {
		const r = refusals.get(i);
		if (r) return { id: r.id, error: r.error, reason: r.reason };
		if ('signed' in v) return signedResults.get((v as { doc: RawDoc }).doc) ?? { id: '', error: 'unknown_error' };
		return storedResults[next++] ?? { id: '', error: 'unknown_error' };
	});
	await runAfter(rules, db, kind, judged(verdicts.flatMap((v, i) => ('doc' in v && results[i]?.ok ? [i] : []))));
	return { results, refusals };
}

async function runAfter(
	rules: readonly WriteRule[],
	db: PouchDB.Database,
	kind: DbKind,
	docs: JudgedDoc[]
): Promise<void> {
	if (docs.length === 0) return;
	for (const rule of rules) {
		try {
			await rule.after?.(db, kind, docs);
		} catch (err) {
			console.error('[couch] a rule run after a write failed', err);
		}
	}
}

const isSigned = (doc: RawDoc): boolean => typeof doc.signature === 'object' && doc.signature !== null;

/**
 * Signed community documents are stored under the revision their signature fixes (the digest
 * of the signature, as the child of the parent revision it names: domain/signing.ts), so that a
 * signed body sent again can only be the revision it already is.
 * - new_edits=false (replication): a revision the database already has is left as it is (storing
 *   it again changes nothing); any other signed revision must be the one its signature names.
 * - new_edits=true (PUT, _bulk_docs): the parent is the `_rev` given (or, for a new document over
 *   a deleted one, that deleted revision), which must be a current leaf and the signed parent;
 *   the write is then stored as that signed revision.
 */
async function bindRevisions(db: PouchDB.Database, verdicts: Verdict[], newEdits: boolean): Promise<void> {
	const signed = verdicts.flatMap((v, i) => ('doc' in v && isSigned(v.doc) ? [i] : []));
	if (signed.length === 0) return;
	if (!newEdits) {
		const wanted: Record<string, string[]> = {};
		for (const i of signed) {
			const { doc } = verdicts[i] as { doc: RawDoc };
			if (typeof doc._rev === 'string') (wanted[doc._id] ??= []).push(doc._rev);
		}
		const missing = await db.revsDiff(wanted);
		await Promise.all(
			signed.map(async (i) => {
				const { doc } = verdicts[i] as { doc: RawDoc };
				if (typeof doc._rev === 'string' && !missing[doc._id]?.missing?.includes(doc._rev)) return; // already stored
				const verdict = await checkSignedRevision(doc);
				if (!verdict.ok) verdicts[i] = refuse(doc._id, verdict.reason);
			})
		);
		return;
	}
	await Promise.all(
		signed.map(async (i) => {
			const { doc } = verdicts[i] as { doc: RawDoc };
			const parent = await parentFor(db, doc as RawDoc & { _rev?: string }).catch((err: unknown) => {
				if ((err as { status?: number }).status === 409) return 'conflict' as const;
				throw err;
			});
			if (parent === 'conflict') return void (verdicts[i] = conflict(doc._id));
			const named = signedParent(doc);
			if (named === undefined || named !== (parent?.rev ?? null)) {
				const verdict = await checkSignedRevision(doc); // its reason for an unbound signature
				const reason =
					verdict.ok || named !== undefined
						? 'the signature was made for another revision than the one this write edits'
						: verdict.reason;
				return void (verdicts[i] = refuse(doc._id, reason));
			}
			const { _rev: _, _revisions: __, ...content } = doc;
			verdicts[i] = { doc: (await withSignedRevision(content, parent?.history ?? null)) as RawDoc, signed: true };
		})
	);
}

/** Server-side writes (seeds) through the same rules; `actor` is who the write is made as. */
export async function writeDocs(
	storage: Storage,
	dbName: string,
	actor: SessionUser,
	docs: object[]
): Promise<BulkResult[]> {
	const kind = dbKind(dbName);
	if (!kind) throw notFound(`/couch does not serve a database named ${dbName}`);
	const { results } = await applyWrites(storage.db(dbName), kind, actor, docs, true);
	return results;
}

function toBulkResult(raw: unknown): BulkResult {
	const r = raw as {
		id?: string;
		ok?: boolean;
		rev?: string;
		name?: string;
		error?: unknown;
		reason?: string;
		message?: string;
	};
	if (r.ok) return { id: r.id ?? '', ok: true, rev: r.rev };
	const error = typeof r.error === 'string' ? r.error : (r.name ?? 'unknown_error');
	return { id: r.id ?? '', error, reason: r.reason ?? r.message ?? error };
}

function screen(input: unknown, newEdits: boolean): Verdict {
	// CouchDB gives a new document an id; do so before validation looks at it.
	if (newEdits && typeof input === 'object' && input !== null && !Array.isArray(input) && !('_id' in input)) {
		input = { ...input, _id: newId() };
	}
	const screened = screenDoc(input, newEdits);
	if (!screened.ok) return refuse(screened.id, screened.reason);
	if (docBodyBytes(screened.doc) > LIMITS.DOC_BODY_BYTES) {
		return refuse(screened.doc._id, `the document body exceeds ${LIMITS.DOC_BODY_BYTES} bytes`, 413);
	}
	return screened;
}

/**
 * Private databases: any object with a string `type`; known community types must match their
 * schema, and so must flags (`flag:…`, read by moderators: server/moderation/flag-rule.ts) and
 * survey answers (`survey-answer:…`, counted by the server: server/surveys/rule.ts).
 */
function judgeUserDoc(v: Verdict): Verdict {
	if (!('doc' in v) || v.doc._deleted === true) return v;
	const type = v.doc.type;
	if (typeof type !== 'string' || type === '') return refuse(v.doc._id, 'a document needs a string type');
	if (type === 'flag' || v.doc._id.startsWith('flag:')) {
		const flag = valibot.safeParse(flagSchema, v.doc);
		return flag.success ? v : refuse(v.doc._id, flag.issues.map((issue) => issue.message).join('; '));
	}
	// answers the server counts (server/surveys/rule.ts)
	if (type === 'survey-answer' || v.doc._id.startsWith('survey-answer:')) {
		const answer = valibot.safeParse(surveyAnswerSchema, v.doc);
		return answer.success ? v : refuse(v.doc._id, answer.issues.map((issue) => issue.message).join('; '));
	}
	// what the member follows: its maps are bounded, so every device can read it at each sync
	if (type === 'following' || v.doc._id.startsWith('following:')) {
		const following = valibot.safeParse(followingSchema, v.doc);
		return following.success ? v : refuse(v.doc._id, following.issues.map((issue) => issue.message).join('; '));
	}
	if (!isCommunityType(type)) return v;
	const checked = validateCommunityDoc(v.doc);
	return checked.ok ? v : refuse(v.doc._id, checked.reason);
}

function hasAttachments(doc: RawDoc): boolean {
	const atts = doc._attachments;
	return typeof atts === 'object' && atts !== null && Object.keys(atts).length > 0;
}

/** What judging `verdicts` reads: the current revisions, the categories threads name, related documents. */
function idsToRead(verdicts: readonly Verdict[]): string[] {
	const ids = new Set<string>();
	for (const v of verdicts) {
		if (!('doc' in v)) continue;
		ids.add(v.doc._id);
		if (v.doc.type === 'thread' && typeof v.doc.category === 'string') ids.add(categoryId(v.doc.category));
		const related = relatedIdOf(v.doc as DocFacts);
		if (related) ids.add(related);
	}
	return [...ids];
}

/** `prevs`: what idsToRead(verdicts) names, when already read (judgeSigned reads it beside the signature checks). */
async function judgeCommunity(
	db: PouchDB.Database,
	actor: SessionUser,
	verdicts: Verdict[],
	prevs?: Map<string, DocFacts>
): Promise<void> {
	// One read fetches both the current revisions and the categories threads name.
	prevs ??= await currentDocs(db, idsToRead(verdicts));
	for (let i = 0; i < verdicts.length; i++) {
		const v = verdicts[i];
		if (!('doc' in v)) continue;
		const doc = v.doc;
		if (hasAttachments(doc)) {
			// no community type carries files (served from the app's origin they could run there)
			verdicts[i] = refuse(doc._id, 'community documents carry no attachments: add files to a library resource');
			continue;
		}
		if (doc._deleted !== true) {
			const checked = validateCommunityDoc(doc);
			if (!checked.ok) {
				verdicts[i] = refuse(doc._id, checked.reason);
				continue;
			}
		}
		const decision = authorizeCommunityWrite(actor, doc as DocFacts, prevs.get(doc._id) ?? null);
		if (!decision.ok) verdicts[i] = refuse(doc._id, decision.reason);
	}
	checkThreadCategories(prevs, verdicts);
	checkRelated(actor, prevs, verdicts);
}

/**
 * With signature checks: refuse what does not verify, then judge each document as its signer
 * (the pushing member for their own documents; the signing member for relayed ones).
 */
async function judgeSigned(
	db: PouchDB.Database,
	actor: SessionUser,
	checks: SignatureChecks,
	batch: unknown[],
	verdicts: Verdict[],
	judgedAs: Map<number, SessionUser | null>
): Promise<void> {
	const groups = new Map<string, { actor: SessionUser | null; indexes: number[] }>();
	// The current revisions are read while the signatures are checked (one read for every group below).
	const prevsRead = currentDocs(db, idsToRead(verdicts));
	prevsRead.catch(() => {}); // awaited below; a failure must not go unhandled if a check throws first
	// Signatures are checked all at once: the crypto runs beside this thread (libuv pool or worker).
	const signatures = await Promise.all(
		verdicts.map((v) => {
			if (!('doc' in v)) return null;
			const relayed = v.doc.author !== actor.name && typeof v.doc.signature === 'object';
			return checks.required || relayed ? checks.verifier.verify(v.doc, batch, actor) : null;
		})
	);
	for (let i = 0; i < verdicts.length; i++) {
		const v = verdicts[i];
		if (!('doc' in v)) continue;
		let key = actor.name;
		let as: SessionUser | null = actor;
		const verdict = signatures[i];
		if (verdict === null || (!verdict.ok && !checks.required)) {
			// not required: judged as the pushing member, as without signatures
		} else if (!verdict.ok) {
			verdicts[i] = refuse(v.doc._id, verdict.reason);
			continue;
		} else if (verdict.signer.kind === 'server') [key, as] = ['\0server', null];
		else if (verdict.signer.name !== actor.name) {
			const signer = groups.get(verdict.signer.name)?.actor ?? (await checks.actorFor(verdict.signer));
			if (signer && 'refused' in signer) {
				verdicts[i] = refuse(v.doc._id, signer.refused);
				continue;
			}
			[key, as] = [verdict.signer.name, signer];
		}
		const group = groups.get(key) ?? { actor: as, indexes: [] };
		group.indexes.push(i);
		if (as !== actor) judgedAs.set(i, as);
		groups.set(key, group);
	}
	const prevs = await prevsRead;
	for (const group of groups.values()) {
		const part = group.indexes.map((i) => verdicts[i]);
		if (group.actor) await judgeCommunity(db, group.actor, part, prevs);
		else for (let k = 0; k < part.length; k++) part[k] = validateOnly(part[k]);
		group.indexes.forEach((i, k) => (verdicts[i] = part[k]));
	}
}

/** Server-signed documents relayed by a device: the signature proved who wrote them; check the schema. */
function validateOnly(v: Verdict): Verdict {
	if (!('doc' in v) || v.doc._deleted === true) return v;
	const checked = validateCommunityDoc(v.doc);
	return checked.ok ? v : refuse(v.doc._id, checked.reason);
}

/** Writes that depend on another document (attendance → its event, answers → the request), stored or in this batch. */
function checkRelated(actor: SessionUser, stored: Map<string, DocFacts>, verdicts: Verdict[]): void {
	const inBatch = new Map<string, DocFacts>();
	for (const v of verdicts) if ('doc' in v && v.doc._deleted !== true) inBatch.set(v.doc._id, v.doc as DocFacts);
	for (let i = 0; i < verdicts.length; i++) {
		const v = verdicts[i];
		if (!('doc' in v)) continue;
		const related = relatedIdOf(v.doc as DocFacts);
		if (!related) continue;
		const decision = authorizeRelated(actor, v.doc as DocFacts, inBatch.get(related) ?? stored.get(related) ?? null);
		if (!decision.ok) verdicts[i] = refuse(v.doc._id, decision.reason);
	}
}

/**
 * library-files: `file:{ulid}` documents with one attachment, written by their author
 * (domain/files.ts), signed over their content's sha256 when signatures are required.
 */
async function judgeFiles(
	db: PouchDB.Database,
	actor: SessionUser,
	verdicts: Verdict[],
	checks?: SignatureChecks
): Promise<void> {
	const ids = verdicts.flatMap((v) => ('doc' in v ? [v.doc._id] : []));
	const prevs = await currentDocs(db, ids);
	for (let i = 0; i < verdicts.length; i++) {
		const v = verdicts[i];
		if (!('doc' in v)) continue;
		const doc = v.doc;
		if (doc._deleted !== true) {
			const checked = validateFileDoc(doc);
			if (!checked.ok) {
				verdicts[i] = refuse(doc._id, checked.reason);
				continue;
			}
		}
		const unsigned = checks?.required ? await fileSignatureRefusal(db, actor, checks.verifier, doc) : null;
		if (unsigned) {
			verdicts[i] = refuse(doc._id, unsigned);
			continue;
		}
		const decision = authorizeFileWrite(actor, doc as DocFacts, prevs.get(doc._id) ?? null);
		if (!decision.ok) verdicts[i] = refuse(doc._id, decision.reason);
	}
}

/**
 * The winning, non-deleted revision of each id (absent when missing or deleted).
 * A pushed batch is mostly new documents whose ids (ULIDs) cluster by type, and reading a
 * missing id costs PouchDB far more than a range scan: so ids are first sieved with one
 * _all_docs range per type prefix (falling back to direct reads when a range is crowded),
 * and only those that exist are fetched whole, with one bulkGet.
 */
async function currentDocs(db: PouchDB.Database, ids: string[]): Promise<Map<string, DocFacts>> {
	const found = new Map<string, DocFacts>();
	const present = (await Promise.all([...groupByPrefix(ids).values()].map((group) => sieve(db, group)))).flat();
	if (!present.length) return found;
	const res = await db.bulkGet<DocFacts>({ docs: present.map((id) => ({ id })) });
	for (const result of res.results) {
		const entry = result.docs[0];
		if (entry && 'ok' in entry && !entry.ok._deleted) found.set(result.id, entry.ok);
	}
	return found;
}

const SIEVE_MIN_GROUP = 8;
const SIEVE_SLACK = 4;

function groupByPrefix(ids: string[]): Map<string, string[]> {
	const groups = new Map<string, string[]>();
	for (const id of new Set(ids)) {
		const prefix = id.slice(0, id.indexOf(':') + 1);
		let group = groups.get(prefix);
		if (!group) groups.set(prefix, (group = []));
		group.push(id);
	}
	return groups;
}

/** The ids of `group` that may exist: all of them, unless one range scan proves most absent. */
async function sieve(db: PouchDB.Database, group: string[]): Promise<string[]> {
	if (group.length < SIEVE_MIN_GROUP) return group;
	const sorted = [...group].sort();
	const limit = group.length * SIEVE_SLACK;
	const range = await db.allDocs({ startkey: sorted[0], endkey: sorted[sorted.length - 1], limit });
	if (range.rows.length >= limit) return group; // crowded range: reading each id is cheaper
	const wanted = new Set(group);
	return range.rows.filter((row) => wanted.has(row.id)).map((row) => row.id);
}

/** A thread must name a category that exists (stored, or accepted in this same batch). */
function checkThreadCategories(stored: Map<string, DocFacts>, verdicts: Verdict[]): void {
	const known = new Set<string>();
	for (const v of verdicts)
		if ('doc' in v && v.doc._deleted !== true && v.doc.type === 'category') known.add(v.doc._id);
	for (let i = 0; i < verdicts.length; i++) {
		const v = verdicts[i];
		if (!('doc' in v) || v.doc._deleted === true || v.doc.type !== 'thread') continue;
		const id = categoryId(String(v.doc.category));
		const exists = known.has(id) || stored.get(id)?.type === 'category';
		if (!exists) verdicts[i] = refuse(v.doc._id, `category ${String(v.doc.category)} does not exist`);
	}
}

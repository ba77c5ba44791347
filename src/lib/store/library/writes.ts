/// <reference types="pouchdb-core" />
// Library writes: submit (and resubmit) a resource, review it, rate, comment, record a use,
// curate collections. Each is a validated put through the store's putDoc (outbox, projection);
// the shared permission rules are checked first so the member gets the reason at once.
import { collectionId, docId } from '../../domain/ids';
import { isWriterOf } from '../../domain/permissions';
import { ratingId, useId } from '../../domain/ids';
import { parseCoauthors } from '../../domain/coauthors';
import type { Resource } from '../../domain/schemas';
import { type StoreContext } from '../context';
import { t } from '../../i18n';
import { normalizeTags, putDoc, currentDoc as getDoc, authorizeWrite as authorize } from '../writes';

type Doc = Record<string, unknown> & { _id: string; _rev?: string };

export type FileRef = NonNullable<Resource['files']>[number];
export type Outcome = NonNullable<Resource['outcomes']>[number];

/** What the submission form edits. Empty optional fields are left out of the document. */
export interface ResourceInput {
	kind: Resource['kind'];
	title: string;
	summary: string;
	body: string;
	tags: string[];
	organization?: string;
	jurisdiction?: string;
	sector?: string;
	problem?: string;
	actions?: string;
	outcomes?: Outcome[];
	lessons?: string;
	contact?: string;
	links?: string[];
	files?: FileRef[];
	related?: string[];
	/** Members who wrote it with the author (usernames). */
	coauthors?: string[];
}

export type Verdict = 'approve' | 'changes' | 'reject';

const OPTIONAL = ['organization', 'jurisdiction', 'sector', 'problem', 'actions', 'lessons', 'contact'] as const;

function resourceFields(input: ResourceInput): Record<string, unknown> {
	const fields: Record<string, unknown> = {
		kind: input.kind,
		title: input.title.trim(),
		summary: input.summary.trim(),
		body: input.body,
		tags: normalizeTags(input.tags)
	};
	for (const key of OPTIONAL) {
		const value = input[key]?.trim();
		if (value) fields[key] = value;
	}
	const outcomes = (input.outcomes ?? [])
		.filter((o) => o.metric.trim() && o.value.trim())
		.map((o) => ({
			metric: o.metric.trim(),
			value: o.value.trim(),
			...(o.unit?.trim() ? { unit: o.unit.trim() } : {})
		}));
	if (outcomes.length) fields.outcomes = outcomes;
	const links = (input.links ?? []).map((l) => l.trim()).filter(Boolean);
	if (links.length) fields.links = links;
	if (input.files?.length) fields.files = input.files;
	if (input.related?.length) fields.related = input.related;
	if (input.coauthors?.length) fields.coauthors = [...new Set(input.coauthors)];
	return fields;
}

// read when thrown, in the interface language
const notOwnCoauthor = () => t('library:errors.notOwnCoauthor');

/** Submits a new resource for review, or resubmits `id` (its author's edit of a returned one). */
export async function submitResource(ctx: StoreContext, input: ResourceInput, id?: string): Promise<string> {
	const now = ctx.now();
	const named = parseCoauthors((input.coauthors ?? []).join(' '), null);
	if (!named.ok) throw new Error(named.reason);
	input = { ...input, coauthors: named.names };
	if (!id) {
		if (named.names.includes(ctx.member.name)) throw new Error(notOwnCoauthor());
		const doc: Doc = {
			_id: docId('resource'),
			type: 'resource',
			author: ctx.member.name,
			createdAt: now,
			...resourceFields(input),
			status: 'submitted'
		};
		authorize(ctx, doc, null);
		return putDoc(ctx, doc);
	}
	const prev = await getDoc(ctx, id);
	if (!prev) throw new Error(t('library:errors.noResource'));
	if (named.names.includes(String(prev.author))) throw new Error(notOwnCoauthor());
	const keep = { _id: prev._id, _rev: prev._rev, type: 'resource', author: prev.author, createdAt: prev.createdAt };
	const published = prev.status === 'published';
	// a moderator who did not write it may correct a published resource in place; anyone else
	// resubmits, so a change by its writers is reviewed by someone else again
	const moderator = ctx.member.roles.includes('moderator') || ctx.member.roles.includes('admin');
	const fields = resourceFields(input);
	const status =
		published && moderator && !isWriterOf(ctx.member.name, prev, { _id: prev._id, coauthors: fields.coauthors })
			? 'published'
			: 'submitted';
	const next: Doc = { ...keep, ...fields, status, updatedAt: now };
	if (status === 'published') Object.assign(next, { reviewedBy: prev.reviewedBy, reviewedAt: prev.reviewedAt });
	authorize(ctx, next, prev);
	return putDoc(ctx, next);
}

/**
 * A reviewer's verdict: a `review` document, and the resource moved to published (approve,
 * with reviewedBy/reviewedAt) or returned to its author (changes, reject).
 */
export async function reviewResource(
	ctx: StoreContext,
	resource: string,
	verdict: Verdict,
	comments: string
): Promise<string> {
	const prev = await getDoc(ctx, resource);
	if (!prev) throw new Error(t('library:errors.noResource'));
	const now = ctx.now();
	const review: Doc = {
		_id: docId('review'),
		type: 'review',
		author: ctx.member.name,
		createdAt: now,
		resource,
		verdict,
		comments: comments.trim()
	};
	const next: Doc = { ...prev, status: verdict === 'approve' ? 'published' : 'returned', updatedAt: now };
	if (verdict === 'approve') Object.assign(next, { reviewedBy: ctx.member.name, reviewedAt: now });
	authorize(ctx, review, null, prev);
	authorize(ctx, next, prev);
	await putDoc(ctx, review);
	await putDoc(ctx, next);
	return review._id;
}

/** Rates 1–5; 0 withdraws the member's rating. */
export async function rate(ctx: StoreContext, resource: string, value: number): Promise<void> {
	const id = ratingId(resource, ctx.member.name);
	const prev = await getDoc(ctx, id);
	if (value === 0) {
		if (prev)
			await putDoc(ctx, { _id: id, _rev: prev._rev, _deleted: true, type: 'rating', author: prev.author, resource });
		return;
	}
	if (prev?.value === value) return;
	const now = ctx.now();
	const doc: Doc = {
		_id: id,
		type: 'rating',
		author: ctx.member.name,
		createdAt: typeof prev?.createdAt === 'string' ? prev.createdAt : now,
		resource,
		value
	};
	if (prev) Object.assign(doc, { _rev: prev._rev, updatedAt: now });
	authorize(ctx, doc, prev);
	await putDoc(ctx, doc);
}

export async function comment(ctx: StoreContext, target: string, body: string): Promise<string> {
	const doc: Doc = {
		_id: docId('comment'),
		type: 'comment',
		author: ctx.member.name,
		createdAt: ctx.now(),
		target,
		body: body.trim()
	};
	return putDoc(ctx, doc);
}

/** Records once that the member used a resource (opened a file, kept it offline, printed it). */
export async function recordUse(ctx: StoreContext, resource: string, how: 'file' | 'offline' | 'pack'): Promise<void> {
	const id = useId(resource, ctx.member.name);
	if (await getDoc(ctx, id)) return;
	const doc: Doc = { _id: id, type: 'use', author: ctx.member.name, createdAt: ctx.now(), resource, how };
	authorize(ctx, doc, null);
	await putDoc(ctx, doc);
}

export interface CollectionInput {
	slug: string;
	title: string;
	intro: string;
	items: Array<{ ref: string; note?: string }>;
}

export async function saveCollection(ctx: StoreContext, input: CollectionInput): Promise<string> {
	const id = collectionId(input.slug);
	const prev = await getDoc(ctx, id);
	const now = ctx.now();
	const items = input.items.map((i) => (i.note?.trim() ? { ref: i.ref, note: i.note.trim() } : { ref: i.ref }));
	const doc: Doc = prev
		? { ...prev, title: input.title.trim(), intro: input.intro, items, updatedAt: now }
		: {
				_id: id,
				type: 'collection',
				author: ctx.member.name,
				createdAt: now,
				title: input.title.trim(),
				intro: input.intro,
				items
			};
	authorize(ctx, doc, prev);
	return putDoc(ctx, doc);
}

/** Appends an item (a thread's answer, a resource...) to a collection, once. */
export async function addToCollection(ctx: StoreContext, slug: string, ref: string, note?: string): Promise<void> {
	const prev = await getDoc(ctx, collectionId(slug));
	if (!prev) throw new Error(t('kb:store.missingCollection'));
	const items = (prev.items as Array<{ ref: string; note?: string }>) ?? [];
	if (items.some((i) => i.ref === ref)) return;
	await saveCollection(ctx, {
		slug,
		title: String(prev.title),
		intro: String(prev.intro),
		items: [...items, { ref, ...(note ? { note } : {}) }]
	});
}

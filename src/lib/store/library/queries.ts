// Library queries over Dexie (run them inside liveQuery): the published list with filters and
// sorts, a resource with its derived figures, submissions, the review queue, collections.
import { plainExcerpt } from '../../search/snippet';
import { summarizeRatings, ratingScore, type RatingSummary } from '../../domain/ratings';
import { isWriterOf, mayReview } from '../../domain/permissions';
import type { StoreContext } from '../context';
import { t as translate } from '../../i18n';
import { libraryTables, type ResourceCardRow, type ResourceDocRow } from './tables';
import { isKept, packIds } from './device';
import type {
	CollectionView,
	CommentView,
	LibraryFacets,
	LibraryFilters,
	RelatedItem,
	ResourceCard,
	ResourceDetail,
	ReviewView,
	SubmissionView
} from './views';

const ulidOf = (id: string) => id.slice(id.indexOf(':') + 1);
const sorted = (values: Iterable<string>) => [...new Set(values)].filter(Boolean).sort((a, b) => a.localeCompare(b));

async function names(ctx: StoreContext, usernames: Iterable<string>): Promise<Map<string, string>> {
	const list = [...new Set(usernames)];
	const rows = await ctx.db.profiles.bulkGet(list);
	return new Map(list.map((u, i) => [u, rows[i]?.displayName ?? u]));
}

/** The published resources' cards: what a list shows, without bodies (libCards). */
async function published(ctx: StoreContext): Promise<ResourceCardRow[]> {
	return libraryTables(ctx.db).cards.where('status').equals('published').toArray();
}

function matches(r: ResourceCardRow, f: LibraryFilters): boolean {
	return (
		(!f.kind || r.kind === f.kind) &&
		(!f.tag || r.tags.includes(f.tag)) &&
		(!f.jurisdiction || r.jurisdiction === f.jurisdiction) &&
		(!f.sector || r.sector === f.sector)
	);
}

/** Rating summaries and use counts of the given resources (derived from the documents). */
async function figures(
	ctx: StoreContext,
	ids: readonly string[]
): Promise<{ ratings: Map<string, RatingSummary>; uses: Map<string, number> }> {
	const t = libraryTables(ctx.db);
	const [ratingRows, useRows] = await Promise.all([
		t.ratings.where('resource').anyOf(ids).toArray(),
		t.uses.where('resource').anyOf(ids).toArray()
	]);
	const byResource = new Map<string, Array<{ author: string; value: number }>>();
	for (const r of ratingRows) byResource.set(r.resource, [...(byResource.get(r.resource) ?? []), r]);
	const ratings = new Map(ids.map((id) => [id, summarizeRatings(byResource.get(id) ?? [])]));
	const uses = new Map<string, number>();
	for (const u of useRows) uses.set(u.resource, (uses.get(u.resource) ?? 0) + 1);
	return { ratings, uses };
}

export async function listLibrary(ctx: StoreContext, filters: LibraryFilters = {}): Promise<ResourceCard[]> {
	return (await browseLibrary(ctx, filters)).cards;
}

/**
 * The library page in one read: the cards that pass `filters` and the facets of every published
 * resource. One read transaction, and the published resources read once for both: each separate
 * read is another round trip to IndexedDB's process, and reading every resource twice was the
 * slowest part of opening the library.
 */
export async function browseLibrary(
	ctx: StoreContext,
	filters: LibraryFilters = {}
): Promise<{ cards: ResourceCard[]; facets: LibraryFacets }> {
	const t = libraryTables(ctx.db);
	return ctx.db.transaction('r', [t.cards, t.ratings, t.uses, ctx.db.profiles], async () => {
		const rows = await published(ctx);
		return {
			cards: await cardsOf(
				ctx,
				rows.filter((r) => matches(r, filters)),
				filters
			),
			facets: facetsOf(rows)
		};
	});
}

async function cardsOf(ctx: StoreContext, rows: ResourceCardRow[], filters: LibraryFilters): Promise<ResourceCard[]> {
	const ids = rows.map((r) => r.id);
	const [{ ratings, uses }, authorNames] = await Promise.all([
		figures(ctx, ids),
		names(
			ctx,
			rows.map((r) => r.author)
		)
	]);
	const cards = rows.map((r): ResourceCard => ({
		id: r.id,
		ulid: ulidOf(r.id),
		kind: r.kind,
		title: r.title,
		summary: r.summary,
		tags: r.tags,
		author: r.author,
		authorName: authorNames.get(r.author) ?? r.author,
		...(r.organization ? { organization: r.organization } : {}),
		...(r.jurisdiction ? { jurisdiction: r.jurisdiction } : {}),
		...(r.sector ? { sector: r.sector } : {}),
		publishedAt: r.publishedAt,
		rating: ratings.get(r.id) ?? summarizeRatings([]),
		uses: uses.get(r.id) ?? 0,
		fileCount: r.fileCount
	}));
	const newest = (a: ResourceCard, b: ResourceCard) =>
		b.publishedAt.localeCompare(a.publishedAt) || b.id.localeCompare(a.id);
	const sort = filters.sort ?? 'newest';
	if (sort === 'rated') cards.sort((a, b) => ratingScore(b.rating) - ratingScore(a.rating) || newest(a, b));
	else if (sort === 'used') cards.sort((a, b) => b.uses - a.uses || newest(a, b));
	else cards.sort(newest);
	return cards;
}

export async function libraryFacets(ctx: StoreContext): Promise<LibraryFacets> {
	return facetsOf(await published(ctx));
}

function facetsOf(rows: readonly ResourceCardRow[]): LibraryFacets {
	return {
		kinds: sorted(rows.map((r) => r.kind)),
		tags: sorted(rows.flatMap((r) => r.tags)),
		jurisdictions: sorted(rows.map((r) => r.jurisdiction ?? '')),
		sectors: sorted(rows.map((r) => r.sector ?? ''))
	};
}

export async function getResource(ctx: StoreContext, id: string): Promise<ResourceDetail | undefined> {
	const t = libraryTables(ctx.db);
	const resource = await t.resources.get(id);
	if (!resource) return undefined;
	const [{ ratings, uses }, ratingRows, commentRows, reviewRows, related, pack, kept, outbox] = await Promise.all([
		figures(ctx, [id]),
		t.ratings.where('resource').equals(id).toArray(),
		t.comments.where('[target+createdAt]').between([id, ''], [id, '\uffff']).toArray(),
		t.reviews.where('[resource+createdAt]').between([id, ''], [id, '\uffff']).toArray(),
		relatedOf(ctx, resource),
		packIds(ctx),
		isKept(ctx, id),
		ctx.db.outbox.get(id)
	]);
	const who = await names(ctx, [
		resource.author,
		resource.reviewedBy ?? '',
		...(resource.coauthors ?? []),
		...commentRows.map((c) => c.author),
		...reviewRows.map((r) => r.author)
	]);
	const pendingComments = new Set(
		(await ctx.db.outbox.bulkGet(commentRows.map((c) => c.id))).filter(Boolean).map((o) => o!.id)
	);
	const comments: CommentView[] = commentRows.map((c) => ({
		...c,
		authorName: who.get(c.author) ?? c.author,
		pending: pendingComments.has(c.id)
	}));
	const reviews: ReviewView[] = reviewRows.map((r) => ({ ...r, authorName: who.get(r.author) ?? r.author }));
	return {
		resource,
		ulid: ulidOf(id),
		authorName: who.get(resource.author) ?? resource.author,
		reviewerName: resource.reviewedBy ? (who.get(resource.reviewedBy) ?? resource.reviewedBy) : null,
		coauthorNames: (resource.coauthors ?? []).map((c) => who.get(c) ?? c),
		mayReview: mayReview(ctx.member, resource),
		rating: ratings.get(id) ?? summarizeRatings([]),
		myRating: ratingRows.find((r) => r.author === ctx.member.name)?.value ?? null,
		uses: uses.get(id) ?? 0,
		comments,
		reviews,
		related,
		inPack: pack.includes(id),
		kept,
		pending: outbox !== undefined
	};
}

/** Named related items, then up to 3 published resources and 3 threads sharing a tag. */
async function relatedOf(ctx: StoreContext, r: ResourceDocRow): Promise<RelatedItem[]> {
	const named = await resolveRefs(ctx, r.related ?? []);
	const seen = new Set([r.id, ...named.map((n) => n.id)]);
	const out = named.filter((n) => !n.missing).map(({ id, type, title, href }) => ({ id, type, title, href }));
	if (!r.tags.length) return out;
	// by the cards' tag index: a resource sharing two tags comes twice, kept once
	const resources = (await libraryTables(ctx.db).cards.where('tags').anyOf(r.tags).toArray())
		.filter((o) => o.status === 'published' && !seen.has(o.id) && Boolean(seen.add(o.id)))
		.sort((a, b) => a.id.localeCompare(b.id))
		.slice(0, 3);
	// a multi-entry index yields a thread once per matching tag: keep the first of each
	const threads = (await ctx.db.threads.where('tags').anyOf(r.tags).limit(30).toArray())
		.filter((th) => !th.deleted && !seen.has(th.id) && Boolean(seen.add(th.id)))
		.slice(0, 3);
	for (const o of resources) out.push({ id: o.id, type: 'resource', title: o.title, href: `/library/${ulidOf(o.id)}` });
	for (const th of threads)
		out.push({ id: th.id, type: 'thread', title: th.title, href: `/forums/t/${ulidOf(th.id)}` });
	return out;
}

/** Resolves resource, thread and post ids to titles and links (missing ones are flagged). */
export async function resolveRefs(
	ctx: StoreContext,
	refs: readonly string[]
): Promise<Array<RelatedItem & { summary: string; missing: boolean }>> {
	const t = libraryTables(ctx.db);
	const of = (type: string) => refs.filter((id) => id.startsWith(`${type}:`));
	const [res, threads, posts] = await Promise.all([
		t.resources.bulkGet(of('resource')),
		ctx.db.threads.bulkGet(of('thread')),
		ctx.db.posts.bulkGet(of('post'))
	]);
	const postThreads = await ctx.db.threads.bulkGet(posts.map((p) => p?.thread ?? ''));
	const found = new Map<string, RelatedItem & { summary: string; missing: boolean }>();
	for (const r of res)
		if (r)
			found.set(r.id, {
				id: r.id,
				type: 'resource',
				title: r.title,
				href: `/library/${ulidOf(r.id)}`,
				summary: r.summary,
				missing: r.status !== 'published'
			});
	for (const th of threads)
		if (th)
			found.set(th.id, {
				id: th.id,
				type: 'thread',
				title: th.title,
				href: `/forums/t/${ulidOf(th.id)}`,
				summary: plainExcerpt(th.body, 300),
				missing: th.deleted === 1
			});
	posts.forEach((p, i) => {
		if (!p) return;
		const th = postThreads[i];
		found.set(p.id, {
			id: p.id,
			type: 'post',
			title: th ? translate('library:related.answerIn', { title: th.title }) : translate('library:related.answer'),
			href: `/forums/t/${ulidOf(p.thread)}#${ulidOf(p.id)}`,
			summary: plainExcerpt(p.body, 300),
			missing: p.deleted === 1
		});
	});
	return refs.map(
		(id) =>
			found.get(id) ?? {
				id,
				type: (id.split(':')[0] as RelatedItem['type']) ?? 'resource',
				title: id,
				href: '#',
				summary: '',
				missing: true
			}
	);
}

function stateOf(r: ResourceDocRow, latest: ReviewView | null): SubmissionView['state'] {
	if (r.status === 'returned' && latest?.verdict === 'reject') return 'rejected';
	return r.status;
}

async function submissions(ctx: StoreContext, rows: ResourceDocRow[]): Promise<SubmissionView[]> {
	const t = libraryTables(ctx.db);
	const ids = new Set(rows.map((r) => r.id));
	const reviews = ids.size ? (await t.reviews.toArray()).filter((rv) => ids.has(rv.resource)) : [];
	const latest = new Map<string, (typeof reviews)[number]>();
	for (const rv of reviews)
		if (!latest.get(rv.resource) || latest.get(rv.resource)!.createdAt <= rv.createdAt) latest.set(rv.resource, rv);
	const who = await names(ctx, [...rows.map((r) => r.author), ...[...latest.values()].map((r) => r.author)]);
	const pending = await ctx.db.outbox.bulkGet(rows.map((r) => r.id));
	return rows
		.map((r, i): SubmissionView => {
			const rv = latest.get(r.id);
			const view = rv ? { ...rv, authorName: who.get(rv.author) ?? rv.author } : null;
			return {
				resource: r,
				ulid: ulidOf(r.id),
				authorName: who.get(r.author) ?? r.author,
				latestReview: view,
				state: stateOf(r, view),
				pending: pending[i] !== undefined
			};
		})
		.sort((a, b) =>
			(b.resource.updatedAt ?? b.resource.createdAt).localeCompare(a.resource.updatedAt ?? a.resource.createdAt)
		);
}

export async function mySubmissions(ctx: StoreContext): Promise<SubmissionView[]> {
	return submissions(ctx, await libraryTables(ctx.db).resources.where('author').equals(ctx.member.name).toArray());
}

export async function reviewQueue(ctx: StoreContext): Promise<SubmissionView[]> {
	const all = await libraryTables(ctx.db).resources.where('status').equals('submitted').toArray();
	// nobody reviews what they wrote (permissions.ts): one's own submissions wait for someone else
	const rows = all.filter((r) => !isWriterOf(ctx.member.name, r));
	return (await submissions(ctx, rows)).reverse(); // oldest first
}

export async function listCollections(ctx: StoreContext): Promise<Array<CollectionView>> {
	const rows = await libraryTables(ctx.db).collections.toArray();
	const out: CollectionView[] = [];
	for (const row of rows.sort((a, b) => a.title.localeCompare(b.title)))
		out.push((await getCollection(ctx, row.slug))!);
	return out;
}

export async function getCollection(ctx: StoreContext, slug: string): Promise<CollectionView | undefined> {
	const row = await libraryTables(ctx.db).collections.get(slug);
	if (!row) return undefined;
	const resolved = await resolveRefs(
		ctx,
		row.items.map((i) => i.ref)
	);
	return {
		...row,
		items: resolved.map((item, i) => ({ ...item, ...(row.items[i].note ? { note: row.items[i].note } : {}) }))
	};
}

// Success story queries over Dexie (run them inside liveQuery): the published list with filters
// and sorts, one story with its reviews and related items, the member's stories, the review queue.
import { largestImprovement } from '../../domain/outcomes';
import { hasRole, isModerator, isWriterOf, mayReview } from '../../domain/permissions';
import type { StoreContext } from '../context';
import { adoptionTables } from '../adoptions/tables';
import { packIds } from '../library/device';
import { resolveRefs } from '../library/queries';
import { libraryTables } from '../library/tables';
import type { ReviewView } from '../library/views';
import { storyTables, type StoryRow } from './tables';
import type { StoryCard, StoryDetail, StoryFacets, StoryFilters, StorySubmissionView } from './views';

const ulidOf = (id: string) => id.slice(id.indexOf(':') + 1);
const sorted = (values: Iterable<string>) => [...new Set(values)].filter(Boolean).sort((a, b) => a.localeCompare(b));

async function names(ctx: StoreContext, usernames: Iterable<string>): Promise<Map<string, string>> {
	const list = [...new Set(usernames)].filter(Boolean);
	const rows = await ctx.db.profiles.bulkGet(list);
	return new Map(list.map((u, i) => [u, rows[i]?.displayName ?? u]));
}

const published = (ctx: StoreContext): Promise<StoryRow[]> =>
	storyTables(ctx.db).stories.where('status').equals('published').toArray();

/**
 * Organisations that recorded adopting each story, each counted once whatever its status: the
 * same organisation written "City of Lyon" and "city of lyon " is one.
 */
export async function adoptionCounts(ctx: StoreContext, ids: readonly string[]): Promise<Map<string, number>> {
	const rows = ids.length ? await adoptionTables(ctx.db).adoptions.where('practice').anyOf(ids).toArray() : [];
	const orgs = new Map<string, Set<string>>();
	for (const row of rows) {
		// read defensively: the adoption row's type keeps only the document's index signature
		const practice = String(row.practice);
		const set = orgs.get(practice) ?? new Set<string>();
		set.add(String(row.organization).trim().toLocaleLowerCase());
		orgs.set(practice, set);
	}
	return new Map(ids.map((id) => [id, orgs.get(id)?.size ?? 0]));
}

function matches(s: StoryRow, f: StoryFilters): boolean {
	return (
		(!f.sector || s.sector === f.sector) &&
		(!f.region || s.region === f.region) &&
		(!f.level || s.level === f.level) &&
		(!f.metric || s.outcomes.some((o) => o.metric === f.metric))
	);
}

export async function listStories(ctx: StoreContext, filters: StoryFilters = {}): Promise<StoryCard[]> {
	const rows = (await published(ctx)).filter((s) => matches(s, filters));
	const ids = rows.map((s) => s.id);
	const [adoptions, who] = await Promise.all([
		adoptionCounts(ctx, ids),
		names(
			ctx,
			rows.map((s) => s.author)
		)
	]);
	const cards = rows.map((s): StoryCard => ({
		id: s.id,
		ulid: ulidOf(s.id),
		title: s.title,
		summary: s.summary,
		author: s.author,
		authorName: who.get(s.author) ?? s.author,
		...(s.organization ? { organization: s.organization } : {}),
		...(s.jurisdiction ? { jurisdiction: s.jurisdiction } : {}),
		...(s.level ? { level: s.level } : {}),
		...(s.sector ? { sector: s.sector } : {}),
		...(s.region ? { region: s.region } : {}),
		tags: s.tags,
		publishedAt: s.publishedAt,
		adoptions: adoptions.get(s.id) ?? 0,
		improvement: largestImprovement(s.outcomes)
	}));
	const newest = (a: StoryCard, b: StoryCard) => b.publishedAt.localeCompare(a.publishedAt) || b.id.localeCompare(a.id);
	const sort = filters.sort ?? 'newest';
	if (sort === 'adopted') cards.sort((a, b) => b.adoptions - a.adoptions || newest(a, b));
	else if (sort === 'improvement')
		// stories without a before/after figure come last
		cards.sort(
			(a, b) => (b.improvement?.improvement ?? -Infinity) - (a.improvement?.improvement ?? -Infinity) || newest(a, b)
		);
	else cards.sort(newest);
	return cards;
}

export async function storyFacets(ctx: StoreContext): Promise<StoryFacets> {
	const rows = await published(ctx);
	const metrics = new Set(rows.flatMap((s) => s.outcomes.map((o) => o.metric)));
	return {
		sectors: sorted(rows.map((s) => s.sector ?? '')),
		regions: sorted(rows.map((s) => s.region ?? '')),
		levels: sorted(rows.map((s) => s.level ?? '')),
		metrics: [...metrics].sort()
	};
}

/**
 * Who may read a story not yet published: a draft only its writers; a submitted or returned one
 * also reviewers and moderators (who decide on it).
 */
export function mayRead(ctx: StoreContext, s: StoryRow): boolean {
	if (s.status === 'published' || isWriterOf(ctx.member.name, s)) return true;
	if (s.status === 'draft') return false;
	return hasRole(ctx.member, 'reviewer') || isModerator(ctx.member);
}

async function reviewsOf(ctx: StoreContext, ids: readonly string[]): Promise<Map<string, ReviewView[]>> {
	const rows = ids.length ? await libraryTables(ctx.db).reviews.where('resource').anyOf(ids).toArray() : [];
	const who = await names(
		ctx,
		rows.map((r) => r.author)
	);
	const out = new Map<string, ReviewView[]>();
	for (const r of rows.sort((a, b) => a.createdAt.localeCompare(b.createdAt)))
		out.set(r.resource, [...(out.get(r.resource) ?? []), { ...r, authorName: who.get(r.author) ?? r.author }]);
	return out;
}

export async function getStory(ctx: StoreContext, id: string): Promise<StoryDetail | undefined> {
	const story = await storyTables(ctx.db).stories.get(id);
	if (!story || !mayRead(ctx, story)) return undefined;
	const [reviews, related, pack, outbox, adoptions, who] = await Promise.all([
		reviewsOf(ctx, [id]),
		resolveRefs(ctx, story.related ?? []),
		packIds(ctx),
		ctx.db.outbox.get(id),
		adoptionCounts(ctx, [id]),
		names(ctx, [story.author, story.reviewedBy ?? '', ...(story.coauthors ?? [])])
	]);
	return {
		story,
		ulid: ulidOf(id),
		authorName: who.get(story.author) ?? story.author,
		reviewerName: story.reviewedBy ? (who.get(story.reviewedBy) ?? story.reviewedBy) : null,
		coauthorNames: (story.coauthors ?? []).map((c) => who.get(c) ?? c),
		mine: isWriterOf(ctx.member.name, story),
		mayReview: mayReview(ctx.member, story),
		reviews: reviews.get(id) ?? [],
		related: related.filter((r) => !r.missing).map(({ id, type, title, href }) => ({ id, type, title, href })),
		inPack: pack.includes(id),
		pending: outbox !== undefined,
		adoptions: adoptions.get(id) ?? 0
	};
}

async function submissions(ctx: StoreContext, rows: StoryRow[]): Promise<StorySubmissionView[]> {
	const ids = rows.map((s) => s.id);
	const [reviews, who, pending] = await Promise.all([
		reviewsOf(ctx, ids),
		names(
			ctx,
			rows.map((s) => s.author)
		),
		ctx.db.outbox.bulkGet(ids)
	]);
	return rows
		.map((s, i): StorySubmissionView => {
			const latestReview = reviews.get(s.id)?.at(-1) ?? null;
			const rejected = s.status === 'returned' && latestReview?.verdict === 'reject';
			return {
				story: s,
				ulid: ulidOf(s.id),
				authorName: who.get(s.author) ?? s.author,
				latestReview,
				state: rejected ? 'rejected' : s.status,
				pending: pending[i] !== undefined
			};
		})
		.sort((a, b) => (b.story.updatedAt ?? b.story.createdAt).localeCompare(a.story.updatedAt ?? a.story.createdAt));
}

/** Stories the member wrote, as author or co-author, newest change first. */
export async function myStories(ctx: StoreContext): Promise<StorySubmissionView[]> {
	const all = await storyTables(ctx.db).stories.toArray();
	return submissions(
		ctx,
		all.filter((s) => isWriterOf(ctx.member.name, s))
	);
}

/** Submitted stories the member may decide on (not written by them), oldest first. */
export async function storyReviewQueue(ctx: StoreContext): Promise<StorySubmissionView[]> {
	const all = await storyTables(ctx.db).stories.where('status').equals('submitted').toArray();
	return (
		await submissions(
			ctx,
			all.filter((s) => !isWriterOf(ctx.member.name, s))
		)
	).reverse();
}

/** Published stories by id, in the order given (the print pack). */
export async function storiesByIds(ctx: StoreContext, ids: readonly string[]): Promise<StoryRow[]> {
	const rows = await storyTables(ctx.db).stories.bulkGet([...ids]);
	return rows.filter((r): r is StoryRow => r !== undefined && mayRead(ctx, r));
}

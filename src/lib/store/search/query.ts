// Search answers for screens: hits from the index with a link, a highlighted snippet (segments,
// never HTML) cut from the document's text as projected in Dexie, and facet counts.
import type { FacetCounts, SearchFilters, SearchHit } from '../../search/index';
import { canSee, visibilityOf } from '../../domain/moderation';
import type { Actor } from '../../domain/permissions';
import { snippet, type Segment } from '../../search/snippet';
import type { PraxisDb } from '../db';
import { libraryTables } from '../library/tables';
import { moderationTables } from '../moderation/tables';
import { storyTables } from '../stories/tables';
import { eventsTables } from '../events/tables';
import type { SearchIndexer } from './indexer';

export interface SearchResultView extends SearchHit {
	href: string;
	snippet: Segment[];
}

export interface SearchPage {
	hits: SearchResultView[];
	total: number;
	facets: FacetCounts;
	/** Milliseconds the index took to answer (without the snippets). */
	tookMs: number;
	/** Category names by slug, for the category facet and the hits' lines. */
	categoryNames: Record<string, string>;
	/** When nothing was found: a nearby query that finds something ("Did you mean …?"), or null. */
	didYouMean: string | null;
}

const ulidOf = (id: string) => id.slice(id.indexOf(':') + 1);
const SNIPPET_SOURCE_CHARS = 20_000;

export function hrefOf(hit: Pick<SearchHit, 'id' | 'type' | 'thread'>): string {
	if (hit.type === 'resource') return `/library/${ulidOf(hit.id)}`;
	if (hit.type === 'story') return `/stories/${ulidOf(hit.id)}`;
	if (hit.type === 'thread') return `/forums/t/${ulidOf(hit.id)}`;
	if (hit.type === 'event') return `/events/${ulidOf(hit.id)}`;
	if (hit.type === 'person') return `/people/${encodeURIComponent(ulidOf(hit.id))}`;
	return hit.thread ? `/forums/t/${ulidOf(hit.thread)}#${ulidOf(hit.id)}` : '/forums';
}

export async function search(
	db: PraxisDb,
	indexer: SearchIndexer,
	q: string,
	filters: SearchFilters = {},
	limit = 30,
	viewer?: Actor
): Promise<SearchPage> {
	const index = await indexer.ready();
	const started = performance.now();
	const answer = index.search(q, filters, limit);
	const tookMs = performance.now() - started;
	const shown = viewer ? await visibleTo(db, viewer, answer.hits) : answer.hits;
	const texts = await textsOf(db, shown);
	// Snippets look at the start of long bodies only: cutting a window out of 100k characters
	// per hit would cost more than the search itself.
	const hits = shown.map((hit) => ({
		...hit,
		href: hrefOf(hit),
		snippet: snippet((texts.get(hit.id) ?? '').slice(0, SNIPPET_SOURCE_CHARS), hit.terms)
	}));
	const total = answer.total - (answer.hits.length - shown.length);
	const categories = await db.categories.toArray();
	return {
		hits,
		total,
		facets: answer.facets,
		tookMs,
		categoryNames: Object.fromEntries(categories.map((c) => [c.slug, c.name])),
		didYouMean: total === 0 && q.trim() ? index.didYouMean(q) : null
	};
}

/**
 * The hits the viewer may read: an item moderators hid is found only by its author and by
 * moderators (the index keeps it, so it comes back when a moderator restores it).
 */
async function visibleTo(db: PraxisDb, viewer: Actor, hits: readonly SearchHit[]): Promise<SearchHit[]> {
	const decisions = await moderationTables(db).moderation.bulkGet(hits.map((hit) => hit.id));
	return hits.filter((hit, i) => canSee(visibilityOf(hit.author, viewer.name, viewer.roles, decisions[i])));
}

async function textsOf(db: PraxisDb, hits: readonly SearchHit[]): Promise<Map<string, string>> {
	const ids = (type: SearchHit['type']) => hits.filter((h) => h.type === type).map((h) => h.id);
	const resourcesTable = libraryTables(db).resources;
	const storiesTable = storyTables(db).stories;
	const eventsTable = eventsTables(db).events;
	// one read transaction for the tables instead of one each
	const [threads, posts, resources, stories, events, profiles] = await db.transaction(
		'r',
		[db.threads, db.posts, resourcesTable, storiesTable, eventsTable, db.profiles],
		() =>
			Promise.all([
				db.threads.bulkGet(ids('thread')),
				db.posts.bulkGet(ids('post')),
				resourcesTable.bulkGet(ids('resource')),
				storiesTable.bulkGet(ids('story')),
				eventsTable.bulkGet(ids('event')),
				db.profiles.bulkGet(ids('person').map(ulidOf))
			])
	);
	const out = new Map<string, string>();
	for (const t of threads) if (t) out.set(t.id, t.body);
	for (const p of posts) if (p) out.set(p.id, p.body);
	for (const r of resources) if (r) out.set(r.id, `${r.summary}\n\n${r.body}`);
	for (const s of stories) if (s) out.set(s.id, `${s.summary}\n\n${s.problem}\n\n${s.actions}`);
	for (const e of events) if (e) out.set(e.id, e.description);
	for (const p of profiles)
		if (p && !p.former) out.set(`profile:${p.username}`, [p.role, p.organization, p.bio].filter(Boolean).join('\n\n'));
	return out;
}

// The offline full-text index over forums and library (MiniSearch). Pure and storage-free:
// the store persists `toJSON()` in Dexie with the projector checkpoint it matches, and feeds
// it documents incrementally (upsert / remove), so it is never rebuilt on start.
import MiniSearch, { type AsPlainObject, type SearchResult } from 'minisearch';

export const SEARCH_TYPES = ['thread', 'post', 'resource'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

/** What the index knows of a document; the store derives it from the replicated one. */
export interface SearchDoc {
	id: string;
	type: SearchType;
	title: string;
	/** Body, summary and any other prose, as plain-ish text. */
	text: string;
	tags: string[];
	author: string;
	authorName?: string;
	/** Resource kind. */
	kind?: string;
	/** Category slug of a thread, or of a post's thread. */
	category?: string;
	/** The thread a post belongs to. */
	thread?: string;
	createdAt: string;
}

export interface SearchFilters {
	type?: SearchType;
	kind?: string;
	tag?: string;
	category?: string;
}

export interface SearchHit {
	id: string;
	type: SearchType;
	title: string;
	score: number;
	terms: string[];
	kind?: string;
	category?: string;
	thread?: string;
	tags: string[];
	author: string;
	createdAt: string;
}

export type FacetCounts = Record<'type' | 'kind' | 'tag' | 'category', Record<string, number>>;

export interface SearchAnswer {
	hits: SearchHit[];
	total: number;
	facets: FacetCounts;
}

const STORED = ['type', 'title', 'tags', 'author', 'kind', 'category', 'thread', 'createdAt'] as const;

const OPTIONS = {
	fields: ['title', 'text', 'tagText', 'authorText'],
	storeFields: [...STORED],
	// Raw values, so stored fields keep their shape (tags stay an array); MiniSearch
	// stringifies them for indexing.
	extractField: (doc: SearchDoc, field: string): unknown => {
		if (field === 'tagText') return doc.tags.join(' ');
		if (field === 'authorText') return `${doc.author} ${doc.authorName ?? ''}`;
		return (doc as unknown as Record<string, unknown>)[field];
	},
	stringifyField: (value: unknown): string => (Array.isArray(value) ? value.join(' ') : value == null ? '' : String(value)),
	searchOptions: {
		prefix: true,
		// Typo tolerance grows with the word: none for short words, about one edit in five.
		fuzzy: (term: string) => (term.length < 4 ? 0 : term.length < 6 ? 1 : 2),
		boost: { title: 3, tagText: 2, authorText: 1.5, text: 1 },
		combineWith: 'AND' as const
	}
};

export class SearchIndex {
	#mini: MiniSearch<SearchDoc>;

	private constructor(mini: MiniSearch<SearchDoc>) {
		this.#mini = mini;
	}

	static empty(): SearchIndex {
		return new SearchIndex(new MiniSearch<SearchDoc>(OPTIONS));
	}

	/** Restores an index saved with toJSON(). */
	static fromJSON(saved: AsPlainObject): SearchIndex {
		return new SearchIndex(MiniSearch.loadJS<SearchDoc>(saved, OPTIONS));
	}

	toJSON(): AsPlainObject {
		return this.#mini.toJSON();
	}

	get size(): number {
		return this.#mini.documentCount;
	}

	has(id: string): boolean {
		return this.#mini.has(id);
	}

	/** Adds or replaces a document: safe to call again with the same or a newer version. */
	upsert(doc: SearchDoc): void {
		if (this.#mini.has(doc.id)) this.#mini.replace(doc);
		else this.#mini.add(doc);
	}

	upsertAll(docs: readonly SearchDoc[]): void {
		for (const doc of docs) this.upsert(doc);
	}

	/** Removes a document if present (deletions may arrive for documents never indexed). */
	remove(id: string): void {
		if (this.#mini.has(id)) this.#mini.discard(id);
	}

	search(query: string, filters: SearchFilters = {}, limit = 50): SearchAnswer {
		const q = query.trim();
		if (!q) return { hits: [], total: 0, facets: emptyFacets() };
		let results = this.#mini.search(q);
		if (results.length === 0) results = this.#mini.search(q, { combineWith: 'OR' });
		const hits = results.map(toHit);
		const facets = countFacets(hits);
		const filtered = hits.filter((hit) => matches(hit, filters));
		return { hits: filtered.slice(0, limit), total: filtered.length, facets };
	}

	/** Completions for a partial query, for the search box. */
	suggest(partial: string, limit = 8): string[] {
		return this.#mini
			.autoSuggest(partial)
			.slice(0, limit)
			.map((s) => s.suggestion);
	}
}

function toHit(result: SearchResult): SearchHit {
	const r = result as SearchResult & Partial<Record<(typeof STORED)[number], unknown>>;
	return {
		id: String(r.id),
		type: r.type as SearchType,
		title: String(r.title ?? ''),
		score: r.score,
		terms: r.terms,
		kind: r.kind as string | undefined,
		category: r.category as string | undefined,
		thread: r.thread as string | undefined,
		tags: Array.isArray(r.tags) ? (r.tags as string[]) : [],
		author: String(r.author ?? ''),
		createdAt: String(r.createdAt ?? '')
	};
}

function matches(hit: SearchHit, f: SearchFilters): boolean {
	return (
		(!f.type || hit.type === f.type) &&
		(!f.kind || hit.kind === f.kind) &&
		(!f.category || hit.category === f.category) &&
		(!f.tag || hit.tags.includes(f.tag))
	);
}

function emptyFacets(): FacetCounts {
	return { type: {}, kind: {}, tag: {}, category: {} };
}

function countFacets(hits: readonly SearchHit[]): FacetCounts {
	const facets = emptyFacets();
	const bump = (facet: Record<string, number>, key: string | undefined) => {
		if (key) facet[key] = (facet[key] ?? 0) + 1;
	};
	for (const hit of hits) {
		bump(facets.type, hit.type);
		bump(facets.kind, hit.kind);
		bump(facets.category, hit.category);
		for (const tag of hit.tags) bump(facets.tag, tag);
	}
	return facets;
}

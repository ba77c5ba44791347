// The offline full-text index over forums and library (MiniSearch). Pure and storage-free:
// the store persists `toJSON()` in Dexie with the feed checkpoint it matches, and feeds
// it documents incrementally (upsert / remove), so it is never rebuilt on start.
import MiniSearch, { type AsPlainObject, type SearchResult } from 'minisearch';
import { eligible, openRanker, OR_MIN_SHARE, type Ranker } from './ranker';
import { serializeInSlices, type Pause } from './serialize';

export const SEARCH_TYPES = ['thread', 'post', 'resource', 'story', 'event', 'person'] as const;
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
	/** Resource kind, or event kind. */
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

const FIELDS = ['title', 'text', 'tagText', 'authorText'];
const BOOST: Record<string, number> = { title: 3, tagText: 2, authorText: 1.5, text: 1 };
// Prefix matching on the last word only (the one being typed): on every word it walks the
// postings of every longer word that starts with it, for each word of the query.
const prefixOf = (_term: string, i: number, terms: string[]): boolean => i === terms.length - 1;
// Typo tolerance grows with the word: none under five letters (a one-letter change to a short
// word is another word), one edit up to eight letters, two beyond.
const fuzzyOf = (term: string): number => (term.length < 5 ? 0 : term.length <= 8 ? 1 : 2);
const MAX_FUZZY = 2;

const OPTIONS = {
	fields: FIELDS,
	storeFields: [...STORED],
	// Raw values, so stored fields keep their shape (tags stay an array); MiniSearch
	// stringifies them for indexing.
	extractField: (doc: SearchDoc, field: string): unknown => {
		if (field === 'tagText') return doc.tags.map(tagWords).join(' ');
		if (field === 'authorText') return `${doc.author} ${doc.authorName ?? ''}`;
		return Reflect.get(doc, field) as unknown;
	},
	stringifyField: (value: unknown): string =>
		Array.isArray(value) ? value.join(' ') : value == null ? '' : String(value),
	searchOptions: {
		prefix: prefixOf,
		fuzzy: fuzzyOf,
		maxFuzzy: MAX_FUZZY,
		boost: BOOST,
		combineWith: 'AND' as const
	}
};

/** Queries whose ranked results are kept (see SearchIndex.#ranked). */
export const QUERY_CACHE_SIZE = 4;

/** The stored fields of a match (MiniSearch copies them onto its results; the lean ranker reads them). */
type Stored = Partial<Record<(typeof STORED)[number], unknown>>;

/** A query's ranked matches (unfiltered), whichever ranker answered. */
interface Ranked {
	count: number;
	/** The stored fields of the i-th match (for filters). */
	stored(i: number): Stored;
	score(i: number): number;
	hit(i: number): SearchHit;
	facets: FacetCounts;
}

/**
 * A tag as words for the index: `open-data` is found by "open data", "Open-Data" and "opendata"
 * (the tokenizer splits on hyphens; the joined form is added here).
 */
function tagWords(tag: string): string {
	const words = tag.split(/[-_\s]+/).filter(Boolean);
	return words.length > 1 ? `${words.join(' ')} ${words.join('')}` : tag;
}

/** A tag as a filter compares it: lowercase, words joined by hyphens ("Open data" → "open-data"). */
export function tagKey(tag: string): string {
	return tag
		.trim()
		.toLowerCase()
		.split(/[-_\s]+/)
		.filter(Boolean)
		.join('-');
}

/** Case and spacing do not change a query's results (MiniSearch lowercases and splits on spaces). */
function normalizeQuery(query: string): string {
	return query.trim().replace(/\s+/g, ' ').toLowerCase();
}

const tokenize = MiniSearch.getDefault('tokenize') as (text: string) => string[];

/** A query's words as MiniSearch's default tokenizer and term processing see them. */
function queryWords(q: string): string[] {
	return tokenize(q)
		.map((t) => t.toLowerCase())
		.filter(Boolean);
}

export class SearchIndex {
	#mini: MiniSearch<SearchDoc>;
	#ranker: Ranker | null;
	#cache = new Map<string, Ranked>();

	private constructor(mini: MiniSearch<SearchDoc>, lean = true) {
		this.#mini = mini;
		this.#ranker = lean
			? openRanker(mini, {
					fields: FIELDS,
					boost: BOOST,
					prefix: prefixOf,
					fuzzy: fuzzyOf,
					maxFuzzy: MAX_FUZZY,
					join: true
				})
			: null;
	}

	/** `lean: false` ranks with MiniSearch.search() (for tests comparing the two rankers). */
	static empty(options: { lean?: boolean } = {}): SearchIndex {
		return new SearchIndex(new MiniSearch<SearchDoc>(OPTIONS), options.lean ?? true);
	}

	/** Whether queries use the lean ranker (ranker.ts) rather than MiniSearch.search(). */
	get lean(): boolean {
		return this.#ranker !== null;
	}

	/** Restores an index saved with toJSON(). */
	static fromJSON(saved: AsPlainObject): SearchIndex {
		return new SearchIndex(MiniSearch.loadJS<SearchDoc>(saved, OPTIONS));
	}

	toJSON(): AsPlainObject {
		return this.#mini.toJSON();
	}

	/**
	 * `JSON.stringify(this.toJSON())` built a few milliseconds at a time (serialize.ts). Nothing
	 * may be added or removed until it resolves.
	 */
	serialize(pause?: Pause, sliceMs?: number): Promise<string> {
		return serializeInSlices(this.#mini, pause, sliceMs);
	}

	get size(): number {
		return this.#mini.documentCount;
	}

	has(id: string): boolean {
		return this.#mini.has(id);
	}

	/** Adds or replaces a document: safe to call again with the same or a newer version. */
	upsert(doc: SearchDoc): void {
		this.#changed();
		if (this.#mini.has(doc.id)) this.#mini.replace(doc);
		else this.#mini.add(doc);
	}

	upsertAll(docs: readonly SearchDoc[]): void {
		for (const doc of docs) this.upsert(doc);
	}

	/** Removes a document if present (deletions may arrive for documents never indexed). */
	remove(id: string): void {
		if (!this.#mini.has(id)) return;
		this.#changed();
		this.#mini.discard(id);
	}

	/** Whether discarded or replaced documents still have postings (their words) in the index. */
	get dirty(): boolean {
		return this.#mini.dirtCount > 0;
	}

	/**
	 * Drops the postings of discarded documents now (MiniSearch vacuums in the background once
	 * enough documents were discarded, and a MiniSearch search drops some as it meets them).
	 */
	async vacuum(): Promise<void> {
		await this.#mini.vacuum();
		this.#changed();
	}

	#changed(): void {
		this.#cache.clear();
		this.#ranker?.changed();
	}

	search(query: string, filters: SearchFilters = {}, limit = 50): SearchAnswer {
		const q = normalizeQuery(query);
		if (!q) return { hits: [], total: 0, facets: emptyFacets() };
		const ranked = this.#ranked(q);
		if (filters.tag) filters = { ...filters, tag: tagKey(filters.tag) };
		// One pass over the matches for the filters, then the best `limit` of them: a hit object
		// only for the page returned.
		const kept: number[] = [];
		for (let i = 0; i < ranked.count; i++) if (matches(ranked.stored(i), filters)) kept.push(i);
		const hits = best(kept, Math.max(0, limit), (i) => ranked.score(i)).map((i) => ranked.hit(i));
		return { hits, total: kept.length, facets: ranked.facets };
	}

	/**
	 * The ranked results and facet counts of a query (unfiltered), from a small cache of the last
	 * few queries: refining by a facet, paging or coming back to the results asks the same query
	 * again. Any change to the index empties the cache.
	 */
	#ranked(q: string): Ranked {
		const cached = this.#cache.get(q);
		if (cached) {
			this.#cache.delete(q);
			this.#cache.set(q, cached);
			return cached;
		}
		const ranked = this.#rank(q);
		this.#cache.set(q, ranked);
		if (this.#cache.size > QUERY_CACHE_SIZE) this.#cache.delete(this.#cache.keys().next().value as string);
		return ranked;
	}

	#rank(q: string): Ranked {
		const ranking = this.#ranker?.rank(q);
		if (ranking && this.#ranker) {
			const ranker = this.#ranker;
			const { ids, scores } = ranking;
			const stored = (i: number): Stored => ranker.stored(ids[i]) ?? {};
			const counter = new FacetCounter();
			for (let i = 0; i < ids.length; i++) counter.add(stored(i));
			const facets = counter.counts();
			return {
				count: ids.length,
				stored,
				score: (i) => scores[i],
				hit: (i) =>
					toHit({
						...stored(i),
						id: ranker.documentId(ids[i]),
						score: scores[i],
						terms: ranker.matchedTerms(ranking, ids[i])
					}),
				facets
			};
		}
		// MiniSearch's own ranking, kept to the same results as the lean ranker's (ranker.ts
		// eligible), without its joined words
		const words = [...new Set(queryWords(q))];
		const keep = (r: SearchResult) => {
			const any = words.reduce((bits, w, i) => (r.queryTerms.includes(w) ? bits | (1 << i) : bits), 0);
			const strong = words.reduce((bits, w, i) => (r.terms.includes(w) ? bits | (1 << i) : bits), 0);
			return eligible(any, strong, words.length);
		};
		let results = this.#mini.search(q).filter(keep);
		if (results.length === 0) {
			results = this.#mini.search(q, { combineWith: 'OR' }).filter(keep);
			// a word that matches nothing anywhere makes the query nonsense: no "any of them"
			const seen = results.reduce(
				(bits, r) => words.reduce((b, w, i) => (r.queryTerms.includes(w) ? b | (1 << i) : b), bits),
				0
			);
			const top = results.reduce((max, r) => Math.max(max, r.score), 0);
			results = seen === (1 << words.length) - 1 ? results.filter((r) => r.score >= top * OR_MIN_SHARE) : [];
		}
		const counter = new FacetCounter();
		for (const r of results) counter.add(r as Stored);
		const facets = counter.counts();
		return {
			count: results.length,
			stored: (i) => results[i] as Stored,
			score: (i) => results[i].score,
			hit: (i) => toHit(results[i]),
			facets
		};
	}

	/**
	 * The query with each word the index does not know replaced by the nearest one it knows (up to
	 * one edit for four letters, two from five), when that query finds something ("Did you mean
	 * …?" under no results); null otherwise.
	 */
	didYouMean(query: string): string | null {
		const ranker = this.#ranker;
		if (!ranker) return null;
		let changed = false;
		const words = ranker.terms(normalizeQuery(query)).map((word) => {
			if (word.length < 4 || ranker.knows(word)) return word;
			const near = ranker.closest(word, word.length < 5 ? 1 : 2);
			if (!near) return word;
			changed = true;
			return near;
		});
		if (!changed) return null;
		const suggestion = words.join(' ');
		return this.search(suggestion, {}, 1).total > 0 ? suggestion : null;
	}

	/** Completions for a partial query, for the search box. */
	suggest(partial: string, limit = 8): string[] {
		return this.#mini
			.autoSuggest(partial)
			.slice(0, limit)
			.map((s) => s.suggestion);
	}
}

function toHit(result: Stored & Pick<SearchResult, 'id' | 'score' | 'terms'>): SearchHit {
	const r = result;
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

/**
 * The `k` best of `items` by descending score (ties: the earlier item first), best first. A page
 * is a few dozen of thousands of matches: a small sorted window costs less than sorting them all.
 */
export function best(items: readonly number[], k: number, score: (i: number) => number): number[] {
	if (k <= 0) return [];
	const before = (a: number, b: number) => score(a) > score(b) || (score(a) === score(b) && a < b);
	if (k >= items.length / 4) return [...items].sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0)).slice(0, k);
	const top: number[] = [];
	for (const item of items) {
		if (top.length === k && !before(item, top[k - 1])) continue;
		let lo = 0;
		let hi = top.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (before(top[mid], item)) lo = mid + 1;
			else hi = mid;
		}
		top.splice(lo, 0, item);
		if (top.length > k) top.pop();
	}
	return top;
}

function matches(r: Stored, f: SearchFilters): boolean {
	return (
		(!f.type || r.type === f.type) &&
		(!f.kind || r.kind === f.kind) &&
		(!f.category || r.category === f.category) &&
		(!f.tag || (Array.isArray(r.tags) && r.tags.includes(f.tag)))
	);
}

function emptyFacets(): FacetCounts {
	return { type: {}, kind: {}, tag: {}, category: {} };
}

/** Facet counts over thousands of matches: Maps while counting, plain objects at the end. */
class FacetCounter {
	#type = new Map<string, number>();
	#kind = new Map<string, number>();
	#tag = new Map<string, number>();
	#category = new Map<string, number>();

	add(r: Stored): void {
		bump(this.#type, r.type);
		bump(this.#kind, r.kind);
		bump(this.#category, r.category);
		if (Array.isArray(r.tags)) for (const tag of r.tags) bump(this.#tag, tag);
	}

	counts(): FacetCounts {
		return {
			type: Object.fromEntries(this.#type),
			kind: Object.fromEntries(this.#kind),
			tag: Object.fromEntries(this.#tag),
			category: Object.fromEntries(this.#category)
		};
	}
}

function bump(counts: Map<string, number>, key: unknown): void {
	if (typeof key === 'string' && key) counts.set(key, (counts.get(key) ?? 0) + 1);
}

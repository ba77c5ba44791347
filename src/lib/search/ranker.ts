// A lean ranker over MiniSearch's own index: the same BM25 scores, prefix and fuzzy expansion and
// AND/OR combination as MiniSearch.search(), without building a result object per matching
// document. In a community whose common words are in most documents a query matches thousands of
// them; MiniSearch allocates a result (with a copy of the stored fields and the matched terms)
// for each and then sorts them, which cost more than the scoring (bench/local-reads.ts). Here the
// scores go into typed arrays indexed by MiniSearch's short document ids, and the matched terms
// are worked out only for the hits a page shows.
//
// It reads MiniSearch's internal fields (minisearch is pinned in package.json): openRanker()
// checks their shape and answers null when they are not what it expects, and SearchIndex then
// uses MiniSearch.search() (tests/unit/search/ranker.test.ts compares both).
import type MiniSearch from 'minisearch';
import { hasState, type FieldTermData, type MiniSearchState } from './internals';

interface SearchableMapLike {
	get(term: string): FieldTermData | undefined;
	atPrefix(prefix: string): Iterable<[string, FieldTermData]>;
	fuzzyGet(term: string, maxDistance: number): Map<string, [FieldTermData, number]>;
}

interface Internals extends MiniSearchState {
	_index: SearchableMapLike;
	_options: {
		tokenize: (text: string) => string[];
		processTerm: (term: string) => string | string[] | null | undefined | false;
	};
}

export interface RankOptions {
	fields: readonly string[];
	boost: Record<string, number>;
	prefix: (term: string, i: number, terms: string[]) => boolean;
	fuzzy: (term: string, i: number, terms: string[]) => number;
	maxFuzzy: number;
	/** Also look adjacent query words up as one word (MiniSearch.search() does not). */
	join?: boolean;
}

// MiniSearch's defaults (weights of prefix and fuzzy matches, BM25 parameters)
const PREFIX_WEIGHT = 0.375;
const FUZZY_WEIGHT = 0.45;
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };

/** A query term expanded: the indexed term, its weight and the query term it came from. */
interface Derived {
	term: string;
	data: FieldTermData;
	weight: number;
	/** bits of the distinct query terms it stands for (two for a joined pair) */
	bits: number;
	/** whether it counts as a real match of its query terms (see `strong` in rank) */
	strong: boolean;
}

/**
 * Which documents are results, from the bits of the distinct query terms each matched (`any`)
 * and of those it matched exactly or as a joined pair (`strong`). Shared with SearchIndex's
 * MiniSearch path so that both answer the same.
 *
 * Every word first (AND); when nothing has them all but each word matches something, any of them
 * (OR), keeping only hits scoring at least OR_MIN_SHARE of the best. With several words a typo-tolerant or prefix match alone is
 * never enough: a nonsense query ("xyzzy nothing") would otherwise find whatever is a letter or
 * two away from its words, while a misspelt real query ("cyber securty") still has one word right.
 */
export const OR_MIN_SHARE = 0.25;
export function eligible(any: number, strong: number, distinct: number): boolean {
	return any !== 0 && (distinct === 1 || strong !== 0);
}

export interface Ranking {
	/** Short ids of the matching documents, in index order (rank them by score: SearchIndex picks the page). */
	ids: Int32Array;
	scores: Float64Array;
	/** The expanded terms, for matchedTerms(). */
	derived: readonly Derived[];
}

export interface Ranker {
	/** null when a query has more distinct terms than the ranker handles (then use MiniSearch). */
	rank(query: string): Ranking | null;
	/** The indexed terms a document matched (MiniSearch's result.terms). */
	matchedTerms(ranking: Ranking, shortId: number): string[];
	documentId(shortId: number): string;
	stored(shortId: number): Record<string, unknown> | undefined;
	/** The query's words as the index sees them (lowercased, split). */
	terms(query: string): string[];
	/** Whether the index has this exact word. */
	knows(term: string): boolean;
	/** The indexed word nearest to `term` within `maxDistance` edits (ties: the most documents), or null. */
	closest(term: string, maxDistance: number): string | null;
	/** The index changed: the per-document tables are worked out again on the next query. */
	changed(): void;
}

const MAX_TERMS = 30; // a bit per distinct query term in an Int32Array

function looksRight(m: Partial<Internals>): m is Internals {
	const index = m._index as Partial<SearchableMapLike> | undefined;
	return (
		!!index &&
		typeof index.get === 'function' &&
		typeof index.atPrefix === 'function' &&
		typeof index.fuzzyGet === 'function' &&
		typeof m._options?.tokenize === 'function' &&
		typeof m._options?.processTerm === 'function' &&
		hasState(m)
	);
}

export function openRanker<T>(mini: MiniSearch<T>, options: RankOptions): Ranker | null {
	// MiniSearch keeps these fields private: they are read only once looksRight checked their shape
	const candidate = mini as unknown as Partial<Internals>;
	if (!looksRight(candidate)) return null;
	const m: Internals = candidate;
	const fields = options.fields.filter((f) => typeof m._fieldIds[f] === 'number');
	if (fields.length !== options.fields.length) return null;

	function terms(query: string): string[] {
		const out: string[] = [];
		for (const token of m._options.tokenize(query)) {
			const processed = m._options.processTerm(token);
			for (const t of Array.isArray(processed) ? processed : [processed]) if (t) out.push(t);
		}
		return out;
	}

	// Per field, each document's BM25 length term k·(1 − b + b·length/avg), or -1 for a short id
	// no document has (discarded, not vacuumed yet): two Map lookups per posting become one read.
	let norms: Float64Array[] | null = null;
	function lengthNorms(): Float64Array[] {
		if (norms) return norms;
		const size = m._nextId;
		norms = fields.map((field) => {
			const fieldId = m._fieldIds[field];
			const avg = m._avgFieldLength[fieldId];
			const out = new Float64Array(size).fill(-1);
			for (const [docId, lengths] of m._fieldLength) {
				if (docId < size && m._documentIds.has(docId))
					out[docId] = BM25.k * (1 - BM25.b + (BM25.b * (lengths[fieldId] ?? 0)) / avg);
			}
			return out;
		});
		return norms;
	}

	function expand(queryTerms: string[], distinct: Map<string, number>): Derived[] {
		const derived: Derived[] = [];
		queryTerms.forEach((term, i) => {
			const bits = 1 << distinct.get(term)!;
			const exact = m._index.get(term);
			if (exact) derived.push({ term, data: exact, weight: 1, bits, strong: true });
			const prefixed = new Set<string>();
			if (options.prefix(term, i, queryTerms)) {
				for (const [t, data] of m._index.atPrefix(term)) {
					const distance = t.length - term.length;
					if (!distance) continue;
					prefixed.add(t);
					derived.push({
						term: t,
						data,
						weight: (PREFIX_WEIGHT * t.length) / (t.length + 0.3 * distance),
						bits,
						strong: false
					});
				}
			}
			const maxDistance = Math.min(options.fuzzy(term, i, queryTerms), options.maxFuzzy);
			if (maxDistance > 0) {
				for (const [t, [data, distance]] of m._index.fuzzyGet(term, maxDistance)) {
					if (!distance || prefixed.has(t)) continue;
					derived.push({
						term: t,
						data,
						weight: (FUZZY_WEIGHT * t.length) / (t.length + distance),
						bits,
						strong: false
					});
				}
			}
			// Two words written apart that the index knows as one ("cyber security" for
			// "cybersecurity"), typos allowed as for a word of that length: a match of both words.
			const next = queryTerms[i + 1];
			if (next === undefined || next === term || !options.join || term.length < 3 || next.length < 3) return;
			const joined = term + next;
			const both = bits | (1 << distinct.get(next)!);
			const whole = m._index.get(joined);
			if (whole) derived.push({ term: joined, data: whole, weight: 1, bits: both, strong: true });
			const joinedFuzzy = Math.min(options.fuzzy(joined, i, queryTerms), options.maxFuzzy);
			if (joinedFuzzy > 0) {
				for (const [t, [data, distance]] of m._index.fuzzyGet(joined, joinedFuzzy)) {
					if (!distance) continue;
					derived.push({
						term: t,
						data,
						weight: (FUZZY_WEIGHT * t.length) / (t.length + distance),
						bits: both,
						strong: true
					});
				}
			}
		});
		return derived;
	}

	return {
		rank(query) {
			const queryTerms = terms(query);
			const distinct = new Map<string, number>();
			for (const t of queryTerms) if (!distinct.has(t)) distinct.set(t, distinct.size);
			if (distinct.size > MAX_TERMS) return null;
			const derived = expand(queryTerms, distinct);
			const size = m._nextId;
			const score = new Float64Array(size);
			const mask = new Int32Array(size);
			const strong = new Int32Array(size);
			const total = m._documentCount;
			const fieldNorms = lengthNorms();
			const k1 = BM25.k + 1;
			// the words that matched anything at all: a word that matches nothing anywhere is a
			// nonsense word, and then there is no "any of them" fallback ("xyzzy nothing": nothing)
			let seen = 0;
			for (const d of derived) {
				const bit = d.bits;
				const strongBit = d.strong ? d.bits : 0;
				fields.forEach((field, f) => {
					const postings = d.data.get(m._fieldIds[field]);
					if (!postings) return;
					const weight = d.weight * (options.boost[field] ?? 1);
					const norm = fieldNorms[f];
					// Documents with the term in this field, without discarded ones not vacuumed yet
					// (MiniSearch drops those from a term's postings when a search meets them).
					let matching = postings.size;
					if (m._dirtCount > 0)
						postings.forEach((_tf, docId) => void (docId < size && norm[docId] >= 0 ? 0 : matching--));
					const idf = Math.log(1 + (total - matching + 0.5) / (matching + 0.5));
					postings.forEach((tf, docId) => {
						const n = docId < size ? norm[docId] : -1;
						if (n < 0) return;
						seen |= bit;
						score[docId] += weight * idf * (BM25.d + (tf * k1) / (tf + n));
						mask[docId] |= bit;
						strong[docId] |= strongBit;
					});
				});
			}
			// AND, then OR with a floor (see eligible)
			const all = (1 << distinct.size) - 1;
			const n = distinct.size;
			let matched = collect(mask, score, (bits, id) => bits === all && eligible(bits, strong[id], n));
			if (matched.length === 0 && seen === all) {
				matched = collect(mask, score, (bits, id) => eligible(bits, strong[id], n));
				let top = 0;
				for (const id of matched) top = Math.max(top, score[id]);
				matched = matched.filter((id) => score[id] >= top * OR_MIN_SHARE);
			}
			const ids = Int32Array.from(matched);
			const scores = Float64Array.from(ids, (id) => score[id]);
			return { ids, scores, derived };
		},
		matchedTerms(ranking, shortId) {
			const out: string[] = [];
			for (const d of ranking.derived) {
				if (out.includes(d.term)) continue;
				for (const field of fields) {
					if (d.data.get(m._fieldIds[field])?.has(shortId)) {
						out.push(d.term);
						break;
					}
				}
			}
			return out;
		},
		changed() {
			norms = null;
		},
		terms,
		knows: (term) => m._index.get(term) !== undefined,
		closest(term, maxDistance) {
			let found: string | null = null;
			let bestDistance = Infinity;
			let bestDocs = -1;
			for (const [t, [data, distance]] of m._index.fuzzyGet(term, maxDistance)) {
				if (!distance) continue;
				let docs = 0;
				for (const postings of data.values()) docs = Math.max(docs, postings.size);
				if (distance < bestDistance || (distance === bestDistance && docs > bestDocs)) {
					found = t;
					bestDistance = distance;
					bestDocs = docs;
				}
			}
			return found;
		},
		documentId: (shortId) => m._documentIds.get(shortId)!,
		stored: (shortId) => m._storedFields.get(shortId)
	};
}

/**
 * The documents whose term bits pass `keep`, with their final score (× the number of distinct
 * query terms matched, as MiniSearch). Not sorted: a page needs the best few of thousands.
 */
function collect(mask: Int32Array, score: Float64Array, keep: (bits: number, id: number) => boolean): number[] {
	const ids: number[] = [];
	for (let id = 0; id < mask.length; id++) {
		const bits = mask[id];
		if (bits === 0 || !keep(bits, id)) continue;
		score[id] *= popcount(bits);
		ids.push(id);
	}
	return ids;
}

function popcount(n: number): number {
	let c = 0;
	for (let x = n >>> 0; x; x &= x - 1) c++;
	return c;
}

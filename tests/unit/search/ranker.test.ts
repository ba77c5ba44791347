// The lean ranker (src/lib/search/ranker.ts) must answer exactly what MiniSearch.search() answers
// (same documents, scores, matched terms, totals and facets), including after edits and deletions
// not vacuumed yet, and the query cache must never serve an answer older than the index.
import { describe, expect, it } from 'vitest';
import MiniSearch from 'minisearch';
import {
	SearchIndex,
	best,
	type SearchAnswer,
	type SearchDoc,
	type SearchFilters
} from '../../../src/lib/search/index';
import { openRanker } from '../../../src/lib/search/ranker';

const WORDS = [
	'procurement',
	'procure',
	'contract',
	'contracts',
	'contractor',
	'permit',
	'permits',
	'hermit',
	'accessibility',
	'survey',
	'surveys',
	'offline',
	'online',
	'sync',
	'vendor',
	'framework',
	'agreement',
	'rural',
	'tender',
	'tenders',
	'data',
	'open',
	'cloud',
	'dashboard',
	'budget'
];
const TAGS = ['open-data', 'permits', 'rural', 'cloud', 'accessibility'];

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function corpus(n: number, seed = 7): SearchDoc[] {
	const rnd = random(seed);
	const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
	const words = (k: number) => Array.from({ length: k }, () => pick(WORDS)).join(' ');
	return Array.from({ length: n }, (_, i) => {
		const type = pick(['thread', 'post', 'resource'] as const);
		return {
			id: `${type}:${String(i).padStart(4, '0')}`,
			type,
			title: words(1 + Math.floor(rnd() * 4)),
			text: words(Math.floor(rnd() * 40)),
			tags: rnd() < 0.5 ? [pick(TAGS)] : [],
			author: pick(['ana', 'ben', 'chloe']),
			...(rnd() < 0.5 ? { authorName: pick(['Ana Silva', 'Ben Okafor']) } : {}),
			...(type === 'resource' ? { kind: pick(['case-study', 'guide']) } : { category: pick(['general', 'open-data']) }),
			...(type === 'post' ? { thread: 'thread:0000' } : {}),
			createdAt: '2026-11-25T10:00:00.000Z'
		};
	});
}

const QUERIES = [
	'procurement',
	'procure',
	'contract permit',
	'cloud contr',
	'acessibility',
	'permi',
	'offline sync',
	'survey survey',
	'vendor framework agreement',
	'tende',
	'data nothingmatches',
	'zzz',
	'okafor',
	'Rural   DATA',
	'hermit permits',
	'contract contract open'
];

/** What a query answers, scores rounded (floating-point sums may differ in the last digits). */
function shape(a: SearchAnswer) {
	return {
		total: a.total,
		facets: a.facets,
		hits: a.hits.map((h) => ({ ...h, score: +h.score.toFixed(9), terms: [...h.terms].sort() }))
	};
}

function both(docs: readonly SearchDoc[]): [SearchIndex, SearchIndex] {
	const lean = SearchIndex.empty();
	const mini = SearchIndex.empty({ lean: false });
	lean.upsertAll(docs);
	mini.upsertAll(docs);
	expect(lean.lean).toBe(true);
	expect(mini.lean).toBe(false);
	return [lean, mini];
}

function expectSame(lean: SearchIndex, mini: SearchIndex, filters: SearchFilters = {}, limit = 1000): void {
	for (const q of QUERIES)
		expect(shape(lean.search(q, filters, limit)), q).toEqual(shape(mini.search(q, filters, limit)));
}

describe('the lean ranker', () => {
	it('answers what MiniSearch.search() answers: hits, scores, matched terms, totals, facets', () => {
		const [lean, mini] = both(corpus(600));
		expectSame(lean, mini);
		expectSame(lean, mini, { type: 'post' }, 25);
		expectSame(lean, mini, { tag: 'rural' });
		expectSame(lean, mini, { kind: 'guide' });
		expectSame(lean, mini, { category: 'open-data', type: 'thread' }, 5);
		// the queries do find things, by prefix on the last word and with typos
		expect(lean.search('acessibility').total).toBeGreaterThan(10);
		expect(lean.search('permi').hits[0].terms.some((t) => t.startsWith('permi'))).toBe(true);
		expect(lean.search('zzz').total).toBe(0);
	});

	it('prefix-matches the last word only', () => {
		// short words: no typo tolerance, so only the prefix rule decides
		const [lean, mini] = both([
			{ id: 'thread:1', type: 'thread', title: 'tax office', text: '', tags: [], author: 'ana', createdAt: '' },
			{ id: 'thread:2', type: 'thread', title: 'taxation office', text: '', tags: [], author: 'ana', createdAt: '' }
		]);
		for (const index of [lean, mini]) {
			expect(index.search('tax offi').hits.map((h) => h.id)).toEqual(['thread:1']);
			expect(index.search('tax').hits.map((h) => h.id)).toEqual(['thread:1', 'thread:2']);
			expect(index.search('tax').hits[1].terms).toEqual(['taxation']);
		}
	});

	it('stays the same after edits and deletions (discarded documents not vacuumed yet)', async () => {
		const docs = corpus(400, 11);
		const [lean, mini] = both(docs);
		for (const index of [lean, mini]) {
			for (let i = 0; i < 400; i += 3) index.remove(docs[i].id);
			for (let i = 1; i < 400; i += 7)
				index.upsert({ ...docs[i], title: `${docs[i].title} tender procurement`, text: 'rewritten offline' });
		}
		// MiniSearch counts a discarded document's postings not vacuumed yet in a term's document
		// frequency (dropping them one occurrence at a time as its searches meet them); the lean
		// ranker counts live documents only: what MiniSearch answers once vacuumed.
		await mini.vacuum();
		expectSame(lean, mini);
		const gone = (h: { id: string }) => ((n) => n % 3 === 0 && n % 7 !== 1)(Number(h.id.split(':')[1]));
		expect(lean.search('procurement', {}, 1000).hits.filter(gone)).toEqual([]);
		expect(lean.search('rewritten').total).toBe(Math.ceil(399 / 7));
	});

	it('never serves a cached answer older than the index', () => {
		const index = SearchIndex.empty();
		index.upsertAll(corpus(50, 3));
		const before = index.search('budget').total;
		expect(index.search('Budget ', { type: 'post' }).total).toBeLessThanOrEqual(before); // same query, filtered
		index.upsert({
			id: 'thread:new',
			type: 'thread',
			title: 'budget budget',
			text: '',
			tags: [],
			author: 'ana',
			createdAt: ''
		});
		expect(index.search('budget').total).toBe(before + 1);
		expect(index.search('budget').hits[0].id).toBe('thread:new');
		index.remove('thread:new');
		expect(index.search('budget').total).toBe(before);
	});

	it('declines an index whose internals it does not recognise (SearchIndex then uses MiniSearch)', () => {
		const options = { fields: ['title'], boost: {}, prefix: () => false, fuzzy: () => 0, maxFuzzy: 0 };
		expect(openRanker({} as unknown as MiniSearch, options)).toBeNull();
		expect(openRanker(new MiniSearch({ fields: ['title'] }), { ...options, fields: ['title', 'missing'] })).toBeNull();
		expect(openRanker(new MiniSearch({ fields: ['title'] }), options)).not.toBeNull();
	});

	it('restores a saved index with the lean ranker', () => {
		const [lean, mini] = both(corpus(200, 5));
		const restored = SearchIndex.fromJSON(JSON.parse(JSON.stringify(lean.toJSON())));
		expect(restored.lean).toBe(true);
		expectSame(restored, mini);
	});
});

describe('best', () => {
	it('picks the k best by score, ties in item order, as a full sort would', () => {
		const rnd = random(3);
		const scores = Array.from({ length: 500 }, () => Math.floor(rnd() * 40));
		const items = Array.from({ length: 500 }, (_, i) => i).filter((i) => i % 5 !== 0);
		const sorted = [...items].sort((a, b) => scores[b] - scores[a] || a - b);
		for (const k of [0, 1, 7, 30, 99, 400, 1000]) expect(best(items, k, (i) => scores[i])).toEqual(sorted.slice(0, k));
	});
});

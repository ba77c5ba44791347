// Search latency over 10,000 documents (Node; the browser figure comes from the e2e bench).
// Run: node --import tsx bench/search.ts
import { writeFileSync, mkdirSync } from 'node:fs';
import { SearchIndex, type SearchDoc } from '../src/lib/search/index';
import { CATEGORIES, fakeUlid, paragraphs, rng, sentence } from './lib/community';

const r = rng(42);
const docs: SearchDoc[] = [];
const start = Date.parse('2025-01-01T00:00:00Z');
for (let i = 0; i < 10_000; i++) {
	const type = i % 10 < 3 ? 'thread' : i % 10 < 9 ? 'post' : 'resource';
	docs.push({
		id: `${type}:${fakeUlid(r, start + i * 60_000)}`,
		type,
		title: sentence(r, 3, 9),
		text: paragraphs(r, 1 + Math.floor(r() * 3)),
		tags: [CATEGORIES[i % 7]],
		author: `member${i % 300}`,
		category: CATEGORIES[i % 7],
		createdAt: new Date(start + i * 60_000).toISOString()
	});
}

let t0 = performance.now();
const index = SearchIndex.empty();
index.upsertAll(docs);
const buildMs = performance.now() - t0;
t0 = performance.now();
const json = JSON.stringify(index.toJSON());
const saveMs = performance.now() - t0;
t0 = performance.now();
const restored = SearchIndex.fromJSON(JSON.parse(json));
const loadMs = performance.now() - t0;

const queries = [
	'procurement',
	'cloud contract',
	'acessibility',
	'permi',
	'offline sync',
	'satisfaction survey',
	'dashbord',
	'rural',
	'vendor framework agreement',
	'tende'
];
const times: number[] = [];
for (let round = 0; round < 20; round++) {
	for (const q of queries) {
		const t = performance.now();
		restored.search(q);
		times.push(performance.now() - t);
	}
}
times.sort((a, b) => a - b);
const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))];
const result = {
	documents: docs.length,
	buildMs: Math.round(buildMs),
	indexBytes: json.length,
	saveMs: Math.round(saveMs),
	loadMs: Math.round(loadMs),
	searchP50Ms: +pct(50).toFixed(2),
	searchP95Ms: +pct(95).toFixed(2),
	searchMaxMs: +times[times.length - 1].toFixed(2)
};
console.table(result);
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/search-node.json', JSON.stringify(result, null, 2) + '\n');

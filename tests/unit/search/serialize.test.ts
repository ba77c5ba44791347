// The sliced serialization of the search index (src/lib/search/serialize.ts) writes exactly
// what JSON.stringify(toJSON()) writes, yields between slices, and loads back to the same answers.
import { describe, expect, it } from 'vitest';
import { SearchIndex, type SearchDoc } from '../../../src/lib/search/index';

function docs(n: number): SearchDoc[] {
	const words = [
		'procurement',
		'broadband',
		'rural',
		'vouchers',
		'tablets',
		'survey',
		'permits',
		'cloud',
		'contract',
		'accessibility'
	];
	return Array.from({ length: n }, (_, i) => ({
		id: `${i % 3 ? 'post' : 'thread'}:01JQ${String(i).padStart(22, '0')}`,
		type: i % 3 ? 'post' : 'thread',
		title: `Note ${i} on ${words[i % words.length]}`,
		text: Array.from({ length: 12 }, (_, k) => words[(i * 7 + k * 3) % words.length]).join(' ') + ` unique${i}`,
		tags: [words[i % 4]],
		author: `member${i % 17}`,
		authorName: i % 2 ? `Member ${i % 17}` : undefined,
		category: i % 2 ? 'general' : undefined,
		createdAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString()
	}));
}

describe('serializeInSlices', () => {
	it('writes the same JSON as toJSON(), with discarded documents and replacements, pausing between slices', async () => {
		const index = SearchIndex.empty();
		const all = docs(3000);
		index.upsertAll(all);
		for (let i = 0; i < 300; i += 3) index.remove(all[i].id); // dirt not yet vacuumed
		for (let i = 1; i < 200; i += 5) index.upsert({ ...all[i], title: `Replaced ${i} permits` });
		let pauses = 0;
		const sliced = await index.serialize(async () => {
			pauses++;
		}, 0);
		expect(sliced).toBe(JSON.stringify(index.toJSON()));
		expect(pauses).toBeGreaterThan(10);
		const restored = SearchIndex.fromJSON(JSON.parse(sliced));
		for (const q of ['procurement', 'replaced permits', 'unique1501', 'rural vouchers']) {
			expect(restored.search(q, {}, 20)).toEqual(index.search(q, {}, 20));
		}
	});

	it('serializes an empty index', async () => {
		const index = SearchIndex.empty();
		expect(await index.serialize()).toBe(JSON.stringify(index.toJSON()));
	});
});

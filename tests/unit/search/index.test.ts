import { describe, expect, it } from 'vitest';
import { SearchIndex, type SearchDoc } from '../../../src/lib/search/index';

const doc = (over: Partial<SearchDoc> & { id: string }): SearchDoc => ({
	type: 'thread',
	title: '',
	text: '',
	tags: [],
	author: 'ana',
	createdAt: '2026-11-25T10:00:00.000Z',
	...over
});

function sample(): SearchIndex {
	const index = SearchIndex.empty();
	index.upsertAll([
		doc({
			id: 'thread:1',
			title: 'Opening our procurement data',
			text: 'We published every contract as open data.',
			tags: ['open-data'],
			category: 'open-data'
		}),
		doc({
			id: 'post:1',
			type: 'post',
			thread: 'thread:1',
			title: 'Opening our procurement data',
			text: 'Accessibility audits helped our permit forms.',
			category: 'open-data',
			author: 'ben',
			authorName: 'Ben Okafor'
		}),
		doc({
			id: 'resource:1',
			type: 'resource',
			kind: 'case-study',
			title: 'Chatbot for building permits',
			text: 'Cut waiting times by 40 percent.',
			tags: ['permits', 'automation']
		})
	]);
	return index;
}

describe('SearchIndex', () => {
	it('finds words in bodies, by prefix and with a typo', () => {
		const index = sample();
		expect(index.search('contract').hits.map((h) => h.id)).toEqual(['thread:1']);
		expect(index.search('accessib').hits.map((h) => h.id)).toEqual(['post:1']);
		expect(index.search('chatbit').hits.map((h) => h.id)).toEqual(['resource:1']);
		expect(
			index
				.search('procuremnet data')
				.hits.map((h) => h.id)
				.sort()
		).toEqual(['post:1', 'thread:1']);
		expect(index.search('okafor').hits.map((h) => h.id)).toEqual(['post:1']);
	});

	it('counts facets over all hits and filters by them', () => {
		const index = sample();
		const all = index.search('procurement');
		expect(all.facets.type).toEqual({ thread: 1, post: 1 });
		expect(index.search('procurement', { type: 'post' }).hits.map((h) => h.id)).toEqual(['post:1']);
		expect(index.search('permits', { kind: 'case-study' }).total).toBe(1);
		expect(index.search('permits', { tag: 'nope' }).total).toBe(0);
	});

	it('updates incrementally: add, edit, delete, and idempotent re-adds', () => {
		const index = sample();
		index.upsert(doc({ id: 'thread:1', title: 'Opening our procurement data', text: 'Now about tenders instead.' }));
		expect(index.search('contract').total).toBe(0);
		expect(index.search('tenders').hits[0]?.id).toBe('thread:1');
		index.upsert(doc({ id: 'thread:1', title: 'Opening our procurement data', text: 'Now about tenders instead.' }));
		expect(index.size).toBe(3);
		index.remove('resource:1');
		index.remove('resource:unknown');
		expect(index.search('chatbot').total).toBe(0);
		expect(index.size).toBe(2);
	});

	it('survives a save and restore without a rebuild', () => {
		const restored = SearchIndex.fromJSON(JSON.parse(JSON.stringify(sample().toJSON())));
		expect(restored.size).toBe(3);
		expect(restored.search('waiting').hits[0]).toMatchObject({
			id: 'resource:1',
			kind: 'case-study',
			tags: ['permits', 'automation']
		});
	});

	it('answers nothing for an empty query', () => {
		expect(sample().search('   ').total).toBe(0);
	});
});

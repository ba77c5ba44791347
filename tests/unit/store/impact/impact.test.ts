// The impact dashboard on one device: figures computed from the replica's documents, kept current
// from its changes between calls (new, deleted and hidden items), the period and filters applied.
import { afterEach, describe, expect, it } from 'vitest';
import { closeTestStores, openTestStore, uniqueName, type TestStore } from '../support';

afterEach(closeTestStores);

const NOW = '2026-12-15T12:00:00.000Z';
const R1 = 'resource:01JCCCCCCCCCCCCCCCCCCCCCC1';
const R2 = 'resource:01JCCCCCCCCCCCCCCCCCCCCCC2';

function resourceDoc(id: string, title: string, reviewedAt: string) {
	return {
		_id: id,
		type: 'resource',
		author: 'alice',
		createdAt: '2026-01-01T00:00:00.000Z',
		kind: 'guide',
		title,
		summary: 's',
		body: 'b',
		tags: [],
		status: 'published',
		sector: 'Health',
		reviewedAt
	};
}

const rating = (resource: string, author: string, value: number, createdAt = '2026-12-01T10:00:00.000Z') => ({
	_id: `rating:${resource.slice('resource:'.length)}:${author}`,
	type: 'rating',
	author,
	createdAt,
	resource,
	value
});

async function receive(store: TestStore, docs: Array<Record<string, unknown>>): Promise<void> {
	for (const doc of docs) await store.replica.community.put(doc);
	await store.replica.projected();
}

async function setUp(): Promise<TestStore> {
	const store = await openTestStore({ name: uniqueName('impact') }, { now: () => NOW });
	await receive(store, [
		resourceDoc(R1, 'Open permits', '2026-11-20T00:00:00.000Z'),
		resourceDoc(R2, 'Old guide', '2025-06-01T00:00:00.000Z'),
		rating(R1, 'bob', 4),
		rating(R2, 'carl', 2, '2025-07-01T00:00:00.000Z')
	]);
	return store;
}

describe('store.impact.dashboard', () => {
	it('computes the figures of the period from the device’s documents', async () => {
		const store = await setUp();
		const { figures, choices } = await store.impact.dashboard({ period: '3m' });
		// October to mid-December: R1 and bob's rating only
		expect(figures.period.from).toBe('2026-10-01T00:00:00.000Z');
		expect(figures.practices.publishedByMonth).toEqual([
			{ month: '2026-10', resources: 0, stories: 0 },
			{ month: '2026-11', resources: 1, stories: 0 },
			{ month: '2026-12', resources: 0, stories: 0 }
		]);
		expect(figures.satisfaction.ratings).toEqual({ count: 1, mean: 4 });
		expect(choices.sectors).toEqual(['Health']);
		const all = await store.impact.dashboard({ period: 'all' });
		expect(all.figures.satisfaction.ratings).toEqual({ count: 2, mean: 3 });
		expect(all.figures.highImpact.map((i) => i.title)).toEqual(['Open permits', 'Old guide']);
	});

	it('follows new, deleted and hidden documents between calls', async () => {
		const store = await setUp();
		const first = await store.impact.dashboard({ period: 'all' });
		expect(first.figures.satisfaction.ratings.count).toBe(2);
		// nothing changed: the same answer, not computed again
		expect(await store.impact.dashboard({ period: 'all' })).toBe(first);
		const before = await store.impact.progress();
		await receive(store, [rating(R1, 'dora', 5)]);
		// what the screen watches to ask again
		expect(await store.impact.progress()).not.toBe(before);
		expect((await store.impact.dashboard({ period: 'all' })).figures.satisfaction.ratings).toEqual({
			count: 3,
			mean: 11 / 3
		});
		const carl = await store.replica.community.get(`rating:${R2.slice('resource:'.length)}:carl`);
		await store.replica.community.remove(carl);
		await receive(store, [
			{
				_id: `moderation:${R1}`,
				type: 'moderation',
				author: 'praxis',
				createdAt: NOW,
				target: R1,
				hidden: { reason: 'Out of date', at: NOW }
			}
		]);
		const after = await store.impact.dashboard({ period: 'all' });
		// R1 hidden takes its ratings with it; carl's was deleted
		expect(after.figures.satisfaction.ratings).toEqual({ count: 0, mean: null });
		expect(after.figures.highImpact).toEqual([]);
	});
});

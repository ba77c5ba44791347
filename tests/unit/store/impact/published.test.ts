// The dashboard on a device that holds only part of the community: the server's published figures
// merged with what the device received since; its own figures when it holds as much, or when a
// filter is chosen (the server publishes none for filters).
import { afterEach, describe, expect, it } from 'vitest';
import { closeTestStores, openTestStore, uniqueName, type TestStore } from '../support';
import { computeImpact, periodStart } from '../../../../src/lib/domain/impact';

afterEach(closeTestStores);

const NOW = '2026-12-15T12:00:00.000Z';
const AS_OF = '2026-12-03T14:00:00.000Z';
const R = (n: number) => `resource:01JCCCCCCCCCCCCCCCCCCCCCD${n}`;

const resource = (n: number, reviewedAt: string) => ({
	_id: R(n),
	type: 'resource',
	author: 'alice',
	createdAt: '2026-01-01T00:00:00.000Z',
	kind: 'guide',
	title: `Guide ${n}`,
	summary: 's',
	body: 'b',
	tags: [],
	status: 'published',
	sector: 'Health',
	reviewedAt
});
const rating = (n: number, author: string, value: number, createdAt: string) => ({
	_id: `rating:${R(n).slice('resource:'.length)}:${author}`,
	type: 'rating',
	author,
	createdAt,
	resource: R(n),
	value
});

/** What the server held at AS_OF: five resources reviewed Sep–Nov and six ratings; the device got two of each. */
const SERVER = [
	resource(1, '2026-09-10T00:00:00.000Z'),
	resource(2, '2026-10-10T00:00:00.000Z'),
	resource(3, '2026-11-10T00:00:00.000Z'),
	resource(4, '2026-11-12T00:00:00.000Z'),
	resource(5, '2026-12-01T00:00:00.000Z'),
	...[1, 2, 3, 4, 5, 3].map((n, i) => rating(n, `rater${i}`, 4, `2026-11-2${i}T00:00:00.000Z`))
];
const HELD = [SERVER[0], SERVER[4], SERVER[5], SERVER[9]];

function publishedDoc(documents: number) {
	return {
		_id: 'impact:12m',
		type: 'impact',
		author: 'praxis',
		createdAt: AS_OF,
		period: '12m',
		asOf: AS_OF,
		documents,
		figures: computeImpact(SERVER, { now: AS_OF, from: periodStart('12m', AS_OF) })
	};
}

async function device(docs: object[]): Promise<TestStore> {
	const store = await openTestStore({ name: uniqueName('impact-pub') }, { now: () => NOW });
	for (const doc of docs) await store.replica.community.put(doc);
	await store.replica.projected();
	return store;
}

describe('store.impact.dashboard with published figures', () => {
	it('shows the published figures with what the device received since, when it holds fewer documents', async () => {
		// received after AS_OF: a resource reviewed on 10 December and a rating of it
		const store = await device([
			...HELD,
			publishedDoc(SERVER.length),
			resource(6, '2026-12-10T00:00:00.000Z'),
			rating(6, 'late', 2, '2026-12-10T00:00:00.000Z')
		]);
		const { figures, source } = await store.impact.dashboard({ period: '12m' });
		expect(source).toEqual({ kind: 'published', asOf: AS_OF });
		// months before December from the server; December the larger: the server had 1, the device 2
		const published = Object.fromEntries(figures.practices.publishedByMonth.map((m) => [m.month, m.resources]));
		expect(published).toMatchObject({ '2026-09': 1, '2026-10': 1, '2026-11': 2, '2026-12': 2 });
		// counts: the larger of the two (the server's 6 ratings, the device's 3)
		expect(figures.satisfaction.ratings.count).toBe(6);
		expect(figures.highImpact.map((i) => i.title)).toContain('Guide 6');
		expect(figures.period.from).toBe(periodStart('12m', NOW));
	});

	it('computes on the device with a filter, or when it holds as many documents', async () => {
		const store = await device([...HELD, publishedDoc(HELD.length)]);
		const whole = await store.impact.dashboard({ period: '12m' });
		expect(whole.source).toEqual({ kind: 'device' });
		expect(whole.figures.satisfaction.ratings.count).toBe(2);

		const partial = await device([...HELD, publishedDoc(SERVER.length)]);
		const filtered = await partial.impact.dashboard({ period: '12m', sector: 'Health' });
		expect(filtered.source).toEqual({ kind: 'device' });
		expect(filtered.figures.satisfaction.ratings.count).toBe(2);
		// another period has no published figures on this device
		expect((await partial.impact.dashboard({ period: '3m' })).source).toEqual({ kind: 'device' });
	});
});

// The merge of published figures with the device's: buckets before the one holding asOf from the
// server, later ones the larger; counts the larger; rates and means from the side with more answers.
import { describe, expect, it } from 'vitest';
import { computeImpact, type ImpactFigures } from '../../../../src/lib/domain/impact';
import { mergeImpact } from '../../../../src/lib/store/impact/merge';

const AS_OF = '2026-11-18T10:00:00.000Z';
const NOW = '2026-12-15T12:00:00.000Z';
const FROM = '2026-10-01T00:00:00.000Z';
const empty = (now: string): ImpactFigures => computeImpact([], { now, from: FROM });
const months = (values: Record<string, number>) =>
	Object.entries(values).map(([month, members]) => ({ month, members }));

describe('mergeImpact', () => {
	it('takes buckets before asOf’s from the server, and the larger from it on', () => {
		const published = empty(AS_OF);
		published.engagement.activeByMonth = months({ '2026-10': 5, '2026-11': 4 });
		const local = empty(NOW);
		local.engagement.activeByMonth = months({ '2026-10': 7, '2026-11': 6, '2026-12': 2 });
		const merged = mergeImpact(published, local, AS_OF);
		// October: the server's, whatever the device counts; November (holds asOf): the larger;
		// December: the device's alone
		expect(merged.engagement.activeByMonth).toEqual(months({ '2026-10': 5, '2026-11': 6, '2026-12': 2 }));
		expect(merged.period).toEqual(local.period);
	});

	it('keeps the larger count and the rate behind more answers', () => {
		const published = empty(AS_OF);
		published.engagement.eventsHeld = 4;
		published.satisfaction.overall = { answers: 10, useful: 5, rate: 0.5 };
		published.satisfaction.nps = { responses: 8, promoters: 4, passives: 2, detractors: 2, score: 25 };
		const local = empty(NOW);
		local.engagement.eventsHeld = 3;
		local.satisfaction.overall = { answers: 12, useful: 9, rate: 0.75 };
		local.satisfaction.nps = { responses: 3, promoters: 3, passives: 0, detractors: 0, score: 100 };
		const merged = mergeImpact(published, local, AS_OF);
		expect(merged.engagement.eventsHeld).toBe(4);
		expect(merged.satisfaction.overall.rate).toBe(0.75);
		expect(merged.satisfaction.nps.score).toBe(25);
	});

	it('merges citizen results per item and adds up the people asked again', () => {
		const item = { id: 'story:S1', title: 'T', organization: null, unit: '%', source: null, value: 80 };
		const published = empty(AS_OF);
		published.improvements.citizen = {
			items: [{ ...item, metric: 'complaints', label: 'Complaints', sampleSize: 40 }],
			respondents: 40
		};
		const local = empty(NOW);
		local.improvements.citizen = {
			items: [
				{ ...item, metric: 'complaints', label: 'Complaints', sampleSize: 40 },
				{ ...item, id: 'adoption:A1', metric: 'citizen-satisfaction', label: 'Satisfied', sampleSize: 10 }
			],
			respondents: 50
		};
		const merged = mergeImpact(published, local, AS_OF);
		expect(merged.improvements.citizen.items.map((i) => i.id)).toEqual(['story:S1', 'adoption:A1']);
		expect(merged.improvements.citizen.respondents).toBe(50);
	});
});

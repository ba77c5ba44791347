import { describe, expect, it } from 'vitest';
import {
	formatChange,
	LOWER_IS_BETTER,
	OUTCOME_LABELS,
	formatFigure,
	formatImprovement,
	improvementOf,
	largestImprovement,
	sumOutcomes
} from '../../../src/lib/domain/outcomes';
import { OUTCOME_METRICS, type OutcomeFigure } from '../../../src/lib/domain/schemas';
import {
	draftProblems,
	emptyOutcomeDraft,
	outcomeDraftsFrom,
	parseFigure,
	parseOutcomeDrafts,
	parseSampleSize,
	type OutcomeDraft
} from '../../../src/lib/domain/outcome-drafts';
import { isCitizenMetric, sourceLine } from '../../../src/lib/domain/citizen-evidence';

const fig = (f: Partial<OutcomeFigure> & Pick<OutcomeFigure, 'metric'>): OutcomeFigure => ({
	label: 'x',
	unit: 'days',
	...f
});

describe('outcome labels', () => {
	it('names every metric in plain words', () => {
		expect(OUTCOME_METRICS.map((m) => OUTCOME_LABELS[m])).toEqual([
			'Cost saved',
			'Staff hours saved',
			'Processing time',
			'Waiting time',
			'Satisfaction',
			'People served',
			'Error rate',
			'Citizen satisfaction',
			'Complaints',
			'Other'
		]);
		expect([...LOWER_IS_BETTER].sort()).toEqual(['complaints', 'error-rate', 'processing-time', 'waiting-time']);
	});
});

describe('improvementOf', () => {
	it('measures times and error rates downwards', () => {
		// 21 → 9 days: 12 / 21 = 0.5714…
		expect(improvementOf(fig({ metric: 'processing-time', before: 21, after: 9 }))).toBeCloseTo(12 / 21, 10);
		// 4 % → 5 % errors is 25 % worse
		expect(improvementOf(fig({ metric: 'error-rate', before: 4, after: 5 }))).toBeCloseTo(-0.25, 10);
	});

	it('measures satisfaction and people served upwards', () => {
		// 60 → 75 satisfied: 15 / 60 = 0.25
		expect(improvementOf(fig({ metric: 'satisfaction', before: 60, after: 75 }))).toBeCloseTo(0.25, 10);
		expect(improvementOf(fig({ metric: 'people-served', before: 200, after: 100 }))).toBeCloseTo(-0.5, 10);
	});

	it('is null without both figures or from zero', () => {
		expect(improvementOf(fig({ metric: 'cost-saved', value: 1000 }))).toBeNull();
		expect(improvementOf(fig({ metric: 'waiting-time', before: 10 }))).toBeNull();
		expect(improvementOf(fig({ metric: 'people-served', before: 0, after: 10 }))).toBeNull();
	});
});

describe('largestImprovement', () => {
	it('picks the best relative change and ignores single values', () => {
		const a = fig({ metric: 'processing-time', before: 21, after: 9 }); // 0.571
		const b = fig({ metric: 'satisfaction', before: 50, after: 90 }); // 0.8
		const c = fig({ metric: 'cost-saved', value: 1e6, unit: 'EUR' });
		expect(largestImprovement([a, b, c])).toEqual({ figure: b, improvement: 0.8 });
		expect(largestImprovement([c])).toBeNull();
		expect(largestImprovement([])).toBeNull();
	});
});

describe('sumOutcomes', () => {
	it('sums per metric and unit, never mixing currencies or units', () => {
		const sums = sumOutcomes([
			fig({ metric: 'cost-saved', value: 1000, unit: 'EUR' }),
			fig({ metric: 'cost-saved', value: 250, unit: 'EUR' }),
			fig({ metric: 'cost-saved', value: 500, unit: 'GBP' }),
			fig({ metric: 'staff-hours-saved', value: 120, unit: 'hours' }),
			// 21 → 9 days gains 12 days; 10 → 7 Days gains 3: the same unit
			fig({ metric: 'processing-time', before: 21, after: 9, unit: 'days' }),
			fig({ metric: 'processing-time', before: 10, after: 7, unit: 'Days' }),
			fig({ metric: 'processing-time', before: 5, after: 2, unit: 'hours' }),
			// no figure to add
			fig({ metric: 'satisfaction', before: 3, unit: '%' })
		]);
		expect(sums).toEqual([
			{ metric: 'cost-saved', unit: 'EUR', total: 1250, count: 2 },
			{ metric: 'cost-saved', unit: 'GBP', total: 500, count: 1 },
			{ metric: 'staff-hours-saved', unit: 'hours', total: 120, count: 1 },
			{ metric: 'processing-time', unit: 'days', total: 15, count: 2 },
			{ metric: 'processing-time', unit: 'hours', total: 3, count: 1 }
		]);
	});
});

describe('formatFigure', () => {
	it('formats currency codes as money and other units after the number', () => {
		expect(formatFigure(1200, 'EUR', 'en-GB')).toBe('€1,200');
		expect(formatFigure(1234.5, 'GBP', 'en-GB')).toBe('£1,234.50');
		expect(formatFigure(21, 'days', 'en-GB')).toBe('21 days');
		expect(formatFigure(85, '%', 'en-GB')).toBe('85 %');
		expect(formatFigure(1500.256, 'hours', 'en-GB')).toBe('1,500.26 hours');
		expect(formatFigure(3, '', 'en-GB')).toBe('3');
	});

	it('says an improvement in words', () => {
		expect(formatImprovement(12 / 21, 'en-GB')).toBe('57 % better');
		expect(formatImprovement(-0.25, 'en-GB')).toBe('25 % worse');
		expect(formatImprovement(0, 'en-GB')).toBe('No change');
	});
});

describe('outcome drafts', () => {
	it('reads typed figures, thousands separators and decimal commas', () => {
		expect(parseFigure('1,200')).toBe(1200);
		expect(parseFigure('1 200')).toBe(1200);
		expect(parseFigure('12,5')).toBe(12.5);
		expect(parseFigure('')).toBeUndefined();
		expect(parseFigure('lots')).toBeNaN();
	});

	it('turns rows into figures, dropping empty ones', () => {
		const row = { ...emptyOutcomeDraft(), metric: 'processing-time' as const, label: 'Days to decide' };
		expect(
			parseOutcomeDrafts([{ ...row, before: '21', after: '9', unit: 'days', period: '2025' }, emptyOutcomeDraft()])
		).toEqual({
			ok: true,
			figures: [
				{ metric: 'processing-time', label: 'Days to decide', before: 21, after: 9, unit: 'days', period: '2025' }
			]
		});
	});

	it('says in plain words what a row lacks', () => {
		const result = parseOutcomeDrafts([
			{ ...emptyOutcomeDraft(), metric: 'cost-saved', label: 'Printing', value: '500', unit: 'euros' },
			{ ...emptyOutcomeDraft(), label: 'Queue', before: '3', unit: 'minutes' }
		]);
		expect(result).toEqual({
			ok: false,
			problems: [
				'Result 1: Choose the currency of the money saved.',
				'Result 2: Choose what was measured.',
				'Result 2: Give both the figure before and the figure after, or a single figure.'
			]
		});
	});
});

describe('figures whose good direction is not known', () => {
	it('are no improvement, and their change is said as higher or lower', () => {
		expect(improvementOf({ metric: 'other', before: 100, after: 40 })).toBeNull();
		expect(formatChange(100, 40, 'en')).toBe('60 % lower');
		expect(formatChange(40, 50, 'en')).toBe('25 % higher');
		expect(formatChange(40, 40, 'en')).toBe('No change');
	});
});

describe('results citing citizens’ feedback', () => {
	const citizen = {
		...emptyOutcomeDraft(),
		metric: 'citizen-satisfaction' as const,
		label: 'Residents satisfied with the service',
		before: '62',
		after: '81',
		unit: '%'
	};

	it('keep their source and the number of people asked, in drafts and in figures', () => {
		const result = parseOutcomeDrafts([{ ...citizen, source: ' Resident survey, March 2026 ', sampleSize: '1,200' }]);
		expect(result).toEqual({
			ok: true,
			figures: [
				{
					metric: 'citizen-satisfaction',
					label: 'Residents satisfied with the service',
					before: 62,
					after: 81,
					unit: '%',
					source: 'Resident survey, March 2026',
					sampleSize: 1200
				}
			]
		});
		if (!result.ok) return;
		expect(outcomeDraftsFrom(result.figures)[0]).toMatchObject({
			source: 'Resident survey, March 2026',
			sampleSize: '1200'
		});
	});

	it('refuse a number of people that is not a whole number in plain words', () => {
		for (const sampleSize of ['many', '12.5', '0', '-3']) {
			expect(draftProblems({ ...citizen, sampleSize }), sampleSize).toEqual([
				'Give the number of people asked as a whole number, such as 412.'
			]);
		}
		expect(parseSampleSize('')).toBeUndefined();
		expect(parseSampleSize('412')).toBe(412);
	});

	it('are optional for other measures, and a row with only a source is not left out', () => {
		const other = {
			...emptyOutcomeDraft(),
			metric: 'waiting-time' as const,
			label: 'Minutes',
			value: '4',
			unit: 'min'
		};
		expect(parseOutcomeDrafts([{ ...other, source: 'Queue system logs' }])).toMatchObject({
			ok: true,
			figures: [{ metric: 'waiting-time', source: 'Queue system logs' }]
		});
		expect(parseOutcomeDrafts([{ ...emptyOutcomeDraft(), source: 'Resident survey' }])).toMatchObject({ ok: false });
	});

	it('read rows kept in a form draft from before the fields existed', () => {
		const { source: _s, sampleSize: _n, ...old } = { ...citizen, metric: 'waiting-time' as const };
		const kept = old as OutcomeDraft;
		expect(draftProblems(kept)).toEqual([]);
		expect(parseOutcomeDrafts([kept])).toMatchObject({ ok: true, figures: [{ metric: 'waiting-time', before: 62 }] });
	});

	it('show where the feedback comes from under the result', () => {
		expect(isCitizenMetric('citizen-satisfaction')).toBe(true);
		expect(isCitizenMetric('complaints')).toBe(true);
		expect(isCitizenMetric('satisfaction')).toBe(false);
		expect(sourceLine({ source: 'Resident survey, March 2026', sampleSize: 412 }, 'en')).toBe(
			'Source: Resident survey, March 2026 (412 people asked)'
		);
		expect(sourceLine({ source: 'Complaints register' }, 'en')).toBe('Source: Complaints register');
		expect(sourceLine({ sampleSize: 1 }, 'en')).toBe('1 person asked');
		expect(sourceLine({ sampleSize: 1200 }, 'en')).toBe('1,200 people asked');
		expect(sourceLine({}, 'en')).toBeNull();
	});

	it('count complaints downwards', () => {
		expect(improvementOf({ metric: 'complaints', before: 40, after: 30 })).toBeCloseTo(0.25);
		expect(OUTCOME_LABELS.complaints).toBe('Complaints');
	});
});

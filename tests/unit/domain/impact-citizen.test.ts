import { describe, expect, it } from 'vitest';
import { computeImpact } from '../../../src/lib/domain/impact';

// Surveys and citizen feedback, autumn 2026; every figure below is worked out by hand.
const at = (day: string) => `2026-${day}T12:00:00.000Z`;
const NOW = at('12-15');
const U = (n: number) => `01JSRVEY${'0'.repeat(17)}${n}`;

const survey = (n: number, opens: string, closes: string, audience: Record<string, string>) => ({
	_id: `survey:${U(n)}`,
	type: 'survey',
	author: 'mod',
	createdAt: at(opens),
	title: `Survey ${n}`,
	description: '',
	questions: [
		{ id: 'ease', kind: 'scale', label: 'How easy was it?' },
		{ id: 'recommend', kind: 'nps', label: 'Would you recommend it?' },
		{ id: 'why', kind: 'text', label: 'Why?' }
	],
	opensAt: at(opens),
	closesAt: at(closes),
	audience,
	anonymous: true
});

const results = (n: number, scale: number[], nps: number[]) => {
	const answered = scale.reduce((a, b) => a + b, 0);
	const mean = answered ? scale.reduce((sum, c, i) => sum + c * (i + 1), 0) / answered : null;
	return {
		_id: `survey-results:${U(n)}`,
		type: 'survey-results',
		author: 'praxis',
		createdAt: NOW,
		survey: `survey:${U(n)}`,
		responses: answered,
		questions: [
			{ id: 'ease', kind: 'scale', answered, scale: { counts: scale, mean } },
			{
				id: 'recommend',
				kind: 'nps',
				answered: nps.reduce((a, b) => a + b, 0),
				nps: { counts: nps, promoters: 0, passives: 0, detractors: 0, score: null }
			},
			{ id: 'why', kind: 'text', answered: 1, withheld: true }
		]
	};
};
// NPS counts of 0…10
const nps = (pairs: Record<number, number>) => Array.from({ length: 11 }, (_, i) => pairs[i] ?? 0);

const EVENT = {
	_id: 'event:01JEVENT000000000000000001',
	type: 'event',
	author: 'org',
	createdAt: at('09-01'),
	region: 'South',
	start: at('10-01'),
	end: at('10-01')
};

const SURVEYS = [
	EVENT,
	// closed in October, region North: 1×3, 2×4, 1×5 → mean 4; nps: 9, 10, 3 (2 promoters, 1 detractor)
	survey(1, '10-01', '10-20', { kind: 'region', region: 'North' }),
	results(1, [0, 0, 1, 2, 1], nps({ 9: 1, 10: 1, 3: 1 })),
	// still open, the event's attendees (South): 2×2 → mean 2; nps: 7, 8 (passives)
	survey(2, '12-01', '12-31', { kind: 'event', event: 'event:01JEVENT000000000000000001' }),
	results(2, [0, 2, 0, 0, 0], nps({ 7: 1, 8: 1 })),
	// closed in 2025: outside the last months
	{
		...survey(3, '10-01', '10-20', { kind: 'everyone' }),
		createdAt: '2025-09-30T00:00:00.000Z',
		opensAt: '2025-10-01T00:00:00.000Z',
		closesAt: '2025-10-20T00:00:00.000Z'
	},
	results(3, [5, 0, 0, 0, 0], nps({ 0: 5 })),
	// no published results yet: no row
	survey(4, '11-01', '11-10', { kind: 'everyone' }),
	// not open yet: no row even with results
	survey(5, '12-20', '12-30', { kind: 'everyone' }),
	results(5, [0, 0, 0, 0, 9], nps({ 10: 9 })),
	// a published impact document is no activity
	{ _id: 'impact:all', type: 'impact', author: 'praxis', createdAt: '2020-01-01T00:00:00.000Z', period: 'all' }
];

describe('computeImpact: surveys', () => {
	it('gives the mean of each scale question of the surveys of the period, and sums net-promoter answers', () => {
		const { satisfaction } = computeImpact(SURVEYS, { now: NOW, from: at('10-01') });
		expect(satisfaction.surveys).toEqual([
			{
				survey: `survey:${U(1)}`,
				title: 'Survey 1',
				question: 'ease',
				label: 'How easy was it?',
				responses: 4,
				mean: 4
			},
			{
				survey: `survey:${U(2)}`,
				title: 'Survey 2',
				question: 'ease',
				label: 'How easy was it?',
				responses: 2,
				mean: 2
			}
		]);
		// 5 answers: 2 promoters, 2 passives, 1 detractor → (2 − 1) / 5 = 20
		expect(satisfaction.nps).toEqual({ responses: 5, promoters: 2, passives: 2, detractors: 1, score: 20 });
	});

	it('keeps all-time surveys and filters by the audience’s region or the event’s region', () => {
		const all = computeImpact(SURVEYS, { now: NOW });
		expect(all.satisfaction.surveys.map((s) => s.title)).toEqual(['Survey 1', 'Survey 2', 'Survey 3']);
		// 10 answers: 2 promoters, 2 passives, 6 detractors → −40
		expect(all.satisfaction.nps.score).toBe(-40);
		const south = computeImpact(SURVEYS, { now: NOW, region: 'south' });
		expect(south.satisfaction.surveys.map((s) => s.title)).toEqual(['Survey 2']);
		expect(south.satisfaction.nps).toEqual({ responses: 2, promoters: 0, passives: 2, detractors: 0, score: 0 });
	});

	it('counts neither survey results nor published figures as activity, nor as the start of all time', () => {
		const figures = computeImpact(SURVEYS, { now: NOW });
		// all time starts with the 2025 survey's creation, not with the impact document of 2020
		expect(figures.engagement.activeByMonth[0].month).toBe('2025-09');
		// the one act is the event's creation: publishing results is none
		expect(figures.engagement.activeByMonth.reduce((n, m) => n + m.members, 0)).toBe(1);
	});

	it('leaves surveys out when a moderator hid them', () => {
		const figures = computeImpact(SURVEYS, { now: NOW, from: at('10-01'), hidden: [`survey:${U(1)}`] });
		expect(figures.satisfaction.surveys.map((s) => s.title)).toEqual(['Survey 2']);
	});
});

const story = {
	_id: 'story:S1',
	type: 'story',
	author: 'ana',
	createdAt: at('10-01'),
	status: 'published',
	reviewedAt: at('10-15'),
	region: 'North',
	title: 'Plain letters',
	organization: 'City of Oslo',
	outcomes: [
		{ metric: 'staff-hours-saved', label: 'Letters', value: 100, unit: 'hours' },
		{
			metric: 'citizen-satisfaction',
			label: 'Residents satisfied',
			before: 60,
			after: 80,
			unit: '%',
			source: 'Resident survey, March 2026',
			sampleSize: 400
		}
	]
};
const adoption = (id: string, day: string, status: string, outcomes: object[]) => ({
	_id: id,
	type: 'adoption',
	author: 'ben',
	createdAt: at(day),
	practice: 'story:S1',
	organization: 'Bergen',
	status,
	region: 'West',
	notes: '',
	outcomes
});
const complaints = { metric: 'complaints', label: 'Complaints a month', before: 40, after: 25, unit: 'complaints' };

describe('computeImpact: citizen feedback', () => {
	const DOCS = [
		story,
		// Bergen's earlier record is replaced by its later one: only 120 people asked count
		adoption('adoption:A1', '10-20', 'piloting', [{ ...complaints, sampleSize: 50 }]),
		adoption('adoption:A2', '11-20', 'implemented', [
			{ ...complaints, source: 'Complaints log' },
			{ metric: 'citizen-satisfaction', label: 'Satisfied', value: 4.2, unit: 'out of 5', sampleSize: 120 },
			{ metric: 'staff-hours-saved', label: 'Desk', value: 50, unit: 'hours' }
		])
	];

	it('lists every citizen result with its source and sample size, titled by the story or practice', () => {
		const { improvements } = computeImpact(DOCS, { now: NOW, from: at('10-01') });
		expect(improvements.citizen.items).toEqual([
			{
				id: 'story:S1',
				title: 'Plain letters',
				organization: 'City of Oslo',
				metric: 'citizen-satisfaction',
				label: 'Residents satisfied',
				before: 60,
				after: 80,
				unit: '%',
				source: 'Resident survey, March 2026',
				sampleSize: 400
			},
			{
				id: 'adoption:A2',
				title: 'Plain letters',
				organization: 'Bergen',
				metric: 'complaints',
				label: 'Complaints a month',
				before: 40,
				after: 25,
				unit: 'complaints',
				source: 'Complaints log',
				sampleSize: null
			},
			{
				id: 'adoption:A2',
				title: 'Plain letters',
				organization: 'Bergen',
				metric: 'citizen-satisfaction',
				label: 'Satisfied',
				value: 4.2,
				unit: 'out of 5',
				source: null,
				sampleSize: 120
			}
		]);
		expect(improvements.citizen.respondents).toBe(520);
	});

	it('keeps citizen measures out of the sums', () => {
		const { improvements } = computeImpact(DOCS, { now: NOW, from: at('10-01') });
		expect(improvements.stories.map((s) => [s.metric, s.total])).toEqual([['staff-hours-saved', 100]]);
		expect(improvements.adoptions.map((s) => [s.metric, s.total])).toEqual([['staff-hours-saved', 50]]);
		expect(improvements.all.map((s) => [s.metric, s.total])).toEqual([['staff-hours-saved', 150]]);
	});

	it('applies the period and the region as for the other results', () => {
		const november = computeImpact(DOCS, { now: NOW, from: at('11-01') });
		expect(november.improvements.citizen.items.map((i) => i.id)).toEqual(['adoption:A2', 'adoption:A2']);
		expect(november.improvements.citizen.respondents).toBe(120);
		const north = computeImpact(DOCS, { now: NOW, region: 'North' });
		expect(north.improvements.citizen.items.map((i) => i.id)).toEqual(['story:S1']);
	});
});

import { describe, expect, it } from 'vitest';
import { computeImpact, isoWeekOf, type ImpactOptions } from '../../../src/lib/domain/impact';

// A small community, October and November 2026; every figure below is worked out by hand from it.
const at = (day: string) => `2026-${day}T12:00:00.000Z`;
const profile = (author: string, day: string, region: string, sector: string) => ({
	_id: `profile:${author}`,
	type: 'profile',
	author,
	createdAt: at(day),
	region,
	sector
});
const doc = (_id: string, author: string, day: string, rest: Record<string, unknown> = {}) => ({
	_id,
	type: _id.split(':')[0],
	author,
	createdAt: at(day),
	...rest
});

const DOCS = [
	profile('ana', '09-15', 'North', 'Health'),
	profile('ben', '10-05', 'North', 'Digital'),
	profile('cara', '11-02', 'South', 'Health'),
	profile('dan', '11-20', 'North', 'Health'),
	doc('thread:T1', 'ana', '10-06', { category: 'general', title: 'Letters' }),
	doc('thread:T2', 'cara', '11-03', { category: 'housing', title: 'Rents' }),
	doc('thread:T3', 'dan', '11-21', { category: 'general', title: 'Spam' }),
	{
		_id: 'moderation:thread:T3',
		type: 'moderation',
		author: 'praxis',
		createdAt: at('11-22'),
		target: 'thread:T3',
		hidden: { reason: 'spam', at: at('11-22') }
	},
	doc('post:P1', 'ben', '10-07', { thread: 'thread:T1' }),
	// in the hidden thread: does not count
	doc('post:P2', 'ana', '11-25', { thread: 'thread:T3' }),
	{ ...doc('post:P3', 'ben', '11-04', { thread: 'thread:T1' }), _deleted: true },
	doc('resource:R1', 'ana', '09-20', {
		status: 'published',
		reviewedAt: at('10-10'),
		sector: 'Health',
		title: 'Plain letters'
	}),
	doc('resource:R2', 'cara', '10-20', {
		status: 'published',
		reviewedAt: at('11-10'),
		sector: 'Digital',
		title: 'Queue app'
	}),
	doc('story:S1', 'ben', '10-12', {
		status: 'published',
		reviewedAt: at('10-30'),
		region: 'North',
		sector: 'Health',
		title: 'Faster permits',
		outcomes: [
			{ metric: 'cost-saved', label: 'Postage', value: 1000, unit: 'EUR' },
			{ metric: 'cost-saved', label: 'Printing', value: 500, unit: 'GBP' },
			{ metric: 'processing-time', label: 'Permit', before: 21, after: 9, unit: 'days' },
			// not an outcome figure (the library's older free-text kind): left out
			{ metric: 'time saved', value: '3 weeks' }
		]
	}),
	doc('adoption:A1', 'cara', '10-20', {
		practice: 'resource:R1',
		organization: 'City of Oslo',
		status: 'piloting',
		region: 'South',
		sector: 'Health',
		outcomes: []
	}),
	// the same organisation's later record: it counts once, as implemented
	doc('adoption:A2', 'cara', '11-15', {
		practice: 'resource:R1',
		organization: 'city of oslo ',
		status: 'implemented',
		region: 'South',
		sector: 'Health',
		outcomes: [
			{ metric: 'cost-saved', label: 'Postage', value: 200, unit: 'EUR' },
			{ metric: 'staff-hours-saved', label: 'Staff', value: 40, unit: 'hours' }
		]
	}),
	doc('adoption:A3', 'dan', '11-22', {
		practice: 'story:S1',
		organization: 'North Health Board',
		status: 'planning',
		region: 'North',
		sector: 'Health',
		outcomes: []
	}),
	doc('event:E1', 'ana', '10-01', { title: 'Meetup', end: at('11-05'), region: 'North' }),
	doc('event:E2', 'ana', '10-02', { title: 'Cancelled', end: at('11-12'), cancelled: true }),
	doc('attendance:E1:ben', 'ana', '11-05', { event: 'event:E1', member: 'ben', attended: true }),
	doc('attendance:E1:cara', 'ana', '11-05', { event: 'event:E1', member: 'cara', attended: false }),
	doc('attendance:E2:dan', 'ana', '11-12', { event: 'event:E2', member: 'dan', attended: true }),
	// not recorded by an organiser
	doc('attendance:E1:dan', 'dan', '11-05', { event: 'event:E1', member: 'dan', attended: true }),
	doc('feedback:resource:R1:ben', 'ben', '10-15', { target: 'resource:R1', useful: true }),
	doc('feedback:resource:R1:cara', 'cara', '11-05', { target: 'resource:R1', useful: false }),
	doc('feedback:story:S1:ana', 'ana', '11-06', { target: 'story:S1', useful: true }),
	doc('feedback:event:E1:ben', 'ben', '11-06', { target: 'event:E1', useful: true }),
	doc('rating:R1:ben', 'ben', '10-16', { resource: 'resource:R1', value: 4 }),
	doc('rating:R2:ana', 'ana', '11-12', { resource: 'resource:R2', value: 5 }),
	// after the period
	doc('rating:R1:dan', 'dan', '12-05', { resource: 'resource:R1', value: 2 }),
	doc('use:R2:ben', 'ben', '11-13', { resource: 'resource:R2', how: 'file' }),
	doc('use:R2:cara', 'cara', '11-14', { resource: 'resource:R2', how: 'pack' }),
	doc('use:R1:ben', 'ben', '10-16', { resource: 'resource:R1', how: 'offline' }),
	doc('vote:T2:dan', 'dan', '11-21', { target: 'thread:T2', value: 1 })
];

const PERIOD: ImpactOptions = {
	now: '2026-12-15T00:00:00.000Z',
	from: '2026-10-01T00:00:00.000Z',
	to: '2026-12-01T00:00:00.000Z'
};
const zero = { thread: 0, reply: 0, resource: 0, story: 0, adoption: 0, event: 0, comment: 0 };

describe('isoWeekOf', () => {
	it('numbers weeks as ISO 8601 does, across years', () => {
		expect(isoWeekOf('2026-01-01T00:00:00.000Z')).toBe('2026-W01');
		expect(isoWeekOf('2027-01-01T00:00:00.000Z')).toBe('2026-W53');
		expect(isoWeekOf('2026-10-12T00:00:00.000Z')).toBe('2026-W42');
	});
});

describe('computeImpact, October and November', () => {
	const figures = computeImpact(DOCS, PERIOD);

	it('counts active members per week and month, without hidden or deleted acts', () => {
		// W40 ana (events); W41 ana, ben; W42 ben; W43 cara; W45 cara, ana, ben; W46 ana, ben, cara; W47 dan
		expect(figures.engagement.activeByWeek).toEqual(
			[1, 2, 1, 1, 0, 3, 3, 1, 0, 0].map((members, i) => ({ week: `2026-W${40 + i}`, members }))
		);
		expect(figures.engagement.activeByMonth).toEqual([
			{ month: '2026-10', members: 3 },
			{ month: '2026-11', members: 4 }
		]);
		// ana joined in September
		expect(figures.engagement.newMembersByMonth).toEqual([
			{ month: '2026-10', members: 1 },
			{ month: '2026-11', members: 2 }
		]);
	});

	it('counts contributions by kind, events held and attendance', () => {
		expect(figures.engagement.contributionsByMonth).toEqual([
			{ month: '2026-10', ...zero, thread: 1, reply: 1, resource: 1, story: 1, adoption: 1, event: 2 },
			{ month: '2026-11', ...zero, thread: 1, adoption: 2 }
		]);
		// E2 was cancelled; cara did not attend; dan recorded himself
		expect(figures.engagement.eventsHeld).toBe(1);
		expect(figures.engagement.attendance).toBe(1);
	});

	it('counts practices published, adoptions by their latest status and the median time to adoption', () => {
		expect(figures.practices.publishedByMonth).toEqual([
			{ month: '2026-10', resources: 1, stories: 1 },
			{ month: '2026-11', resources: 1, stories: 0 }
		]);
		expect(figures.practices.adoptionsByStatus).toEqual({ planning: 1, piloting: 0, implemented: 1, abandoned: 0 });
		// R1: 10 Oct → 20 Oct = 10 days; S1: 30 Oct → 22 Nov = 23 days; median 16.5
		expect(figures.practices.medianDaysToFirstAdoption).toBe(16.5);
	});

	it('sums measured improvements per metric and unit, never two currencies together', () => {
		expect(figures.improvements.stories).toEqual([
			{ metric: 'cost-saved', unit: 'EUR', total: 1000, count: 1 },
			{ metric: 'cost-saved', unit: 'GBP', total: 500, count: 1 },
			{ metric: 'processing-time', unit: 'days', total: 12, count: 1 }
		]);
		expect(figures.improvements.adoptions).toEqual([
			{ metric: 'cost-saved', unit: 'EUR', total: 200, count: 1 },
			{ metric: 'staff-hours-saved', unit: 'hours', total: 40, count: 1 }
		]);
		expect(figures.improvements.all).toEqual([
			{ metric: 'cost-saved', unit: 'EUR', total: 1200, count: 2 },
			{ metric: 'cost-saved', unit: 'GBP', total: 500, count: 1 },
			{ metric: 'staff-hours-saved', unit: 'hours', total: 40, count: 1 },
			{ metric: 'processing-time', unit: 'days', total: 12, count: 1 }
		]);
	});

	it('rates usefulness overall and per kind, and the mean rating of the period', () => {
		expect(figures.satisfaction.overall).toEqual({ answers: 4, useful: 3, rate: 0.75 });
		expect(figures.satisfaction.byKind).toEqual([
			{ kind: 'resource', answers: 2, useful: 1, rate: 0.5 },
			{ kind: 'story', answers: 1, useful: 1, rate: 1 },
			{ kind: 'event', answers: 1, useful: 1, rate: 1 },
			{ kind: 'collection', answers: 0, useful: 0, rate: null }
		]);
		// 4 and 5; dan's 2 came in December
		expect(figures.satisfaction.ratings).toEqual({ count: 2, mean: 4.5 });
	});

	it('ranks content by adoptions, then uses', () => {
		expect(figures.highImpact).toEqual([
			{
				id: 'resource:R1',
				kind: 'resource',
				title: 'Plain letters',
				adoptions: 1,
				uses: 1,
				ratings: 1,
				meanRating: 4,
				useful: 1,
				answers: 2
			},
			{
				id: 'story:S1',
				kind: 'story',
				title: 'Faster permits',
				adoptions: 1,
				uses: 0,
				ratings: 0,
				meanRating: null,
				useful: 1,
				answers: 1
			},
			{
				id: 'resource:R2',
				kind: 'resource',
				title: 'Queue app',
				adoptions: 0,
				uses: 2,
				ratings: 1,
				meanRating: 5,
				useful: 0,
				answers: 0
			}
		]);
	});
});

describe('computeImpact filters', () => {
	it('places members by their profile and items by their own region', () => {
		const north = computeImpact(DOCS, { ...PERIOD, region: 'North' });
		// cara (South) is not an active member; dan's vote still counts in November
		expect(north.engagement.activeByMonth).toEqual([
			{ month: '2026-10', members: 2 },
			{ month: '2026-11', members: 3 }
		]);
		expect(north.engagement.newMembersByMonth.map((m) => m.members)).toEqual([1, 1]);
		// E2 carries no region
		expect(north.engagement.contributionsByMonth[0].event).toBe(1);
		expect(north.engagement.eventsHeld).toBe(1);
		// Oslo's adoption is in the South
		expect(north.practices.adoptionsByStatus).toEqual({ planning: 1, piloting: 0, implemented: 0, abandoned: 0 });
		expect(north.improvements.adoptions).toEqual([]);
		expect(north.improvements.all).toHaveLength(3);
	});

	it('filters resources by sector', () => {
		const digital = computeImpact(DOCS, { ...PERIOD, sector: 'Digital' });
		expect(digital.practices.publishedByMonth).toEqual([
			{ month: '2026-10', resources: 0, stories: 0 },
			{ month: '2026-11', resources: 1, stories: 0 }
		]);
		expect(digital.highImpact.map((i) => i.id)).toEqual(['resource:R2']);
	});

	it('applies the category to threads and their replies only', () => {
		const housing = computeImpact(DOCS, { ...PERIOD, category: 'housing' });
		expect(housing.engagement.contributionsByMonth.map((m) => [m.thread, m.reply, m.story])).toEqual([
			[0, 0, 1],
			[1, 0, 0]
		]);
	});

	it('starts "all time" at the first document and ends at now', () => {
		const all = computeImpact(DOCS, { now: '2026-12-15T00:00:00.000Z' });
		expect(all.period).toEqual({ from: null, to: '2026-12-15T00:00:00.000Z' });
		expect(all.engagement.newMembersByMonth).toEqual([
			{ month: '2026-09', members: 1 },
			{ month: '2026-10', members: 1 },
			{ month: '2026-11', members: 2 },
			{ month: '2026-12', members: 0 }
		]);
		expect(all.satisfaction.ratings).toEqual({ count: 3, mean: 11 / 3 });
	});
});

// The "Was this useful?" figures, worked by hand: summaries, sentences, figures over many
// documents (deleted and repeated answers), writers of an item and the refusals.
import { describe, expect, it } from 'vitest';
import {
	EVENT_NOT_OVER,
	NO_SUCH_ITEM,
	OWN_ITEM,
	feedbackFigures,
	feedbackRefusal,
	feedbackSentence,
	itemWriters,
	summarizeFeedback,
	type FeedbackFacts
} from '../../../src/lib/domain/feedback';

const answer = (
	target: string,
	author: string,
	useful: boolean,
	extra: Partial<FeedbackFacts> = {}
): FeedbackFacts => ({
	target,
	author,
	useful,
	createdAt: '2026-11-01T10:00:00.000Z',
	...extra
});
const R = 'resource:01JFAAAAAAAAAAAAAAAAAAAAAA';
const S = 'story:01JFAAAAAAAAAAAAAAAAAAAAAB';

describe('summarizeFeedback and feedbackSentence', () => {
	it('counts 8 yes and 2 no as a rate of 0.8', () => {
		const answers = [...Array(8).fill({ useful: true }), ...Array(2).fill({ useful: false })];
		const summary = summarizeFeedback(answers);
		expect(summary).toEqual({ yes: 8, no: 2, total: 10, rate: 0.8 });
		expect(feedbackSentence(summary)).toBe('8 of 10 members found this useful.');
	});

	it('has no rate and says so when no one answered', () => {
		const summary = summarizeFeedback([]);
		expect(summary).toEqual({ yes: 0, no: 0, total: 0, rate: null });
		expect(feedbackSentence(summary)).toBe('No one has said yet.');
	});

	it('speaks of one member in the singular, and of none who found it useful', () => {
		expect(feedbackSentence(summarizeFeedback([{ useful: true }]))).toBe('1 of 1 member found this useful.');
		expect(feedbackSentence(summarizeFeedback([{ useful: false }, { useful: false }]))).toBe(
			'0 of 2 members found this useful.'
		);
	});
});

describe('feedbackFigures', () => {
	it('summarizes per item and overall, leaving deleted answers out', () => {
		const figures = feedbackFigures([
			answer(R, 'alice', true),
			answer(R, 'bob', true),
			answer(R, 'carol', false),
			answer(S, 'alice', false),
			answer(S, 'dan', true, { _deleted: true })
		]);
		expect(figures.byTarget.get(R)).toEqual({ yes: 2, no: 1, total: 3, rate: 2 / 3 });
		expect(figures.byTarget.get(S)).toEqual({ yes: 0, no: 1, total: 1, rate: 0 });
		// 2 yes of 4 answers in all
		expect(figures.overall).toEqual({ yes: 2, no: 2, total: 4, rate: 0.5 });
	});

	it('counts a member once per item, by their later answer', () => {
		const figures = feedbackFigures([
			answer(R, 'alice', false),
			answer(R, 'alice', true, { updatedAt: '2026-11-02T10:00:00.000Z' })
		]);
		expect(figures.byTarget.get(R)).toEqual({ yes: 1, no: 0, total: 1, rate: 1 });
	});

	it('gives no overall rate over nothing', () => {
		expect(feedbackFigures([]).overall.rate).toBeNull();
		expect(feedbackFigures([]).byTarget.size).toBe(0);
	});
});

describe('itemWriters and feedbackRefusal', () => {
	const NOW = '2026-12-03T12:00:00.000Z';
	const published = { type: 'resource', author: 'alice', coauthors: ['bob'], status: 'published' };
	const event = (end: string, extra: object = {}) => ({
		type: 'event',
		author: 'alice',
		organisers: ['alice', 'olga'],
		end,
		...extra
	});

	it('names authors, co-authors and organisers once each', () => {
		expect(itemWriters(published)).toEqual(['alice', 'bob']);
		expect(itemWriters(event(NOW))).toEqual(['alice', 'olga']);
	});

	it('refuses missing, deleted and unpublished items', () => {
		expect(feedbackRefusal(null, 'carol', NOW)).toBe(NO_SUCH_ITEM);
		expect(feedbackRefusal({ ...published, _deleted: true }, 'carol', NOW)).toBe(NO_SUCH_ITEM);
		expect(feedbackRefusal({ ...published, status: 'draft' }, 'carol', NOW)).toBe(NO_SUCH_ITEM);
	});

	it('refuses events before their end and cancelled ones', () => {
		expect(feedbackRefusal(event('2026-12-03T12:00:00.001Z'), 'carol', NOW)).toBe(EVENT_NOT_OVER);
		expect(feedbackRefusal(event('2026-12-01T12:00:00.000Z', { cancelled: true }), 'carol', NOW)).toBe(EVENT_NOT_OVER);
		expect(feedbackRefusal(event(NOW), 'carol', NOW)).toBeNull();
	});

	it('refuses the writers of an item', () => {
		expect(feedbackRefusal(published, 'bob', NOW)).toBe(OWN_ITEM);
		expect(feedbackRefusal(event('2026-12-01T00:00:00.000Z'), 'olga', NOW)).toBe(OWN_ITEM);
		expect(feedbackRefusal({ type: 'collection', author: 'rita' }, 'rita', NOW)).toBe(OWN_ITEM);
		expect(feedbackRefusal(published, 'carol', NOW)).toBeNull();
	});
});

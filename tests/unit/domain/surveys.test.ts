import { describe, expect, it } from 'vitest';
import {
	aggregateSurvey,
	answersRefusal,
	answerTimingRefusal,
	isInAudience,
	npsOf,
	surveyState
} from '../../../src/lib/domain/surveys';
import type { SurveyQuestion } from '../../../src/lib/domain/schemas';

const questions: SurveyQuestion[] = [
	{ id: 'how', kind: 'scale', label: 'How satisfied are you?', required: true },
	{ id: 'where', kind: 'choice', label: 'Where do you work?', options: ['Town hall', 'Field office'] },
	{ id: 'tools', kind: 'choices', label: 'Which tools?', options: ['Forum', 'Library', 'Events'] },
	{ id: 'recommend', kind: 'nps', label: 'Would you recommend it?' },
	{ id: 'better', kind: 'text', label: 'What could be better?' }
];
const window = { opensAt: '2026-11-01T00:00:00.000Z', closesAt: '2026-12-01T00:00:00.000Z' };

describe('survey timing', () => {
	it('is upcoming, open, then closed', () => {
		expect(surveyState(window, '2026-10-31T23:59:59.000Z')).toBe('upcoming');
		expect(surveyState(window, '2026-11-15T00:00:00.000Z')).toBe('open');
		expect(surveyState(window, '2026-12-01T00:00:00.000Z')).toBe('closed');
	});

	it('counts answers given while open that arrive within 14 days of closing', () => {
		expect(answerTimingRefusal(window, '2026-11-30T12:00:00.000Z', '2026-12-14T23:00:00.000Z')).toBeNull();
		expect(answerTimingRefusal(window, '2026-11-30T12:00:00.000Z', '2026-12-15T00:00:01.000Z')).toBe(
			'this survey closed more than 14 days ago'
		);
		expect(answerTimingRefusal(window, '2026-12-01T00:00:00.000Z', '2026-12-01T00:00:01.000Z')).toBe(
			'this survey is closed'
		);
		expect(answerTimingRefusal(window, '2026-10-30T00:00:00.000Z', '2026-11-02T00:00:00.000Z')).toBe(
			'this survey is not open yet'
		);
	});
});

describe('survey audience', () => {
	it('asks everyone, a region (whatever its case) or an event’s attendees', () => {
		const member = { region: ' wales', events: new Set(['event:01JAAAAAAAAAAAAAAAAAAAAAAA']) };
		expect(isInAudience({ kind: 'everyone' }, { events: new Set() })).toBe(true);
		expect(isInAudience({ kind: 'region', region: 'Wales' }, member)).toBe(true);
		expect(isInAudience({ kind: 'region', region: 'Kent' }, member)).toBe(false);
		expect(isInAudience({ kind: 'region', region: 'Wales' }, { events: new Set() })).toBe(false);
		expect(isInAudience({ kind: 'event', event: 'event:01JAAAAAAAAAAAAAAAAAAAAAAA' }, member)).toBe(true);
		expect(isInAudience({ kind: 'event', event: 'event:01JBBBBBBBBBBBBBBBBBBBBBBB' }, member)).toBe(false);
	});
});

describe('answers', () => {
	it('accepts well-formed answers and skips optional questions', () => {
		expect(answersRefusal({ questions }, { how: 4 })).toBeNull();
		expect(answersRefusal({ questions }, { how: 5, where: 'Town hall', tools: ['Forum'], recommend: 0 })).toBeNull();
	});

	it('refuses a missing required answer, unknown questions and answers of the wrong kind', () => {
		expect(answersRefusal({ questions }, {})).toBe('“How satisfied are you?” needs an answer');
		expect(answersRefusal({ questions }, { how: 3, extra: 'x' })).toBe(
			'an answer names a question this survey does not ask'
		);
		expect(answersRefusal({ questions }, { how: 6 })).toBe('answer “How satisfied are you?” with a number from 1 to 5');
		expect(answersRefusal({ questions }, { how: 3, where: 'Home' })).toBe(
			'choose one of the options for “Where do you work?”'
		);
		expect(answersRefusal({ questions }, { how: 3, tools: ['Forum', 'Forum'] })).toBe(
			'choose among the options for “Which tools?”'
		);
		expect(answersRefusal({ questions }, { how: 3, recommend: 11 })).toBe(
			'answer “Would you recommend it?” with a number from 0 to 10'
		);
	});
});

describe('aggregate', () => {
	it('counts options, scale points and scores, and withholds texts below five', () => {
		const result = aggregateSurvey({ questions }, [
			{ how: 5, where: 'Town hall', tools: ['Forum', 'Library'], recommend: 10, better: 'More events' },
			{ how: 4, where: 'Town hall', tools: ['Forum'], recommend: 9 },
			{ how: 2, where: 'Field office', recommend: 6, better: '  ' },
			{ how: 4, recommend: 8 }
		]);
		expect(result.responses).toBe(4);
		const [how, where, tools, recommend, better] = result.questions;
		// (5 + 4 + 2 + 4) / 4 = 3.75
		expect(how).toEqual({ id: 'how', kind: 'scale', answered: 4, scale: { counts: [0, 1, 0, 2, 1], mean: 3.75 } });
		expect(where!.options).toEqual([
			{ option: 'Town hall', count: 2 },
			{ option: 'Field office', count: 1 }
		]);
		expect(tools!.answered).toBe(2);
		expect(tools!.options!.map((o) => o.count)).toEqual([2, 1, 0]);
		// promoters 2 (10, 9), passives 1 (8), detractors 1 (6): (2 − 1) / 4 = 25
		expect(recommend!.nps).toMatchObject({ promoters: 2, passives: 1, detractors: 1, score: 25 });
		expect(better).toEqual({ id: 'better', kind: 'text', answered: 1, withheld: true });
	});

	it('publishes texts, sorted, from the fifth answer', () => {
		const texts = ['e', 'c', 'a', 'd', 'b'];
		const result = aggregateSurvey(
			{ questions },
			texts.map((better) => ({ how: 3, better }))
		);
		expect(result.questions[4]!.texts).toEqual(['a', 'b', 'c', 'd', 'e']);
	});

	it('scores net promoters from counts', () => {
		// 3 promoters, 1 detractor of 5: (3 − 1) / 5 = 40
		expect(npsOf([1, 0, 0, 0, 0, 0, 0, 1, 0, 2, 1]).score).toBe(40);
		expect(npsOf([]).score).toBeNull();
	});
});

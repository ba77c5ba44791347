// The survey screens' words: the member's answer state as the list says it, the kinds of question
// as the form offers them, and the datetime-local round trip of opening and closing times.
import { describe, expect, it } from 'vitest';
import { SURVEY_QUESTION_KINDS } from '../../../src/lib/domain/schemas';
import { ANSWER_WORDS, KIND_WORDS, fromLocalInput, toLocalInput } from '../../../src/routes/surveys/words';

describe('survey words', () => {
	it('says where the member’s answer is in the words of the list', () => {
		expect(ANSWER_WORDS.none).toBe('Not answered yet');
		expect(ANSWER_WORDS.waiting).toBe('Waiting to be sent');
		expect(ANSWER_WORDS.sent).toBe('You answered');
		expect(ANSWER_WORDS.counted).toBe('You answered');
	});

	it('names every kind of question', () => {
		expect(SURVEY_QUESTION_KINDS.map((k) => KIND_WORDS[k])).toEqual([
			'One choice',
			'Several choices',
			'Scale from 1 to 5',
			'Recommend from 0 to 10',
			'Short text'
		]);
	});

	it('turns an instant into a datetime-local value and back', () => {
		const iso = '2026-12-03T14:30:00.000Z';
		const local = toLocalInput(iso);
		expect(local).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
		expect(fromLocalInput(local)).toBe(iso);
		expect(fromLocalInput('')).toBe('');
		expect(toLocalInput('not a date')).toBe('');
	});
});

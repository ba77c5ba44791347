// Words the survey screens share: the member's answer state, dates, and the kinds of question.
import type { SurveyAnswerState } from '../../lib/store';
import type { SurveyQuestionKind } from '../../lib/domain/schemas';

export const ANSWER_WORDS: Record<SurveyAnswerState, string> = {
	none: 'Not answered yet',
	waiting: 'Waiting to be sent',
	sent: 'You answered',
	counted: 'You answered',
	refused: 'Your answers were not accepted'
};

export const KIND_WORDS: Record<SurveyQuestionKind, string> = {
	choice: 'One choice',
	choices: 'Several choices',
	scale: 'Scale from 1 to 5',
	nps: 'Recommend from 0 to 10',
	text: 'Short text'
};

/** "3 Dec 2026, 14:00" in the reader's time zone. */
export function when(iso: string): string {
	const d = new Date(iso);
	return Number.isNaN(d.getTime())
		? ''
		: d.toLocaleString(undefined, {
				day: 'numeric',
				month: 'short',
				year: 'numeric',
				hour: '2-digit',
				minute: '2-digit'
			});
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An ISO instant as a datetime-local value, in the reader's time zone. */
export function toLocalInput(iso: string): string {
	const d = new Date(iso);
	if (Number.isNaN(d.getTime())) return '';
	return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value (the reader's time zone) as an ISO instant; '' when empty or invalid. */
export function fromLocalInput(value: string): string {
	const d = new Date(value);
	return value && !Number.isNaN(d.getTime()) ? d.toISOString() : '';
}

// What the answer form checks before sending, question by question: a required question left
// unanswered, and a written answer over the schema's limit. Pure, so the mapping is unit-tested.
import { fieldMessage, textProblem } from '../../../lib/forms';
import { t } from '../../../lib/i18n';
import type { SurveyAnswerValue } from '../../../lib/domain/surveys';

/** surveyAnswerValueSchema's limit for a written answer, in characters. */
export const ANSWER_MAX = 2000;

interface Question {
	id: string;
	kind: string;
	required?: boolean;
}

const blank = (value: SurveyAnswerValue | undefined): boolean =>
	value === undefined || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && !value.length);

/** One sentence per question that cannot be sent as it is, by question id. */
export function answerErrors(
	questions: readonly Question[],
	values: Readonly<Record<string, SurveyAnswerValue | undefined>>
): Record<string, string> {
	const errors: Record<string, string> = {};
	for (const q of questions) {
		const value = values[q.id];
		if (blank(value)) {
			if (q.required)
				errors[q.id] = q.kind === 'text' ? t('surveys:answerForm.needText') : t('surveys:answerForm.needChoice');
			continue;
		}
		if (q.kind !== 'text' || typeof value !== 'string') continue;
		const problem = textProblem(q.id, value.trim(), { max: ANSWER_MAX });
		if (problem) errors[q.id] = fieldMessage(problem, t('surveys:answerForm.yourAnswer'));
	}
	return errors;
}

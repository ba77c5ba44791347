// Words the survey screens share: the member's answer state, dates, and the kinds of question.
// The word tables are getters so each word is read in the interface language when it is shown.
import { formatDate, t } from '../../lib/i18n';
import type { SurveyAnswerState } from '../../lib/store';
import type { SurveyQuestionKind } from '../../lib/domain/schemas';

export const ANSWER_WORDS: Record<SurveyAnswerState, string> = {
	get none() {
		return t('surveys:answer.none');
	},
	get waiting() {
		return t('surveys:answer.waiting');
	},
	get sent() {
		return t('surveys:answer.sent');
	},
	get counted() {
		return t('surveys:answer.counted');
	},
	get refused() {
		return t('surveys:answer.refused');
	}
};

export const KIND_WORDS: Record<SurveyQuestionKind, string> = {
	get choice() {
		return t('surveys:kind.choice');
	},
	get choices() {
		return t('surveys:kind.choices');
	},
	get scale() {
		return t('surveys:kind.scale');
	},
	get nps() {
		return t('surveys:kind.nps');
	},
	get text() {
		return t('surveys:kind.text');
	}
};

/** "3 Dec 2026, 14:00" in the reader's time zone and language. */
export function when(iso: string): string {
	return formatDate(iso, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
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

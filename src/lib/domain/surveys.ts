// Surveys: when one is open, who it asks, whether a set of answers is complete and well formed,
// and the aggregate the server publishes. Pure, shared by the device (the answer form, the results
// page) and the server (which counts answers and publishes `survey-results`).
import { SURVEY_TEXT_THRESHOLD, type SurveyAudience, type SurveyQuestion, type SurveyQuestionResult } from './schemas';

/** The fields of a survey these functions read. */
export interface SurveyFacts {
	opensAt: string;
	closesAt: string;
	audience: SurveyAudience;
	questions: readonly SurveyQuestion[];
}

export type SurveyAnswerValue = string | string[] | number;
export type SurveyAnswers = Readonly<Record<string, SurveyAnswerValue>>;
export type SurveyState = 'upcoming' | 'open' | 'closed';

/** Days after closing during which answers given offline while it was open still count. */
export const SURVEY_GRACE_DAYS = 14;
const DAY_MS = 86_400_000;

export function surveyState(survey: Pick<SurveyFacts, 'opensAt' | 'closesAt'>, now: string): SurveyState {
	if (now < survey.opensAt) return 'upcoming';
	return now < survey.closesAt ? 'open' : 'closed';
}

/**
 * Whether answers given at `answeredAt` and reaching the server at `receivedAt` count: given while
 * the survey was open, and received at most SURVEY_GRACE_DAYS after it closed (a device that was
 * offline sends them later). Null when they count, else the reason.
 */
export function answerTimingRefusal(
	survey: Pick<SurveyFacts, 'opensAt' | 'closesAt'>,
	answeredAt: string,
	receivedAt: string
): string | null {
	if (answeredAt < survey.opensAt || receivedAt < survey.opensAt) return 'this survey is not open yet';
	if (answeredAt >= survey.closesAt) return 'this survey is closed';
	const lastDay = new Date(Date.parse(survey.closesAt) + SURVEY_GRACE_DAYS * DAY_MS).toISOString();
	if (receivedAt > lastDay) return `this survey closed more than ${SURVEY_GRACE_DAYS} days ago`;
	return null;
}

/** What the audience check needs to know about the member. */
export interface MemberFacts {
	/** The region on the member's public profile, if any. */
	region?: string;
	/** Events the member attended (an organiser's attendance record) or said they were going to. */
	events: ReadonlySet<string>;
}

const sameText = (a: string, b: string) => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

export function isInAudience(audience: SurveyAudience, member: MemberFacts): boolean {
	switch (audience.kind) {
		case 'everyone':
			return true;
		case 'region':
			return member.region !== undefined && sameText(member.region, audience.region);
		case 'event':
			return member.events.has(audience.event);
	}
}

/** Why a member outside a survey's audience cannot answer it. */
export function notInAudienceReason(audience: SurveyAudience): string {
	switch (audience.kind) {
		case 'everyone':
			return 'this survey asks every member';
		case 'region':
			return `this survey asks members whose profile names the region ${audience.region}`;
		case 'event':
			return 'this survey asks the people who attended its event';
	}
}

const isBlank = (value: SurveyAnswerValue | undefined): boolean =>
	value === undefined || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && !value.length);

/** Whether one answer fits its question; null when it does, else the reason (naming the question). */
function answerRefusal(question: SurveyQuestion, value: SurveyAnswerValue): string | null {
	const named = `“${question.label}”`;
	const options = question.options ?? [];
	switch (question.kind) {
		case 'choice':
			return typeof value === 'string' && options.includes(value) ? null : `choose one of the options for ${named}`;
		case 'choices':
			return Array.isArray(value) && value.every((o) => options.includes(o)) && new Set(value).size === value.length
				? null
				: `choose among the options for ${named}`;
		case 'scale':
			return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 5
				? null
				: `answer ${named} with a number from 1 to 5`;
		case 'nps':
			return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 10
				? null
				: `answer ${named} with a number from 0 to 10`;
		case 'text':
			return typeof value === 'string' && value.length <= 2000 ? null : `answer ${named} in at most 2,000 characters`;
	}
}

/**
 * Whether `answers` fit the survey's questions: every required question answered, no answer to a
 * question the survey does not ask, each answer of its question's kind. Null when they do.
 */
export function answersRefusal(survey: Pick<SurveyFacts, 'questions'>, answers: SurveyAnswers): string | null {
	const byId = new Map(survey.questions.map((q) => [q.id, q]));
	for (const id of Object.keys(answers))
		if (!byId.has(id)) return 'an answer names a question this survey does not ask';
	for (const question of survey.questions) {
		const value = answers[question.id];
		if (isBlank(value)) {
			if (question.required) return `“${question.label}” needs an answer`;
			continue;
		}
		const refusal = answerRefusal(question, value!);
		if (refusal) return refusal;
	}
	return null;
}

/** Net-promoter score of counts of 0…10: % promoters (9–10) − % detractors (0–6), null without answers. */
export function npsOf(counts: readonly number[]): NonNullable<SurveyQuestionResult['nps']> {
	const sum = (from: number, to: number) => counts.slice(from, to + 1).reduce((n, c) => n + c, 0);
	const detractors = sum(0, 6);
	const passives = sum(7, 8);
	const promoters = sum(9, 10);
	const total = detractors + passives + promoters;
	return {
		counts: Array.from({ length: 11 }, (_, i) => counts[i] ?? 0),
		promoters,
		passives,
		detractors,
		score: total ? Math.round(((promoters - detractors) / total) * 1000) / 10 : null
	};
}

/**
 * The published aggregate of a survey's answers: per question how many answered, and counts per
 * option, per scale point or per 0–10 score; text answers only once SURVEY_TEXT_THRESHOLD of them
 * exist, sorted so their order says nothing of who answered when. Answers that do not fit the
 * questions (the survey changed) count only where they do.
 */
export function aggregateSurvey(
	survey: Pick<SurveyFacts, 'questions'>,
	answerSets: readonly SurveyAnswers[]
): { responses: number; questions: SurveyQuestionResult[] } {
	const questions = survey.questions.map((question): SurveyQuestionResult => {
		const values = answerSets
			.map((answers) => answers[question.id])
			.filter((value): value is SurveyAnswerValue => !isBlank(value) && answerRefusal(question, value!) === null);
		const base = { id: question.id, kind: question.kind, answered: values.length };
		switch (question.kind) {
			case 'choice':
			case 'choices': {
				const picked = values.flatMap((value) => (Array.isArray(value) ? value : [String(value)]));
				return {
					...base,
					options: (question.options ?? []).map((option) => ({
						option,
						count: picked.filter((p) => p === option).length
					}))
				};
			}
			case 'scale': {
				const counts = [1, 2, 3, 4, 5].map((point) => values.filter((value) => value === point).length);
				const total = values.reduce<number>((n, value) => n + Number(value), 0);
				return { ...base, scale: { counts, mean: values.length ? total / values.length : null } };
			}
			case 'nps':
				return {
					...base,
					nps: npsOf(Array.from({ length: 11 }, (_, score) => values.filter((value) => value === score).length))
				};
			case 'text': {
				const texts = values.map((value) => String(value).trim()).filter((t) => t !== '');
				return texts.length >= SURVEY_TEXT_THRESHOLD
					? { ...base, answered: texts.length, texts: texts.sort((a, b) => a.localeCompare(b)) }
					: { ...base, answered: texts.length, withheld: true };
			}
		}
	});
	return { responses: answerSets.length, questions };
}

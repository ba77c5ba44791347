// The rows of survey-results.csv: the published aggregate (`survey-results`) of each community
// survey that has closed, one row per option, scale point or score of each question. Pure.
// Written answers never reach a row, however many there are: a text question gives one row with
// how many answered it. Surveys still open are left out, so no one can follow answers coming in.
import { surveyOf } from '../../src/lib/domain/ids';
import type { SurveyDoc, SurveyQuestionResult, SurveyResultsDoc } from '../../src/lib/domain/schemas';
import type { Row } from './tables';

/** Table Schema's default datetime format: UTC, whole seconds. */
const datetimeOf = (instant: string): string => new Date(instant).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The answer rows of one question: what was chosen and how often, never what was written. */
function answerRows(result: SurveyQuestionResult): Row[] {
	switch (result.kind) {
		case 'choice':
		case 'choices':
			return (result.options ?? []).map(({ option, count }) => ({ answer: option, count }));
		case 'scale': {
			const mean = result.scale?.mean ?? undefined;
			return (result.scale?.counts ?? []).slice(0, 5).map((count, i) => ({ answer: String(i + 1), count, mean }));
		}
		case 'nps': {
			const score = result.nps?.score ?? undefined;
			return (result.nps?.counts ?? []).slice(0, 11).map((count, i) => ({ answer: String(i), count, score }));
		}
		case 'text':
			return [{ answer: undefined, count: result.answered }];
	}
}

/** Rows of every closed survey that has published results, by survey id then question order. */
export function surveyResultRows(
	surveys: readonly SurveyDoc[],
	results: readonly SurveyResultsDoc[],
	now: string
): Row[] {
	const resultsBySurvey = new Map<string, SurveyResultsDoc>();
	for (const r of results) if (surveyOf(r._id) === r.survey) resultsBySurvey.set(r.survey, r);
	const rows: Row[] = [];
	const closed = surveys.filter((s) => Date.parse(s.closesAt) <= Date.parse(now));
	for (const survey of [...closed].sort((a, b) => a._id.localeCompare(b._id))) {
		const published = resultsBySurvey.get(survey._id);
		if (!published) continue;
		const byId = new Map(published.questions.map((q) => [q.id, q]));
		const base = {
			survey_id: survey._id.slice('survey:'.length),
			title: survey.title,
			audience: survey.audience.kind,
			anonymous: survey.anonymous,
			opens: datetimeOf(survey.opensAt),
			closes: datetimeOf(survey.closesAt),
			responses: published.responses
		};
		for (const question of survey.questions) {
			const result = byId.get(question.id);
			// results counted before the question changed kind would describe another question
			if (!result || result.kind !== question.kind) continue;
			for (const answer of answerRows(result))
				rows.push({ ...base, question_id: question.id, question: question.label, kind: question.kind, ...answer });
		}
	}
	return rows;
}

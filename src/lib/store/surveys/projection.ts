// Projections of survey documents (tables.ts): surveys and their published results from the
// community replica, the member's own answers from their private replica. Pure per change:
// applying a change twice gives the same row; a deletion, or a document the schema refuses,
// removes the row.
import * as v from 'valibot';
import { surveyOf } from '../../domain/ids';
import { surveyAnswerSchema, surveyResultsSchema, surveySchema } from '../../domain/schemas';
import type { Projection } from '../feed/projection';
import { surveysTables, type SurveyAnswerRow, type SurveyResultsRow, type SurveyRow } from './tables';

type Doc = Record<string, unknown> & { _id: string; _rev?: string; _deleted?: boolean };

/** A valid survey document as its row; null when invalid. */
export function surveyRow(doc: Doc): SurveyRow | null {
	const checked = v.safeParse(surveySchema, doc);
	if (!checked.success) return null;
	const d = checked.output;
	return {
		id: d._id,
		rev: typeof doc._rev === 'string' ? doc._rev : '',
		author: d.author,
		createdAt: d.createdAt,
		...(d.updatedAt ? { updatedAt: d.updatedAt } : {}),
		title: d.title,
		description: d.description,
		questions: d.questions,
		opensAt: d.opensAt,
		closesAt: d.closesAt,
		audience: d.audience,
		anonymous: d.anonymous
	};
}

/** Valid published results as their row (only the server writes them: author `praxis`). */
export function surveyResultsRow(doc: Doc): SurveyResultsRow | null {
	const checked = v.safeParse(surveyResultsSchema, doc);
	if (!checked.success || surveyOf(checked.output._id) !== checked.output.survey) return null;
	const d = checked.output;
	return {
		survey: d.survey,
		responses: d.responses,
		questions: d.questions,
		at: d.updatedAt ?? d.createdAt
	};
}

/** The member's own valid answer as its row; null when invalid or another member's. */
export function surveyAnswerRow(doc: Doc, member: string): SurveyAnswerRow | null {
	const checked = v.safeParse(surveyAnswerSchema, doc);
	if (!checked.success || checked.output.author !== member) return null;
	const d = checked.output;
	return {
		id: d._id,
		survey: d.survey,
		createdAt: d.createdAt,
		...(d.answers ? { answers: d.answers } : {}),
		...(d.counted ? { counted: { at: d.counted.at } } : {})
	};
}

const live = (change: { deleted?: boolean; doc?: unknown }): Doc | null => {
	const doc = change.doc as Doc | undefined;
	return !change.deleted && doc && !doc._deleted ? doc : null;
};

/** Surveys and their results, from the community feed. */
export function surveysProjection(): Projection {
	return {
		name: 'surveys',
		tables: ['surveys', 'surveyResults'],
		async apply(changes, db) {
			const t = surveysTables(db);
			for (const change of changes) {
				if (change.id.startsWith('survey:')) {
					const doc = live(change);
					const row = doc ? surveyRow(doc) : null;
					if (row) await t.surveys.put(row);
					else await t.surveys.delete(change.id);
				} else if (change.id.startsWith('survey-results:')) {
					const survey = surveyOf(change.id);
					if (!survey) continue;
					const doc = live(change);
					const row = doc ? surveyResultsRow(doc) : null;
					if (row) await t.results.put(row);
					else await t.results.delete(survey);
				}
			}
		}
	};
}

/** The member's own answers, from their private feed. */
export function surveyAnswersProjection(member: string): Projection {
	return {
		name: 'survey-answers',
		tables: ['surveyAnswers'],
		async apply(changes, db) {
			const table = surveysTables(db).answers;
			for (const change of changes) {
				if (!change.id.startsWith('survey-answer:')) continue;
				const doc = live(change);
				const row = doc ? surveyAnswerRow(doc, member) : null;
				if (row) await table.put(row);
				else await table.delete(change.id);
			}
		}
	};
}

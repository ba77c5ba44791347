// The surveys part of the Store (store.surveys): surveys with their state and whether they ask
// this member, the member's answers (kept in their private replica and on this device), the
// published results, and moderators' (and event organisers') writes. Screens call these (reads
// inside liveQuery); they never see PouchDB or Dexie.
import type { StoreContext } from '../context';
import * as sq from './queries';
import * as sw from './writes';

export type { SurveyInput, SurveyQuestionInput } from './writes';
export type { SurveyAnswerState, SurveyListItem, SurveyView, MyAnswersView, SurveyResultsView } from './queries';
export type { SurveyRow, SurveyResultsRow } from './tables';
export type { SurveyAnswers, SurveyAnswerValue, SurveyState } from '../../domain/surveys';

export function createSurveysApi(ctx: StoreContext) {
	return {
		/** Every survey on this device, soonest closing first, with its state and the member's answer state. */
		list: () => sq.listSurveys(ctx),
		/** One survey (`survey:{ulid}`) with the member's answers, or undefined. */
		get: (id: string) => sq.getSurvey(ctx, id),
		/** A survey and its published results (null before any). */
		results: (id: string) => sq.surveyResults(ctx, id),
		/** The surveys whose audience is this event. */
		ofEvent: (event: string) => sq.surveysOfEvent(ctx, event),
		/** Sends the member's answers (a local write: counted once the device syncs). */
		answer: (survey: string, answers: sw.SurveyAnswers) => sw.answerSurvey(ctx, survey, answers),
		create: (input: sw.SurveyInput) => sw.createSurvey(ctx, input),
		update: (id: string, input: sw.SurveyInput) => sw.updateSurvey(ctx, id, input),
		remove: (id: string) => sw.deleteSurvey(ctx, id),
		/** The survey's fields as its edit form starts from. */
		inputOf: (id: string) => sw.surveyInputOf(ctx, id),
		/** A satisfaction survey of an event's attendees, prefilled (undefined: event unknown here). */
		eventTemplate: (event: string) => sw.eventSurveyTemplate(ctx, event)
	};
}

export type SurveysApi = ReturnType<typeof createSurveysApi>;

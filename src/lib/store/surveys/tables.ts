// The survey Dexie tables (schema version 32 of `praxis-{username}`):
//
//   surveys        survey docs, by closing time                                   [community]
//   surveyResults  the server's published aggregate of each survey, by survey      [community]
//   surveyAnswers  the member's own answers (`survey-answer:{ulid}`), by survey,
//                  with `counted` once the server counted them                      [private]
//   surveyKept     a copy of the answers the member sent from this device, by survey:
//                  the server takes `answers` out of an anonymous survey's answer once
//                  counted, and this copy is then the only one left                  [device]
// The first three are projections (rebuilt from the replicas); surveyKept is the device's own.
import type { Table } from 'dexie';
import type { PraxisDb } from '../db';
import type { SurveyAnswers } from '../../domain/surveys';
import type { SurveyAudience, SurveyQuestion, SurveyQuestionResult } from '../../domain/schemas';

export const SURVEYS_SCHEMA_VERSION = 32;

export const SURVEYS_STORES = {
	surveys: 'id, closesAt',
	surveyResults: 'survey',
	surveyAnswers: 'id, survey',
	surveyKept: 'survey'
} as const;

export interface SurveyRow {
	id: string;
	rev: string;
	author: string;
	createdAt: string;
	updatedAt?: string;
	title: string;
	description: string;
	questions: SurveyQuestion[];
	opensAt: string;
	closesAt: string;
	audience: SurveyAudience;
	anonymous: boolean;
}

export interface SurveyResultsRow {
	/** The survey's id (`survey:{ulid}`). */
	survey: string;
	responses: number;
	questions: SurveyQuestionResult[];
	/** When the server last published them. */
	at: string;
}

export interface SurveyAnswerRow {
	id: string;
	survey: string;
	createdAt: string;
	/** Absent once the server counted an anonymous survey's answers. */
	answers?: SurveyAnswers;
	counted?: { at: string };
}

export interface SurveyKeptRow {
	survey: string;
	answers: SurveyAnswers;
	at: string;
}

export function surveysTables(db: PraxisDb): {
	surveys: Table<SurveyRow, string>;
	results: Table<SurveyResultsRow, string>;
	answers: Table<SurveyAnswerRow, string>;
	kept: Table<SurveyKeptRow, string>;
} {
	return {
		surveys: db.table<SurveyRow, string>('surveys'),
		results: db.table<SurveyResultsRow, string>('surveyResults'),
		answers: db.table<SurveyAnswerRow, string>('surveyAnswers'),
		kept: db.table<SurveyKeptRow, string>('surveyKept')
	};
}

// The impact dashboard's survey figures: the mean of each 1–5 scale question and the net-promoter
// answers summed, from surveys and the results the server published for them (`survey-results`).
// Pure; called by computeImpact (impact.ts), which owns the period and the filters.
import * as v from 'valibot';
import { surveyResultsSchema, surveySchema, type SurveyAudience } from './schemas';
import { npsOf } from './surveys';
import type { NpsFigure, SurveyScaleFigure } from './impact';

export interface SurveyScope {
	/** Inclusive start ('' for all time) and exclusive end of the period. */
	from: string;
	to: string;
	now: string;
	region?: string;
	/** The region of an event (for surveys asking an event's attendees), if known. */
	regionOf: (event: string) => string | undefined;
}

const sameText = (a: string, b: string) => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

/**
 * When a survey counts: on closing, or now while it is still open (so an open survey shows in
 * any period that reaches today). A survey not open yet has no answers and never counts.
 */
function inScope(survey: { opensAt: string; closesAt: string }, scope: SurveyScope): boolean {
	if (survey.opensAt > scope.now) return false;
	if (survey.closesAt <= scope.now) return survey.closesAt >= scope.from && survey.closesAt < scope.to;
	return scope.now >= scope.from && scope.now <= scope.to;
}

/** A survey asking everyone names no region: with a region chosen, only surveys of that region count. */
function regionOk(audience: SurveyAudience, scope: SurveyScope): boolean {
	if (!scope.region) return true;
	const region =
		audience.kind === 'region' ? audience.region : audience.kind === 'event' ? scope.regionOf(audience.event) : '';
	return region !== undefined && sameText(region, scope.region);
}

export function surveyFigures(
	docs: readonly object[],
	results: ReadonlyMap<string, object>,
	scope: SurveyScope
): { surveys: SurveyScaleFigure[]; nps: NpsFigure } {
	const surveys: SurveyScaleFigure[] = [];
	const npsCounts = Array.from({ length: 11 }, () => 0);
	for (const doc of docs) {
		if ((doc as { type?: unknown }).type !== 'survey' || !v.is(surveySchema, doc)) continue;
		const published = results.get(doc._id);
		if (!published || !v.is(surveyResultsSchema, published)) continue;
		if (!inScope(doc, scope) || !regionOk(doc.audience, scope)) continue;
		for (const question of doc.questions) {
			const result = published.questions.find((q) => q.id === question.id && q.kind === question.kind);
			if (!result) continue;
			if (question.kind === 'scale' && result.scale)
				surveys.push({
					survey: doc._id,
					title: doc.title,
					question: question.id,
					label: question.label,
					responses: result.answered,
					mean: result.scale.mean
				});
			if (question.kind === 'nps' && result.nps) result.nps.counts.forEach((n, i) => i < 11 && (npsCounts[i] += n));
		}
	}
	const { promoters, passives, detractors, score } = npsOf(npsCounts);
	return {
		surveys,
		nps: { responses: promoters + passives + detractors, promoters, passives, detractors, score }
	};
}

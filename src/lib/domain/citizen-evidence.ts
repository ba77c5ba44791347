// Results that cite what citizens said (a resident survey, complaints received): which measures
// ask where the feedback comes from, and the line a result shows under it. Pure, shared by the
// outcome editor and every table of results.
import { CITIZEN_METRICS, type OutcomeFigure, type OutcomeMetric } from './schemas';

/** Citizen measures show the source fields at once; other measures offer them as an option. */
export const isCitizenMetric = (metric: string): boolean => CITIZEN_METRICS.has(metric as OutcomeMetric);

/** "412 people asked" / "1 person asked". */
export function peopleAsked(sampleSize: number, locale?: string): string {
	const n = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(sampleSize);
	return `${n} ${sampleSize === 1 ? 'person' : 'people'} asked`;
}

/**
 * "Source: Resident survey, March 2026 (412 people asked)", "Source: Complaints register" or
 * "412 people asked"; null when the result names neither.
 */
export function sourceLine(figure: Pick<OutcomeFigure, 'source' | 'sampleSize'>, locale?: string): string | null {
	const source = figure.source?.trim();
	const asked = figure.sampleSize === undefined ? null : peopleAsked(figure.sampleSize, locale);
	if (source) return asked ? `Source: ${source} (${asked})` : `Source: ${source}`;
	return asked;
}

// Words for measured results (stories, adoptions, impact) in the interface language: the names of
// the measures, the change in words and where citizens' feedback comes from. The domain keeps the
// arithmetic (domain/outcomes.ts); this file only says it.
// Relative imports: unit tests type-check this file with the server's tsconfig, which has no $lib.
import { formatFigure, improvementOf } from '../domain/outcomes';
import { OUTCOME_METRICS, type OutcomeFigure, type OutcomeMetric } from '../domain/schemas';
import { formatNumber, locale, t } from '../i18n';

/** The name of a measure; a metric this version does not know is shown as stored. */
export const metricLabel = (metric: string): string =>
	(OUTCOME_METRICS as readonly string[]).includes(metric)
		? t(`components:outcome.metric.${metric as OutcomeMetric}`)
		: metric;

/** "€1,200", "21 days", "85 %" in the interface language. */
export const figureText = (n: number, unit: string): string => formatFigure(n, unit, locale());

const percentOf = (fraction: number): string => formatNumber(Math.abs(fraction) * 100, { maximumFractionDigits: 0 });

/** "57 % better" / "10 % worse" for an improvement fraction. */
export function improvementText(improvement: number): string {
	if (improvement === 0) return t('components:outcome.noChange');
	const percent = percentOf(improvement);
	return improvement > 0 ? t('components:outcome.better', { percent }) : t('components:outcome.worse', { percent });
}

/** "60 % lower" / "25 % higher": the change of a figure whose good direction is not known. */
export function changeText(before: number, after: number): string {
	if (after === before) return t('components:outcome.noChange');
	if (before === 0) return '';
	const change = (after - before) / Math.abs(before);
	const percent = percentOf(change);
	return change > 0 ? t('components:outcome.higher', { percent }) : t('components:outcome.lower', { percent });
}

/** The change of one result in words, or '' when none can be said. */
export function outcomeChange(f: OutcomeFigure): string {
	if (f.metric === 'other' && f.before !== undefined && f.after !== undefined) return changeText(f.before, f.after);
	const improvement = improvementOf(f);
	return improvement === null ? '' : improvementText(improvement);
}

/** "412 people asked" / "1 person asked". */
export const peopleAskedText = (sampleSize: number): string =>
	t('components:outcome.peopleAsked', {
		count: sampleSize,
		n: formatNumber(sampleSize, { maximumFractionDigits: 0 })
	});

/** "Source: Resident survey, March 2026 (412 people asked)", or either part; null with neither. */
export function sourceText(figure: Pick<OutcomeFigure, 'source' | 'sampleSize'>): string | null {
	const source = figure.source?.trim();
	const asked = figure.sampleSize === undefined ? null : peopleAskedText(figure.sampleSize);
	if (source)
		return asked ? t('components:outcome.sourceAsked', { source, asked }) : t('components:outcome.source', { source });
	return asked;
}

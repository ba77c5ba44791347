// Measured results of stories and adoptions: plain labels, direction of improvement, sums and
// formatting. Pure, shared by the story screens, the adoptions panel and the impact dashboard.
import { OUTCOME_METRICS, type OutcomeFigure, type OutcomeMetric } from './schemas';

export const OUTCOME_LABELS: Record<OutcomeMetric, string> = {
	'cost-saved': 'Cost saved',
	'staff-hours-saved': 'Staff hours saved',
	'processing-time': 'Processing time',
	'waiting-time': 'Waiting time',
	satisfaction: 'Satisfaction',
	'people-served': 'People served',
	'error-rate': 'Error rate',
	'citizen-satisfaction': 'Citizen satisfaction',
	complaints: 'Complaints',
	other: 'Other'
};

/** Metrics where a smaller figure is better: days to process, minutes waited, errors made. */
export const LOWER_IS_BETTER: ReadonlySet<OutcomeMetric> = new Set([
	'processing-time',
	'waiting-time',
	'error-rate',
	'complaints'
]);

/** Currencies offered in the editor; the schema accepts any ISO 4217 code. */
export const CURRENCIES = [
	'EUR',
	'GBP',
	'USD',
	'CAD',
	'AUD',
	'NZD',
	'CHF',
	'SEK',
	'NOK',
	'DKK',
	'PLN',
	'CZK',
	'HUF',
	'RON',
	'BGN',
	'ISK',
	'JPY',
	'KRW',
	'SGD',
	'ZAR',
	'INR',
	'BRL',
	'MXN'
] as const;

export const outcomeLabel = (metric: string): string =>
	(OUTCOME_METRICS as readonly string[]).includes(metric) ? OUTCOME_LABELS[metric as OutcomeMetric] : metric;

export const isMoney = (figure: Pick<OutcomeFigure, 'metric'>): boolean => figure.metric === 'cost-saved';

/**
 * Relative improvement as a fraction (0.5 = 50 % better), measured in the metric's good direction:
 * 21 → 9 days of processing time is (21 − 9) / 21 ≈ 0.571. Negative when things got worse.
 * Null without both figures, or when `before` is 0 (no base to be relative to).
 */
export function improvementOf(figure: Pick<OutcomeFigure, 'metric' | 'before' | 'after'>): number | null {
	const { before, after } = figure;
	// "other" says nothing of which way is better: fewer complaints and more visitors are both gains
	if (before === undefined || after === undefined || before === 0 || figure.metric === 'other') return null;
	const change = (after - before) / Math.abs(before);
	return LOWER_IS_BETTER.has(figure.metric) ? -change : change;
}

/** "60 % lower" / "25 % higher": the change of a figure whose good direction is not known. */
export function formatChange(before: number, after: number, locale?: string): string {
	if (before === 0 || after === before) return after === before ? 'No change' : '';
	const change = (after - before) / Math.abs(before);
	const percent = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(Math.abs(change) * 100);
	return change > 0 ? `${percent} % higher` : `${percent} % lower`;
}

/** The figure with the largest relative improvement, and that improvement; null when none is computable. */
export function largestImprovement(
	figures: readonly OutcomeFigure[]
): { figure: OutcomeFigure; improvement: number } | null {
	let best: { figure: OutcomeFigure; improvement: number } | null = null;
	for (const figure of figures) {
		const improvement = improvementOf(figure);
		if (improvement !== null && (best === null || improvement > best.improvement)) best = { figure, improvement };
	}
	return best;
}

export interface OutcomeSum {
	metric: OutcomeMetric;
	unit: string;
	/** Sum of the gains: `value`, or `after − before` in the good direction. */
	total: number;
	/** How many figures went into the total. */
	count: number;
}

/** What one figure contributes to a sum: its value, or the gain between before and after. */
export function gainOf(figure: OutcomeFigure): number | null {
	if (figure.value !== undefined) return figure.value;
	if (figure.before === undefined || figure.after === undefined) return null;
	const change = figure.after - figure.before;
	return LOWER_IS_BETTER.has(figure.metric) ? -change : change;
}

/**
 * Totals per metric and unit: 1,000 EUR and 500 GBP saved stay two lines, as do hours and days.
 * Units are compared as written, trimmed, so "days" and "Days" are the same unit.
 */
export function sumOutcomes(figures: readonly OutcomeFigure[]): OutcomeSum[] {
	const sums = new Map<string, OutcomeSum>();
	for (const figure of figures) {
		const gain = gainOf(figure);
		if (gain === null) continue;
		const unit = isMoney(figure) ? figure.unit.trim().toUpperCase() : figure.unit.trim().toLowerCase();
		const key = `${figure.metric}\u0000${unit}`;
		const sum = sums.get(key) ?? { metric: figure.metric, unit, total: 0, count: 0 };
		sum.total += gain;
		sum.count += 1;
		sums.set(key, sum);
	}
	return [...sums.values()].sort(
		(a, b) => OUTCOME_METRICS.indexOf(a.metric) - OUTCOME_METRICS.indexOf(b.metric) || a.unit.localeCompare(b.unit)
	);
}

/** "€1,200", "21 days", "85 %": currency codes as money, other units after the number. */
export function formatFigure(n: number, unit: string, locale?: string): string {
	const code = unit.trim();
	if (/^[A-Z]{3}$/.test(code)) {
		try {
			// whole sums read better without cents: €1,200 rather than €1,200.00
			const digits = Number.isInteger(n) ? 0 : 2;
			return new Intl.NumberFormat(locale, {
				style: 'currency',
				currency: code,
				minimumFractionDigits: digits,
				maximumFractionDigits: digits
			}).format(n);
		} catch {
			// an unknown code still reads as a number and its code
		}
	}
	const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(n);
	if (!code) return number;
	return code === '%' ? `${number} %` : `${number} ${code}`;
}

/** "57 % better" / "10 % worse" for an improvement fraction. */
export function formatImprovement(improvement: number, locale?: string): string {
	const percent = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(Math.abs(improvement) * 100);
	if (improvement === 0) return 'No change';
	return improvement > 0 ? `${percent} % better` : `${percent} % worse`;
}

// The dashboard's words for months, weeks, periods and kinds of items, read in the interface
// language when shown.
import type { ImpactPeriod } from '../../lib/domain/impact';
import { formatDate, formatNumber, t } from '../../lib/i18n';
import type { ContributionKind, FeedbackKind } from '../../lib/store';

/** "Oct 2026" for "2026-10". */
export function monthLabel(month: string): string {
	return formatDate(`${month}-01T00:00:00.000Z`, { month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** "Week 49, 2026" for "2026-W49". */
export function weekLabel(week: string): string {
	return t('impact:week', { week: Number(week.slice(6)), year: week.slice(0, 4) });
}

export const periodLabel = (period: ImpactPeriod): string => t(`impact:periods.${period}`);

export const contributionLabel = (kind: ContributionKind): string => t(`impact:contribution.${kind}`);

export const feedbackLabel = (kind: FeedbackKind): string => t(`impact:feedbackKind.${kind}`);

export const percent = (rate: number | null): string =>
	rate === null ? t('impact:noAnswersYet') : t('impact:percent', { value: formatNumber(Math.round(rate * 100)) });

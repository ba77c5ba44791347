// Words the adoption screens share (the panel, its form, "Your adoptions"), in the interface
// language. Functions, not constants: the language is known only once the app has started.
// Relative imports: unit tests type-check this file with the server's tsconfig, which has no $lib.
import type { AdoptionSummary } from '../domain/adoptions';
import type { AdoptionStatus } from '../domain/schemas';
import { formatDate, t } from '../i18n';

export const statusLabel = (status: AdoptionStatus): string => t(`components:adoption.status.${status}`);

/** A calendar day (`YYYY-MM-DD`) in the reader's words, on that day wherever they are. */
export function dayDate(day: string | undefined): string {
	if (!day) return '';
	return formatDate(new Date(`${day}T00:00:00`), { year: 'numeric', month: 'short', day: 'numeric' });
}

/** "Piloting since 2 Mar 2026 · started 1 Feb 2026" */
export function statusLine(a: { status: AdoptionStatus; statusOn?: string; startedOn?: string }): string {
	const status = statusLabel(a.status);
	const since = dayDate(a.statusOn);
	const started = dayDate(a.startedOn);
	if (since && started) return t('components:adoption.line.sinceStarted', { status, since, started });
	if (since) return t('components:adoption.line.since', { status, since });
	if (started) return t('components:adoption.line.started', { status, started });
	return status;
}

/** "Adopted by 4 organisations; 2 report results", or that nobody has yet. */
export function summarySentence(summary: Pick<AdoptionSummary, 'organisations' | 'withResults'>): string {
	const { organisations, withResults } = summary;
	if (organisations === 0) return t('components:adoption.summary.none');
	const adopted = t('components:adoption.summary.adopted', { count: organisations });
	if (withResults === 0) return t('components:adoption.summary.noResults', { adopted });
	return t('components:adoption.summary.withResults', { adopted, count: withResults });
}

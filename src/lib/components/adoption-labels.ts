// Words the adoption screens share (the panel, its form, "Your adoptions").
import { ADOPTION_STATUS_LABELS } from '$lib/domain/adoptions';
import type { AdoptionStatus } from '$lib/domain/schemas';

export { ADOPTION_STATUS_LABELS };

export const statusLabel = (status: AdoptionStatus): string => ADOPTION_STATUS_LABELS[status];

/** A calendar day (`YYYY-MM-DD`) in the reader's words, on that day wherever they are. */
export function dayDate(day: string | undefined): string {
	if (!day) return '';
	return new Date(`${day}T00:00:00`).toLocaleDateString(undefined, {
		year: 'numeric',
		month: 'short',
		day: 'numeric'
	});
}

/** "Piloting since 2 Mar 2026 · started 1 Feb 2026" */
export function statusLine(a: { status: AdoptionStatus; statusOn?: string; startedOn?: string }): string {
	const since = a.statusOn ? ` since ${dayDate(a.statusOn)}` : '';
	const started = a.startedOn ? ` · started ${dayDate(a.startedOn)}` : '';
	return `${statusLabel(a.status)}${since}${started}`;
}

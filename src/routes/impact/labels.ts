// The dashboard's words for months, weeks and kinds of items.
import type { ContributionKind, FeedbackKind } from '$lib/store';

/** "Oct 2026" for "2026-10". */
export function monthLabel(month: string): string {
	return new Date(`${month}-01T00:00:00.000Z`).toLocaleDateString(undefined, {
		month: 'short',
		year: 'numeric',
		timeZone: 'UTC'
	});
}

/** "Week 49, 2026" for "2026-W49". */
export function weekLabel(week: string): string {
	return `Week ${Number(week.slice(6))}, ${week.slice(0, 4)}`;
}

export const CONTRIBUTION_LABELS: Record<ContributionKind, string> = {
	thread: 'Discussions started',
	reply: 'Replies',
	resource: 'Resources',
	story: 'Success stories',
	adoption: 'Adoptions reported',
	event: 'Events',
	comment: 'Comments'
};

export const FEEDBACK_LABELS: Record<FeedbackKind, string> = {
	resource: 'Resources',
	story: 'Success stories',
	event: 'Events',
	collection: 'Collections'
};

export const percent = (rate: number | null): string =>
	rate === null ? 'no answers yet' : `${Math.round(rate * 100)} %`;

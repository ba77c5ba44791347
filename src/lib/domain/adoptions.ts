// "We adopted this": the words for an adoption's status, the summary of who adopted a practice,
// and the reminder to report results. Pure, shared by the store, the panel and impact figures.
import { SYSTEM_ACTOR, type NotificationRow } from './notifications';
import { ADOPTION_STATUSES, type AdoptionDoc, type AdoptionStatus } from './schemas';

export const ADOPTION_STATUS_LABELS: Record<AdoptionStatus, string> = {
	planning: 'Planning',
	piloting: 'Piloting',
	implemented: 'Implemented',
	abandoned: 'Abandoned'
};

/** The delays the form offers for "Remind me to report results after". */
export const REMIND_AFTER_CHOICES_DAYS = [30, 90, 180, 365] as const;
export const DEFAULT_REMIND_AFTER_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The fields of an adoption the summary and the reminder read. */
export type AdoptionFacts = Pick<
	AdoptionDoc,
	'author' | 'createdAt' | 'practice' | 'organization' | 'status' | 'outcomes' | 'remindAfterDays'
> & { id: string; updatedAt?: string };

export interface AdoptionSummary {
	/** Organisations that recorded an adoption, each counted once by name (case and spaces aside). */
	organisations: number;
	/** Of those, organisations that reported at least one measured result. */
	withResults: number;
	/** Organisations by the status of their latest record. */
	byStatus: Record<AdoptionStatus, number>;
}

/** How an organisation's name is compared: "City of Lyon" and " city of  lyon" are one. */
export const organisationKey = (name: string): string => name.trim().replace(/\s+/g, ' ').toLocaleLowerCase();

const latestOf = (a: AdoptionFacts): string => a.updatedAt ?? a.createdAt;

export function summarizeAdoptions(adoptions: readonly AdoptionFacts[]): AdoptionSummary {
	const latest = new Map<string, AdoptionFacts>();
	const withResults = new Set<string>();
	for (const a of adoptions) {
		const key = organisationKey(a.organization);
		const seen = latest.get(key);
		if (!seen || latestOf(a) > latestOf(seen)) latest.set(key, a);
		if (a.outcomes.length > 0) withResults.add(key);
	}
	const byStatus = Object.fromEntries(ADOPTION_STATUSES.map((s) => [s, 0])) as Record<AdoptionStatus, number>;
	for (const a of latest.values()) byStatus[a.status] += 1;
	return { organisations: latest.size, withResults: withResults.size, byStatus };
}

/** "Adopted by 4 organisations; 2 report results", or that nobody has yet. */
export function summarySentence(summary: Pick<AdoptionSummary, 'organisations' | 'withResults'>): string {
	const { organisations: n, withResults: r } = summary;
	if (n === 0) return 'No organisation has reported adopting this yet.';
	const adopted = `Adopted by ${n} organisation${n === 1 ? '' : 's'}`;
	if (r === 0) return `${adopted}; no results reported yet`;
	return `${adopted}; ${r} report${r === 1 ? 's' : ''} results`;
}

/** When the adopter is reminded to report results: `remindAfterDays` (default 90) after recording. */
export function reminderAt(adoption: Pick<AdoptionFacts, 'createdAt' | 'remindAfterDays'>): string {
	const days = adoption.remindAfterDays ?? DEFAULT_REMIND_AFTER_DAYS;
	return new Date(Date.parse(adoption.createdAt) + days * DAY_MS).toISOString();
}

/**
 * Whether the adopter is due a reminder at `now`: only a practice being piloted or in use can
 * have results, and the reminder ends once any result is reported.
 */
export function reminderDue(adoption: AdoptionFacts, now: string): boolean {
	if (adoption.status !== 'piloting' && adoption.status !== 'implemented') return false;
	if (adoption.outcomes.length > 0) return false;
	return Date.parse(reminderAt(adoption)) <= Date.parse(now);
}

/** Where a practice is read: a library resource or a success story. */
export function practiceHref(practice: string): string {
	const i = practice.indexOf(':');
	const kind = practice.slice(0, i);
	return kind === 'story' ? `/stories/${practice.slice(i + 1)}` : `/library/${practice.slice(i + 1)}`;
}

/** The reminder as the inbox lists it; its id stays the same, so reading it once marks it read. */
export function adoptionReminder(adoption: AdoptionFacts, practiceTitle: string): NotificationRow {
	return {
		id: `adoption:${adoption.id}`,
		kind: 'adoption',
		at: reminderAt(adoption),
		// no member caused it: shown without a name, like a place given at an event
		actor: SYSTEM_ACTOR,
		text: `Time to report results: how is ${practiceTitle} working at ${adoption.organization}?`,
		message: { key: 'adoption.reminder', params: { practice: practiceTitle, organization: adoption.organization } },
		href: practiceHref(adoption.practice),
		source: adoption.id
	};
}

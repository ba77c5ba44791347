// The suggestion box's shared rules, pure: the words for statuses and areas, how suggestions are
// ordered (by votes, then newest; or by status), which votes count (not the author's own), and
// the notification a moderator's answer gives the author (kind `suggestion`, one per change).
import type { NotificationRow } from './notifications';
import { SUGGESTION_AREAS, SUGGESTION_STATUSES, type SuggestionStatus } from './schemas';

export type SuggestionArea = (typeof SUGGESTION_AREAS)[number];
export type SuggestionSort = 'votes' | 'status';

export const STATUS_WORDS: Record<SuggestionStatus, string> = {
	open: 'Open',
	considering: 'Under consideration',
	planned: 'Planned',
	done: 'Done',
	declined: 'Declined'
};

export const AREA_WORDS: Record<SuggestionArea, string> = {
	platform: 'The platform',
	community: 'The community'
};

/** What sorting needs of a suggestion. */
export interface Sortable {
	id: string;
	status: SuggestionStatus;
	createdAt: string;
	votes: number;
}

const byVotesThenNewest = (a: Sortable, b: Sortable): number =>
	b.votes - a.votes || b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id);

/**
 * A new sorted array. By votes: most votes first, then the newest (then the later ulid, so
 * rows made in the same millisecond keep one order on every device). By status: in the order of the statuses' life (open,
 * under consideration, planned, done, declined), each status by votes then newest.
 */
export function sortSuggestions<T extends Sortable>(items: readonly T[], by: SuggestionSort): T[] {
	const rank = (s: SuggestionStatus) => SUGGESTION_STATUSES.indexOf(s);
	return [...items].sort((a, b) =>
		by === 'status' ? rank(a.status) - rank(b.status) || byVotesThenNewest(a, b) : byVotesThenNewest(a, b)
	);
}

/**
 * Votes that count for a suggestion: value 1 from anyone but its author. A vote for one's own
 * suggestion may be written (the permission rules allow any member's own vote) but never counts,
 * as the recognition rules ignore self-votes.
 */
export function countedVotes(votes: readonly { author: string; value: number }[], author: string): number {
	return votes.filter((v) => v.value === 1 && v.author !== author).length;
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const excerpt = (text: string, max = 80): string => {
	const flat = text.replace(/\s+/g, ' ').trim();
	return flat.length > max ? flat.slice(0, max - 1) + '…' : flat;
};

/**
 * The author's notification for a moderator's answer: one row per status change (its id carries
 * `response.at`, so each answer adds a row and an edit of the text re-derives the same one).
 * None for a suggestion not answered yet, for someone else's, or for an answer one gave oneself.
 */
export function suggestionNotification(doc: Record<string, unknown>, me: string): NotificationRow | null {
	if (doc.type !== 'suggestion' || doc.author !== me) return null;
	const response = doc.response as { by?: unknown; at?: unknown } | undefined;
	const by = str(response?.by);
	const at = str(response?.at);
	if (!by || !at || by === me) return null;
	const id = str(doc._id);
	const status = STATUS_WORDS[doc.status as SuggestionStatus] ?? str(doc.status);
	return {
		id: `suggestion:${id}@${at}`,
		kind: 'suggestion',
		at,
		actor: by,
		text: `marked your suggestion “${excerpt(str(doc.title))}” as ${status.toLowerCase()}`,
		// one sentence per status, so each language words the status its own way
		message: {
			key: `suggestion.${str(doc.status)}`,
			params: { title: excerpt(str(doc.title)), status: status.toLowerCase() }
		},
		href: `/suggestions/${id.slice(id.indexOf(':') + 1)}`,
		source: id
	};
}

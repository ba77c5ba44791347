// "Was this useful?": the summary of the answers members gave on one item, the sentence that
// says it, the figures over many items (for the impact dashboard), who wrote an item (they are
// not asked) and why an answer is refused. Pure, shared by the server's rule, the store and screens.
import type { FeedbackDoc } from './schemas';
import { writersOf } from './permissions';

export interface FeedbackSummary {
	yes: number;
	no: number;
	total: number;
	/** yes / total, null when no one has answered. */
	rate: number | null;
}

/** The fields of an answer the summaries read. */
export type FeedbackFacts = Pick<FeedbackDoc, 'target' | 'author' | 'useful' | 'createdAt'> & {
	_id?: string;
	id?: string;
	updatedAt?: string;
	_deleted?: boolean;
};

export const NO_FEEDBACK: FeedbackSummary = { yes: 0, no: 0, total: 0, rate: null };

/** The summary of the answers on one item. */
export function summarizeFeedback(answers: readonly Pick<FeedbackFacts, 'useful'>[]): FeedbackSummary {
	const yes = answers.filter((a) => a.useful).length;
	const total = answers.length;
	return { yes, no: total - yes, total, rate: total === 0 ? null : yes / total };
}

/** "8 of 10 members found this useful." or "No one has said yet." */
export function feedbackSentence(summary: FeedbackSummary): string {
	if (summary.total === 0) return 'No one has said yet.';
	return `${summary.yes} of ${summary.total} ${summary.total === 1 ? 'member' : 'members'} found this useful.`;
}

export interface FeedbackFigures {
	/** Per item (its id: `resource:…`, `story:…`, `event:…`, `collection:{slug}`). */
	byTarget: Map<string, FeedbackSummary>;
	/** Over every answer on every item: rate = all yes / all answers. */
	overall: FeedbackSummary;
}

const latestOf = (a: FeedbackFacts): string => a.updatedAt ?? a.createdAt;

/**
 * Per-item summaries and the overall rate over many feedback documents. Deleted ones do not
 * count; one answer per member and item: when a member's answer appears twice (two revisions),
 * the later one counts.
 */
export function feedbackFigures(docs: readonly FeedbackFacts[]): FeedbackFigures {
	const latest = new Map<string, FeedbackFacts>();
	for (const doc of docs) {
		if (doc._deleted) continue;
		const key = `${doc.target}\n${doc.author}`;
		const seen = latest.get(key);
		if (!seen || latestOf(doc) >= latestOf(seen)) latest.set(key, doc);
	}
	const byItem = new Map<string, FeedbackFacts[]>();
	for (const answer of latest.values()) {
		const list = byItem.get(answer.target) ?? [];
		list.push(answer);
		byItem.set(answer.target, list);
	}
	const byTarget = new Map([...byItem].map(([target, answers]) => [target, summarizeFeedback(answers)]));
	return { byTarget, overall: summarizeFeedback([...latest.values()]) };
}

/** The fields of an item that decide whether a member may give feedback on it. */
export interface FeedbackItemFacts {
	type?: unknown;
	author?: unknown;
	coauthors?: unknown;
	organisers?: unknown;
	status?: unknown;
	end?: unknown;
	cancelled?: unknown;
	_deleted?: boolean;
}

/** Who wrote an item: its author and co-authors; for an event, also its organisers. */
export function itemWriters(item: FeedbackItemFacts): string[] {
	const organisers = Array.isArray(item.organisers)
		? item.organisers.filter((o): o is string => typeof o === 'string')
		: [];
	return [...new Set([...writersOf(item), ...organisers])];
}

export const NO_SUCH_ITEM = 'there is no such item to give feedback on';
export const EVENT_NOT_OVER = 'you can say whether an event was useful once it has happened';
export const OWN_ITEM = 'you cannot rate what you wrote';

const REVIEWED_TYPES = new Set(['resource', 'story']);

/**
 * Why `member` may not give feedback on `item` at `now` (an ISO instant), or null. A resource or
 * story that is not published is, to other members, no such item; a cancelled event never happened.
 */
export function feedbackRefusal(item: FeedbackItemFacts | null, member: string, now: string): string | null {
	if (!item || item._deleted) return NO_SUCH_ITEM;
	if (REVIEWED_TYPES.has(String(item.type)) && item.status !== 'published') return NO_SUCH_ITEM;
	if (item.type === 'event') {
		const end = typeof item.end === 'string' ? Date.parse(item.end) : NaN;
		if (item.cancelled === true || !(end <= Date.parse(now))) return EVENT_NOT_OVER;
	}
	if (itemWriters(item).includes(member)) return OWN_ITEM;
	return null;
}

// What a member follows: a level for a category, a tag or a thread, kept private in their own
// database (`following:{username}`, schemas.ts followingSchema). Pure, for the device and tests.
//   watching  every new post notifies (a `following` notification) and counts as unread
//   tracking  counts as unread, no notification
//   normal    the default: notified only when replied to or mentioned
//   muted     never notified by it (unless the thread itself is not muted and someone replies to
//             or mentions the member), and left out of the home's lists of what is new
// The thread's own level beats its tags', which beat its category's. A thread the member started
// is watched unless they chose a level for that thread itself.
import { FOLLOW_LEVELS, type FollowLevel, type FollowingDoc } from './schemas';

export { FOLLOW_LEVELS, type FollowLevel };

export interface Following {
	categories: Record<string, FollowLevel>;
	tags: Record<string, FollowLevel>;
	threads: Record<string, FollowLevel>;
}

export type FollowScope = keyof Following;

export const NO_FOLLOWING: Following = Object.freeze({ categories: {}, tags: {}, threads: {} }) as Following;

/** The levels of a stored document, or none when it is absent (every map copied, so callers may change them). */
export function followingOf(doc: Pick<FollowingDoc, 'categories' | 'tags' | 'threads'> | null | undefined): Following {
	return {
		categories: { ...(doc?.categories ?? {}) },
		tags: { ...(doc?.tags ?? {}) },
		threads: { ...(doc?.threads ?? {}) }
	};
}

export function isFollowLevel(value: unknown): value is FollowLevel {
	return typeof value === 'string' && (FOLLOW_LEVELS as readonly string[]).includes(value);
}

/** Among a thread's tags, the strongest choice: watching, then tracking, then muted. */
const TAG_ORDER: readonly FollowLevel[] = ['watching', 'tracking', 'muted'];

export interface ThreadFacts {
	id: string;
	category: string;
	tags?: readonly string[];
	author?: string;
}

/** The level that applies to a thread for `me`: the thread's own, watching if `me` started it, its tags', its category's, else normal. */
export function levelOf(following: Following, thread: ThreadFacts, me: string): FollowLevel {
	const own = following.threads[thread.id];
	if (own) return own;
	// a thread the member started is theirs to mute: a muted category or tag does not silence it
	if (thread.author === me) return 'watching';
	const tagLevels = (thread.tags ?? []).map((tag) => following.tags[tag]).filter(isFollowLevel);
	for (const level of TAG_ORDER) if (tagLevels.includes(level)) return level;
	const category = following.categories[thread.category];
	return category ?? 'normal';
}

/** Whether the member muted this very thread (replies and mentions in it stop notifying). */
export const threadMuted = (following: Following, threadId: string): boolean => following.threads[threadId] === 'muted';

/** Whether new posts count as unread for the member (watching or tracking). */
export const countsUnread = (level: FollowLevel): boolean => level === 'watching' || level === 'tracking';

/** A copy with `key` at `level`; `null` removes the choice (a thread then follows its tags and category). */
export function withLevel(following: Following, scope: FollowScope, key: string, level: FollowLevel | null): Following {
	const next = followingOf(following);
	if (level === null) delete next[scope][key];
	else next[scope][key] = level;
	return next;
}

/** Whether the member made any choice yet (the first-day checklist offers categories to follow until then). */
export const hasChoices = (following: Following): boolean =>
	Object.keys(following.categories).length +
		Object.keys(following.tags).length +
		Object.keys(following.threads).length >
	0;

// Who sees what of a moderated item, and the words a member reads about their own flags. Pure:
// the device applies these to projected `moderation:{target}` and `flag:` documents, so a hidden
// item reads the same on every screen.
import { hasRole, type Actor } from './permissions';
import type { FlagReason } from './schemas';

/** The part of a `moderation:{target}` document that decides what members see. */
export interface ModerationState {
	hidden?: { reason: string; at: string; by?: string; auto?: boolean };
	locked?: { reason: string; at: string; by?: string };
	pinned?: boolean;
}

/**
 * What one viewer sees of an item:
 * - `shown`: nothing hidden, or nothing to say;
 * - `hidden`: "Hidden by moderators" in place of the content (neither author nor moderator);
 * - `author`: the content with a notice that others cannot see it, and why;
 * - `moderator`: the content with the reason (and whether flags hid it automatically).
 */
export type Visibility =
	| { kind: 'shown' }
	| { kind: 'hidden' }
	| { kind: 'author'; reason: string }
	| { kind: 'moderator'; reason: string; auto: boolean };

/** The author always sees their own item; moderators and admins see every item with its reason. */
export function visibilityOf(
	author: string,
	viewer: string,
	roles: Actor['roles'],
	moderation: ModerationState | null | undefined
): Visibility {
	const hidden = moderation?.hidden;
	if (!hidden) return { kind: 'shown' };
	if (hasRole({ name: viewer, roles }, 'moderator')) {
		return { kind: 'moderator', reason: hidden.reason, auto: hidden.auto === true };
	}
	if (author === viewer) return { kind: 'author', reason: hidden.reason };
	return { kind: 'hidden' };
}

/** Whether the viewer reads the item's content (false: "Hidden by moderators" in its place). */
export function canSee(visibility: Visibility): boolean {
	return visibility.kind !== 'hidden';
}

/** Whether members (not moderators) may still post in a thread with this state. */
export function isLocked(moderation: ModerationState | null | undefined): boolean {
	return moderation?.locked !== undefined;
}

/** The words members see in place of a hidden item. */
export const HIDDEN_TEXT = 'Hidden by moderators';

/** The notice above a hidden item for its author or a moderator (null for everyone else). */
export function hiddenNotice(visibility: Visibility): string | null {
	switch (visibility.kind) {
		case 'author':
			return `${HIDDEN_TEXT}: ${visibility.reason}. Other members cannot see it.`;
		case 'moderator':
			return `${HIDDEN_TEXT}: ${visibility.reason}${visibility.auto ? ' (hidden automatically after several flags)' : ''}`;
		default:
			return null;
	}
}

export const FLAG_REASON_LABELS: Record<FlagReason, string> = {
	spam: 'Spam',
	harassment: 'Harassment',
	'off-topic': 'Off-topic',
	confidential: 'Confidential information shared',
	other: 'Other'
};

const DECISION_WORDS: Record<string, string> = {
	dismissed: 'moderators found no problem',
	hidden: 'moderators hid it',
	deleted: 'moderators removed it',
	locked: 'moderators locked the thread',
	moved: 'moderators moved the thread',
	suspended: 'moderators suspended its author'
};

/**
 * The state of a member's own flag in plain words: waiting while no moderator decided (and "will
 * be sent when you are online" while the flag has not reached the server), then the decision.
 */
export function flagStateText(flag: { decision?: { action: string } }, pending: boolean): string {
	const action = flag.decision?.action;
	if (action) return `You flagged this: ${DECISION_WORDS[action] ?? 'a moderator decided'}`;
	const waiting = 'You flagged this: waiting for a moderator';
	return pending ? `${waiting} (it will be sent when you are online)` : waiting;
}

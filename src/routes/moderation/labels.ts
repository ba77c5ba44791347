// Plain words for the moderation screens: kinds of item, flag reasons, what an action did (as the
// status after it, and as a line of the audit log), and the default end of a suspension.
import type { ActionRequest, FlaggedKind } from '../../lib/sync/moderation';

export const KIND_LABELS: Record<FlaggedKind, string> = {
	thread: 'Thread',
	post: 'Reply',
	resource: 'Library resource',
	event: 'Event',
	story: 'Story',
	profile: 'Profile'
};

export const REASON_LABELS: Record<string, string> = {
	spam: 'Spam',
	harassment: 'Harassment',
	'off-topic': 'Off-topic',
	confidential: 'Confidential information shared',
	other: 'Other'
};

/** What each audit log action did, in the past tense ("Hid", "Changed roles"). */
export const LOG_ACTION_LABELS: Record<string, string> = {
	dismiss: 'Dismissed flags',
	hide: 'Hid',
	unhide: 'Showed again',
	'auto-hide': 'Hid automatically',
	delete: 'Deleted',
	lock: 'Locked',
	unlock: 'Unlocked',
	move: 'Moved',
	pin: 'Pinned',
	unpin: 'Unpinned',
	suspend: 'Suspended',
	'lift-suspension': 'Lifted a suspension',
	'role-change': 'Changed roles',
	'hub-enrol': 'Enrolled a hub',
	'hub-remove': 'Removed a hub',
	'reset-code': 'Gave a reset code'
};

/** Which audit log detail each key holds, for "Moved · from: general · to: budgets". */
const DETAIL_LABELS: Record<string, string> = {
	from: 'from',
	category: 'to',
	until: 'until',
	granted: 'gave the role',
	revoked: 'took away the role',
	flags: 'flags from different members',
	kind: 'kind',
	item: 'flagged item'
};

const LOGGED = 'The action is in the moderation log.';

export function kindLabel(kind: string): string {
	return (KIND_LABELS as Record<string, string>)[kind] ?? capitalised(kind);
}

export function reasonLabel(reason: string): string {
	return REASON_LABELS[reason] ?? capitalised(reason);
}

export function logActionLabel(action: string): string {
	return LOG_ACTION_LABELS[action] ?? capitalised(action.replaceAll('-', ' '));
}

/** "3 flags", "1 flag". */
export function flagCount(count: number): string {
	return count === 1 ? '1 flag' : `${count} flags`;
}

/** The status after a moderator's action succeeded: "Hidden. The action is in the moderation log." */
export function doneStatus(request: ActionRequest, categoryName?: string): string {
	const what: Record<ActionRequest['action'], string> = {
		dismiss: 'Flags dismissed.',
		hide: 'Hidden.',
		unhide: 'Shown again.',
		delete: 'Deleted.',
		lock: 'Thread locked.',
		unlock: 'Thread unlocked.',
		move: `Moved to ${categoryName ?? request.category ?? 'the other category'}.`,
		pin: 'Pinned.',
		unpin: 'Unpinned.',
		suspend: request.until ? `Author suspended until ${longDate(request.until)}.` : 'Author suspended.'
	};
	return `${what[request.action]} ${LOGGED}`;
}

/** "Item" column of the log: what an audit target names, in words. */
export function describeTarget(target: string, details?: Record<string, string>): string {
	const colon = target.indexOf(':');
	const type = colon < 0 ? target : target.slice(0, colon);
	const key = colon < 0 ? '' : target.slice(colon + 1);
	if (type === 'member') return `Member ${key}`;
	if (type === 'hub') return `Hub ${key}`;
	const title = details?.title;
	if (type === 'post' && title) return `Reply in “${title}”`;
	if (type in KIND_LABELS) return title ? `${kindLabel(type)} “${title}”` : `${kindLabel(type)} ${key}`;
	return target;
}

/** Where a log entry's item is shown in the app; null for a reply or a hub (no page of their own). */
export function targetHref(target: string): string | null {
	const colon = target.indexOf(':');
	const type = target.slice(0, colon);
	const key = encodeURIComponent(target.slice(colon + 1));
	if (colon < 0 || key === '') return null;
	const pages: Record<string, string> = {
		thread: `/forums/t/${key}`,
		resource: `/library/${key}`,
		story: `/stories/${key}`,
		event: `/events/${key}`,
		profile: `/people/${key}`,
		member: `/people/${key}`
	};
	return pages[type] ?? null;
}

/** The details of a log entry other than the title, as "from: general · to: budgets". */
export function describeDetails(details?: Record<string, string>): string {
	if (!details) return '';
	const order = (key: string) => {
		const at = Object.keys(DETAIL_LABELS).indexOf(key);
		return at < 0 ? Number.MAX_SAFE_INTEGER : at;
	};
	return Object.entries(details)
		.filter(([key, value]) => key !== 'title' && value !== '')
		.sort(([a], [b]) => order(a) - order(b))
		.map(([key, value]) => `${DETAIL_LABELS[key] ?? key}: ${detailValue(key, value)}`)
		.join(' · ');
}

function detailValue(key: string, value: string): string {
	if (key === 'until') return longDate(value);
	if (key === 'item') return describeTarget(value);
	if (key === 'kind') return kindLabel(value);
	return value;
}

/** A suspension's default last day: `days` after `now`, as the date input's YYYY-MM-DD. */
export function defaultSuspensionEnd(now: Date = new Date(), days = 7): string {
	const end = new Date(now.getFullYear(), now.getMonth(), now.getDate() + days);
	return isoDate(end);
}

/** The member's local calendar date as YYYY-MM-DD. */
export function isoDate(date: Date): string {
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** "2026-12-10" (or a full instant) → "10 Dec 2026" in the reader's language. */
export function longDate(value: string): string {
	const day = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00`) : new Date(value);
	if (Number.isNaN(day.getTime())) return value;
	return day.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

/** When a log entry was made, to the minute: "3 Dec 2026, 09:41". */
export function logTime(iso: string): string {
	const at = new Date(iso);
	return Number.isNaN(at.getTime()) ? iso : at.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

function capitalised(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

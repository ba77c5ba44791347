// Plain words for the moderation screens: kinds of item, flag reasons, what an action did (as the
// status after it, and as a line of the audit log), and the default end of a suspension.
import type { ActionRequest } from '../../lib/sync/moderation';
import { formatDate, t } from '../../lib/i18n';
import { AUDIT_ACTIONS } from '../../lib/domain/moderation-api';
import { FLAG_REASONS } from '../../lib/domain/schemas';

// Functions, not tables: the interface language loads after this module.
const KINDS = ['thread', 'post', 'resource', 'event', 'story', 'profile'] as const;
/** Which audit log detail each key holds, for "Moved · from: general · to: budgets", in this order. */
const DETAILS = ['from', 'category', 'until', 'granted', 'revoked', 'flags', 'kind', 'item'] as const;

const isOneOf = <T extends string>(list: readonly T[], value: string): value is T =>
	(list as readonly string[]).includes(value);

export function kindLabel(kind: string): string {
	return isOneOf(KINDS, kind) ? t(`moderation:kind.${kind}`) : capitalised(kind);
}

export function reasonLabel(reason: string): string {
	return isOneOf(FLAG_REASONS, reason) ? t(`moderation:reason.${reason}`) : capitalised(reason);
}

/** What each audit log action did, in the past tense ("Hid", "Changed roles"). */
export function logActionLabel(action: string): string {
	return isOneOf(AUDIT_ACTIONS, action)
		? t(`moderation:logAction.${action}`)
		: capitalised(action.replaceAll('-', ' '));
}

/** "3 flags", "1 flag". */
export function flagCount(count: number): string {
	return t('moderation:flagCount', { count });
}

/** The status after a moderator's action succeeded: "Hidden. The action is in the moderation log." */
export function doneStatus(request: ActionRequest, categoryName?: string): string {
	const what = (): string => {
		switch (request.action) {
			case 'move':
				return t('moderation:done.move', {
					category: categoryName ?? request.category ?? t('moderation:done.otherCategory')
				});
			case 'suspend':
				return request.until
					? t('moderation:done.suspendUntil', { until: longDate(request.until) })
					: t('moderation:done.suspend');
			default:
				return t(`moderation:done.${request.action}`);
		}
	};
	return t('moderation:done.logged', { what: what() });
}

/** "Item" column of the log: what an audit target names, in words. */
export function describeTarget(target: string, details?: Record<string, string>): string {
	const colon = target.indexOf(':');
	const type = colon < 0 ? target : target.slice(0, colon);
	const key = colon < 0 ? '' : target.slice(colon + 1);
	if (type === 'member') return t('moderation:target.member', { key });
	if (type === 'hub') return t('moderation:target.hub', { key });
	const title = details?.title;
	if (type === 'post' && title) return t('moderation:target.replyIn', { title });
	if (isOneOf(KINDS, type))
		return title
			? t('moderation:target.titled', { kind: kindLabel(type), title })
			: t('moderation:target.keyed', { kind: kindLabel(type), key });
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
		const at = (DETAILS as readonly string[]).indexOf(key);
		return at < 0 ? Number.MAX_SAFE_INTEGER : at;
	};
	return Object.entries(details)
		.filter(([key, value]) => key !== 'title' && value !== '')
		.sort(([a], [b]) => order(a) - order(b))
		.map(([key, value]) =>
			t('moderation:detail.pair', {
				label: isOneOf(DETAILS, key) ? t(`moderation:detail.${key}`) : key,
				value: detailValue(key, value)
			})
		)
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
	return formatDate(day, { year: 'numeric', month: 'short', day: 'numeric' });
}

/** When a log entry was made, to the minute: "3 Dec 2026, 09:41". */
export function logTime(iso: string): string {
	const at = new Date(iso);
	return Number.isNaN(at.getTime()) ? iso : formatDate(at, { dateStyle: 'medium', timeStyle: 'short' });
}

function capitalised(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

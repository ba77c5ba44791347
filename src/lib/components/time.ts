// Human times for lists and posts: "just now", "5 minutes ago", "yesterday", then a date, in the
// interface language (Intl.RelativeTimeFormat).
import { formatDate, formatRelative, locale, t } from '$lib/i18n';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

export function relativeTime(iso: string | null | undefined, now: number = Date.now()): string {
	if (!iso) return '';
	const then = Date.parse(iso);
	if (Number.isNaN(then)) return '';
	const ago = now - then;
	if (ago < MINUTE_MS) return t('time.justNow');
	if (ago < HOUR_MS) return formatRelative(-Math.floor(ago / MINUTE_MS), 'minute');
	if (ago < DAY_MS) return formatRelative(-Math.floor(ago / HOUR_MS), 'hour');
	if (ago < 7 * DAY_MS) return formatRelative(-Math.floor(ago / DAY_MS), 'day');
	return formatDate(then);
}

/** Full date and time for a title/tooltip. */
export function fullTime(iso: string | null | undefined): string {
	if (!iso) return '';
	const d = new Date(iso);
	return Number.isNaN(d.getTime()) ? '' : d.toLocaleString(locale());
}

// Human times for lists and posts: "just now", "5 min ago", "yesterday", then a date.
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

export function relativeTime(iso: string | null | undefined, now: number = Date.now()): string {
	if (!iso) return '';
	const then = Date.parse(iso);
	if (Number.isNaN(then)) return '';
	const ago = now - then;
	if (ago < MINUTE_MS) return 'just now';
	if (ago < HOUR_MS) return `${Math.floor(ago / MINUTE_MS)} min ago`;
	if (ago < DAY_MS) return `${Math.floor(ago / HOUR_MS)} h ago`;
	if (ago < 2 * DAY_MS) return 'yesterday';
	if (ago < 7 * DAY_MS) return `${Math.floor(ago / DAY_MS)} days ago`;
	return new Date(then).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

/** Full date and time for a title/tooltip. */
export function fullTime(iso: string | null | undefined): string {
	if (!iso) return '';
	const d = new Date(iso);
	return Number.isNaN(d.getTime()) ? '' : d.toLocaleString();
}

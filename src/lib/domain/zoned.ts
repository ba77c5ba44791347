// Wall-clock times in IANA time zones, with Intl only (no tz database shipped): the event form
// turns the organiser's local date and time into an ISO instant, and screens show an instant in
// the viewer's zone (plus the event's own zone when it differs).

/** `YYYY-MM-DDTHH:mm`, as <input type="datetime-local"> reads and writes it. */
export type LocalDateTime = string;

const LOCAL_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const partsFormat = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
	let format = partsFormat.get(timeZone);
	if (!format) {
		format = new Intl.DateTimeFormat('en-GB', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit'
		});
		partsFormat.set(timeZone, format);
	}
	return format;
}

function wallClock(ms: number, timeZone: string): Record<string, number> {
	const out: Record<string, number> = {};
	for (const p of formatFor(timeZone).formatToParts(new Date(ms)))
		if (p.type !== 'literal') out[p.type] = Number(p.value);
	return out;
}

/** The zone's offset from UTC at instant `ms`, in ms (Paris in summer: +2 h). */
export function zoneOffsetMs(ms: number, timeZone: string): number {
	const w = wallClock(ms, timeZone);
	const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
	return asUtc - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant at which clocks in `timeZone` show `local`. A time skipped by a spring-forward
 * gap maps to the instant one gap later (02:30 → 03:30); an ambiguous autumn time maps to its
 * first occurrence (summer time), as most calendar apps do.
 */
export function zonedToInstant(local: LocalDateTime, timeZone: string): string {
	const m = LOCAL_PATTERN.exec(local);
	if (!m) throw new Error(`Not a local date and time: ${JSON.stringify(local)}`);
	const guess = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
	const before = zoneOffsetMs(guess - 12 * 3_600_000, timeZone);
	const after = zoneOffsetMs(guess + 12 * 3_600_000, timeZone);
	// try the earlier offset (summer time in autumn) first, then the later one
	for (const offset of before >= after ? [before, after] : [after, before]) {
		const ms = guess - offset;
		if (zoneOffsetMs(ms, timeZone) === offset) return new Date(ms).toISOString();
	}
	return new Date(guess - before).toISOString(); // in a gap: the old offset lands after it
}

/** What clocks in `timeZone` show at `iso`, as `YYYY-MM-DDTHH:mm`. */
export function instantToZoned(iso: string, timeZone: string): LocalDateTime {
	const w = wallClock(Date.parse(iso), timeZone);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/** The viewer's zone (the browser's), falling back to UTC. */
export function viewerZone(): string {
	try {
		return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
	} catch {
		return 'UTC';
	}
}

/** e.g. "Sat 24 Oct 2026, 09:00 – 11:00 CEST" in `timeZone`. */
/**
 * Whether two zones show the same clock time at each of `instants` (Europe/London and UTC in
 * winter): an event's own zone then adds nothing to the viewer's.
 */
export function sameClock(zoneA: string, zoneB: string, instants: readonly string[]): boolean {
	if (zoneA === zoneB) return true;
	try {
		const offset = (timeZone: string) => new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'longOffset' });
		const a = offset(zoneA);
		const b = offset(zoneB);
		return instants.every((at) => {
			const when = new Date(at);
			return zonePart(a, when) === zonePart(b, when);
		});
	} catch {
		return false;
	}
}

const zonePart = (format: Intl.DateTimeFormat, when: Date) =>
	format.formatToParts(when).find((part) => part.type === 'timeZoneName')?.value;

/** "9:00 AM" where the clock has twelve hours, "09:00" where it has twenty-four. */
function hourStyle(locale: string | undefined): 'numeric' | '2-digit' {
	const cycle = new Intl.DateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions().hourCycle;
	return cycle === 'h11' || cycle === 'h12' ? 'numeric' : '2-digit';
}

export function formatRange(start: string, end: string, timeZone: string, locale?: string): string {
	const day = new Intl.DateTimeFormat(locale, {
		timeZone,
		weekday: 'short',
		day: 'numeric',
		month: 'short',
		year: 'numeric'
	});
	const hour = hourStyle(locale);
	const time = new Intl.DateTimeFormat(locale, { timeZone, hour, minute: '2-digit' });
	const zoned = new Intl.DateTimeFormat(locale, {
		timeZone,
		hour,
		minute: '2-digit',
		timeZoneName: 'short'
	});
	const s = new Date(start);
	const e = new Date(end);
	const sameDay = day.format(s) === day.format(e);
	return sameDay
		? `${day.format(s)}, ${time.format(s)} – ${zoned.format(e)}`
		: `${day.format(s)}, ${time.format(s)} – ${day.format(e)}, ${zoned.format(e)}`;
}

// iCalendar (RFC 5545) for events, with ical-generator: used by the client's "Add to calendar"
// download (works offline) and by the server's subscription feed (server/calendar). Instants are
// written in UTC (DTSTART:…Z), which every calendar converts to its own zone without needing a
// VTIMEZONE; the organiser's zone travels as X-PRAXIS-TZ for reference only.
import ical, { ICalEventStatus } from 'ical-generator';
import { idKey, slugOf } from './ids';

/** The event fields the calendar needs (an `event` document satisfies it). */
export interface CalendarEvent {
	_id: string;
	title: string;
	description: string;
	start: string;
	end: string;
	timeZone: string;
	location: { venue?: string; address?: string; online?: string };
	cancelled?: boolean;
	updatedAt?: string;
	createdAt: string;
	/**
	 * The calendar owner's own place: `confirmed` with a place, `tentative` when on the waiting
	 * list, answered "maybe" or not yet confirmed by the server. Absent: confirmed.
	 */
	place?: 'confirmed' | 'tentative';
}

export interface IcsOptions {
	/** Calendar name (X-WR-CALNAME). */
	name: string;
	/** The app's origin, for each event's URL (e.g. https://praxis.example). */
	origin?: string;
}

export function eventUid(id: string): string {
	return `${idKey('event', id)}@praxis`;
}

function locationText(e: CalendarEvent): string | null {
	const parts = [e.location.venue, e.location.address, e.location.online].filter((p): p is string =>
		Boolean(p && p.trim())
	);
	return parts.length ? parts.join(', ') : null;
}

/**
 * SEQUENCE (RFC 5545 3.8.7.4) must grow with every change, or calendars keep the old copy.
 * Every change to an event sets its updatedAt, so the whole seconds between its creation and
 * its last change grow with each edit, and every device and the server compute the same number
 * from the same document without keeping a counter.
 */
export function icsSequence(e: Pick<CalendarEvent, 'createdAt' | 'updatedAt'>): number {
	if (!e.updatedAt) return 0;
	const seconds = Math.floor((Date.parse(e.updatedAt) - Date.parse(e.createdAt)) / 1000);
	return Number.isFinite(seconds) && seconds > 0 ? seconds : 0;
}

function icsStatus(e: CalendarEvent): ICalEventStatus {
	if (e.cancelled) return ICalEventStatus.CANCELLED;
	return e.place === 'tentative' ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED;
}

/** One VCALENDAR holding `events` (sorted by start, so output is stable). */
export function eventsToIcs(events: readonly CalendarEvent[], options: IcsOptions): string {
	const calendar = ical({
		name: options.name,
		prodId: { company: 'Praxis', product: 'Praxis events', language: 'EN' }
	});
	const sorted = [...events].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a._id < b._id ? -1 : 1));
	for (const e of sorted) {
		const ulid = idKey('event', e._id);
		const url = options.origin ? `${options.origin.replace(/\/+$/, '')}/events/${ulid}` : null;
		const event = calendar.createEvent({
			id: eventUid(e._id),
			start: new Date(e.start),
			end: new Date(e.end),
			stamp: new Date(e.updatedAt ?? e.createdAt),
			sequence: icsSequence(e),
			summary: e.title,
			description: e.description || null,
			location: locationText(e),
			url,
			status: icsStatus(e)
		});
		event.x([{ key: 'X-PRAXIS-TZ', value: e.timeZone }]);
	}
	return calendar.toString();
}

/** A file name for one event's download: `praxis-{slug of title}.ics`. */
export function icsFileName(title: string): string {
	return `praxis-${slugOf(title, 'event', 60)}.ics`;
}

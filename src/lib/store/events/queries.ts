// Event queries for screens (wrap them in liveQuery): agenda lists (upcoming / past, filtered by
// kind, tag and region), one event with its places and waiting list as the server decided them
// (place documents; a "going" they do not reflect yet is pending: domain/places.ts), and the
// filter facets.
import { attendanceFrom, type Attendance } from '../../domain/places';
import { rsvpId } from '../../domain/ids';
import { isModerator } from '../../domain/permissions';
import type { StoreContext } from '../context';
import { eventsTables, type AttendanceRow, type EventRow, type PlaceRow, type RsvpRow } from './tables';

export interface EventFilter {
	when?: 'upcoming' | 'past' | 'all';
	kind?: string;
	tag?: string;
	region?: string;
	/** ISO instant "now" (tests) */
	now?: string;
}

export interface EventSummary extends EventRow {
	going: number;
	waiting: number;
	myStatus: RsvpRow['status'] | null;
	pending: boolean;
}

export interface EventDetail extends EventSummary {
	attendance: Attendance;
	/** attendance records by member (organisers see and edit them) */
	records: AttendanceRow[];
	canEdit: boolean;
	canMarkOfficial: boolean;
}

/** Rows by event id (every id present, with an empty list when none). */
function byEvent<R extends { event: string }>(eventIds: string[], rows: readonly R[]): Map<string, R[]> {
	const map = new Map<string, R[]>(eventIds.map((id) => [id, []]));
	for (const row of rows) map.get(row.event)?.push(row);
	return map;
}

const NOBODY: Attendance = { going: [], waiting: [], pending: [], maybe: [], notGoing: [] };

/** Each event's attendance, from its RSVPs and the server's place documents. */
async function attendanceByEvent(ctx: StoreContext, eventIds: string[]): Promise<Map<string, Attendance>> {
	const t = eventsTables(ctx.db);
	const [rsvps, places] = await Promise.all([
		t.rsvps.where('event').anyOf(eventIds).toArray(),
		t.places.where('event').anyOf(eventIds).toArray()
	]);
	const answers = byEvent<RsvpRow>(eventIds, rsvps);
	const decided = byEvent<PlaceRow>(eventIds, places);
	return new Map(eventIds.map((id) => [id, attendanceFrom(answers.get(id) ?? [], decided.get(id) ?? [])]));
}

async function summarize(ctx: StoreContext, rows: EventRow[]): Promise<EventSummary[]> {
	const ids = rows.map((r) => r.id);
	const [attendance, mine, outbox] = await Promise.all([
		attendanceByEvent(ctx, ids),
		eventsTables(ctx.db).rsvps.bulkGet(ids.map((id) => rsvpId(id, ctx.member.name))),
		ctx.db.outbox.bulkGet(ids)
	]);
	return rows.map((row, i) => {
		const derived = attendance.get(row.id) ?? NOBODY;
		return {
			...row,
			going: derived.going.length,
			waiting: derived.waiting.length,
			myStatus: mine[i]?.status ?? null,
			pending: outbox[i] !== undefined
		};
	});
}

export async function listEvents(ctx: StoreContext, filter: EventFilter = {}): Promise<EventSummary[]> {
	const t = eventsTables(ctx.db);
	const now = filter.now ?? ctx.now();
	const when = filter.when ?? 'upcoming';
	let rows = filter.tag
		? await t.events.where('tags').equals(filter.tag).toArray()
		: await t.events.orderBy('start').toArray();
	rows = rows.filter(
		(e) =>
			(when === 'all' || (when === 'upcoming' ? e.end >= now : e.end < now)) &&
			(!filter.kind || e.kind === filter.kind) &&
			(!filter.region || e.region === filter.region)
	);
	rows.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.id < b.id ? -1 : 1));
	if (when === 'past') rows.reverse();
	return summarize(ctx, rows);
}

/** Events starting in [from, to) (a calendar month), any kind. */
export async function eventsBetween(ctx: StoreContext, from: string, to: string): Promise<EventSummary[]> {
	const rows = await eventsTables(ctx.db).events.where('start').between(from, to, true, false).toArray();
	return summarize(ctx, rows);
}

export async function getEvent(ctx: StoreContext, id: string): Promise<EventDetail | undefined> {
	const t = eventsTables(ctx.db);
	const row = await t.events.get(id);
	if (!row) return undefined;
	const [[summary], attendance, records] = await Promise.all([
		summarize(ctx, [row]),
		attendanceByEvent(ctx, [id]),
		t.attendance.where('event').equals(id).toArray()
	]);
	const me = ctx.member;
	const organiser = row.organisers.includes(me.name);
	// attendance counts only when written by an organiser (the server enforces it too)
	const valid = records.filter((r) => row.organisers.includes(r.author));
	return {
		...summary,
		attendance: attendance.get(id) ?? NOBODY,
		records: valid,
		canEdit: organiser || row.author === me.name || isModerator(me),
		canMarkOfficial: isModerator(me)
	};
}

export async function myRsvp(ctx: StoreContext, eventId: string): Promise<RsvpRow | undefined> {
	return eventsTables(ctx.db).rsvps.get(rsvpId(eventId, ctx.member.name));
}

export async function eventFacets(ctx: StoreContext): Promise<{ tags: string[]; regions: string[] }> {
	const t = eventsTables(ctx.db);
	const [tags, regions] = await Promise.all([
		t.events.orderBy('tags').uniqueKeys(),
		t.events.orderBy('region').uniqueKeys()
	]);
	return { tags: tags.map(String), regions: regions.map(String) };
}

/** Events a member organises or answered going to (their profile page). */
export async function eventsOf(ctx: StoreContext, username: string): Promise<EventRow[]> {
	const t = eventsTables(ctx.db);
	const [organised, answers] = await Promise.all([
		t.events.where('organisers').equals(username).toArray(),
		t.rsvps
			.where('author')
			.equals(username)
			.filter((r) => r.status === 'going')
			.toArray()
	]);
	const more = await t.events.bulkGet(answers.map((r) => r.event));
	const all = new Map<string, EventRow>();
	for (const row of [...organised, ...more]) if (row) all.set(row.id, row);
	return [...all.values()].sort((a, b) => (a.start < b.start ? 1 : -1));
}

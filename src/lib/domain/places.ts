// Places at events: the server decides them in the order it first receives each "going" answer
// (decidePlaces, run by server/events/places.ts) and writes them as `place` documents; devices
// read who has a place from those documents and show an answer the server has not reflected yet
// as pending (attendanceFrom). No device clock orders anyone, so an answer made offline earlier
// cannot take a place the server already gave to someone else.
import { placeId } from './ids';
import type { PlaceState } from './schemas';

/** The author of every place document. */
export const PLACES_AUTHOR = 'praxis';

export interface RsvpFacts {
	author: string;
	status: 'going' | 'maybe' | 'not-going';
	createdAt: string;
	updatedAt?: string;
	_deleted?: boolean;
}

/** The fields of a place document the rules read. */
export interface PlaceFacts {
	member: string;
	state: PlaceState;
	answeredAt: string;
	receivedAt?: string;
	previous?: PlaceState;
	changedAt: string;
	position?: number;
}

export interface Attendance {
	/** Members with a place, in the order the server received their answers. */
	going: string[];
	/** Members on the waiting list, first in line first. */
	waiting: string[];
	/** Members whose "going" the server has not placed yet (made offline, or not synced). */
	pending: string[];
	maybe: string[];
	notGoing: string[];
}

/** When the member last answered: the time their current status was set. */
export function answeredAt(r: Pick<RsvpFacts, 'createdAt' | 'updatedAt'>): string {
	return r.updatedAt ?? r.createdAt;
}

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Who has a place, who waits and whose answer is pending, from the RSVPs and place documents of
 * one event. A place document counts only when it reflects the member's current answer (its
 * `answeredAt` is not older than the RSVP's): otherwise a "going" is pending and any other
 * answer stands as given. A place document without an RSVP (deleted, or not synced yet) is ignored.
 */
export function attendanceFrom(rsvps: readonly RsvpFacts[], places: readonly PlaceFacts[]): Attendance {
	const placeOf = new Map(places.map((p) => [p.member, p]));
	const going: PlaceFacts[] = [];
	const waiting: PlaceFacts[] = [];
	const pending: RsvpFacts[] = [];
	const maybe: string[] = [];
	const notGoing: string[] = [];
	for (const r of rsvps) {
		if (r._deleted) continue;
		const p = placeOf.get(r.author);
		const current = p !== undefined && p.answeredAt >= answeredAt(r);
		if (r.status === 'maybe') maybe.push(r.author);
		else if (r.status === 'not-going') notGoing.push(r.author);
		else if (!current || p.state === 'none') pending.push(r);
		else (p.state === 'place' ? going : waiting).push(p);
	}
	const inLine = (a: PlaceFacts, b: PlaceFacts): number =>
		(a.position ?? 0) - (b.position ?? 0) ||
		byName(a.receivedAt ?? '', b.receivedAt ?? '') ||
		byName(a.member, b.member);
	return {
		going: going.sort(inLine).map((p) => p.member),
		waiting: waiting.sort(inLine).map((p) => p.member),
		pending: pending
			.sort((a, b) => byName(answeredAt(a), answeredAt(b)) || byName(a.author, b.author))
			.map((r) => r.author),
		maybe: maybe.sort(byName),
		notGoing: notGoing.sort(byName)
	};
}

/** A place document as the server writes it (before its signature). */
export interface PlaceDraft extends PlaceFacts {
	_id: string;
	_rev?: string;
	type: 'place';
	author: typeof PLACES_AUTHOR;
	event: string;
	createdAt: string;
	updatedAt?: string;
}

export interface DecideInput {
	/** `event:{ulid}` */
	eventId: string;
	/** No capacity: everyone going has a place. */
	capacity?: number;
	/** The event's live RSVPs (deleted ones are simply absent). */
	rsvps: readonly RsvpFacts[];
	/** The event's place documents as stored (with their `_rev`). */
	places: ReadonlyArray<PlaceFacts & { _rev?: string; createdAt?: string }>;
	/** The server's clock: when a new "going" is received, and when a state changes. */
	now: string;
	/** When a "going" with no place yet counts as received (default `now`; the backfill: its answer time). */
	receivedAt?: (r: RsvpFacts) => string;
}

/**
 * `now`, or just after the latest of `earlier` when the clock says otherwise (two answers in
 * the same millisecond, or a server clock set back): an answer received later is never ahead.
 */
function afterAll(now: string, earlier: readonly string[]): string {
	const latest = earlier.reduce((a, b) => (a > b ? a : b), '');
	return latest < now ? now : new Date(Date.parse(latest) + 1).toISOString();
}

/**
 * The place documents that change. Order: when the server first received each member's current
 * run of "going" answers (an edit that stays "going" keeps it; going → maybe → going starts a new
 * one at the back), then username. The first `capacity` have a place, the rest wait, so a member
 * with a place keeps it unless the capacity goes down. Maybe, not going or a deleted RSVP: 'none'.
 */
export function decidePlaces(input: DecideInput): PlaceDraft[] {
	const { eventId, capacity, now } = input;
	const rsvpOf = new Map(input.rsvps.filter((r) => !r._deleted).map((r) => [r.author, r]));
	const placeOf = new Map(input.places.map((p) => [p.member, p]));
	const kept = (member: string): string | undefined => {
		const p = placeOf.get(member);
		return p && p.state !== 'none' && p.receivedAt ? p.receivedAt : undefined;
	};
	const going = [...rsvpOf.values()].filter((r) => r.status === 'going');
	const received =
		input.receivedAt ??
		(() =>
			afterAll(
				now,
				going.flatMap((r) => kept(r.author) ?? [])
			));
	const goingNow = going
		.map((r) => ({ member: r.author, receivedAt: kept(r.author) ?? received(r) }))
		.sort((a, b) => byName(a.receivedAt, b.receivedAt) || byName(a.member, b.member));
	const seats = capacity ?? goingNow.length;
	const next = new Map<string, Pick<PlaceFacts, 'state' | 'receivedAt' | 'position'>>();
	goingNow.forEach(({ member, receivedAt }, i) =>
		next.set(
			member,
			i < seats ? { state: 'place', receivedAt } : { state: 'waiting', receivedAt, position: i - seats + 1 }
		)
	);
	const out: PlaceDraft[] = [];
	for (const member of new Set([...rsvpOf.keys(), ...placeOf.keys()])) {
		const r = rsvpOf.get(member);
		const p = placeOf.get(member);
		if (!r && !p) continue;
		const decided = next.get(member) ?? { state: 'none' as const };
		const answered = r ? answeredAt(r) : (p?.answeredAt ?? now);
		const moved = decided.state !== p?.state;
		if (
			p &&
			!moved &&
			p.answeredAt === answered &&
			p.receivedAt === decided.receivedAt &&
			p.position === decided.position
		)
			continue;
		const previous = moved ? p?.state : p?.previous;
		out.push({
			_id: placeId(eventId, member),
			...(p?._rev ? { _rev: p._rev } : {}),
			type: 'place',
			author: PLACES_AUTHOR,
			event: eventId,
			member,
			createdAt: p?.createdAt ?? now,
			...(p ? { updatedAt: now } : {}),
			state: decided.state,
			answeredAt: answered,
			...(decided.receivedAt ? { receivedAt: decided.receivedAt } : {}),
			...(previous ? { previous } : {}),
			changedAt: p && !moved ? p.changedAt : now,
			...(decided.position ? { position: decided.position } : {})
		});
	}
	return out;
}

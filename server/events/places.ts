// Places at events, decided by the central server in the order it first receives each "going"
// answer (src/lib/domain/places.ts), never by a device's clock. After every stored RSVP (and every
// stored event: its capacity may have changed) the places of that event are recomputed and the
// `place` documents that change are written, signed by the server. Recomputations of one event
// run one after another, so two batches answering the same event cannot both take its last place.
// A hub does not decide places (server/app.ts): answers it holds stay pending until the central
// server receives them, relayed or synced.
import type { WriteRule } from '../couch/write';
import { putAsServer, type ServerSigner } from '../devices/server-key';
import { decidePlaces, type DecideInput, type PlaceFacts, type RsvpFacts } from '../../src/lib/domain/places';
import { eventOfRsvpId, idKey, idRange, isIdOf } from '../../src/lib/domain/ids';

type Doc = Record<string, unknown> & { _id: string; _rev?: string };

export interface PlacesDeps {
	signer: () => Promise<ServerSigner>;
	clock: () => Date;
}

/** The RSVPs and place documents of one event. */
async function answersOf(
	db: PouchDB.Database,
	eventId: string
): Promise<{ rsvps: RsvpFacts[]; places: Array<PlaceFacts & { _rev?: string; createdAt?: string }> }> {
	const key = idKey('event', eventId);
	const [rsvps, places] = await Promise.all([
		db.allDocs({ include_docs: true, ...idRange('rsvp', key) }),
		db.allDocs({ include_docs: true, ...idRange('place', key) })
	]);
	const docs = <T>(rows: typeof rsvps.rows): T[] => rows.flatMap((row) => (row.doc ? [row.doc as unknown as T] : []));
	return { rsvps: docs<RsvpFacts>(rsvps.rows), places: docs<PlaceFacts & { _rev?: string }>(places.rows) };
}

async function eventDoc(db: PouchDB.Database, eventId: string): Promise<Doc | null> {
	try {
		return await db.get<Doc>(eventId);
	} catch {
		return null;
	}
}

/**
 * Decides the places of `eventId` again and writes the place documents that change. Nothing is
 * written for an event this database does not hold (an RSVP cannot be stored without it).
 */
export async function recomputePlaces(
	db: PouchDB.Database,
	eventId: string,
	signer: ServerSigner,
	now: Date,
	receivedAt?: DecideInput['receivedAt']
): Promise<number> {
	const event = await eventDoc(db, eventId);
	if (!event) return 0;
	const { rsvps, places } = await answersOf(db, eventId);
	const capacity = typeof event.capacity === 'number' ? event.capacity : undefined;
	const changed = decidePlaces({ eventId, capacity, rsvps, places, now: now.toISOString(), receivedAt });
	for (const doc of changed) await putAsServer(db, doc as unknown as Doc, signer);
	return changed.length;
}

/** The events a stored document may move places at: an event itself, or the event an RSVP answers. */
function eventsTouched(docs: readonly { doc: Doc }[]): Set<string> {
	const out = new Set<string>();
	for (const { doc } of docs) {
		if (isIdOf('event', doc._id)) out.add(doc._id);
		const answered = eventOfRsvpId(doc._id);
		if (answered) out.add(answered);
	}
	return out;
}

/** The write rule of the central server (never given to a hub). */
export function placesRule(deps: PlacesDeps): WriteRule {
	const queues = new Map<string, Promise<unknown>>();
	const serially = (eventId: string, task: () => Promise<unknown>): Promise<unknown> => {
		const run = (queues.get(eventId) ?? Promise.resolve()).then(task, task);
		const tail = run.catch(() => undefined);
		queues.set(eventId, tail);
		void tail.then(() => {
			if (queues.get(eventId) === tail) queues.delete(eventId);
		});
		return run;
	};
	return {
		async after(db, kind, docs) {
			if (kind !== 'community') return;
			const events = eventsTouched(docs);
			if (events.size === 0) return;
			const signer = await deps.signer();
			await Promise.all([...events].map((id) => serially(id, () => recomputePlaces(db, id, signer, deps.clock()))));
		}
	};
}

/**
 * At start: place documents for events that have RSVPs and none yet (data from before the server
 * decided places, and demo events, whose seeds run no write rules), ordered as they were shown
 * then, by the time each member answered; and the places of events with an answer no place
 * document reflects (the server stopped between storing it and deciding), received now, behind
 * everyone already in line. Safe at every start: events already decided are left alone.
 */
export async function backfillPlaces(db: PouchDB.Database, signer: ServerSigner, now: Date): Promise<number> {
	const [rsvps, places] = await Promise.all([
		db.allDocs({ include_docs: true, ...idRange('rsvp') }),
		db.allDocs({ include_docs: true, ...idRange('place') })
	]);
	const reflected = new Map<string, string>();
	for (const row of places.rows) {
		const doc = row.doc as unknown as Partial<PlaceFacts> | undefined;
		if (typeof doc?.answeredAt === 'string') reflected.set(row.id.slice('place:'.length), doc.answeredAt);
	}
	const decided = new Set(places.rows.map((row) => `event:${row.id.split(':')[1]}`));
	const stale = new Set<string>();
	for (const row of rsvps.rows) {
		const eventId = eventOfRsvpId(row.id);
		const answer = row.doc as unknown as RsvpFacts | undefined;
		if (!eventId || !answer) continue;
		const seen = reflected.get(row.id.slice('rsvp:'.length));
		if (seen === undefined || seen < (answer.updatedAt ?? answer.createdAt)) stale.add(eventId);
	}
	let written = 0;
	for (const eventId of stale) {
		const asAnswered = decided.has(eventId) ? undefined : (r: RsvpFacts) => r.updatedAt ?? r.createdAt;
		written += await recomputePlaces(db, eventId, signer, now, asAnswered);
	}
	return written;
}

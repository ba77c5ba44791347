/// <reference types="pouchdb-core" />
// Places and waiting lists of one event, read from a database holding its RSVPs
// (`rsvp:{event ulid}:{member}`) and derived as every device derives them (domain/events.ts).
import { deriveAttendance, type Attendance, type RsvpFacts } from '../domain/events';
import { idKey, idRange } from '../domain/ids';

export async function attendanceOf(db: PouchDB.Database, eventId: string, capacity: unknown): Promise<Attendance> {
	const rsvps = await db.allDocs<RsvpFacts>({ include_docs: true, ...idRange('rsvp', idKey('event', eventId)) });
	const facts = rsvps.rows.flatMap((row) => (row.doc ? [row.doc] : []));
	return deriveAttendance(facts, typeof capacity === 'number' ? capacity : undefined);
}

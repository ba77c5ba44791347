/// <reference types="pouchdb-core" />
// Places and waiting lists of one event, read from a database holding its RSVPs
// (`rsvp:{event ulid}:{member}`) and the server's place documents (`place:{event ulid}:{member}`),
// as every device reads them (domain/places.ts): a "going" no place document reflects is pending.
import { attendanceFrom, type Attendance, type PlaceFacts, type RsvpFacts } from '../domain/places';
import { idKey, idRange } from '../domain/ids';

export async function attendanceOf(db: PouchDB.Database, eventId: string): Promise<Attendance> {
	const key = idKey('event', eventId);
	const [rsvps, places] = await Promise.all([
		db.allDocs<RsvpFacts>({ include_docs: true, ...idRange('rsvp', key) }),
		db.allDocs<PlaceFacts>({ include_docs: true, ...idRange('place', key) })
	]);
	return attendanceFrom(
		rsvps.rows.flatMap((row) => (row.doc ? [row.doc] : [])),
		places.rows.flatMap((row) => (row.doc ? [row.doc] : []))
	);
}

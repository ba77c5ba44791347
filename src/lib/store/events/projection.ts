// Pure: documents → rows of this module's tables (events, RSVPs, places, attendance, mentorship,
// messages, private profile). Applying a document twice gives the same rows; a deletion removes
// the row (events keep nothing: a deleted event simply disappears from lists).
import * as v from 'valibot';
import { followingId, parseDocId, profilePrivateId } from '../../domain/ids';
import { followingOf } from '../../domain/following';
import { validateCommunityDoc } from '../../domain/validate';
import {
	followingSchema,
	messageSchema,
	profilePrivateSchema,
	type EventDoc,
	type PlaceDoc
} from '../../domain/schemas';
import type {
	AttendanceRow,
	EventRow,
	MentorAnswerRow,
	MentorshipRow,
	MessageRow,
	PlaceRow,
	PrivateProfileRow,
	RsvpRow
} from './tables';

export type RowPlace =
	| { table: 'events'; row: EventRow }
	| { table: 'rsvps'; row: RsvpRow }
	| { table: 'places'; row: PlaceRow }
	| { table: 'attendance'; row: AttendanceRow }
	| { table: 'mentorships'; row: MentorshipRow }
	| { table: 'mentorAnswers'; row: MentorAnswerRow }
	| { table: 'messages'; row: MessageRow }
	| { table: 'privateProfile'; row: PrivateProfileRow };

export type TableName = RowPlace['table'];

const COMMUNITY_TABLES: Record<string, TableName> = {
	event: 'events',
	rsvp: 'rsvps',
	place: 'places',
	attendance: 'attendance',
	mentorship: 'mentorships',
	'mentorship-answer': 'mentorAnswers'
};
const PRIVATE_TABLES: Record<string, TableName> = {
	message: 'messages',
	'profile-private': 'privateProfile',
	// one row beside the profile's, so screens read what the member follows live (liveQuery)
	following: 'privateProfile'
};

/** The table and key a document id lands in (null: not this module's). */
export function placeOfId(id: string, source: 'community' | 'private'): { table: TableName; key: string } | null {
	const parsed = parseDocId(id);
	if (!parsed) return null;
	const table = (source === 'community' ? COMMUNITY_TABLES : PRIVATE_TABLES)[parsed.type];
	if (!table) return null;
	return { table, key: parsed.type === 'profile-private' ? parsed.rest : id };
}

function strip<T extends Record<string, unknown>>(fields: T): T {
	return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as T;
}

/** A valid community document of this module as its row; null when invalid or not ours. */
export function communityRow(doc: Record<string, unknown>): RowPlace | null {
	const checked = validateCommunityDoc(doc);
	if (!checked.ok) return null;
	const d = checked.doc as Record<string, unknown> & { _id: string };
	const rev = typeof d._rev === 'string' ? d._rev : '';
	switch (d.type) {
		case 'event': {
			const e = d as unknown as EventDoc;
			const row: EventRow = {
				id: e._id,
				author: e.author,
				createdAt: e.createdAt,
				kind: e.kind,
				title: e.title,
				description: e.description,
				start: e.start,
				end: e.end,
				timeZone: e.timeZone,
				location: e.location,
				organisers: e.organisers,
				tags: e.tags,
				rev
			};
			const optional = strip({
				updatedAt: e.updatedAt,
				region: e.region,
				capacity: e.capacity,
				resources: e.resources,
				materials: e.materials,
				recording: e.recording,
				official: e.official,
				cancelled: e.cancelled
			});
			return { table: 'events', row: { ...row, ...optional } };
		}
		case 'rsvp':
			return {
				table: 'rsvps',
				row: strip({
					id: d._id,
					event: String(d.event),
					author: String(d.author),
					status: d.status as RsvpRow['status'],
					createdAt: String(d.createdAt),
					updatedAt: d.updatedAt as string | undefined
				})
			};
		case 'place': {
			const p = checked.doc as unknown as PlaceDoc;
			return {
				table: 'places',
				row: strip({
					id: p._id,
					event: p.event,
					member: p.member,
					state: p.state,
					answeredAt: p.answeredAt,
					receivedAt: p.receivedAt,
					previous: p.previous,
					changedAt: p.changedAt,
					position: p.position
				})
			};
		}
		case 'attendance':
			return {
				table: 'attendance',
				row: {
					id: d._id,
					event: String(d.event),
					member: String(d.member),
					attended: d.attended === true,
					author: String(d.author)
				}
			};
		case 'mentorship':
			return {
				table: 'mentorships',
				row: strip({
					id: d._id,
					author: String(d.author),
					mentor: String(d.mentor),
					goals: String(d.goals),
					createdAt: String(d.createdAt),
					completedAt: d.completedAt as string | undefined,
					withdrawnAt: d.withdrawnAt as string | undefined,
					rev
				})
			};
		case 'mentorship-answer':
			return {
				table: 'mentorAnswers',
				row: strip({
					id: d._id,
					mentorship: String(d.mentorship),
					author: String(d.author),
					answer: d.answer as MentorAnswerRow['answer'],
					createdAt: String(d.createdAt),
					completedAt: d.completedAt as string | undefined,
					rev
				})
			};
		default:
			return null;
	}
}

/** A valid private document (message, "only me" profile) of `me` as its row. */
export function privateRow(doc: Record<string, unknown>, me: string): RowPlace | null {
	if (doc.type === 'message') {
		const parsed = v.safeParse(messageSchema, doc);
		if (!parsed.success) return null;
		const m = parsed.output;
		if (m.author !== me && m.to !== me) return null;
		return {
			table: 'messages',
			row: {
				id: m._id,
				peer: m.author === me ? m.to : m.author,
				from: m.author,
				to: m.to,
				body: m.body,
				createdAt: m.createdAt
			}
		};
	}
	if (doc.type === 'following') {
		const parsed = v.safeParse(followingSchema, doc);
		if (!parsed.success || parsed.output._id !== followingId(me)) return null;
		return {
			table: 'privateProfile',
			row: {
				username: followingId(me),
				following: followingOf(parsed.output),
				rev: typeof doc._rev === 'string' ? doc._rev : ''
			}
		};
	}
	if (doc.type === 'profile-private') {
		const parsed = v.safeParse(profilePrivateSchema, doc);
		if (!parsed.success || parsed.output._id !== profilePrivateId(me)) return null;
		const { organization, jurisdiction, role, expertise, bio, language } = parsed.output;
		return {
			table: 'privateProfile',
			row: strip({
				username: me,
				organization,
				jurisdiction,
				role,
				expertise,
				bio,
				language,
				rev: typeof doc._rev === 'string' ? doc._rev : ''
			})
		};
	}
	return null;
}

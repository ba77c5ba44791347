// Dexie tables of events, people, mentorship, messages and notifications (schema version 20, places
// since 24, of `praxis-{username}`), filled from BOTH local PouchDB replicas by feed-projection.ts:
//
//   events            event docs, by start / kind / tags / region                     [community]
//   rsvps             rsvp docs by event                                               [community]
//   places            the server's place docs by event: with the RSVPs, who has a place, who
//                     waits and whose answer is pending (domain/places.ts, on read)    [community]
//   attendance        attendance records by event                                      [community]
//   mentorships       mentorship requests by mentee (author) and mentor                [community]
//   mentorAnswers     mentors' answers by mentorship                                   [community]
//   messages          direct messages (sent and received) by [peer+createdAt]          [private]
//   privateProfile    the member's "only me" profile fields (key: username), and what they
//                     follow (key: `following:{username}`, store/following)            [private]
//   notifications     derived from the documents above and from posts, threads, reviews
//   eventsDevice      key → value: read marks of conversations and notifications,
//                     notification preferences, the calendar feed URL                  [device]
// All but eventsDevice are projections: rebuild() clears them and replays both feeds.
import type { Table } from 'dexie';
import type { PraxisDb } from '../db';
import type { EventDoc } from '../../domain/schemas';
import type { PlaceFacts } from '../../domain/places';
import type { Following } from '../../domain/following';

export const EVENTS_SCHEMA_VERSION = 20;

export const EVENTS_STORES = {
	events: 'id, start, kind, *tags, region, *organisers',
	rsvps: 'id, event, author',
	attendance: 'id, event',
	mentorships: 'id, author, mentor',
	mentorAnswers: 'id, mentorship',
	messages: 'id, [peer+createdAt], createdAt',
	privateProfile: 'username',
	notifications: 'id, at, source',
	eventsDevice: 'key'
} as const;

/** The places table came later (db.ts PLACES_VERSION), when the server began deciding places. */
export const PLACES_STORES = { places: 'id, event, member' } as const;

export const EVENTS_PROJECTION_TABLES = [
	'events',
	'rsvps',
	'places',
	'attendance',
	'mentorships',
	'mentorAnswers',
	'messages',
	'privateProfile',
	'notifications'
] as const;

/** The private feed follower's checkpoint (the community follower's is CHECKPOINT_KEY in db.ts). */
export const PRIVATE_CHECKPOINT_KEY = 'events.checkpoint.private';

/** An event document's fields (Omit<> over the loose schema type would lose them). */
export interface EventRow {
	id: string;
	author: string;
	createdAt: string;
	updatedAt?: string;
	kind: EventDoc['kind'];
	title: string;
	description: string;
	start: string;
	end: string;
	timeZone: string;
	location: { venue?: string; address?: string; online?: string };
	region?: string;
	capacity?: number;
	organisers: string[];
	tags: string[];
	resources?: string[];
	materials?: string;
	recording?: string;
	official?: boolean;
	cancelled?: boolean;
	rev: string;
}

export interface RsvpRow {
	id: string;
	event: string;
	author: string;
	status: 'going' | 'maybe' | 'not-going';
	createdAt: string;
	updatedAt?: string;
}

/** A place document's fields (domain/schemas.ts placeSchema). */
export interface PlaceRow extends PlaceFacts {
	id: string;
	event: string;
}

export interface AttendanceRow {
	id: string;
	event: string;
	member: string;
	attended: boolean;
	author: string;
}

export interface MentorshipRow {
	id: string;
	/** the mentee */
	author: string;
	mentor: string;
	goals: string;
	createdAt: string;
	completedAt?: string;
	/** Set when the mentee withdrew it. */
	withdrawnAt?: string;
	rev: string;
}

export interface MentorAnswerRow {
	id: string;
	mentorship: string;
	author: string;
	answer: 'accepted' | 'declined';
	createdAt: string;
	completedAt?: string;
	rev: string;
}

export interface MessageRow {
	id: string;
	/** the other member of the conversation */
	peer: string;
	from: string;
	to: string;
	body: string;
	createdAt: string;
}

export interface PrivateProfileRow {
	username: string;
	organization?: string;
	jurisdiction?: string;
	role?: string;
	expertise?: string[];
	bio?: string;
	language?: 'en' | 'fr' | 'es';
	/** On the `following:{username}` row only: the member's levels (domain/following.ts). */
	following?: Following;
	rev: string;
}

export { NOTIFICATION_KINDS, type NotificationKind, type NotificationRow } from '../../domain/notifications';
import type { NotificationRow } from '../../domain/notifications';

export interface EventsDeviceRow {
	key: string;
	value: unknown;
}

export interface EventsTables {
	events: Table<EventRow, string>;
	rsvps: Table<RsvpRow, string>;
	places: Table<PlaceRow, string>;
	attendance: Table<AttendanceRow, string>;
	mentorships: Table<MentorshipRow, string>;
	mentorAnswers: Table<MentorAnswerRow, string>;
	messages: Table<MessageRow, string>;
	privateProfile: Table<PrivateProfileRow, string>;
	notifications: Table<NotificationRow, string>;
	eventsDevice: Table<EventsDeviceRow, string>;
}

/** Typed handles on this module's tables (PraxisDb declares only the foundation's). */
export function eventsTables(db: PraxisDb): EventsTables {
	const t = <R>(name: keyof typeof EVENTS_STORES | keyof typeof PLACES_STORES) => db.table(name) as Table<R, string>;
	return {
		events: t('events'),
		rsvps: t('rsvps'),
		places: t('places'),
		attendance: t('attendance'),
		mentorships: t('mentorships'),
		mentorAnswers: t('mentorAnswers'),
		messages: t('messages'),
		privateProfile: t('privateProfile'),
		notifications: t('notifications'),
		eventsDevice: t('eventsDevice')
	};
}

// The events-and-people part of the Store (store.events, store.people): opened with the store,
// its projections follow both replicas (feed-projection.ts). Screens call these; they never see PouchDB/Dexie.
import type { StoreContext } from '../context';
import * as ew from './writes';
import * as eq from './queries';
import * as pw from '../people/writes';
import * as pq from '../people/queries';
import { eventsTables } from './tables';
import * as fw from '../following';
import type { Following, FollowLevel, FollowScope } from '../../domain/following';

export type { EventInput } from './writes';
export type { EventFilter, EventSummary, EventDetail } from './queries';
export type { ProfileForm, Visibility, OptionalProfileField } from '../people/writes';
export type { PeopleFilter, PersonPage, MentorshipView, ConversationView, NotificationPrefs } from '../people/queries';
export type { EventRow, MessageRow, NotificationRow, NotificationKind } from './tables';
export type { HubPath } from '../people/hub-mail';
export { NOTIFICATION_KINDS } from './tables';
export { OPTIONAL_PROFILE_FIELDS } from '../people/writes';

const FEED_KEY = 'calendar-feed-url';

export function createEventsApi(ctx: StoreContext) {
	const deps = { ctx, followers: ctx.followers };
	const device = eventsTables(ctx.db).eventsDevice;
	return {
		projected: () => ctx.followers.catchUp(),
		createEvent: (input: ew.EventInput) => ew.createEvent(deps, input),
		editEvent: (id: string, input: ew.EventInput) => ew.editEvent(deps, id, input),
		markOfficial: (id: string, official: boolean) => ew.markOfficial(deps, id, official),
		rsvp: (eventId: string, status: 'going' | 'maybe' | 'not-going') => ew.rsvp(deps, eventId, status),
		recordAttendance: (eventId: string, member: string, attended: boolean) =>
			ew.recordAttendance(deps, eventId, member, attended),
		list: (filter?: eq.EventFilter) => eq.listEvents(ctx, filter),
		between: (from: string, to: string) => eq.eventsBetween(ctx, from, to),
		get: (id: string) => eq.getEvent(ctx, id),
		facets: () => eq.eventFacets(ctx),
		/** The private calendar feed URL this device was given (server: POST /api/calendar/secret). */
		feedUrl: async () => (await device.get(FEED_KEY))?.value as string | undefined,
		setFeedUrl: async (url: string | null) =>
			url ? void (await device.put({ key: FEED_KEY, value: url })) : device.delete(FEED_KEY)
	};
}

export function createPeopleApi(ctx: StoreContext) {
	const deps = { ctx, followers: ctx.followers };
	return {
		saveProfile: (form: pw.ProfileForm) => pw.saveProfile(deps, form),
		saveLanguage: (language: 'en' | 'fr' | 'es') => pw.saveLanguage(deps, language),
		myProfile: () => pq.myProfile(ctx),
		/** The interface language kept in the member's private profile (from any of their devices). */
		language: async () => (await eventsTables(ctx.db).privateProfile.get(ctx.member.name))?.language,
		list: (filter?: pq.PeopleFilter) => pq.listPeople(ctx, filter),
		person: (username: string) => pq.personPage(ctx, username),
		requestMentorship: (mentor: string, goals: string) => pw.requestMentorship(deps, mentor, goals),
		answerMentorship: (id: string, answer: 'accepted' | 'declined') => pw.answerMentorship(deps, id, answer),
		completeMentorship: (id: string) => pw.completeMentorship(deps, id),
		withdrawMentorship: (id: string) => pw.withdrawMentorship(deps, id),
		mentorships: () => pq.myMentorships(ctx),
		suggestedMentors: (interests: readonly string[]) => pq.suggestedMentors(ctx, interests),
		sendMessage: (to: string, body: string) => pw.sendMessage(deps, to, body),
		conversations: () => pq.conversations(ctx),
		conversation: (peer: string) => pq.conversation(ctx, peer),
		markConversationRead: (peer: string) => pq.markConversationRead(ctx, peer),
		notifications: (limit?: number) => pq.listNotifications(ctx, limit),
		unreadNotifications: () => pq.unreadNotificationCount(ctx),
		markNotificationsRead: (ids?: readonly string[]) => pq.markNotificationsRead(ctx, ids),
		notificationPrefs: () => pq.notificationPrefs(ctx),
		setNotificationPrefs: (prefs: pq.NotificationPrefs) => pq.setNotificationPrefs(ctx, prefs),
		/** What the member follows or mutes (store/following). */
		following: () => fw.myFollowing(ctx),
		saveFollowing: (next: Following) => fw.saveFollowing(deps, next),
		setFollowLevel: (scope: FollowScope, key: string, level: FollowLevel | null) =>
			fw.setFollowLevel(deps, scope, key, level),
		threadFollowLevel: (threadId: string) => fw.threadLevel(ctx, threadId),
		unreadByCategory: () => fw.unreadByCategory(ctx)
	};
}

export type EventsApi = ReturnType<typeof createEventsApi>;
export type PeopleApi = ReturnType<typeof createPeopleApi>;

/** Builds both APIs; the store calls this once when it opens. */
export function attachEventsAndPeople(ctx: StoreContext): { events: EventsApi; people: PeopleApi } {
	return { events: createEventsApi(ctx), people: createPeopleApi(ctx) };
}

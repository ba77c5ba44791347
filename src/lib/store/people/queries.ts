// People queries (wrap in liveQuery): the directory with search, one person's page, the member's
// own profile with per-field visibility, mentorships with derived state and suggested mentors,
// conversations with unread counts, and the notifications inbox with read state and preferences.
import { mentorCapacityOf, rankMentors, type RankedMentor } from '../../domain/mentors';
import type { StoreContext } from '../context';
import { canSee, visibilityOf } from '../../domain/moderation';
import { decisionsOn } from '../moderation/queries';
import { REMINDER_TABLES, adoptionReminders } from '../adoptions/queries';
import type { ProfileRow, ThreadRow } from '../types';
import { libraryTables, type ResourceDocRow } from '../library/tables';
import { eventsOf } from '../events/queries';
import {
	eventsTables,
	NOTIFICATION_KINDS,
	type EventRow,
	type MessageRow,
	type NotificationKind,
	type NotificationRow
} from '../events/tables';
import { myFollowing, withoutMuted } from '../following';
import {
	mentorAvailability,
	mentorshipState,
	answerIdOf,
	type MentorAvailability,
	type MentorshipState
} from './mentorship';
import { messagesWithHub, type HubPath } from './hub-mail';
import { OPTIONAL_PROFILE_FIELDS, type ProfileForm, type Visibility, type OptionalProfileField } from './writes';

export interface PeopleFilter {
	q?: string;
	organization?: string;
	jurisdiction?: string;
	role?: string;
	expertise?: string;
	mentorsOnly?: boolean;
}

const has = (value: string | undefined, needle: string): boolean => (value ?? '').toLowerCase().includes(needle);

export async function listPeople(ctx: StoreContext, filter: PeopleFilter = {}): Promise<ProfileRow[]> {
	const q = filter.q?.trim().toLowerCase() ?? '';
	const rows = await ctx.db.profiles.toArray();
	return rows
		.filter((p) => {
			if (p.former) return false; // a deleted account is no one to find
			const text = [p.username, p.displayName, p.organization, p.jurisdiction, p.role, ...(p.expertise ?? [])]
				.join(' ')
				.toLowerCase();
			return (
				(!q || text.includes(q)) &&
				(!filter.organization || has(p.organization, filter.organization.toLowerCase())) &&
				(!filter.jurisdiction || has(p.jurisdiction, filter.jurisdiction.toLowerCase())) &&
				(!filter.role || has(p.role, filter.role.toLowerCase())) &&
				(!filter.expertise || (p.expertise ?? []).includes(filter.expertise.toLowerCase())) &&
				(!filter.mentorsOnly || p.mentor === true)
			);
		})
		.sort((a, b) => a.displayName.localeCompare(b.displayName));
}

export interface PersonPage {
	profile: ProfileRow | undefined;
	threads: ThreadRow[];
	resources: ResourceDocRow[];
	events: EventRow[];
	/** Their load as a mentor, when they are open to mentoring. */
	mentoring: MentorAvailability | null;
}

export async function personPage(ctx: StoreContext, username: string): Promise<PersonPage> {
	const [profile, threads, resources, events] = await Promise.all([
		ctx.db.profiles.get(username),
		ctx.db.threads
			.where('author')
			.equals(username)
			.filter((t) => t.deleted === 0)
			.toArray(),
		libraryTables(ctx.db)
			.resources.where('author')
			.equals(username)
			.filter((r) => r.status === 'published')
			.toArray(),
		eventsOf(ctx, username)
	]);
	threads.sort((a, b) => (a.lastActivity < b.lastActivity ? 1 : -1));
	const mentoring = profile?.mentor ? await mentorAvailability(ctx, username) : null;
	return { profile, threads: threads.slice(0, 20), resources, events, mentoring };
}

/** The member's own profile as the edit form shows it (shared + "only me" fields). */
export async function myProfile(ctx: StoreContext): Promise<Required<Pick<ProfileForm, 'visibility'>> & ProfileForm> {
	const me = ctx.member.name;
	const [shared, hidden] = await Promise.all([ctx.db.profiles.get(me), eventsTables(ctx.db).privateProfile.get(me)]);
	const form: ProfileForm & { visibility: Partial<Record<OptionalProfileField, Visibility>> } = {
		displayName: shared?.displayName ?? ctx.member.displayName,
		mentor: shared?.mentor ?? false,
		...(shared?.mentorCapacity !== undefined ? { mentorCapacity: shared.mentorCapacity } : {}),
		visibility: {}
	};
	for (const field of OPTIONAL_PROFILE_FIELDS) {
		const hiddenValue = hidden?.[field];
		const value = hiddenValue ?? shared?.[field];
		if (value !== undefined) (form as unknown as Record<string, unknown>)[field] = value;
		form.visibility[field] = hiddenValue !== undefined ? 'me' : 'members';
	}
	return form;
}

export interface MentorshipView {
	id: string;
	mentee: string;
	mentor: string;
	goals: string;
	createdAt: string;
	state: MentorshipState;
	pending: boolean;
}

export async function myMentorships(
	ctx: StoreContext
): Promise<{ asMentee: MentorshipView[]; asMentor: MentorshipView[] }> {
	const t = eventsTables(ctx.db);
	const me = ctx.member.name;
	const [asMentee, asMentor] = await Promise.all([
		t.mentorships.where('author').equals(me).toArray(),
		t.mentorships.where('mentor').equals(me).toArray()
	]);
	const all = [...asMentee, ...asMentor];
	const [answers, outbox] = await Promise.all([
		t.mentorAnswers.bulkGet(all.map((m) => answerIdOf(m.id))),
		ctx.db.outbox.bulkGet(all.map((m) => m.id))
	]);
	const views = all.map((m, i) => ({
		id: m.id,
		mentee: m.author,
		mentor: m.mentor,
		goals: m.goals,
		createdAt: m.createdAt,
		state: mentorshipState(m, answers[i]),
		pending: outbox[i] !== undefined
	}));
	const newest = (a: MentorshipView, b: MentorshipView) => (a.createdAt < b.createdAt ? 1 : -1);
	return {
		asMentee: views.filter((v) => v.mentee === me).sort(newest),
		asMentor: views.filter((v) => v.mentor === me).sort(newest)
	};
}

export async function suggestedMentors(
	ctx: StoreContext,
	interests: readonly string[]
): Promise<Array<RankedMentor & { displayName: string }>> {
	const t = eventsTables(ctx.db);
	const [profiles, mentorships, answers] = await Promise.all([
		ctx.db.profiles.filter((p) => p.mentor === true).toArray(),
		t.mentorships.toArray(),
		t.mentorAnswers.toArray()
	]);
	const byId = new Map(answers.map((a) => [a.mentorship, a]));
	const load = new Map<string, number>();
	for (const m of mentorships)
		if (mentorshipState(m, byId.get(m.id)) === 'active') load.set(m.mentor, (load.get(m.mentor) ?? 0) + 1);
	const candidates = profiles.map((p) => ({
		username: p.username,
		expertise: p.expertise ?? [],
		mentor: true,
		activeMentees: load.get(p.username) ?? 0,
		capacity: mentorCapacityOf(p)
	}));
	const names = new Map(profiles.map((p) => [p.username, p.displayName]));
	return rankMentors(ctx.member.name, interests, candidates).map((r) => ({
		...r,
		displayName: names.get(r.username) ?? r.username
	}));
}

// ---- messages ----

const READ_PREFIX = 'read:';

async function readIds(ctx: StoreContext, ids: string[]): Promise<Set<string>> {
	const rows = await eventsTables(ctx.db).eventsDevice.bulkGet(ids.map((id) => READ_PREFIX + id));
	return new Set(ids.filter((_, i) => rows[i] !== undefined));
}

async function markRead(ctx: StoreContext, ids: string[]): Promise<void> {
	if (ids.length)
		await eventsTables(ctx.db).eventsDevice.bulkPut(ids.map((id) => ({ key: READ_PREFIX + id, value: ctx.now() })));
}

export interface ConversationView {
	peer: string;
	last: MessageRow;
	unread: number;
}

export async function conversations(ctx: StoreContext): Promise<ConversationView[]> {
	const all = await messagesWithHub(ctx, await eventsTables(ctx.db).messages.orderBy('createdAt').toArray());
	const incoming = all.filter((m) => m.from !== ctx.member.name);
	const read = await readIds(
		ctx,
		incoming.map((m) => m.id)
	);
	const byPeer = new Map<string, ConversationView>();
	for (const m of all) {
		const view = byPeer.get(m.peer) ?? { peer: m.peer, last: m, unread: 0 };
		view.last = m;
		if (m.from !== ctx.member.name && !read.has(m.id)) view.unread += 1;
		byPeer.set(m.peer, view);
	}
	return [...byPeer.values()].sort((a, b) => (a.last.createdAt < b.last.createdAt ? 1 : -1));
}

/** The messages exchanged with `peer`, oldest first, with those that came through a meetup hub. */
async function messagesWith(ctx: StoreContext, peer: string): Promise<Array<MessageRow & { hub: HubPath }>> {
	const rows = await eventsTables(ctx.db)
		.messages.where('[peer+createdAt]')
		.between([peer, ''], [peer, '\uffff'])
		.toArray();
	return messagesWithHub(ctx, rows, peer);
}

/**
 * The conversation, oldest first: `pending` while a message of mine has not reached the central
 * server; `hub` when a message came through a meetup hub ('received'), or a pending one of mine
 * was handed to its recipient by one ('delivered').
 */
export async function conversation(
	ctx: StoreContext,
	peer: string
): Promise<Array<MessageRow & { pending: boolean; hub: HubPath }>> {
	const rows = await messagesWith(ctx, peer);
	const outbox = await ctx.db.outbox.bulkGet(rows.map((r) => r.id));
	return rows.map((r, i) => ({ ...r, pending: outbox[i] !== undefined }));
}

/**
 * Marks the conversation's incoming messages read, in one read-write transaction: the page calls
 * this as it opens the conversation, and a mark still in flight is lost if the page goes away
 * (a reload) before it commits, so it reads and writes in one go instead of four in a row.
 */
export async function markConversationRead(ctx: StoreContext, peer: string): Promise<void> {
	const t = eventsTables(ctx.db);
	await ctx.db.transaction('rw', [t.messages, t.eventsDevice, ctx.db.table('hubMail')], async () => {
		const rows = await messagesWith(ctx, peer);
		// the messages, and their notifications (`message:{message id}`, see notify.ts)
		const incoming = rows.filter((m) => m.from !== ctx.member.name).flatMap((m) => [m.id, `message:${m.id}`]);
		const read = await readIds(ctx, incoming);
		await markRead(
			ctx,
			incoming.filter((id) => !read.has(id))
		);
	});
}

// ---- notifications ----

const PREFS_KEY = 'notification-prefs';
export type NotificationPrefs = Record<NotificationKind, boolean>;

export async function notificationPrefs(ctx: StoreContext): Promise<NotificationPrefs> {
	const stored = (await eventsTables(ctx.db).eventsDevice.get(PREFS_KEY))?.value as
		Partial<NotificationPrefs> | undefined;
	return Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, stored?.[k] ?? true])) as NotificationPrefs;
}

export async function setNotificationPrefs(ctx: StoreContext, prefs: NotificationPrefs): Promise<void> {
	await eventsTables(ctx.db).eventsDevice.put({ key: PREFS_KEY, value: { ...prefs } });
}

/**
 * The notifications derived from documents (the table the feed followers fill) and those derived
 * from the clock, which no new document announces: reminders to report an adoption's results
 * (adoptions/queries.ts), read from the adoptions table so they go once results are reported.
 */
async function storedAndDerived(ctx: StoreContext): Promise<NotificationRow[]> {
	const stored = await eventsTables(ctx.db).notifications.toArray();
	// a thread muted after its notifications were derived says nothing more
	return [...withoutMuted(await myFollowing(ctx), stored), ...(await adoptionReminders(ctx))];
}

export async function listNotifications(
	ctx: StoreContext,
	limit = 100
): Promise<Array<NotificationRow & { read: boolean }>> {
	const prefs = await notificationPrefs(ctx);
	const rows = (await storedAndDerived(ctx))
		.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
		.filter((n) => prefs[n.kind])
		.slice(0, limit);
	const read = await readIds(
		ctx,
		rows.map((r) => r.id)
	);
	const masked = await maskHidden(ctx, rows);
	return masked.map((r) => ({ ...r, read: read.has(r.id) }));
}

const THREAD_HREF = /^\/forums\/t\/([0-9A-HJKMNP-TV-Z]{26})/;

/**
 * A notification's words quote what it is about (a reply's thread title, an excerpt): when
 * moderators hid that item, or the thread it is in, members who may not see it ("Hidden by
 * moderators") read only that something was hidden.
 */
async function maskHidden(ctx: StoreContext, rows: NotificationRow[]): Promise<NotificationRow[]> {
	const threadOf = (row: NotificationRow): string | null => {
		const m = THREAD_HREF.exec(row.href);
		return m ? `thread:${m[1]}` : null;
	};
	const threadIds = [...new Set(rows.flatMap((row) => threadOf(row) ?? []))];
	const decisions = await decisionsOn(ctx, [...rows.map((row) => row.source), ...threadIds]);
	if (decisions.size === 0) return rows;
	const threads = await ctx.db.threads.bulkGet(threadIds.filter((id) => decisions.has(id)));
	const threadAuthors = new Map(threads.flatMap((t) => (t ? [[t.id, t.author] as const] : [])));
	const { name, roles } = ctx.member;
	const hiddenFromMe = (target: string | null, author: string | undefined): boolean => {
		const decision = target ? decisions.get(target) : undefined;
		return decision !== undefined && !canSee(visibilityOf(author ?? '', name, roles, decision));
	};
	return rows.map((row) => {
		const thread = threadOf(row);
		// the message too: its parameters quote what was hidden
		if (hiddenFromMe(row.source, row.actor))
			return { ...row, text: 'wrote something moderators hid', message: { key: 'hidden.item', params: {} } };
		if (thread !== null && thread !== row.source && hiddenFromMe(thread, threadAuthors.get(thread)))
			return { ...row, text: 'wrote in a thread moderators hid', message: { key: 'hidden.thread', params: {} } };
		return row;
	});
}

export async function unreadNotificationCount(ctx: StoreContext): Promise<number> {
	const prefs = await notificationPrefs(ctx);
	const rows = (await storedAndDerived(ctx)).filter((n) => prefs[n.kind]);
	const read = await readIds(
		ctx,
		rows.map((r) => r.id)
	);
	return rows.length - read.size;
}

/** Marks notifications read (all when `ids` is not given), in one read-write transaction. */
export async function markNotificationsRead(ctx: StoreContext, ids?: readonly string[]): Promise<void> {
	const t = eventsTables(ctx.db);
	// the reminders are read in the same transaction: the tables they read are in its scope
	await ctx.db.transaction('rw', [t.notifications, t.eventsDevice, ...REMINDER_TABLES], async () => {
		const reminders = ids ? [] : (await adoptionReminders(ctx)).map((r) => r.id);
		const all = ids ?? [...(await t.notifications.toCollection().primaryKeys()), ...reminders];
		const list = all.map(String);
		const read = await readIds(ctx, list);
		await markRead(
			ctx,
			list.filter((id) => !read.has(id))
		);
	});
}

// Notifications derived from synced documents, on the device (and by the server for email digests) (never stored on the server, so
// none is lost while offline: whatever arrives later is derived when it arrives). Each source
// document yields at most a few rows with stable ids, so re-deriving is harmless.
//   reply       a post in your thread, or replying to your post; your reply accepted as the answer
//   mention     @you in a thread or post
//   review      a reviewer's decision on your resource or success story
//   mentorship  a request to you, or the mentor's answer to your request
//   message     a direct message to you
//   event       a change to an event you answered going or maybe to; a change of your place at
//               an event that you did not make yourself (promoted, moved to the waiting list);
//               to organisers, every change of a member's place at their event
//   recognition a new badge level or level you reached (store/recognition: `recognition:badge:{key}:{level}`,
//               `recognition:level:{key}`)
//   challenge   the winners of a challenge are announced and your entry won a place
//   adoption    time to report results of an adoption you recorded (derived when the inbox is
//               read, from the clock: src/lib/domain/adoptions.ts, never from a new document)
//   suggestion  a moderator set the status of your suggestion and answered it (one per change:
//               src/lib/domain/suggestions.ts)
//   survey      a new survey, not closed yet, that asks you (your profile's region, an event
//               you went to or said you were going to)
//   following   a new reply in a thread you watch, a new thread in a category or under a tag you
//               watch (domain/following.ts; a thread you muted notifies nothing, not even replies)

import { attendanceId, profileId } from './ids';
import { suggestionNotification } from './suggestions';
import { isInAudience, surveyState } from './surveys';
import type { SurveyAudience } from './schemas';
import { levelOf, NO_FOLLOWING, threadMuted, type Following } from './following';

export const NOTIFICATION_KINDS = [
	'reply',
	'mention',
	'review',
	'mentorship',
	'message',
	'event',
	'recognition',
	'challenge',
	'adoption',
	'suggestion',
	'survey',
	'following'
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * A notification's sentence as data, for the interface to say in the member's language: a key
 * under the `notifications:row.` namespace (or a whole key with its namespace, `following:row.reply`) and its parameters (titles and excerpts as members
 * wrote them). Plain data, so the domain and the server stay free of the interface's strings.
 */
export interface NotificationMessage {
	key: string;
	params: Record<string, string | number>;
}

/** One notification as the inbox lists it (and as email digests do). */
export interface NotificationRow {
	/** `{kind}:{source doc id}` (an event change adds `@{updatedAt}`, a place change `@{changedAt}`) */
	id: string;
	kind: NotificationKind;
	at: string;
	/** who caused it */
	actor: string;
	/** the sentence in English, after the actor's name (email digests, and rows stored before `message`) */
	text: string;
	/** the same sentence as data; absent from rows stored before it existed */
	message?: NotificationMessage;
	href: string;
	/** the document it was derived from (its deletion removes the notification) */
	source: string;
}

type Doc = Record<string, unknown>;

/** The actor of notifications no member caused (the server gave or moved a place): shown without a name. */
export const SYSTEM_ACTOR = '\0praxis';

export interface NotifyLookup {
	/** A community document by id (null when absent or deleted). */
	get(id: string): Promise<Doc | null>;
	/** My RSVP status for an event id, if any. */
	myRsvp(eventId: string): Promise<string | null>;
	/** The clock (ISO 8601): a survey that already closed notifies no one. The real clock when absent. */
	now?(): string;
	/** What the member follows or mutes (their `following` document); nothing when absent. */
	following?(): Promise<Following>;
}

const MENTION = /(^|[^\w@/.-])@([a-z0-9_-]{3,32})\b/g;

/** Usernames mentioned as @name in Markdown text (code spans and blocks are skipped). */
export function mentionsIn(text: string): Set<string> {
	const plain = text.replace(/```[\s\S]*?```/g, ' ').replace(/`[^`]*`/g, ' ');
	const names = new Set<string>();
	for (const match of plain.matchAll(MENTION)) names.add(match[2]);
	return names;
}

/** A reviewer's verdict in words: "approved and published your guide “…”". */
const VERDICTS: Record<string, string> = {
	approve: 'approved and published',
	changes: 'asked for changes to',
	reject: 'did not accept'
};

/** A message key and its parameters (kept short at the call sites). */
export const msg = (key: string, params: Record<string, string | number> = {}): NotificationMessage => ({
	key,
	params
});

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const ulidOf = (id: string): string => id.slice(id.indexOf(':') + 1);
const excerpt = (text: string, max = 80): string => {
	const flat = text.replace(/\s+/g, ' ').trim();
	return flat.length > max ? flat.slice(0, max - 1) + '…' : flat;
};

export async function notificationsFor(doc: Doc, me: string, lookup: NotifyLookup): Promise<NotificationRow[]> {
	const id = str(doc._id);
	const author = str(doc.author);
	const at = str(doc.updatedAt) || str(doc.createdAt);
	const row: RowOf = (kind, text, message, href, suffix = '') => ({
		id: `${kind}:${id}${suffix}`,
		kind,
		at,
		actor: author,
		text,
		message,
		href,
		source: id
	});
	if (doc.type === 'message') {
		const body = excerpt(str(doc.body));
		return doc.to === me && author !== me
			? [row('message', body, msg('message', { excerpt: body }), `/messages/${author}`)]
			: [];
	}
	if (doc.type === 'place') return placeNotifications(doc, me, lookup);
	// before the author check: the author of a suggestion is who hears of the moderators' answer
	if (doc.type === 'suggestion') {
		const answered = suggestionNotification(doc, me);
		return answered ? [answered] : [];
	}
	// before the author check: the thread's author is who usually accepts another member's reply
	if (doc.type === 'thread' && doc.answer && doc.answeredBy !== me) {
		const accepted = await answerNotification(doc, me, lookup);
		if (accepted) return [accepted, ...(author === me ? [] : threadMentions(doc, me, row))];
	}
	if (author === me) return [];
	switch (doc.type) {
		case 'post':
			return postNotifications(doc, me, lookup, row);
		case 'thread': {
			const following = (await lookup.following?.()) ?? NO_FOLLOWING;
			if (threadMuted(following, id)) return [];
			const mentioned = threadMentions(doc, me, row);
			return mentioned.length ? mentioned : newThreadNotification(doc, me, following, lookup, row);
		}
		case 'review': {
			const resource = await lookup.get(str(doc.resource));
			if (!resource || resource.author !== me) return [];
			const story = resource.type === 'story';
			const verdict = str(doc.verdict) in VERDICTS ? str(doc.verdict) : 'other';
			const decision = VERDICTS[verdict] ?? 'reviewed';
			const title = excerpt(str(resource.title));
			return [
				row(
					'review',
					`${decision} your ${story ? 'story' : 'resource'} “${title}”`,
					msg(`review.${verdict}.${story ? 'story' : 'resource'}`, { title }),
					`/${story ? 'stories' : 'library'}/${ulidOf(str(doc.resource))}`
				)
			];
		}
		case 'mentorship':
			return doc.mentor === me
				? [
						row(
							'mentorship',
							`asked you for mentorship: ${excerpt(str(doc.goals))}`,
							msg('mentorship.request', { goals: excerpt(str(doc.goals)) }),
							'/mentorship'
						)
					]
				: [];
		case 'mentorship-answer': {
			const request = await lookup.get(str(doc.mentorship));
			if (!request || request.author !== me || request.mentor !== author) return [];
			const answer = str(doc.answer);
			return [
				row(
					'mentorship',
					`${answer} your mentorship request`,
					msg(`mentorship.${answer}`, { answer }),
					'/mentorship',
					`@${answer}`
				)
			];
		}
		case 'event': {
			if (!doc.updatedAt) return [];
			const status = await lookup.myRsvp(id);
			if (status !== 'going' && status !== 'maybe') return [];
			const what = doc.cancelled ? 'cancelled' : 'changed';
			const title = excerpt(str(doc.title));
			return [
				row(
					'event',
					`${what} “${title}”`,
					msg(`event.${what}`, { title }),
					`/events/${ulidOf(id)}`,
					`@${str(doc.updatedAt)}`
				)
			];
		}
		case 'challenge':
			return challengeNotifications(doc, me, lookup, row);
		case 'survey':
			return surveyNotifications(doc, me, lookup);
		default:
			return [];
	}
}

/**
 * A survey that asks me and has not closed: one row per survey (its id has no suffix, so a
 * moderator's later change notifies nobody again). Shown without a name: the survey speaks.
 */
async function surveyNotifications(doc: Doc, me: string, lookup: NotifyLookup): Promise<NotificationRow[]> {
	const opensAt = str(doc.opensAt);
	const closesAt = str(doc.closesAt);
	const audience = doc.audience as SurveyAudience | undefined;
	if (!opensAt || !closesAt || !audience) return [];
	const now = lookup.now?.() ?? new Date().toISOString();
	if (surveyState({ opensAt, closesAt }, now) === 'closed') return [];
	const events = new Set<string>();
	if (audience.kind === 'event') {
		const attended = await lookup.get(attendanceId(audience.event, me));
		if ((await lookup.myRsvp(audience.event)) === 'going' || attended?.attended === true) events.add(audience.event);
	}
	const region = audience.kind === 'region' ? str((await lookup.get(profileId(me)))?.region) : '';
	if (!isInAudience(audience, { ...(region ? { region } : {}), events })) return [];
	const id = str(doc._id);
	return [
		{
			id: `survey:${id}`,
			kind: 'survey',
			at: str(doc.createdAt),
			actor: SYSTEM_ACTOR,
			text: `New survey: ${excerpt(str(doc.title))}`,
			message: msg('survey.new', { title: excerpt(str(doc.title)) }),
			href: `/surveys/${ulidOf(id)}`,
			source: id
		}
	];
}

/**
 * Winners announced: each entrant whose entry won a place hears of it. The lookup reads documents
 * by id only, so entrants who did not win learn it on the challenge's page.
 */
async function challengeNotifications(
	doc: Doc,
	me: string,
	lookup: NotifyLookup,
	row: RowOf
): Promise<NotificationRow[]> {
	const announcedAt = str(doc.announcedAt);
	if (!announcedAt || !Array.isArray(doc.winners)) return [];
	const title = excerpt(str(doc.title));
	for (const winner of doc.winners as { entry?: unknown; place?: unknown }[]) {
		const entry = await lookup.get(str(winner.entry));
		if (!entry || entry.author !== me) continue;
		const place = Number(winner.place);
		const text = `announced the winners of “${title}”: your entry won place ${place}`;
		return [
			row(
				'challenge',
				text,
				msg('challenge.won', { title, place }),
				`/challenges/${ulidOf(str(doc._id))}`,
				`@${announcedAt}`
			)
		];
	}
	return [];
}

type RowOf = (
	kind: NotificationRow['kind'],
	text: string,
	message: NotificationMessage,
	href: string,
	suffix?: string
) => NotificationRow;

function threadMentions(doc: Doc, me: string, row: RowOf): NotificationRow[] {
	const title = excerpt(str(doc.title));
	return mentionsIn(str(doc.body)).has(me)
		? [row('mention', `mentioned you in “${title}”`, msg('mention', { title }), `/forums/t/${ulidOf(str(doc._id))}`)]
		: [];
}

/** My reply accepted as the thread's answer: one row per answer chosen (its id carries the post). */
async function answerNotification(doc: Doc, me: string, lookup: NotifyLookup): Promise<NotificationRow | null> {
	const postId = str(doc.answer);
	const post = await lookup.get(postId);
	if (!post || post.author !== me || post.thread !== doc._id) return null;
	const id = str(doc._id);
	return {
		id: `reply:${id}@${postId}`,
		kind: 'reply',
		at: str(doc.answeredAt) || str(doc.updatedAt) || str(doc.createdAt),
		actor: str(doc.answeredBy),
		text: `accepted your reply as the answer in “${excerpt(str(doc.title))}”`,
		message: msg('reply.accepted', { title: excerpt(str(doc.title)) }),
		href: `/forums/t/${ulidOf(id)}#${ulidOf(postId)}`,
		source: id
	};
}

/** The facts a level is resolved from (domain/following.ts). */
const threadFacts = (thread: Doc) => ({
	id: str(thread._id),
	category: str(thread.category),
	tags: Array.isArray(thread.tags) ? thread.tags.filter((t): t is string => typeof t === 'string') : [],
	author: str(thread.author)
});

/** A new thread in a category or under a tag the member watches: "started “title” in Category". */
async function newThreadNotification(
	doc: Doc,
	me: string,
	following: Following,
	lookup: NotifyLookup,
	row: RowOf
): Promise<NotificationRow[]> {
	if (levelOf(following, threadFacts(doc), me) !== 'watching') return [];
	const title = excerpt(str(doc.title));
	const slug = str(doc.category);
	const category = str((await lookup.get(`category:${slug}`))?.name) || slug;
	return [
		row(
			'following',
			`started “${title}” in ${category}`,
			msg('following:row.thread', { title, category }),
			`/forums/t/${ulidOf(str(doc._id))}`
		)
	];
}

async function postNotifications(doc: Doc, me: string, lookup: NotifyLookup, row: RowOf): Promise<NotificationRow[]> {
	const threadId = str(doc.thread);
	const following = (await lookup.following?.()) ?? NO_FOLLOWING;
	if (threadMuted(following, threadId)) return [];
	const thread = await lookup.get(threadId);
	const href = `/forums/t/${ulidOf(threadId)}#${ulidOf(str(doc._id))}`;
	const titled = excerpt(str(thread?.title));
	const title = titled || 'a thread';
	// a thread not on this device has no title: its own sentence, so "a thread" is translated too
	const params: Record<string, string> = titled ? { title } : {};
	const untitled = titled ? '' : 'Untitled';
	const out: NotificationRow[] = [];
	const parent = doc.replyTo ? await lookup.get(str(doc.replyTo)) : null;
	const mentioned = mentionsIn(str(doc.body)).has(me);
	// one notice per post: a reply that also names me says both
	if (thread?.author === me || parent?.author === me)
		out.push(
			row(
				'reply',
				`replied in “${title}”${mentioned ? ' and mentioned you' : ''}`,
				msg(`reply.${mentioned ? 'repliedMentioned' : 'replied'}${untitled}`, params),
				href
			)
		);
	else if (mentioned) out.push(row('mention', `mentioned you in “${title}”`, msg(`mention${untitled}`, params), href));
	else if (thread && levelOf(following, threadFacts(thread), me) === 'watching')
		out.push(row('following', `posted a new reply in “${title}”`, msg('following:row.reply', { title }), href));
	return out;
}

/** What an organiser reads when `member`'s place at “title” changes from `previous` to `state`. */
function organiserText(state: string, previous: string, title: string): [string, NotificationMessage] | null {
	const said = (key: string, text: string): [string, NotificationMessage] => [text, msg(`place.${key}`, { title })];
	if (state === 'place') return said('got', `got a place at “${title}”`);
	if (state === 'waiting')
		return previous === 'place'
			? said('movedToWaiting', `moved to the waiting list of “${title}”`)
			: said('joinedWaiting', `joined the waiting list of “${title}”`);
	if (previous === 'place') return said('gaveUp', `gave up a place at “${title}”`);
	if (previous === 'waiting') return said('leftWaiting', `left the waiting list of “${title}”`);
	return null;
}

/**
 * A place document the server (re)wrote: its member learns of a change they did not make (a
 * place ↔ the waiting list: someone left, or the organiser changed the number of places; their
 * own answers only ever move them to or from 'none'), and the event's organisers of every change.
 * One row per state change: the id carries `changedAt`, so rewriting the document for a new
 * position on the waiting list notifies nobody again.
 */
async function placeNotifications(doc: Doc, me: string, lookup: NotifyLookup): Promise<NotificationRow[]> {
	const state = str(doc.state);
	const previous = str(doc.previous);
	const member = str(doc.member);
	const changedAt = str(doc.changedAt);
	if (!changedAt || state === previous) return [];
	const event = await lookup.get(str(doc.event));
	if (!event) return [];
	const title = excerpt(str(event.title) || 'an event');
	const id = str(doc._id);
	const row = (actor: string, [text, message]: [string, NotificationMessage]): NotificationRow => ({
		id: `event:${id}@${changedAt}`,
		kind: 'event',
		at: changedAt,
		actor,
		text,
		message,
		href: `/events/${ulidOf(str(doc.event))}`,
		source: id
	});
	if (member === me) {
		const byOthers = (previous === 'place' || previous === 'waiting') && state !== 'none';
		if (!byOthers) return [];
		return [
			row(
				SYSTEM_ACTOR,
				state === 'place'
					? [`You have a place at “${title}” now.`, msg('place.yours', { title })]
					: [`You are now on the waiting list for “${title}”.`, msg('place.yoursWaiting', { title })]
			)
		];
	}
	const organisers = Array.isArray(event.organisers) ? event.organisers : [];
	if (!organisers.includes(me)) return [];
	const said = organiserText(state, previous, title);
	return said ? [row(member, said)] : [];
}

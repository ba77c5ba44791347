// Document ids, usernames and database names: the formats both the client and the server rely on.
import { ulid } from 'ulid';

// The sources are kept apart so that id patterns made of several parts reuse them.
const USERNAME_SOURCE = '[a-z0-9_-]{3,32}';
const ULID_SOURCE = '[0-9A-HJKMNP-TV-Z]{26}';
export const USERNAME_PATTERN = new RegExp(`^${USERNAME_SOURCE}$`);
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
export const ULID_PATTERN = new RegExp(`^${ULID_SOURCE}$`);
/** `attendance:{event ulid}:{username}`. */
export const ATTENDANCE_ID_PATTERN = new RegExp(`^attendance:${ULID_SOURCE}:${USERNAME_SOURCE}$`);
/** A practice others can adopt, and what a challenge takes as an entry: `resource:` or `story:{ulid}`. */
export const PRACTICE_PATTERN = new RegExp(`^(?:resource|story):${ULID_SOURCE}$`);
/** A judge's scores for one entry of a challenge: `judging:{challenge ulid}:{entry id}:{judge}`. */
export const JUDGING_ID_PATTERN = new RegExp(
	`^judging:${ULID_SOURCE}:(?:resource|story):${ULID_SOURCE}:${USERNAME_SOURCE}$`
);
/** What a knowledge-base collection may list: `resource:`, `thread:` or `post:{ulid}`. */
export const COLLECTION_ITEM_PATTERN = new RegExp(`^(resource|thread|post):${ULID_SOURCE}$`);

/** The shared community database every signed-in member reads. */
export const COMMUNITY_DB = 'community';
const USERDB_PREFIX = 'userdb-';

export function newId(): string {
	return ulid();
}

/** `{type}:{id}` as DESIGN.md requires. */
export function docId(type: string, id: string = newId()): string {
	return `${type}:${id}`;
}

/** Splits `{type}:{rest}`; rest may itself contain colons (votes name their target). */
export function parseDocId(id: string): { type: string; rest: string } | null {
	const i = id.indexOf(':');
	if (i <= 0 || i === id.length - 1) return null;
	return { type: id.slice(0, i), rest: id.slice(i + 1) };
}

/** `{type}:{key}`, whether `key` is bare or already an id of that type (`X` or `event:X`). */
export function typedId(type: string, key: string): string {
	return key.startsWith(`${type}:`) ? key : `${type}:${key}`;
}

/** Whether `id` is an id of `type` (`thread:…` for 'thread'). */
export function isIdOf(type: string, id: string): boolean {
	return id.startsWith(`${type}:`);
}

/**
 * The key of an id of `type` (`thread:01H…` → `01H…`, the part a route's address shows); an id
 * without that prefix comes back unchanged, so a bare key is accepted too.
 */
export function idKey(type: string, id: string): string {
	return id.startsWith(`${type}:`) ? id.slice(type.length + 1) : id;
}

/** Every id of `type` (or of `type` and a first key part) in key order, for `allDocs`. */
export function idRange(type: string, within?: string): { startkey: string; endkey: string } {
	const prefix = within === undefined ? `${type}:` : `${type}:${within}:`;
	return { startkey: prefix, endkey: `${prefix}\ufff0` };
}

const PASTED_ITEM = new RegExp(
	`/library/(${ULID_SOURCE})|/forums/t/(${ULID_SOURCE})|^((?:resource|thread|post):${ULID_SOURCE})$`
);

/**
 * The collection item a pasted text names: a resource or thread address (`…/library/{ulid}`,
 * `…/forums/t/{ulid}`) or a resource, thread or post id; null when it names none.
 */
export function pastedCollectionItem(text: string): string | null {
	const m = PASTED_ITEM.exec(text.trim());
	return m?.[1] ? docId('resource', m[1]) : m?.[2] ? docId('thread', m[2]) : (m?.[3] ?? null);
}

/** A forum category: `category:{slug}`. */
export function categoryId(slug: string): string {
	return `category:${slug}`;
}

/** A knowledge-base collection: `collection:{slug}`. */
export function collectionId(slug: string): string {
	return `collection:${slug}`;
}

/** A library file: `file:{ulid}`. */
export function fileId(ulid: string = newId()): string {
	return `file:${ulid}`;
}

/** A device certificate: `device:{ulid}`. */
export function deviceId(ulid: string = newId()): string {
	return `device:${ulid}`;
}

/** The server's revocation of a device certificate: `revocation:{device ulid}`. */
export function revocationId(device: string): string {
	return `revocation:${idKey('device', device)}`;
}

/** The certificate a revocation id names: `revocation:{ulid}` → `device:{ulid}`. */
export function revokedDeviceOf(revocationId: string): string {
	return `device:${idKey('revocation', revocationId)}`;
}

/** A member's private profile fields, in their own database: `profile-private:{username}`. */
export function profilePrivateId(username: string): string {
	return `profile-private:${username}`;
}

/** What a member follows or mutes (categories, tags, threads), in their own database: `following:{username}`. */
export function followingId(username: string): string {
	return `following:${username}`;
}

/** One rating per member and resource: `rating:{resource ulid}:{username}`. */
export function ratingId(resource: string, username: string): string {
	return `rating:${idKey('resource', resource)}:${username}`;
}

/** One use record per member and resource: `use:{resource ulid}:{username}`. */
export function useId(resource: string, username: string): string {
	return `use:${idKey('resource', resource)}:${username}`;
}

export function voteId(target: string, username: string): string {
	return `vote:${target}:${username}`;
}

export function profileId(username: string): string {
	return `profile:${username}`;
}

function toHex(s: string): string {
	return Array.from(new TextEncoder().encode(s), (b) => b.toString(16).padStart(2, '0')).join('');
}

function fromHex(hex: string): string | null {
	if (!/^([0-9a-f]{2})+$/.test(hex)) return null;
	const bytes = new Uint8Array(hex.length / 2);
	for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
	return new TextDecoder().decode(bytes);
}

/** A member's private database, named as CouchDB's couch_peruser names it. */
export function userDbName(username: string): string {
	return USERDB_PREFIX + toHex(username);
}

/** The owner of a private database name, or null when the name is not one. */
export function userDbOwner(dbName: string): string | null {
	if (!dbName.startsWith(USERDB_PREFIX)) return null;
	const name = fromHex(dbName.slice(USERDB_PREFIX.length));
	return name !== null && USERNAME_PATTERN.test(name) ? name : null;
}

export function isValidUsername(name: unknown): name is string {
	return typeof name === 'string' && USERNAME_PATTERN.test(name);
}

/** The attendance an organiser records for a member at an event: `attendance:{event ulid}:{member}`. */
export function attendanceId(eventId: string, member: string): string {
	return `attendance:${idKey('event', eventId)}:${member}`;
}

/** The event an attendance id names (`event:{ulid}`), or null when it is no attendance id. */
export function eventOfAttendanceId(id: string): string | null {
	const [kind, ulid] = id.split(':');
	return kind === 'attendance' && ulid ? `event:${ulid}` : null;
}

/** The mentor's answer to a mentorship request: `mentorship-answer:{mentorship ulid}`. */
export function mentorshipAnswerId(mentorshipId: string): string {
	return `mentorship-answer:${idKey('mentorship', mentorshipId)}`;
}

/** Typed tags as stored: trimmed, lower-case, spaces to hyphens, no duplicates or empties. */
export function normalizeTags(tags: readonly string[]): string[] {
	const out = tags.map((t) => t.trim().toLowerCase().replace(/\s+/g, '-')).filter((t) => t.length > 0);
	return [...new Set(out)];
}

/** One RSVP per member and event: `rsvp:{event ulid}:{username}`. */
export function rsvpId(eventId: string, username: string): string {
	return `rsvp:${idKey('event', eventId)}:${username}`;
}

/** The event an RSVP id names (`event:{ulid}`), or null when it is no RSVP id. */
export function eventOfRsvpId(id: string): string | null {
	const [kind, ulid] = id.split(':');
	return kind === 'rsvp' && ulid ? `event:${ulid}` : null;
}

/** What a member may flag for moderators: a thread, post, resource, event, story or profile. */
export const FLAG_TARGET_PATTERN = new RegExp(
	`^(?:(?:thread|post|resource|event|story):${ULID_SOURCE}|profile:${USERNAME_SOURCE})$`
);

/** One flag per member and item, in the member's private database: `flag:{target id}:{username}`. */
export function flagId(target: string, username: string): string {
	return `flag:${target}:${username}`;
}

/** The target and member a flag id names (`flag:post:01H…:alice`), or null when it is no flag id. */
export function parseFlagId(id: string): { target: string; member: string } | null {
	if (!id.startsWith('flag:')) return null;
	const cut = id.lastIndexOf(':');
	const target = id.slice('flag:'.length, cut);
	const member = id.slice(cut + 1);
	return FLAG_TARGET_PATTERN.test(target) && USERNAME_PATTERN.test(member) ? { target, member } : null;
}

/** Moderators' decisions on one item (hidden, locked, pinned), written by the server: `moderation:{target id}`. */
export function moderationId(target: string): string {
	return `moderation:${target}`;
}

/** The item a moderation id is about (`moderation:thread:01H…` → `thread:01H…`). */
export function targetOfModerationId(id: string): string | null {
	return id.startsWith('moderation:') ? id.slice('moderation:'.length) : null;
}

/**
 * A member's place at an event as the server decided it, in the order it first received the
 * answers (never a device's clock): `place:{event ulid}:{username}`.
 */
export function placeId(eventId: string, username: string): string {
	return `place:${idKey('event', eventId)}:${username}`;
}

/** A judge's scores for one entry of a challenge: `judging:{challenge ulid}:{entry id}:{judge}`. */
export function judgingId(challenge: string, entry: string, judge: string): string {
	return `judging:${idKey('challenge', challenge)}:${entry}:${judge}`;
}

/** The challenge (`challenge:{ulid}`), entry and judge a judging id names, or null when it is none. */
export function parseJudgingId(id: string): { challenge: string; entry: string; judge: string } | null {
	if (!JUDGING_ID_PATTERN.test(id)) return null;
	const [, challenge, type, entry, judge] = id.split(':');
	return { challenge: `challenge:${challenge}`, entry: `${type}:${entry}`, judge };
}

/** What members say was useful or not: a resource, story, event or knowledge-base collection. */
export const FEEDBACK_TARGET_PATTERN = new RegExp(
	`^(?:(?:resource|story|event):${ULID_SOURCE}|collection:[a-z0-9][a-z0-9-]{0,63})$`
);

/** One "Was this useful?" answer per member and item: `feedback:{target id}:{username}`. */
export function feedbackId(target: string, username: string): string {
	return `feedback:${target}:${username}`;
}

/** A member's answers to a survey, in their own private database: `survey-answer:{survey ulid}`. */
export function surveyAnswerId(survey: string): string {
	return `survey-answer:${idKey('survey', survey)}`;
}

/** The published aggregate of a survey's answers, written by the server: `survey-results:{survey ulid}`. */
export function surveyResultsId(survey: string): string {
	return `survey-results:${idKey('survey', survey)}`;
}

/** The survey an answer or a results document belongs to: `survey:{ulid}`. */
export function surveyOf(id: string): string | null {
	const match = /^survey-(?:answer|results):([0-9A-HJKMNP-TV-Z]{26})$/.exec(id);
	return match ? `survey:${match[1]}` : null;
}

/** The impact figures the server published for a period (`impact:12m`): see domain/impact.ts. */
export function impactId(period: string): string {
	return `impact:${period}`;
}

/**
 * An address-friendly slug of a title (SLUG_PATTERN): accents dropped ("Économie" → "economie"),
 * other characters turned into hyphens; `fallback` when nothing is left (a title in another script).
 */
export function slugOf(title: string, fallback: string, maxChars = 64): string {
	const slug = title
		.normalize('NFKD')
		.replace(/\p{M}+/gu, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+/, '')
		.slice(0, maxChars)
		.replace(/-+$/, '');
	return slug || fallback;
}

/** `base`, or `base-2`, `base-3`… : the first slug not in `taken`. */
export function freeSlug(base: string, taken: ReadonlySet<string>, maxChars = 64): string {
	if (!taken.has(base)) return base;
	for (let n = 2; ; n++) {
		const suffix = `-${n}`;
		const candidate = `${base.slice(0, maxChars - suffix.length).replace(/-+$/, '')}${suffix}`;
		if (!taken.has(candidate)) return candidate;
	}
}

// Document ids, usernames and database names: the formats both the client and the server rely on.
import { ulid } from 'ulid';

export const USERNAME_PATTERN = /^[a-z0-9_-]{3,32}$/;
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
export const ULID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;

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
	return `attendance:${eventId.replace(/^event:/, '')}:${member}`;
}

/** The event an attendance id names (`event:{ulid}`), or null when it is no attendance id. */
export function eventOfAttendanceId(id: string): string | null {
	const [kind, ulid] = id.split(':');
	return kind === 'attendance' && ulid ? `event:${ulid}` : null;
}

/** The mentor's answer to a mentorship request: `mentorship-answer:{mentorship ulid}`. */
export function mentorshipAnswerId(mentorshipId: string): string {
	return `mentorship-answer:${mentorshipId.replace(/^mentorship:/, '')}`;
}

/** Typed tags as stored: trimmed, lower-case, spaces to hyphens, no duplicates or empties. */
export function normalizeTags(tags: readonly string[]): string[] {
	const out = tags.map((t) => t.trim().toLowerCase().replace(/\s+/g, '-')).filter((t) => t.length > 0);
	return [...new Set(out)];
}

/** One RSVP per member and event: `rsvp:{event ulid}:{username}`. */
export function rsvpId(eventId: string, username: string): string {
	return `rsvp:${eventId.replace(/^event:/, '')}:${username}`;
}

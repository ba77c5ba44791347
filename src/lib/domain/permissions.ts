// Who may write what: the authorization rules of DESIGN.md as pure functions.
// The server enforces them on every pushed document; the client uses them to show or hide actions.
import {
	attendanceId,
	eventOfAttendanceId,
	isIdOf,
	mentorshipAnswerId,
	profileId,
	ratingId,
	rsvpId,
	useId,
	voteId
} from './ids';
import { SERVER_ONLY_TYPES, type Role } from './schemas';

export interface Actor {
	name: string;
	roles: readonly Role[];
}

/** The fields authorization looks at; documents are checked against their schema separately. */
export interface DocFacts {
	_id: string;
	type?: unknown;
	author?: unknown;
	status?: unknown;
	target?: unknown;
	event?: unknown;
	official?: unknown;
	organisers?: unknown;
	resource?: unknown;
	mentor?: unknown;
	mentorship?: unknown;
	member?: unknown;
	coauthors?: unknown;
	practice?: unknown;
	challenge?: unknown;
	judges?: unknown;
	response?: unknown;
	_deleted?: boolean;
}

/** Whether a document has what DocFacts promises: a string `_id`, and `_deleted` a boolean when set. */
export function isDocFacts(doc: Readonly<Record<string, unknown>>): doc is Record<string, unknown> & DocFacts {
	return typeof doc._id === 'string' && (doc._deleted === undefined || typeof doc._deleted === 'boolean');
}

export type Decision = { ok: true } | { ok: false; reason: string };

const allow: Decision = { ok: true };
const deny = (reason: string): Decision => ({ ok: false, reason });

/** Admins hold every role. */
export function hasRole(actor: Actor, role: Role): boolean {
	return actor.roles.includes(role) || actor.roles.includes('admin');
}

export function isModerator(actor: Actor): boolean {
	return hasRole(actor, 'moderator');
}

/** Statuses only a reviewer may move a resource into. */
const REVIEWER_STATUSES = new Set(['published', 'returned']);

/** What a reviewed document is called in a refusal: resources and success stories go through review. */
const reviewedKind = (type: unknown): string => (type === 'story' ? 'story' : 'resource');
const selfReview = (type: unknown) => `you cannot review a ${reviewedKind(type)} you wrote: another reviewer must`;
const selfDecision = (type: unknown) =>
	`you cannot publish or return a ${reviewedKind(type)} you wrote: another reviewer must decide`;
/** Document types that go through review: the author submits, another reviewer publishes or returns. */
const REVIEWED_TYPES = new Set(['resource', 'story']);

/** The members who wrote a resource: its author and its co-authors. */
export function writersOf(resource: Pick<DocFacts, 'author' | 'coauthors'>): string[] {
	const coauthors = Array.isArray(resource.coauthors)
		? resource.coauthors.filter((c): c is string => typeof c === 'string')
		: [];
	return typeof resource.author === 'string' ? [resource.author, ...coauthors] : coauthors;
}

/**
 * Whether `name` wrote the resource, in any of the revisions given (the stored one and the new
 * one: dropping oneself from the co-authors while deciding does not make one independent).
 */
export function isWriterOf(name: string, ...revisions: Array<DocFacts | null | undefined>): boolean {
	return revisions.some((r) => r != null && writersOf(r).includes(name));
}

/** Reviewers may review and decide on resources and stories they did not write (the queue and the resource page use it). */
export function mayReview(actor: Actor, resource: DocFacts): boolean {
	return hasRole(actor, 'reviewer') && !isWriterOf(actor.name, resource);
}

/**
 * May `actor` write `next` over `prev` (null when the document is new or was deleted)?
 * `next._deleted` marks a deletion, authorized like a change.
 */
export function authorizeCommunityWrite(actor: Actor, next: DocFacts, prev: DocFacts | null): Decision {
	if (isServerOnly(next, prev))
		return deny(
			'only the server writes device certificates, revocations, moderation decisions, places, survey results and impact figures'
		);
	if (prev && !next._deleted && prev.type !== next.type) return deny('a document cannot change its type');
	if (prev) return authorizeChange(actor, next, prev);
	if (next._deleted) return allow; // deleting what does not exist changes nothing
	return authorizeCreate(actor, next);
}

function authorizeCreate(actor: Actor, doc: DocFacts): Decision {
	if (doc.author !== actor.name) return deny(`author must be the signed-in member (${actor.name})`);
	switch (doc.type) {
		case 'category':
			return isModerator(actor) ? allow : deny('only moderators create categories');
		case 'review':
			return hasRole(actor, 'reviewer') ? allow : deny('only reviewers write reviews');
		case 'resource':
		case 'story':
			// the creator is its author: a new resource or story is a draft or a submission, decided by someone else
			return REVIEWER_STATUSES.has(String(doc.status)) ? deny(selfDecision(doc.type)) : allow;
		case 'challenge':
			return isModerator(actor) ? allow : deny('only moderators set community challenges');
		case 'survey':
			// an event's organiser may survey its attendees (the survey rule checks they organise it)
			return isModerator(actor) || isEventAudience(doc)
				? allow
				: deny("only moderators run surveys (and organisers, for their event's attendees)");
		case 'suggestion':
			return (doc.status !== 'open' || doc.response !== undefined) && !isModerator(actor)
				? deny('a new suggestion is open; moderators set its status and answer it')
				: allow;
		case 'vote':
			return doc._id === voteId(String(doc.target), actor.name)
				? allow
				: deny('a vote id must be vote:{target}:{your username}');
		case 'profile':
			return doc._id === profileId(actor.name) ? allow : deny('members write only their own profile');
		case 'rsvp':
			return doc._id === rsvpId(String(doc.event), actor.name)
				? allow
				: deny('an RSVP id must be rsvp:{event ulid}:{your username}');
		case 'event':
			return doc.official === true && !isModerator(actor) ? deny('only moderators mark events as official') : allow;
		case 'attendance':
			return doc._id === attendanceId(String(doc.event), String(doc.member))
				? allow
				: deny('an attendance id must be attendance:{event ulid}:{member}');
		case 'mentorship':
			return doc.mentor === actor.name ? deny('a member cannot ask themselves for mentorship') : allow;
		case 'mentorship-answer':
			return doc._id === mentorshipAnswerId(String(doc.mentorship))
				? allow
				: deny('an answer id must be mentorship-answer:{mentorship ulid}');
		case 'rating':
			return doc._id === ratingId(String(doc.resource), actor.name)
				? allow
				: deny('a rating id must be rating:{resource ulid}:{your username}');
		case 'use':
			return doc._id === useId(String(doc.resource), actor.name)
				? allow
				: deny('a use id must be use:{resource ulid}:{your username}');
		case 'collection':
			return isCurator(actor) ? allow : deny('only moderators and reviewers curate the knowledge base');
		default:
			return allow;
	}
}

function authorizeChange(actor: Actor, next: DocFacts, prev: DocFacts): Decision {
	// attendance: any organiser of the event may correct it (checked by authorizeRelated)
	// co-authors edit a resource or story with its author (deleting it stays the author's)
	const coWriting = REVIEWED_TYPES.has(String(prev.type)) && !next._deleted && isWriterOf(actor.name, prev);
	const own =
		prev.author === actor.name ||
		coWriting ||
		(prev.type === 'event' && isOrganiser(actor, prev)) ||
		prev.type === 'attendance';
	if (prev.type === 'category' && !isModerator(actor)) return deny('only moderators change categories');
	if (prev.type === 'profile' && !own) return deny('members change only their own profile');
	if (prev.type === 'challenge' && !isModerator(actor)) return deny('only moderators change community challenges');
	if (prev.type === 'survey' && !isModerator(actor) && !(prev.author === actor.name && isEventAudience(next)))
		return deny("only moderators change surveys (and organisers, their event's survey)");
	if (
		prev.type === 'suggestion' &&
		!next._deleted &&
		!isModerator(actor) &&
		(next.status !== prev.status || JSON.stringify(next.response ?? null) !== JSON.stringify(prev.response ?? null))
	)
		return deny('only moderators set the status of a suggestion and answer it');
	const curating = (REVIEWED_TYPES.has(String(prev.type)) || prev.type === 'collection') && hasRole(actor, 'reviewer');
	if (!own && !isModerator(actor) && !curating) {
		return deny('only the author or a moderator may change or delete this document');
	}
	if (next._deleted) return allow;
	if (next.author !== prev.author) return deny('the author of a document cannot change');
	if (prev.type === 'review' && !hasRole(actor, 'reviewer')) return deny('only reviewers change reviews');
	if (prev.type === 'collection' && !isCurator(actor))
		return deny('only moderators and reviewers curate the knowledge base');
	if (REVIEWED_TYPES.has(String(prev.type))) return authorizeResourceStatus(actor, next, prev);
	if (prev.type === 'event' && Boolean(next.official) !== Boolean(prev.official) && !isModerator(actor)) {
		return deny('only moderators mark events as official');
	}
	return allow;
}

function isEventAudience(doc: DocFacts): boolean {
	const audience = (doc as { audience?: unknown }).audience;
	return typeof audience === 'object' && audience !== null && (audience as { kind?: unknown }).kind === 'event';
}

/** Knowledge-base curators: moderators and reviewers (admins hold both). */
export function isCurator(actor: Actor): boolean {
	return isModerator(actor) || hasRole(actor, 'reviewer');
}

function sameMembers(a: unknown, b: unknown): boolean {
	const list = (x: unknown) => (Array.isArray(x) ? [...new Set(x.map(String))].sort().join(' ') : '');
	return list(a) === list(b);
}

function isOrganiser(actor: Actor, doc: DocFacts): boolean {
	return Array.isArray(doc.organisers) && doc.organisers.includes(actor.name);
}

/**
 * Authors draft and submit; reviewers who did not write it publish and return; a published
 * resource changes only through review (a reviewer or moderator who did not write it may correct
 * it in place); only the author (or a moderator) names co-authors.
 */
function authorizeResourceStatus(actor: Actor, next: DocFacts, prev: DocFacts): Decision {
	const writer = isWriterOf(actor.name, prev, next);
	const kind = reviewedKind(prev.type);
	if (!sameMembers(next.coauthors, prev.coauthors) && actor.name !== prev.author && !isModerator(actor))
		return deny(`only the author names the co-authors of a ${kind}`);
	if (REVIEWER_STATUSES.has(String(next.status)) && next.status !== prev.status) {
		if (!hasRole(actor, 'reviewer'))
			return deny(`only reviewers publish or return ${kind === 'story' ? 'stories' : 'resources'}`);
		return writer ? deny(selfDecision(prev.type)) : allow;
	}
	const inPlace = prev.status === 'published' && next.status === 'published';
	// entering a published work in a challenge (or withdrawing it) changes nothing reviewed
	if (inPlace && writer && onlyEntryChanged(next, prev)) return allow;
	if (inPlace && (writer || !isCurator(actor)))
		return deny(`a published ${kind} changes only through review: submit the change instead`);
	return allow;
}

/** Fields a challenge entry changes, besides the revision's own bookkeeping and signature. */
const ENTRY_FIELDS = new Set(['challenge', 'updatedAt', '_rev', '_revisions', '_conflicts', 'signature']);

function onlyEntryChanged(next: DocFacts, prev: DocFacts): boolean {
	if (next.challenge === prev.challenge) return false;
	const a = next as unknown as Record<string, unknown>;
	const b = prev as unknown as Record<string, unknown>;
	const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
	return [...keys].every((k) => ENTRY_FIELDS.has(k) || JSON.stringify(a[k]) === JSON.stringify(b[k]));
}

/** Device certificates and revocations are issued by the server alone: no member writes them. */
function isServerOnly(next: DocFacts, prev: DocFacts | null): boolean {
	return (
		SERVER_ONLY_TYPES.has(String(next.type)) ||
		(prev !== null && SERVER_ONLY_TYPES.has(String(prev.type))) ||
		/^(device|revocation|moderation|place|survey-results|impact):/.test(next._id)
	);
}

// ---- Rules that need one other document ----

/**
 * The id of the document a write's authorization depends on: the event of an attendance
 * record (only its organisers write them), the request a mentorship answer answers (only the
 * mentor it names answers). Null when the write depends on no other document.
 */
export function relatedIdOf(doc: DocFacts): string | null {
	if (doc.type === 'attendance' && typeof doc.event === 'string') return doc.event;
	// a deletion carries no fields: the event is in the id (attendance:{event ulid}:{member})
	if (doc._deleted) {
		const event = eventOfAttendanceId(doc._id);
		if (event) return event;
	}
	if (doc.type === 'mentorship-answer' && typeof doc.mentorship === 'string') return doc.mentorship;
	if (doc.type === 'review' && typeof doc.resource === 'string') return doc.resource;
	if (doc.type === 'adoption' && typeof doc.practice === 'string') return doc.practice;
	if (doc.type === 'judging' && typeof doc.challenge === 'string') return doc.challenge;
	return null;
}

/** Checks a write against the document relatedIdOf names (null when it does not exist). */
export function authorizeRelated(actor: Actor, doc: DocFacts, related: DocFacts | null): Decision {
	if (doc._deleted && isIdOf('attendance', doc._id)) {
		// removed like it is recorded: by the event's organisers (or a moderator, who may remove anything)
		if (isModerator(actor) || (related?.type === 'event' && isOrganiser(actor, related))) return allow;
		return deny('only the organisers of an event or a moderator remove attendance records');
	}
	if (doc._deleted) return allow;
	if (doc.type === 'attendance') {
		if (!related || related.type !== 'event') return deny('attendance needs an existing event');
		return isOrganiser(actor, related) ? allow : deny('only the organisers of an event record attendance');
	}
	if (doc.type === 'mentorship-answer') {
		if (!related || related.type !== 'mentorship') return deny('an answer needs an existing mentorship request');
		return related.mentor === actor.name ? allow : deny('only the mentor asked answers a mentorship request');
	}
	// a review of a resource not known here is judged by its own rules (reviewers write reviews)
	if (doc.type === 'review' && REVIEWED_TYPES.has(String(related?.type)) && isWriterOf(actor.name, related))
		return deny(selfReview(related?.type));
	if (doc.type === 'adoption') {
		if (!related || !REVIEWED_TYPES.has(String(related.type)))
			return deny('an adoption needs an existing resource or story');
		return isWriterOf(actor.name, related)
			? deny('you cannot record an adoption of a practice you wrote: the organisations that adopt it do')
			: allow;
	}
	if (doc.type === 'judging') {
		if (!related || related.type !== 'challenge') return deny('judging needs an existing challenge');
		return Array.isArray(related.judges) && related.judges.includes(actor.name)
			? allow
			: deny('only the judges of a challenge score its entries');
	}
	return allow;
}

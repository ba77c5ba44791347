// Schemas of the community documents (DESIGN.md's table), shared by the client and the server.
// Objects are loose so PouchDB's own fields (_rev, _revisions, _attachments, _conflicts) pass.
import * as v from 'valibot';
import {
	ATTENDANCE_ID_PATTERN,
	COLLECTION_ITEM_PATTERN,
	FEEDBACK_TARGET_PATTERN,
	FLAG_TARGET_PATTERN,
	JUDGING_ID_PATTERN,
	PRACTICE_PATTERN,
	SLUG_PATTERN,
	ULID_PATTERN,
	USERNAME_PATTERN
} from './ids';

export const MAX_BODY_CHARS = 100_000;
export const MAX_TAGS = 10;
export const RESOURCE_KINDS = ['article', 'case-study', 'research-paper', 'template', 'toolkit', 'guide'] as const;
export const RESOURCE_STATUSES = ['draft', 'submitted', 'published', 'returned'] as const;
export const REVIEW_VERDICTS = ['approve', 'changes', 'reject'] as const;
export const ROLES = ['member', 'reviewer', 'moderator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const username = v.pipe(v.string(), v.regex(USERNAME_PATTERN, 'must be a username (3–32 of a-z 0-9 _ -)'));
const instant = v.pipe(v.string(), v.isoTimestamp('must be an ISO 8601 timestamp'));
const text = (max: number, min = 0) =>
	v.pipe(v.string(), v.maxLength(max, `must be at most ${max} characters`), v.minLength(min, 'must not be empty'));
const tag = v.pipe(
	v.string(),
	v.regex(
		/^[\p{Ll}\p{Lo}\p{N}][\p{Ll}\p{Lo}\p{N}-]{0,39}$/u,
		'tags are lower-case words or numbers joined by hyphens, at most 40 characters'
	)
);
const tags = v.pipe(v.array(tag), v.maxLength(MAX_TAGS, `at most ${MAX_TAGS} tags`));
const idOf = (type: string, pattern: RegExp, what: string) =>
	v.pipe(
		v.string(),
		v.check((id) => id.startsWith(`${type}:`) && pattern.test(id.slice(type.length + 1)), `must be ${type}:{${what}}`)
	);
const threadRef = idOf('thread', ULID_PATTERN, 'ulid');
const postRef = idOf('post', ULID_PATTERN, 'ulid');
const resourceRef = idOf('resource', ULID_PATTERN, 'ulid');
const challengeRef = idOf('challenge', ULID_PATTERN, 'ulid');
/** A resource or a success story: what members adopt, what reviewers review, what a challenge takes as an entry. */
const practiceRef = v.pipe(v.string(), v.regex(PRACTICE_PATTERN, 'must be resource:{ulid} or story:{ulid}'));
const anyRef = v.pipe(v.string(), v.regex(/^[a-z-]+:[^\s]{1,200}$/, 'must be a document id'));

const base = <T extends string>(type: T, id: v.GenericSchema<string, string>) => ({
	_id: id,
	type: v.literal(type),
	author: username,
	createdAt: instant,
	updatedAt: v.optional(instant)
});

export const categorySchema = v.looseObject({
	...base('category', idOf('category', SLUG_PATTERN, 'slug')),
	name: text(80, 1),
	description: text(500),
	order: v.pipe(v.number(), v.integer())
});

export const threadSchema = v.looseObject({
	...base('thread', idOf('thread', ULID_PATTERN, 'ulid')),
	category: v.pipe(v.string(), v.regex(SLUG_PATTERN, 'must be a category slug')),
	title: v.pipe(
		v.string(),
		v.trim(),
		v.minLength(1, 'a thread needs a title'),
		v.maxLength(200, 'titles are at most 200 characters')
	),
	body: text(MAX_BODY_CHARS),
	tags,
	/** The reply the thread's author (or a moderator) marked as the answer. */
	answer: v.optional(postRef),
	answeredBy: v.optional(username),
	answeredAt: v.optional(instant)
});

export const postSchema = v.looseObject({
	...base('post', idOf('post', ULID_PATTERN, 'ulid')),
	thread: threadRef,
	body: text(MAX_BODY_CHARS, 1),
	replyTo: v.optional(postRef)
});

const url = v.pipe(v.string(), v.maxLength(2000), v.regex(/^https?:\/\/[^\s]+$/, 'must be an http(s) URL'));
/** A file of a resource: `file:{ulid}` in the library-files database, its name, MIME type and bytes. */
const fileRef = v.object({
	id: idOf('file', ULID_PATTERN, 'ulid'),
	name: text(200, 1),
	type: text(120, 1),
	size: v.pipe(v.number(), v.integer(), v.minValue(0))
});

const outcome = v.object({
	metric: text(120, 1),
	value: text(120, 1),
	unit: v.optional(text(40))
});

export const resourceSchema = v.looseObject({
	...base('resource', idOf('resource', ULID_PATTERN, 'ulid')),
	kind: v.picklist(RESOURCE_KINDS, `kind must be one of ${RESOURCE_KINDS.join(', ')}`),
	title: v.pipe(v.string(), v.trim(), v.minLength(1, 'a resource needs a title'), v.maxLength(200)),
	summary: text(2000),
	body: text(MAX_BODY_CHARS),
	tags,
	status: v.picklist(RESOURCE_STATUSES, `status must be one of ${RESOURCE_STATUSES.join(', ')}`),
	organization: v.optional(text(120)),
	jurisdiction: v.optional(text(120)),
	sector: v.optional(text(120)),
	problem: v.optional(text(20_000)),
	actions: v.optional(text(20_000)),
	outcomes: v.optional(v.pipe(v.array(outcome), v.maxLength(30))),
	lessons: v.optional(text(20_000)),
	contact: v.optional(text(300)),
	// Library: attachments live in the `library-files` database, listed here
	files: v.optional(v.pipe(v.array(fileRef), v.maxLength(20, 'at most 20 files'))),
	links: v.optional(v.pipe(v.array(url), v.maxLength(30, 'at most 30 links'))),
	related: v.optional(v.pipe(v.array(anyRef), v.maxLength(30, 'at most 30 related items'))),
	reviewedBy: v.optional(username),
	reviewedAt: v.optional(instant),
	// members who wrote it with the author: like the author, they may not review or publish it
	coauthors: v.optional(v.pipe(v.array(username), v.maxLength(10, 'at most 10 co-authors'))),
	/** Entered in a community challenge (only while it is open, by the server's clock). */
	challenge: v.optional(challengeRef)
});

/** A reviewer's verdict on a resource or a success story (`resource` names either). */
export const reviewSchema = v.looseObject({
	...base('review', idOf('review', ULID_PATTERN, 'ulid')),
	resource: practiceRef,
	verdict: v.picklist(REVIEW_VERDICTS, `verdict must be one of ${REVIEW_VERDICTS.join(', ')}`),
	comments: text(20_000)
});

export const commentSchema = v.looseObject({
	...base('comment', idOf('comment', ULID_PATTERN, 'ulid')),
	target: anyRef,
	body: text(20_000, 1)
});

export const voteSchema = v.looseObject({
	...base('vote', v.pipe(v.string(), v.startsWith('vote:'))),
	target: anyRef,
	value: v.picklist([1, -1], 'value must be 1 or -1')
});

export const MAX_MENTOR_CAPACITY = 20;
export const MENTOR_CAPACITY_DEFAULT = 3;

export const profileSchema = v.looseObject({
	...base('profile', idOf('profile', USERNAME_PATTERN, 'username')),
	displayName: v.pipe(v.string(), v.trim(), v.minLength(1, 'a display name is required'), v.maxLength(80)),
	organization: v.optional(text(120)),
	jurisdiction: v.optional(text(120)),
	role: v.optional(text(120)),
	expertise: v.optional(v.pipe(v.array(tag), v.maxLength(20, 'at most 20 expertise tags'))),
	bio: v.optional(text(5000)),
	mentor: v.optional(v.boolean()),
	/** How many mentees an open mentor takes at once (MENTOR_CAPACITY_DEFAULT when unset). */
	mentorCapacity: v.optional(
		v.pipe(
			v.number(),
			v.integer('a whole number of mentees'),
			v.minValue(1, 'at least one mentee'),
			v.maxValue(MAX_MENTOR_CAPACITY, `at most ${MAX_MENTOR_CAPACITY} mentees`)
		)
	),
	/** Where and in what field the member works: leaderboards filter by them. */
	region: v.optional(text(120)),
	sector: v.optional(text(120)),
	/** Left out of leaderboards (badges and points stay on the profile). */
	hideFromLeaderboards: v.optional(v.boolean())
});

// ---- Events and people ----
export const EVENT_KINDS = ['webinar', 'workshop', 'meetup', 'conference'] as const;
export const RSVP_STATUSES = ['going', 'maybe', 'not-going'] as const;

const timeZone = v.pipe(
	v.string(),
	v.check((tz) => {
		try {
			new Intl.DateTimeFormat('en', { timeZone: tz });
			return true;
		} catch {
			return false;
		}
	}, 'must be an IANA time zone such as Europe/Paris')
);

export const eventSchema = v.pipe(
	v.looseObject({
		...base('event', idOf('event', ULID_PATTERN, 'ulid')),
		kind: v.picklist(EVENT_KINDS, `kind must be one of ${EVENT_KINDS.join(', ')}`),
		title: v.pipe(v.string(), v.trim(), v.minLength(1, 'an event needs a title'), v.maxLength(200)),
		description: text(MAX_BODY_CHARS),
		start: instant,
		end: instant,
		timeZone,
		location: v.object({
			venue: v.optional(text(200)),
			address: v.optional(text(500)),
			online: v.optional(url)
		}),
		region: v.optional(text(120)),
		capacity: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100_000))),
		organisers: v.pipe(v.array(username), v.minLength(1, 'an event needs an organiser'), v.maxLength(20)),
		tags,
		resources: v.optional(v.pipe(v.array(resourceRef), v.maxLength(50))),
		materials: v.optional(text(20_000)),
		recording: v.optional(url),
		official: v.optional(v.boolean()),
		cancelled: v.optional(v.boolean())
	}),
	v.check((e) => Date.parse(e.end) >= Date.parse(e.start), 'end must not be before start')
);

export const rsvpSchema = v.looseObject({
	...base('rsvp', v.pipe(v.string(), v.startsWith('rsvp:'))),
	event: idOf('event', ULID_PATTERN, 'ulid'),
	status: v.picklist(RSVP_STATUSES, `status must be one of ${RSVP_STATUSES.join(', ')}`)
});

export type EventDoc = v.InferOutput<typeof eventSchema>;
export type Rsvp = v.InferOutput<typeof rsvpSchema>;

// ---- Verified authorship: written by the server only (see permissions.ts) ----
const base64url = (bytes: number) =>
	v.pipe(
		v.string(),
		v.regex(/^[A-Za-z0-9_-]+$/, 'must be base64url'),
		v.length(Math.ceil((bytes * 4) / 3), `must be ${bytes} bytes in base64url`)
	);

/** A device certificate (see signing.ts DeviceCertificate): `device:{ulid}`. */
export const deviceSchema = v.looseObject({
	...base('device', idOf('device', ULID_PATTERN, 'ulid')),
	publicKey: base64url(32),
	expiresAt: instant,
	issuer: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
	certSig: base64url(64),
	label: v.optional(text(80)),
	/** The device's ECDH P-256 public key (raw), for sealed direct messages (domain/sealed.ts). */
	boxKey: v.optional(base64url(65))
});

/** The server's revocation of a device certificate: `revocation:{device ulid}`. */
export const revocationSchema = v.looseObject({
	...base('revocation', idOf('revocation', ULID_PATTERN, 'ulid')),
	device: idOf('device', ULID_PATTERN, 'ulid'),
	revokedBy: username
});

// ---- Library and knowledge base ----
/** One rating per member and resource: `rating:{resource ulid}:{username}`, 1–5 stars. */
export const ratingSchema = v.looseObject({
	...base('rating', v.pipe(v.string(), v.startsWith('rating:'))),
	resource: resourceRef,
	value: v.pipe(
		v.number(),
		v.integer('a rating is a whole number'),
		v.minValue(1, 'ratings are 1 to 5'),
		v.maxValue(5, 'ratings are 1 to 5')
	)
});

/** A member used a resource (opened a file, kept it offline, put it in a pack): `use:{resource ulid}:{username}`. */
export const useSchema = v.looseObject({
	...base('use', v.pipe(v.string(), v.startsWith('use:'))),
	resource: resourceRef,
	how: v.picklist(['file', 'offline', 'pack'], 'how must be file, offline or pack')
});

/** A knowledge-base collection: `collection:{slug}`, items in order (resources, threads, posts). */
export const collectionSchema = v.looseObject({
	...base('collection', idOf('collection', SLUG_PATTERN, 'slug')),
	title: v.pipe(v.string(), v.trim(), v.minLength(1, 'a collection needs a title'), v.maxLength(200)),
	intro: text(20_000),
	items: v.pipe(
		v.array(
			v.object({
				ref: v.pipe(v.string(), v.regex(COLLECTION_ITEM_PATTERN, 'items are resources, threads or posts')),
				note: v.optional(text(2000))
			})
		),
		v.maxLength(200, 'at most 200 items')
	)
});

export type Rating = v.InferOutput<typeof ratingSchema>;
export type Use = v.InferOutput<typeof useSchema>;
export type Collection = v.InferOutput<typeof collectionSchema>;

// ---- Attendance and mentorship ----
/** An organiser's record that a member attended: `attendance:{event ulid}:{username}`. */
export const attendanceSchema = v.looseObject({
	...base(
		'attendance',
		v.pipe(v.string(), v.regex(ATTENDANCE_ID_PATTERN, 'must be attendance:{event ulid}:{username}'))
	),
	event: idOf('event', ULID_PATTERN, 'ulid'),
	member: username,
	attended: v.boolean()
});

/** A mentee's request (the author is the mentee); `completedAt` set when they mark it completed. */
export const mentorshipSchema = v.looseObject({
	...base('mentorship', idOf('mentorship', ULID_PATTERN, 'ulid')),
	mentor: username,
	goals: text(5000, 1),
	completedAt: v.optional(instant),
	/** Set by the mentee who no longer wants it (before or after an answer). */
	withdrawnAt: v.optional(instant)
});

export const MENTORSHIP_ANSWERS = ['accepted', 'declined'] as const;
/** The mentor's answer: `mentorship-answer:{mentorship ulid}`, written by the mentor named in the request. */
export const mentorshipAnswerSchema = v.looseObject({
	...base('mentorship-answer', idOf('mentorship-answer', ULID_PATTERN, 'ulid')),
	mentorship: idOf('mentorship', ULID_PATTERN, 'ulid'),
	answer: v.picklist(MENTORSHIP_ANSWERS, `answer must be one of ${MENTORSHIP_ANSWERS.join(', ')}`),
	completedAt: v.optional(instant)
});

export type AttendanceDoc = v.InferOutput<typeof attendanceSchema>;
export type MentorshipDoc = v.InferOutput<typeof mentorshipSchema>;
export type MentorshipAnswerDoc = v.InferOutput<typeof mentorshipAnswerSchema>;

// ---- Success stories, adoptions and challenges ----
export const OUTCOME_METRICS = [
	'cost-saved',
	'staff-hours-saved',
	'processing-time',
	'waiting-time',
	'satisfaction',
	'people-served',
	'error-rate',
	'citizen-satisfaction',
	'complaints',
	'other'
] as const;
/** Measures of what citizens said (satisfaction surveys, complaints): cited with their source and sample size. */
export const CITIZEN_METRICS: ReadonlySet<OutcomeMetric> = new Set(['citizen-satisfaction', 'complaints']);
export type OutcomeMetric = (typeof OUTCOME_METRICS)[number];
export const GOVERNMENT_LEVELS = ['local', 'regional', 'national', 'international'] as const;
export type GovernmentLevel = (typeof GOVERNMENT_LEVELS)[number];
export const ADOPTION_STATUSES = ['planning', 'piloting', 'implemented', 'abandoned'] as const;
export type AdoptionStatus = (typeof ADOPTION_STATUSES)[number];
/** ISO 4217: money is counted in a currency, never in "$" or "euros". */
export const CURRENCY_PATTERN = /^[A-Z]{3}$/;
export const MAX_OUTCOMES = 30;

const figure = v.pipe(
	v.number('must be a number'),
	v.finite('must be a number'),
	v.minValue(-1e12, 'is too large'),
	v.maxValue(1e12, 'is too large')
);
const isoDate = v.pipe(v.string(), v.isoDate('must be a date such as 2026-03-31'));

/**
 * One measured result: a figure before and after (processing time 21 → 9 days), or one value
 * (1,200 staff hours saved a year). Money (`cost-saved`) is in an ISO 4217 currency.
 */
export const outcomeFigureSchema = v.pipe(
	v.object({
		metric: v.picklist(OUTCOME_METRICS, `metric must be one of ${OUTCOME_METRICS.join(', ')}`),
		label: text(200, 1),
		before: v.optional(figure),
		after: v.optional(figure),
		value: v.optional(figure),
		unit: text(40, 1),
		period: v.optional(text(80)),
		evidence: v.optional(text(2000)),
		/** Where citizens' feedback comes from ("Resident survey, March 2026"), and how many answered. */
		source: v.optional(text(200)),
		sampleSize: v.optional(
			v.pipe(
				v.number(),
				v.integer('a whole number of people'),
				v.minValue(1, 'at least one person'),
				v.maxValue(1e9, 'is too large')
			)
		)
	}),
	v.check(
		(o) => o.value !== undefined || (o.before !== undefined && o.after !== undefined),
		'a result needs a figure, or figures before and after'
	),
	v.check(
		(o) => o.metric !== 'cost-saved' || CURRENCY_PATTERN.test(o.unit),
		'money saved is counted in a currency code such as EUR, GBP or USD'
	)
);
export type OutcomeFigure = v.InferOutput<typeof outcomeFigureSchema>;
const outcomeFigures = v.pipe(
	v.array(outcomeFigureSchema),
	v.maxLength(MAX_OUTCOMES, `at most ${MAX_OUTCOMES} results`)
);

/** A success story: `story:{ulid}`, reviewed like a library resource (draft → submitted → published or returned). */
export const storySchema = v.pipe(
	v.looseObject({
		...base('story', idOf('story', ULID_PATTERN, 'ulid')),
		title: v.pipe(v.string(), v.trim(), v.minLength(1, 'a story needs a title'), v.maxLength(200)),
		summary: text(2000),
		/** The problem, and what was done about it. */
		problem: text(20_000),
		actions: text(20_000),
		outcomes: outcomeFigures,
		lessons: v.optional(text(20_000)),
		organization: v.optional(text(120)),
		jurisdiction: v.optional(text(120)),
		level: v.optional(v.picklist(GOVERNMENT_LEVELS, `level must be one of ${GOVERNMENT_LEVELS.join(', ')}`)),
		sector: v.optional(text(120)),
		region: v.optional(text(120)),
		team: v.optional(
			v.pipe(
				v.array(v.object({ name: text(120, 1), role: v.optional(text(120)), member: v.optional(username) })),
				v.maxLength(30, 'at most 30 team members')
			)
		),
		startedOn: v.optional(isoDate),
		endedOn: v.optional(isoDate),
		tags,
		/** Resources and threads it draws on. */
		related: v.optional(v.pipe(v.array(anyRef), v.maxLength(30, 'at most 30 related items'))),
		files: v.optional(v.pipe(v.array(fileRef), v.maxLength(20, 'at most 20 files'))),
		contact: v.optional(text(300)),
		status: v.picklist(RESOURCE_STATUSES, `status must be one of ${RESOURCE_STATUSES.join(', ')}`),
		reviewedBy: v.optional(username),
		reviewedAt: v.optional(instant),
		coauthors: v.optional(v.pipe(v.array(username), v.maxLength(10, 'at most 10 co-authors'))),
		challenge: v.optional(challengeRef)
	}),
	v.check((s) => !s.startedOn || !s.endedOn || s.endedOn >= s.startedOn, 'the end date must not be before the start')
);

/**
 * "We adopted this": a member records that their organisation plans, pilots, implemented or
 * abandoned a practice (a resource or story), and later its results: `adoption:{ulid}`.
 */
export const adoptionSchema = v.looseObject({
	...base('adoption', idOf('adoption', ULID_PATTERN, 'ulid')),
	practice: practiceRef,
	organization: text(120, 1),
	status: v.picklist(ADOPTION_STATUSES, `status must be one of ${ADOPTION_STATUSES.join(', ')}`),
	startedOn: v.optional(isoDate),
	/** When the current status began (implemented on, abandoned on…). */
	statusOn: v.optional(isoDate),
	notes: text(5000),
	outcomes: outcomeFigures,
	jurisdiction: v.optional(text(120)),
	level: v.optional(v.picklist(GOVERNMENT_LEVELS, `level must be one of ${GOVERNMENT_LEVELS.join(', ')}`)),
	sector: v.optional(text(120)),
	region: v.optional(text(120)),
	/** Days after recording it until the adopter is reminded to report results (default 90). */
	remindAfterDays: v.optional(
		v.pipe(
			v.number(),
			v.integer('a whole number of days'),
			v.minValue(7, 'at least 7 days'),
			v.maxValue(730, 'at most 730 days')
		)
	)
});

export const MAX_CRITERIA = 10;
/**
 * A community challenge, set by moderators: `challenge:{ulid}`. Entries are resources and
 * stories that name it (`challenge`), entered while it is open; judges score them after it
 * closes; a moderator announces the winners.
 */
export const challengeSchema = v.pipe(
	v.looseObject({
		...base('challenge', idOf('challenge', ULID_PATTERN, 'ulid')),
		title: v.pipe(v.string(), v.trim(), v.minLength(1, 'a challenge needs a title'), v.maxLength(200)),
		problem: text(20_000, 1),
		criteria: v.pipe(
			v.array(v.object({ name: text(120, 1), description: v.optional(text(1000)) })),
			v.minLength(1, 'a challenge needs at least one criterion'),
			v.maxLength(MAX_CRITERIA, `at most ${MAX_CRITERIA} criteria`)
		),
		opensAt: instant,
		closesAt: instant,
		judges: v.pipe(
			v.array(username),
			v.minLength(1, 'a challenge needs a judge'),
			v.maxLength(20, 'at most 20 judges')
		),
		/** What the winners receive ("a place at the national conference"). */
		recognition: text(2000),
		tags,
		region: v.optional(text(120)),
		sector: v.optional(text(120)),
		winners: v.optional(
			v.pipe(
				v.array(
					v.object({
						entry: practiceRef,
						place: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10)),
						note: v.optional(text(1000))
					})
				),
				v.maxLength(10, 'at most 10 winners')
			)
		),
		announcedAt: v.optional(instant)
	}),
	v.check((c) => Date.parse(c.closesAt) > Date.parse(c.opensAt), 'a challenge must close after it opens')
);

/** A judge's scores for one entry, one per criterion in order (1–5): `judging:{challenge ulid}:{entry id}:{judge}`. */
export const judgingSchema = v.pipe(
	v.looseObject({
		...base(
			'judging',
			v.pipe(v.string(), v.regex(JUDGING_ID_PATTERN, 'must be judging:{challenge ulid}:{entry id}:{judge}'))
		),
		challenge: challengeRef,
		entry: practiceRef,
		scores: v.pipe(
			v.array(
				v.pipe(
					v.number(),
					v.integer('scores are whole numbers'),
					v.minValue(1, 'scores are 1 to 5'),
					v.maxValue(5, 'scores are 1 to 5')
				)
			),
			v.minLength(1, 'score every criterion'),
			v.maxLength(MAX_CRITERIA)
		),
		comment: text(5000)
	}),
	v.check(
		(j) => j._id === `judging:${j.challenge.slice('challenge:'.length)}:${j.entry}:${j.author}`,
		'a judging id must be judging:{challenge ulid}:{entry id}:{your username}'
	)
);

// ---- Feedback and suggestions ----
/**
 * "Was this useful?": one answer per member and item, `feedback:{target id}:{username}`, with an
 * optional comment. Items: resources, stories, events (once they happened), collections.
 */
export const feedbackSchema = v.pipe(
	v.looseObject({
		...base('feedback', v.pipe(v.string(), v.startsWith('feedback:'))),
		target: v.pipe(
			v.string(),
			v.regex(FEEDBACK_TARGET_PATTERN, 'feedback is given on resources, stories, events and collections')
		),
		useful: v.boolean('say whether it was useful'),
		comment: v.optional(text(1000))
	}),
	v.check(
		(f) => f._id === `feedback:${f.target}:${f.author}`,
		'a feedback id must be feedback:{target id}:{your username}'
	)
);

export const SUGGESTION_AREAS = ['platform', 'community'] as const;
export const SUGGESTION_STATUSES = ['open', 'considering', 'planned', 'done', 'declined'] as const;
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number];

/**
 * A member's suggestion to improve the platform or the community: `suggestion:{ulid}`. Members
 * vote for it with ordinary votes; moderators alone set `status` and write `response`.
 */
export const suggestionSchema = v.looseObject({
	...base('suggestion', idOf('suggestion', ULID_PATTERN, 'ulid')),
	area: v.picklist(SUGGESTION_AREAS, `area must be one of ${SUGGESTION_AREAS.join(', ')}`),
	title: v.pipe(v.string(), v.trim(), v.minLength(1, 'a suggestion needs a title'), v.maxLength(200)),
	body: text(5000),
	status: v.picklist(SUGGESTION_STATUSES, `status must be one of ${SUGGESTION_STATUSES.join(', ')}`),
	/** The moderators' answer with the current status: who, when, what. */
	response: v.optional(v.object({ text: text(2000), by: username, at: instant }))
});

// ---- Surveys ----
export const SURVEY_QUESTION_KINDS = ['choice', 'choices', 'scale', 'nps', 'text'] as const;
export type SurveyQuestionKind = (typeof SURVEY_QUESTION_KINDS)[number];
export const MAX_SURVEY_QUESTIONS = 30;
export const MAX_SURVEY_OPTIONS = 20;
/** Text answers of a question are published only once at least this many were given. */
export const SURVEY_TEXT_THRESHOLD = 5;
const surveyRef = idOf('survey', ULID_PATTERN, 'ulid');
const count = v.pipe(v.number(), v.integer(), v.minValue(0));

/**
 * One question: one choice or several among `options`, a 1–5 scale, a net-promoter 0–10 ("how
 * likely are you to recommend…"), or a short text. `id` names it in answers and results.
 */
export const surveyQuestionSchema = v.pipe(
	v.object({
		id: v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'a question id is a short lower-case word')),
		kind: v.picklist(SURVEY_QUESTION_KINDS, `kind must be one of ${SURVEY_QUESTION_KINDS.join(', ')}`),
		label: v.pipe(v.string(), v.trim(), v.minLength(1, 'a question needs its text'), v.maxLength(300)),
		help: v.optional(text(500)),
		options: v.optional(
			v.pipe(
				v.array(v.pipe(v.string(), v.trim(), v.minLength(1, 'an option needs a text'), v.maxLength(120))),
				v.maxLength(MAX_SURVEY_OPTIONS, `at most ${MAX_SURVEY_OPTIONS} options`)
			)
		),
		required: v.optional(v.boolean())
	}),
	v.check(
		(q) => (q.kind === 'choice' || q.kind === 'choices') === (q.options !== undefined),
		'choice questions list their options; other questions have none'
	),
	v.check(
		(q) => q.options === undefined || (q.options.length >= 2 && new Set(q.options).size === q.options.length),
		'a choice question needs at least two different options'
	)
);
export type SurveyQuestion = v.InferOutput<typeof surveyQuestionSchema>;

/** Who a survey asks: every member, members whose profile names a region, or the attendees of an event. */
export const surveyAudienceSchema = v.variant('kind', [
	v.object({ kind: v.literal('everyone') }),
	v.object({ kind: v.literal('region'), region: text(120, 1) }),
	v.object({ kind: v.literal('event'), event: idOf('event', ULID_PATTERN, 'ulid') })
]);
export type SurveyAudience = v.InferOutput<typeof surveyAudienceSchema>;

/**
 * A survey, set by moderators (or, for its attendees, by an event's organiser): `survey:{ulid}`.
 * Answers are accepted from `opensAt` until `closesAt`. `anonymous`: no one can learn who answered
 * what (the server keeps only the aggregate, `survey-results:{ulid}`).
 */
export const surveySchema = v.pipe(
	v.looseObject({
		...base('survey', idOf('survey', ULID_PATTERN, 'ulid')),
		title: v.pipe(v.string(), v.trim(), v.minLength(1, 'a survey needs a title'), v.maxLength(200)),
		description: text(5000),
		questions: v.pipe(
			v.array(surveyQuestionSchema),
			v.minLength(1, 'a survey needs at least one question'),
			v.maxLength(MAX_SURVEY_QUESTIONS, `at most ${MAX_SURVEY_QUESTIONS} questions`)
		),
		opensAt: instant,
		closesAt: instant,
		audience: surveyAudienceSchema,
		anonymous: v.boolean('say whether the survey is anonymous')
	}),
	v.check((s) => s.closesAt > s.opensAt, 'a survey must close after it opens'),
	v.check(
		(s) => new Set(s.questions.map((q) => q.id)).size === s.questions.length,
		'each question of a survey needs its own id'
	)
);

/** One answer: an option, several options, a number (scale 1–5, net promoter 0–10) or a text. */
export const surveyAnswerValueSchema = v.union([
	v.pipe(v.string(), v.maxLength(2000, 'an answer is at most 2,000 characters')),
	v.pipe(v.array(v.pipe(v.string(), v.maxLength(120))), v.maxLength(MAX_SURVEY_OPTIONS)),
	v.pipe(v.number(), v.integer('answers on a scale are whole numbers'), v.minValue(0), v.maxValue(10))
]);

/**
 * A member's answers to one survey, in their own private database: `survey-answer:{survey ulid}`
 * (private). The server counts it once per member and writes `counted` into it; for an anonymous
 * survey it also takes `answers` out once counted, so the answers are not kept with the name.
 */
export const surveyAnswerSchema = v.pipe(
	v.looseObject({
		...base('survey-answer', v.pipe(v.string(), v.startsWith('survey-answer:'))),
		survey: surveyRef,
		answers: v.optional(
			v.pipe(
				v.record(v.pipe(v.string(), v.maxLength(40)), surveyAnswerValueSchema),
				v.check((a) => Object.keys(a).length <= MAX_SURVEY_QUESTIONS, 'too many answers')
			)
		),
		counted: v.optional(v.object({ at: instant }))
	}),
	v.check(
		(a) => a._id === `survey-answer:${a.survey.slice('survey:'.length)}`,
		'a survey answer id must be survey-answer:{survey ulid}'
	)
);

/** The aggregate of one question, as published. */
export const surveyQuestionResultSchema = v.object({
	id: v.string(),
	kind: v.picklist(SURVEY_QUESTION_KINDS),
	/** Members who answered this question. */
	answered: count,
	/** choice, choices: how many picked each option, in the question's order. */
	options: v.optional(v.array(v.object({ option: v.string(), count }))),
	/** scale: counts of 1…5 (index 0 is 1), and their mean. */
	scale: v.optional(v.object({ counts: v.array(count), mean: v.nullable(v.number()) })),
	/** nps: counts of 0…10; promoters 9–10, passives 7–8, detractors 0–6; score −100…100. */
	nps: v.optional(
		v.object({
			counts: v.array(count),
			promoters: count,
			passives: count,
			detractors: count,
			score: v.nullable(v.number())
		})
	),
	/** text: the answers, in no particular order, once there are SURVEY_TEXT_THRESHOLD of them; else withheld. */
	texts: v.optional(v.array(v.string())),
	withheld: v.optional(v.boolean())
});
export type SurveyQuestionResult = v.InferOutput<typeof surveyQuestionResultSchema>;

/** What the server publishes of a survey's answers (server only): `survey-results:{survey ulid}`. */
export const surveyResultsSchema = v.looseObject({
	...base('survey-results', v.pipe(v.string(), v.startsWith('survey-results:'))),
	survey: surveyRef,
	/** Members whose answers were counted. */
	responses: count,
	questions: v.array(surveyQuestionResultSchema)
});

/**
 * The impact dashboard's figures for the whole community, published by the server (server only):
 * `impact:{period}` for each of IMPACT_PERIODS, computed with domain/impact.ts at `asOf` over
 * `documents` documents. Devices show them, adding what they received since.
 */
export const impactSchema = v.looseObject({
	...base('impact', v.pipe(v.string(), v.startsWith('impact:'))),
	period: v.picklist(['3m', '12m', 'all']),
	asOf: instant,
	documents: count,
	figures: v.looseObject({})
});

export type SurveyDoc = v.InferOutput<typeof surveySchema>;
export type SurveyAnswerDoc = v.InferOutput<typeof surveyAnswerSchema>;
export type SurveyResultsDoc = v.InferOutput<typeof surveyResultsSchema>;
export type ImpactDoc = v.InferOutput<typeof impactSchema>;

export type FeedbackDoc = v.InferOutput<typeof feedbackSchema>;
export type SuggestionDoc = v.InferOutput<typeof suggestionSchema>;
export type StoryDoc = v.InferOutput<typeof storySchema>;
export type AdoptionDoc = v.InferOutput<typeof adoptionSchema>;
export type ChallengeDoc = v.InferOutput<typeof challengeSchema>;
export type JudgingDoc = v.InferOutput<typeof judgingSchema>;

// ---- Private documents (a member's userdb only; never valid in the community database) ----
/** A direct message: written to the sender's userdb; the server copies it into the recipient's. */
export const messageSchema = v.looseObject({
	...base('message', idOf('message', ULID_PATTERN, 'ulid')),
	to: username,
	body: text(20_000, 1)
});

/** Profile fields the member keeps to themselves ("only me"): `profile-private:{username}`. */
export const profilePrivateSchema = v.looseObject({
	...base('profile-private', idOf('profile-private', USERNAME_PATTERN, 'username')),
	organization: v.optional(text(120)),
	jurisdiction: v.optional(text(120)),
	role: v.optional(text(120)),
	expertise: v.optional(v.pipe(v.array(tag), v.maxLength(20))),
	bio: v.optional(text(5000)),
	/** The interface language the member chose, so each device they sign in on starts in it. */
	language: v.optional(v.picklist(['en', 'fr', 'es']))
});

/** How closely a member follows a category, a tag or a thread (domain/following.ts). */
export const FOLLOW_LEVELS = ['watching', 'tracking', 'normal', 'muted'] as const;
export type FollowLevel = (typeof FOLLOW_LEVELS)[number];
/** Entries of each map of a `following` document: enough for anyone, small enough to read at every sync. */
export const MAX_FOLLOWED = 500;
const followMap = <K extends v.GenericSchema<string, string>>(key: K, what: string) =>
	v.pipe(
		v.record(key, v.picklist(FOLLOW_LEVELS, `a level is one of ${FOLLOW_LEVELS.join(', ')}`)),
		v.check((map) => Object.keys(map).length <= MAX_FOLLOWED, `at most ${MAX_FOLLOWED} ${what}`)
	);

/** What the member follows or mutes ("watching", "tracking", "normal", "muted"): `following:{username}`. */
export const followingSchema = v.pipe(
	v.looseObject({
		...base('following', idOf('following', USERNAME_PATTERN, 'username')),
		categories: followMap(v.pipe(v.string(), v.regex(SLUG_PATTERN, 'must be a category slug')), 'categories'),
		tags: followMap(tag, 'tags'),
		threads: followMap(
			v.pipe(
				v.string(),
				v.check((id) => id.startsWith('thread:') && ULID_PATTERN.test(id.slice(7)), 'must be thread:{ulid}')
			),
			'threads'
		)
	}),
	v.check((f) => f._id === `following:${f.author}`, 'a following document is following:{your username}')
);
export type FollowingDoc = v.InferOutput<typeof followingSchema>;

export const FLAG_REASONS = ['spam', 'harassment', 'off-topic', 'confidential', 'other'] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];
export const FLAG_DECISIONS = ['dismissed', 'hidden', 'deleted', 'locked', 'moved', 'suspended'] as const;

/**
 * A member's flag on an item, in their own database: `flag:{target id}:{username}`. The server
 * copies it to the moderators' queue (never into `community`) and writes `decision` back into
 * it when a moderator decides; what a member writes in `decision` is ignored.
 */
export const flagSchema = v.pipe(
	v.looseObject({
		...base('flag', v.pipe(v.string(), v.startsWith('flag:'))),
		target: v.pipe(
			v.string(),
			v.regex(FLAG_TARGET_PATTERN, 'only threads, posts, resources, events, stories and profiles are flagged')
		),
		reason: v.picklist(FLAG_REASONS, `reason must be one of ${FLAG_REASONS.join(', ')}`),
		text: v.optional(text(1000)),
		decision: v.optional(
			v.object({
				action: v.picklist(FLAG_DECISIONS),
				at: instant,
				note: v.optional(text(1000))
			})
		)
	}),
	v.check((f) => f.reason !== 'other' || (f.text ?? '').trim() !== '', 'say what is wrong when the reason is "other"'),
	v.check((f) => f._id === `flag:${f.target}:${f.author}`, 'a flag id must be flag:{target id}:{your username}')
);

export type MessageDoc = v.InferOutput<typeof messageSchema>;
export type FlagDoc = v.InferOutput<typeof flagSchema>;
export type ProfilePrivateDoc = v.InferOutput<typeof profilePrivateSchema>;

// ---- Written by the server alone (SERVER_ONLY_TYPES) ----
const decisionNote = v.object({ reason: text(1000), at: instant, by: v.optional(username) });

/**
 * Moderators' decisions on one item: `moderation:{target id}`. `hidden`: members see "Hidden by
 * moderators" in its place (its author and moderators still see it, the author with the reason);
 * `auto` when enough flags hid it until a moderator decides. `locked`: a thread takes no new
 * posts. `pinned`: a thread is listed first in its category.
 */
export const moderationSchema = v.looseObject({
	...base('moderation', v.pipe(v.string(), v.startsWith('moderation:'))),
	target: anyRef,
	hidden: v.optional(
		v.object({ reason: text(1000), at: instant, by: v.optional(username), auto: v.optional(v.boolean()) })
	),
	locked: v.optional(decisionNote),
	pinned: v.optional(v.boolean())
});

export const PLACE_STATES = ['place', 'waiting', 'none'] as const;
export type PlaceState = (typeof PLACE_STATES)[number];

/**
 * A member's place at an event as the server decided it: `place:{event ulid}:{username}`.
 * Answers are ordered by `receivedAt`, when the server first received the "going" answer, so no
 * device clock decides who has a place. `answeredAt` is the RSVP time it reflects: a device whose
 * own RSVP is newer shows the answer as pending.
 */
export const placeSchema = v.looseObject({
	...base('place', v.pipe(v.string(), v.startsWith('place:'))),
	event: idOf('event', ULID_PATTERN, 'ulid'),
	member: username,
	state: v.picklist(PLACE_STATES),
	answeredAt: instant,
	receivedAt: v.optional(instant),
	/** The state before the last change, and when it changed: notifications derive from these. */
	previous: v.optional(v.picklist(PLACE_STATES)),
	changedAt: instant,
	/** 1 for the first in line, while waiting. */
	position: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1)))
});

export type ModerationDoc = v.InferOutput<typeof moderationSchema>;
export type PlaceDoc = v.InferOutput<typeof placeSchema>;

export const communitySchemas = {
	category: categorySchema,
	thread: threadSchema,
	post: postSchema,
	resource: resourceSchema,
	review: reviewSchema,
	comment: commentSchema,
	vote: voteSchema,
	profile: profileSchema,
	event: eventSchema,
	rsvp: rsvpSchema,
	attendance: attendanceSchema,
	mentorship: mentorshipSchema,
	'mentorship-answer': mentorshipAnswerSchema,
	device: deviceSchema,
	revocation: revocationSchema,
	rating: ratingSchema,
	use: useSchema,
	collection: collectionSchema,
	moderation: moderationSchema,
	place: placeSchema,
	story: storySchema,
	adoption: adoptionSchema,
	challenge: challengeSchema,
	judging: judgingSchema,
	feedback: feedbackSchema,
	suggestion: suggestionSchema,
	survey: surveySchema,
	'survey-results': surveyResultsSchema,
	impact: impactSchema
} as const;

export type CommunityType = keyof typeof communitySchemas;
export type Category = v.InferOutput<typeof categorySchema>;
export type Thread = v.InferOutput<typeof threadSchema>;
export type Post = v.InferOutput<typeof postSchema>;
export type Resource = v.InferOutput<typeof resourceSchema>;
export type Review = v.InferOutput<typeof reviewSchema>;
export type Comment = v.InferOutput<typeof commentSchema>;
export type Vote = v.InferOutput<typeof voteSchema>;
export type Profile = v.InferOutput<typeof profileSchema>;
export type CommunityDoc =
	| Category
	| Thread
	| Post
	| Resource
	| Review
	| Comment
	| Vote
	| Profile
	| EventDoc
	| Rsvp
	| Rating
	| Use
	| Collection
	| StoryDoc
	| AdoptionDoc
	| ChallengeDoc
	| JudgingDoc
	| FeedbackDoc
	| SuggestionDoc
	| SurveyDoc
	| SurveyResultsDoc
	| ImpactDoc;

export function isCommunityType(type: unknown): type is CommunityType {
	return typeof type === 'string' && Object.hasOwn(communitySchemas, type);
}

export type DeviceDoc = v.InferOutput<typeof deviceSchema>;
export type RevocationDoc = v.InferOutput<typeof revocationSchema>;
/** Document types only the server writes (device certificates, revocations, moderators' decisions, places, published aggregates). */
export const SERVER_ONLY_TYPES: ReadonlySet<string> = new Set([
	'device',
	'revocation',
	'moderation',
	'place',
	'survey-results',
	'impact'
]);

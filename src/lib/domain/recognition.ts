// Points, badges, levels and leaderboards, derived from the community's documents alone, so every
// device (offline) and the server (/api/recognition) compute the same figures from the same
// documents. The rules are data (POINTS, BADGES, LEVELS) with a plain description each; every
// point is a ledger line naming the document it came from, so a member's total is explainable
// line by line. Pure and I/O-free.

export type RuleKey =
	| 'thread'
	| 'reply'
	| 'helpful'
	| 'accepted'
	| 'resource'
	| 'story'
	| 'review'
	| 'adoption'
	| 'outcomes'
	| 'organised'
	| 'attended'
	| 'mentor'
	| 'mentee'
	| 'entry'
	| 'win';

export interface PointRule {
	points: number;
	description: string;
}

/** Points per kind of contribution. A challenge win uses CHALLENGE_PLACE_POINTS instead. */
export const POINTS: Readonly<Record<RuleKey, PointRule>> = {
	thread: { points: 2, description: 'Starting a discussion thread' },
	reply: { points: 1, description: 'Replying in a discussion' },
	helpful: {
		points: 2,
		description:
			'A Helpful vote from another member on your thread, reply, resource or story (at most 10 votes a day from each member count)'
	},
	accepted: { points: 15, description: 'Your reply is accepted as the answer by the person who asked' },
	resource: { points: 20, description: 'A library resource you wrote or co-wrote is published' },
	story: { points: 25, description: 'A success story you wrote or co-wrote is published' },
	review: { points: 5, description: 'Reviewing a resource or a story' },
	adoption: { points: 10, description: 'Reporting that your organisation adopted a practice' },
	outcomes: { points: 15, description: 'Reporting the results of an adoption' },
	organised: { points: 10, description: 'Organising an event that took place' },
	attended: { points: 3, description: 'Attending an event' },
	mentor: { points: 20, description: 'Completing a mentorship as the mentor' },
	mentee: { points: 5, description: 'Completing a mentorship as the mentee' },
	entry: { points: 5, description: 'Entering a published resource or story in a challenge' },
	win: {
		points: 50,
		description: 'Winning a challenge: 50 points for first place, 30 for second, 20 for third, 10 for other places'
	}
};

/** Points of a challenge win by place (index 0 = first place); later places get the last figure. */
export const CHALLENGE_PLACE_POINTS = [50, 30, 20, 10] as const;
/** Helpful votes from one member that count per UTC day (in the order of createdAt, then id). */
export const DAILY_VOTE_CAP = 10;
/** Members whose first contribution is at most this many days old are "rising". */
export const RISING_DAYS = 90;
const DAY_MS = 86_400_000;

export type BadgeKey =
	'helpful' | 'reviewer' | 'storyteller' | 'implementer' | 'mentor' | 'regular' | 'solver' | 'winner';

export interface BadgeRule {
	key: BadgeKey;
	name: string;
	/** The ledger lines that count towards it. */
	rule: RuleKey;
	/** Counts for Bronze, Silver, Gold. */
	thresholds: readonly [number, number, number];
	/** How it is earned: {n} is the count, [one|many] the words for 1 and for more. */
	earned: string;
}

export const BADGE_LEVELS = ['Bronze', 'Silver', 'Gold'] as const;

export const BADGES: readonly BadgeRule[] = [
	{
		key: 'helpful',
		name: 'Helpful',
		rule: 'helpful',
		thresholds: [10, 50, 200],
		earned: '{n} Helpful [vote|votes] received'
	},
	{ key: 'reviewer', name: 'Reviewer', rule: 'review', thresholds: [5, 25, 100], earned: '{n} [review|reviews] done' },
	{
		key: 'storyteller',
		name: 'Storyteller',
		rule: 'story',
		thresholds: [1, 5, 15],
		earned: '{n} success [story|stories] published'
	},
	{
		key: 'implementer',
		name: 'Implementer',
		rule: 'adoption',
		thresholds: [1, 5, 15],
		earned: '{n} [adoption|adoptions] reported'
	},
	{
		key: 'mentor',
		name: 'Mentor',
		rule: 'mentor',
		thresholds: [1, 5, 15],
		earned: '{n} [mentorship|mentorships] completed as the mentor'
	},
	{
		key: 'regular',
		name: 'Meetup regular',
		rule: 'attended',
		thresholds: [3, 10, 30],
		earned: '{n} [event|events] attended'
	},
	{
		key: 'solver',
		name: 'Problem solver',
		rule: 'accepted',
		thresholds: [1, 10, 50],
		earned: '{n} [reply|replies] accepted as the answer'
	},
	{ key: 'winner', name: 'Challenge winner', rule: 'win', thresholds: [1, 3, 5], earned: '{n} challenge [win|wins]' }
];

export interface LevelRule {
	key: string;
	name: string;
	min: number;
}

/** Levels by all-time points, lowest first. */
export const LEVELS: readonly LevelRule[] = [
	{ key: 'newcomer', name: 'Newcomer', min: 0 },
	{ key: 'contributor', name: 'Contributor', min: 20 },
	{ key: 'practitioner', name: 'Practitioner', min: 100 },
	{ key: 'expert', name: 'Expert', min: 300 },
	{ key: 'leader', name: 'Leader', min: 800 }
];

/** "How it is earned" for a badge level: "50 Helpful votes received". */
export function badgeEarnedText(badge: BadgeRule, level: 1 | 2 | 3): string {
	const n = badge.thresholds[level - 1];
	return badge.earned
		.replace('{n}', String(n))
		.replace(/\[([^|\]]*)\|([^\]]*)\]/g, (_, one, many) => (n === 1 ? one : many));
}

export interface LedgerLine {
	/** When it was earned (ISO 8601). */
	at: string;
	rule: RuleKey;
	/** The document it came from. */
	doc: string;
	points: number;
	text: string;
}

export interface EarnedBadge {
	key: BadgeKey;
	name: string;
	/** 1 Bronze, 2 Silver, 3 Gold. */
	level: 1 | 2 | 3;
	levelName: (typeof BADGE_LEVELS)[number];
	count: number;
	earned: string;
	/** When each level up to `level` was reached. */
	reachedAt: string[];
}

/** A member's standing: everything a leaderboard or a profile needs except the ledger. */
export interface Standing {
	username: string;
	displayName: string;
	region: string | null;
	sector: string | null;
	/** Left out of leaderboards (keeps points and badges). */
	hidden: boolean;
	points: number;
	/** Points per UTC month ("2026-12") and per year ("2026"). */
	byMonth: Record<string, number>;
	byYear: Record<string, number>;
	level: { key: string; name: string; reachedAt: string | null };
	badges: EarnedBadge[];
	/** Counted ledger lines per rule. */
	counts: Partial<Record<RuleKey, number>>;
	firstAt: string | null;
}

export interface MemberRecognition extends Standing {
	/** Newest first. */
	ledger: LedgerLine[];
}

export interface RecognitionOptions {
	/** Events count for their organisers once they have ended by this time. */
	now: string;
}

type Doc = Record<string, unknown>;
const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const strs = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v) => typeof v === 'string') : []);
const ulidOf = (id: string): string => id.slice(id.indexOf(':') + 1);

/** Fields of each type the rules read: the device keeps only these (recognitionFact). */
const FACT_FIELDS: Readonly<Record<string, readonly string[]>> = {
	thread: ['title', 'answer', 'answeredAt'],
	post: ['thread'],
	vote: ['target', 'value'],
	resource: ['title', 'status', 'reviewedAt', 'coauthors', 'challenge'],
	story: ['title', 'status', 'reviewedAt', 'coauthors', 'challenge'],
	review: ['resource'],
	adoption: ['practice', 'outcomes'],
	event: ['title', 'end', 'cancelled', 'organisers'],
	attendance: ['event', 'member', 'attended'],
	mentorship: ['mentor', 'completedAt'],
	'mentorship-answer': ['mentorship', 'answer', 'completedAt'],
	challenge: ['title', 'winners', 'announcedAt'],
	profile: ['displayName', 'region', 'sector', 'hideFromLeaderboards'],
	moderation: ['target', 'hidden']
};

/**
 * The part of a document the rules read, or null when no rule reads its type or it is deleted.
 * Outcome figures shrink to their count: only "at least one" matters.
 */
export function recognitionFact(doc: object): Doc | null {
	const d = doc as Doc;
	const fields = FACT_FIELDS[str(d.type)];
	if (!fields || d._deleted) return null;
	const fact: Doc = { _id: d._id, type: d.type, author: d.author, createdAt: d.createdAt, updatedAt: d.updatedAt };
	for (const f of fields) if (d[f] !== undefined) fact[f] = d[f];
	if (Array.isArray(d.outcomes)) fact.outcomes = d.outcomes.length ? [1] : [];
	return fact;
}

interface Index {
	byId: Map<string, Doc>;
	hidden: Set<string>;
	answers: Map<string, Doc>;
}

function indexDocs(docs: readonly object[]): Index {
	const byId = new Map<string, Doc>();
	const hidden = new Set<string>();
	const answers = new Map<string, Doc>();
	for (const doc of docs) {
		const d = doc as Doc;
		if (d._deleted || !str(d._id)) continue;
		if (d.type === 'moderation') {
			if (d.hidden) hidden.add(str(d.target));
			continue;
		}
		byId.set(str(d._id), d);
		if (d.type === 'mentorship-answer') answers.set(str(d.mentorship), d);
	}
	return { byId, hidden, answers };
}

/** A document that counts: present, not deleted, not hidden by moderators. */
function live(index: Index, id: string): Doc | null {
	if (!id || index.hidden.has(id)) return null;
	return index.byId.get(id) ?? null;
}

const authorsOf = (doc: Doc): string[] => [...new Set([str(doc.author), ...strs(doc.coauthors)])].filter(Boolean);
const titleOf = (doc: Doc): string => str(doc.title) || 'an untitled item';
const placeName = (place: number): string => ['first', 'second', 'third'][place - 1] ?? `place ${place}`;

type Credit = (member: string, line: LedgerLine) => void;

function creditThreadsAndPosts(index: Index, credit: Credit): void {
	for (const doc of index.byId.values()) {
		const id = str(doc._id);
		if (index.hidden.has(id)) continue;
		if (doc.type === 'thread') {
			const text = `Started the thread "${titleOf(doc)}"`;
			credit(str(doc.author), { at: str(doc.createdAt), rule: 'thread', doc: id, points: POINTS.thread.points, text });
			const answer = live(index, str(doc.answer));
			if (answer?.type === 'post' && answer.thread === id && answer.author !== doc.author) {
				const at = str(doc.answeredAt) || str(doc.updatedAt) || str(doc.createdAt);
				const text2 = `Your reply was accepted as the answer in "${titleOf(doc)}"`;
				credit(str(answer.author), { at, rule: 'accepted', doc: id, points: POINTS.accepted.points, text: text2 });
			}
		} else if (doc.type === 'post') {
			const thread = live(index, str(doc.thread));
			if (!thread) continue;
			const text = `Replied in "${titleOf(thread)}"`;
			credit(str(doc.author), { at: str(doc.createdAt), rule: 'reply', doc: id, points: POINTS.reply.points, text });
		}
	}
}

/** What a Helpful vote on `target` is for, in words, and who receives it (null: it does not count). */
function voteTarget(index: Index, targetId: string): { owners: string[]; what: string } | null {
	const target = live(index, targetId);
	if (!target) return null;
	if (target.type === 'thread') return { owners: [str(target.author)], what: `"${titleOf(target)}"` };
	if (target.type === 'post') {
		const thread = live(index, str(target.thread));
		return thread ? { owners: [str(target.author)], what: `your reply in "${titleOf(thread)}"` } : null;
	}
	if (target.type === 'resource' || target.type === 'story')
		return { owners: authorsOf(target), what: `"${titleOf(target)}"` };
	return null;
}

function creditVotes(index: Index, credit: Credit): void {
	const votes = [...index.byId.values()]
		.filter((d) => d.type === 'vote' && d.value === 1)
		.sort((a, b) => str(a.createdAt).localeCompare(str(b.createdAt)) || str(a._id).localeCompare(str(b._id)));
	const perVoterDay = new Map<string, number>();
	for (const vote of votes) {
		const voter = str(vote.author);
		const target = voteTarget(index, str(vote.target));
		// one's own content earns nothing, and does not use up the day's votes either
		if (!target || target.owners.includes(voter)) continue;
		const day = `${voter}@${str(vote.createdAt).slice(0, 10)}`;
		const used = perVoterDay.get(day) ?? 0;
		if (used >= DAILY_VOTE_CAP) continue;
		perVoterDay.set(day, used + 1);
		const text = `Helpful vote from ${voter} on ${target.what}`;
		for (const owner of target.owners)
			credit(owner, {
				at: str(vote.createdAt),
				rule: 'helpful',
				doc: str(vote._id),
				points: POINTS.helpful.points,
				text
			});
	}
}

function creditPractices(index: Index, credit: Credit): void {
	for (const doc of index.byId.values()) {
		if ((doc.type !== 'resource' && doc.type !== 'story') || doc.status !== 'published') continue;
		const id = str(doc._id);
		if (index.hidden.has(id)) continue;
		const rule = doc.type as 'resource' | 'story';
		const at = str(doc.reviewedAt) || str(doc.updatedAt) || str(doc.createdAt);
		const kind = rule === 'story' ? 'success story' : 'resource';
		const challenge = live(index, str(doc.challenge));
		for (const member of authorsOf(doc)) {
			const text = `Published the ${kind} "${titleOf(doc)}"`;
			credit(member, { at, rule, doc: id, points: POINTS[rule].points, text });
			if (challenge?.type === 'challenge') {
				const entry = `Entered "${titleOf(doc)}" in the challenge "${titleOf(challenge)}"`;
				credit(member, { at, rule: 'entry', doc: id, points: POINTS.entry.points, text: entry });
			}
		}
	}
}

function creditReviewsAndAdoptions(index: Index, credit: Credit): void {
	for (const doc of index.byId.values()) {
		const id = str(doc._id);
		if (index.hidden.has(id)) continue;
		if (doc.type === 'review') {
			const target = live(index, str(doc.resource));
			if (!target || authorsOf(target).includes(str(doc.author))) continue;
			const text = `Reviewed "${titleOf(target)}"`;
			credit(str(doc.author), { at: str(doc.createdAt), rule: 'review', doc: id, points: POINTS.review.points, text });
		} else if (doc.type === 'adoption') {
			const practice = live(index, str(doc.practice));
			if (!practice || authorsOf(practice).includes(str(doc.author))) continue;
			const title = titleOf(practice);
			const text = `Reported adopting "${title}"`;
			credit(str(doc.author), {
				at: str(doc.createdAt),
				rule: 'adoption',
				doc: id,
				points: POINTS.adoption.points,
				text
			});
			if (Array.isArray(doc.outcomes) && doc.outcomes.length > 0) {
				const at = str(doc.updatedAt) || str(doc.createdAt);
				const results = `Reported the results of adopting "${title}"`;
				credit(str(doc.author), { at, rule: 'outcomes', doc: id, points: POINTS.outcomes.points, text: results });
			}
		}
	}
}

function creditEvents(index: Index, now: string, credit: Credit): void {
	for (const doc of index.byId.values()) {
		if (doc.type === 'event') {
			const end = str(doc.end);
			if (doc.cancelled || index.hidden.has(str(doc._id)) || !end || Date.parse(end) > Date.parse(now)) continue;
			const text = `Organised "${titleOf(doc)}"`;
			for (const organiser of new Set(strs(doc.organisers)))
				credit(organiser, { at: end, rule: 'organised', doc: str(doc._id), points: POINTS.organised.points, text });
		} else if (doc.type === 'attendance' && doc.attended === true) {
			const event = live(index, str(doc.event));
			// only an organiser's record counts
			if (!event || event.cancelled || !strs(event.organisers).includes(str(doc.author))) continue;
			const text = `Attended "${titleOf(event)}"`;
			const at = str(event.end) || str(doc.createdAt);
			credit(str(doc.member), { at, rule: 'attended', doc: str(doc._id), points: POINTS.attended.points, text });
		}
	}
}

function creditMentorships(index: Index, credit: Credit): void {
	for (const doc of index.byId.values()) {
		if (doc.type !== 'mentorship') continue;
		const id = str(doc._id);
		const answer = index.answers.get(id);
		const mentor = str(doc.mentor);
		const mentee = str(doc.author);
		if (!answer || answer.answer !== 'accepted' || answer.author !== mentor || mentor === mentee) continue;
		if (answer._id !== `mentorship-answer:${ulidOf(id)}`) continue;
		const dates = [str(doc.completedAt), str(answer.completedAt)].filter(Boolean).sort();
		if (!dates.length) continue;
		const at = dates[0];
		credit(mentor, {
			at,
			rule: 'mentor',
			doc: id,
			points: POINTS.mentor.points,
			text: `Mentored ${mentee} to completion`
		});
		credit(mentee, {
			at,
			rule: 'mentee',
			doc: id,
			points: POINTS.mentee.points,
			text: `Completed a mentorship with ${mentor}`
		});
	}
}

function creditWins(index: Index, credit: Credit): void {
	for (const doc of index.byId.values()) {
		if (doc.type !== 'challenge' || !str(doc.announcedAt) || !Array.isArray(doc.winners)) continue;
		for (const winner of doc.winners as Doc[]) {
			const entry = live(index, str(winner.entry));
			const place = typeof winner.place === 'number' ? winner.place : 0;
			if (!entry || place < 1) continue;
			const points = CHALLENGE_PLACE_POINTS[Math.min(place, CHALLENGE_PLACE_POINTS.length) - 1];
			const text = `Won ${placeName(place)} in the challenge "${titleOf(doc)}" with "${titleOf(entry)}"`;
			for (const member of authorsOf(entry))
				credit(member, { at: str(doc.announcedAt), rule: 'win', doc: str(winner.entry), points, text });
		}
	}
}

/** Newest first; ties by rule then document id so every side lists them alike. */
const byNewest = (a: LedgerLine, b: LedgerLine): number =>
	b.at.localeCompare(a.at) || a.rule.localeCompare(b.rule) || a.doc.localeCompare(b.doc);

function badgesOf(oldestFirst: readonly LedgerLine[]): EarnedBadge[] {
	const out: EarnedBadge[] = [];
	for (const badge of BADGES) {
		const lines = oldestFirst.filter((l) => l.rule === badge.rule);
		const reachedAt = badge.thresholds.filter((t) => lines.length >= t).map((t) => lines[t - 1].at);
		if (!reachedAt.length) continue;
		const level = reachedAt.length as 1 | 2 | 3;
		out.push({
			key: badge.key,
			name: badge.name,
			level,
			levelName: BADGE_LEVELS[level - 1],
			count: lines.length,
			earned: badgeEarnedText(badge, level),
			reachedAt
		});
	}
	return out;
}

function standingOf(username: string, lines: LedgerLine[], profile: Doc | undefined): MemberRecognition {
	const ledger = [...lines].sort(byNewest);
	const oldestFirst = [...ledger].reverse();
	const byMonth: Record<string, number> = {};
	const byYear: Record<string, number> = {};
	const counts: Partial<Record<RuleKey, number>> = {};
	let points = 0;
	let level = { key: LEVELS[0].key, name: LEVELS[0].name, reachedAt: null as string | null };
	for (const line of oldestFirst) {
		points += line.points;
		byMonth[line.at.slice(0, 7)] = (byMonth[line.at.slice(0, 7)] ?? 0) + line.points;
		byYear[line.at.slice(0, 4)] = (byYear[line.at.slice(0, 4)] ?? 0) + line.points;
		counts[line.rule] = (counts[line.rule] ?? 0) + 1;
		const reached = levelFor(points);
		if (reached.key !== level.key) level = { key: reached.key, name: reached.name, reachedAt: line.at };
	}
	return {
		username,
		displayName: str(profile?.displayName) || username,
		region: str(profile?.region) || null,
		sector: str(profile?.sector) || null,
		hidden: profile?.hideFromLeaderboards === true,
		points,
		byMonth,
		byYear,
		level,
		badges: badgesOf(oldestFirst),
		counts,
		firstAt: oldestFirst[0]?.at ?? null,
		ledger
	};
}

/** The level a total reaches. */
export function levelFor(points: number): LevelRule {
	let out = LEVELS[0];
	for (const level of LEVELS) if (points >= level.min) out = level;
	return out;
}

/**
 * Every member's recognition from the community's documents (tombstones and moderators' decisions
 * included or not: deleted documents are skipped either way). Members are sorted by username.
 */
export function computeRecognition(docs: readonly object[], options: RecognitionOptions): MemberRecognition[] {
	const index = indexDocs(docs);
	const lines = new Map<string, LedgerLine[]>();
	const seen = new Set<string>();
	// nothing counts twice: one line per member, rule and document
	const credit: Credit = (member, line) => {
		const key = `${member}\n${line.rule}\n${line.doc}`;
		if (!member || !line.at || seen.has(key)) return;
		seen.add(key);
		const list = lines.get(member) ?? [];
		list.push(line);
		lines.set(member, list);
	};
	creditThreadsAndPosts(index, credit);
	creditVotes(index, credit);
	creditPractices(index, credit);
	creditReviewsAndAdoptions(index, credit);
	creditEvents(index, options.now, credit);
	creditMentorships(index, credit);
	creditWins(index, credit);
	const profiles = new Map<string, Doc>();
	for (const doc of index.byId.values()) if (doc.type === 'profile') profiles.set(str(doc.author), doc);
	const names = [...new Set([...lines.keys(), ...profiles.keys()])].sort();
	return names.map((name) => standingOf(name, lines.get(name) ?? [], profiles.get(name)));
}

/** A standing without its ledger (what the device stores for leaderboards). */
export function standingOnly(member: MemberRecognition): Standing {
	const { ledger, ...standing } = member;
	return standing;
}

export const PERIODS = ['month', 'year', 'all'] as const;
export type Period = (typeof PERIODS)[number];

export interface BoardOptions {
	period: Period;
	now: string;
	region?: string | null;
	sector?: string | null;
	/** Rows per list (default 50). */
	limit?: number;
}

export interface BoardEntry {
	rank: number;
	username: string;
	displayName: string;
	level: string;
	points: number;
}

export interface Boards {
	period: Period;
	leaderboard: BoardEntry[];
	/** First contribution within RISING_DAYS, by all-time points. */
	rising: BoardEntry[];
	/** By reviews done (`points` is the count). */
	reviewers: BoardEntry[];
	/** By mentorships completed as mentor (`points` is the count). */
	mentors: BoardEntry[];
	regions: string[];
	sectors: string[];
}

/** Points of a standing in a period as of `now` (UTC month or year). */
export function pointsIn(standing: Standing, period: Period, now: string): number {
	if (period === 'all') return standing.points;
	if (period === 'year') return standing.byYear[now.slice(0, 4)] ?? 0;
	return standing.byMonth[now.slice(0, 7)] ?? 0;
}

/** Ranked by score (then username); equal scores share a rank (1, 1, 3). Zero scores are left out. */
function ranked(standings: readonly Standing[], score: (s: Standing) => number, limit: number): BoardEntry[] {
	const rows = standings
		.map((s) => ({ s, n: score(s) }))
		.filter((r) => r.n > 0)
		.sort((a, b) => b.n - a.n || a.s.username.localeCompare(b.s.username))
		.slice(0, limit);
	let rank = 0;
	return rows.map((row, i) => {
		if (i === 0 || rows[i - 1].n !== row.n) rank = i + 1;
		return {
			rank,
			username: row.s.username,
			displayName: row.s.displayName,
			level: row.s.level.name,
			points: row.n
		};
	});
}

/** The leaderboards, leaving out members who asked to be left out. */
export function leaderboards(standings: readonly Standing[], options: BoardOptions): Boards {
	const limit = options.limit ?? 50;
	const shown = standings.filter((s) => !s.hidden);
	const regions = [...new Set(shown.map((s) => s.region).filter((r): r is string => !!r))].sort();
	const sectors = [...new Set(shown.map((s) => s.sector).filter((r): r is string => !!r))].sort();
	const chosen = shown.filter(
		(s) => (!options.region || s.region === options.region) && (!options.sector || s.sector === options.sector)
	);
	const since = new Date(Date.parse(options.now) - RISING_DAYS * DAY_MS).toISOString();
	return {
		period: options.period,
		leaderboard: ranked(chosen, (s) => pointsIn(s, options.period, options.now), limit),
		rising: ranked(
			chosen.filter((s) => s.firstAt !== null && s.firstAt >= since),
			(s) => s.points,
			limit
		),
		reviewers: ranked(chosen, (s) => s.counts.review ?? 0, limit),
		mentors: ranked(chosen, (s) => s.counts.mentor ?? 0, limit),
		regions,
		sectors
	};
}

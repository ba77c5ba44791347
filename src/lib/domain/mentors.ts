// Suggested mentors: ranked by how well their expertise covers what the member wants to learn.
import { MENTOR_CAPACITY_DEFAULT } from './schemas';

export interface MentorCandidate {
	username: string;
	expertise: readonly string[];
	/** Open to mentoring. */
	mentor: boolean;
	/** Mentorships the mentor has active now (fewer ranks higher on a tie). */
	activeMentees?: number;
	/** How many mentees they take at once (MENTOR_CAPACITY_DEFAULT when unset): full mentors are not suggested. */
	capacity?: number;
}

export interface RankedMentor {
	username: string;
	score: number;
	shared: string[];
}

/** Tags compared loosely: case, surrounding space and separators do not matter. */
export function normalizeTag(tag: string): string {
	return tag
		.trim()
		.toLowerCase()
		.replace(/[\s_]+/g, '-');
}

/**
 * Score = number of the member's goals/interests found in the mentor's expertise, plus a small
 * share of the mentor's expertise that is relevant (so a focused expert beats a generalist who
 * lists everything). Only mentors open to mentoring and not full, never the member, and only
 * with at least one shared tag. Ties: fewer active mentees, then username, so the order is stable.
 */
export function rankMentors(
	member: string,
	interests: readonly string[],
	candidates: readonly MentorCandidate[],
	limit = 10
): RankedMentor[] {
	const wanted = new Set(interests.map(normalizeTag).filter(Boolean));
	const ranked: (RankedMentor & { load: number })[] = [];
	for (const c of candidates) {
		if (!c.mentor || c.username === member) continue;
		if ((c.activeMentees ?? 0) >= (c.capacity ?? MENTOR_CAPACITY_DEFAULT)) continue;
		const expertise = new Set(c.expertise.map(normalizeTag).filter(Boolean));
		const shared = [...expertise].filter((t) => wanted.has(t)).sort();
		if (shared.length === 0) continue;
		const score = shared.length + shared.length / (expertise.size * 10);
		ranked.push({ username: c.username, score, shared, load: c.activeMentees ?? 0 });
	}
	ranked.sort((a, b) => b.score - a.score || a.load - b.load || (a.username < b.username ? -1 : 1));
	return ranked.slice(0, limit).map(({ username, score, shared }) => ({ username, score, shared }));
}

// ---- Mentorship rules, shared by the server (server/couch/rules/mentorship.ts) and the device ----

/** The fields of a `mentorship` request the rules read (the author is the mentee). */
export interface RequestFacts {
	_id: string;
	author: string;
	mentor: string;
	completedAt?: string;
	withdrawnAt?: string;
}

/** The fields of a `mentorship-answer` the rules read. */
export interface AnswerFacts {
	_id?: string;
	author: string;
	mentorship: string;
	answer: string;
	completedAt?: string;
}

export interface MentorProfileFacts {
	mentor?: boolean;
	mentorCapacity?: number;
}

export type MentorshipStatus = 'requested' | 'active' | 'declined' | 'completed' | 'withdrawn';

/**
 * Derived from the request and its answer so neither side overwrites the other's document. Only
 * an answer by the mentor the request names counts. Withdrawn wins over everything: the mentee
 * may withdraw before or after an answer.
 */
export function mentorshipStatus(request: RequestFacts, answer: AnswerFacts | undefined | null): MentorshipStatus {
	if (request.withdrawnAt) return 'withdrawn';
	const valid = answer && answer.author === request.mentor ? answer : undefined;
	if (valid?.answer === 'declined') return 'declined';
	if (request.completedAt || valid?.completedAt) return 'completed';
	return valid ? 'active' : 'requested';
}

/** How many mentees a mentor takes at once: their profile's figure, or the default. */
export function mentorCapacityOf(profile: MentorProfileFacts | null | undefined): number {
	return profile?.mentorCapacity ?? MENTOR_CAPACITY_DEFAULT;
}

export interface MentorshipFacts {
	/** profile:{mentor}, null when the member has none. */
	mentorProfile: MentorProfileFacts | null;
	/** Requests to compare with (at least those to the mentor and those of the mentee). */
	requests: readonly RequestFacts[];
	answers: readonly AnswerFacts[];
}

function answersByRequest(answers: readonly AnswerFacts[]): Map<string, AnswerFacts> {
	return new Map(answers.map((a) => [a.mentorship, a]));
}

/** The mentorships a mentor has accepted and that are still going on. */
export function activeMentees(
	mentor: string,
	requests: readonly RequestFacts[],
	answers: readonly AnswerFacts[],
	except?: string
): number {
	const byRequest = answersByRequest(answers);
	return requests.filter(
		(r) => r.mentor === mentor && r._id !== except && mentorshipStatus(r, byRequest.get(r._id)) === 'active'
	).length;
}

/** Whether a mentor takes more mentees now (open to mentoring and below their capacity). */
export function isTakingMentees(profile: MentorProfileFacts | null | undefined, active: number): boolean {
	return profile?.mentor === true && active < mentorCapacityOf(profile);
}

/**
 * Why a new request may not be made, or null: the mentor must have a profile and be open to
 * mentoring, the mentee may have one request to them going on at a time (not withdrawn, completed
 * or declined), and a full mentor takes no more requests.
 */
export function mentorshipRefusal(
	request: Pick<RequestFacts, '_id' | 'author' | 'mentor'>,
	{ mentorProfile, requests, answers }: MentorshipFacts
): string | null {
	const { mentor } = request;
	if (!mentorProfile) return `there is no member named ${mentor}`;
	if (mentorProfile.mentor !== true) return `${mentor} is not open to mentoring`;
	const byRequest = answersByRequest(answers);
	const open = requests.some((r) => {
		if (r._id === request._id || r.author !== request.author || r.mentor !== mentor) return false;
		const status = mentorshipStatus(r, byRequest.get(r._id));
		return status === 'requested' || status === 'active';
	});
	if (open) return `you already have a request to ${mentor}`;
	if (activeMentees(mentor, requests, answers) >= mentorCapacityOf(mentorProfile))
		return `${mentor} is not taking more mentees right now`;
	return null;
}

/**
 * Why a mentor's answer may not be written, or null: a withdrawn request takes no answer, and
 * accepting needs room below the mentor's capacity (the request answered does not count twice).
 */
export function answerRefusal(
	answer: Pick<AnswerFacts, 'answer'>,
	request: RequestFacts,
	{ mentorProfile, requests, answers }: MentorshipFacts
): string | null {
	if (request.withdrawnAt) return 'this request was withdrawn';
	if (answer.answer !== 'accepted') return null;
	const active = activeMentees(request.mentor, requests, answers, request._id);
	const capacity = mentorCapacityOf(mentorProfile);
	if (active >= capacity)
		return `you already mentor ${active} ${active === 1 ? 'member' : 'members'}, your limit: raise it in your profile to accept more`;
	return null;
}

/** Why a change to a stored request may not be made, or null: its mentor is fixed, and a withdrawal is final. */
export function requestChangeRefusal(next: Partial<RequestFacts>, prev: RequestFacts): string | null {
	if (next.mentor !== prev.mentor) return 'the mentor of a request cannot change: send a new request instead';
	if (prev.withdrawnAt && !next.withdrawnAt) return 'a withdrawn request stays withdrawn: send a new request instead';
	return null;
}

// Community challenges, decided once for the server rule (server/couch/rules/challenges.ts) and
// the device (which shows the same reasons before writing): where a challenge stands at a time,
// what it refuses (late or early entries, withdrawals after closing, judging out of its window,
// winners that are not entries), and how its entries rank. Pure: the caller gives the time.

/** What a decision needs of a challenge document. */
export interface ChallengeFacts {
	_id: string;
	opensAt: string;
	closesAt: string;
	criteria: readonly unknown[];
	judges?: readonly string[];
	winners?: readonly { entry: string; place: number }[];
	announcedAt?: string;
}

/** Upcoming before it opens, open until it closes, judging until winners are announced, then past. */
export type ChallengeStatus = 'upcoming' | 'open' | 'judging' | 'past';
export const CHALLENGE_STATUSES: readonly ChallengeStatus[] = ['upcoming', 'open', 'judging', 'past'];

export function challengeStatus(challenge: ChallengeFacts, now: Date): ChallengeStatus {
	const t = now.getTime();
	if (t < Date.parse(challenge.opensAt)) return 'upcoming';
	if (t < Date.parse(challenge.closesAt)) return 'open';
	return challenge.announcedAt ? 'past' : 'judging';
}

export const isClosed = (challenge: ChallengeFacts, now: Date): boolean =>
	now.getTime() >= Date.parse(challenge.closesAt);

const MONTHS = [
	'January',
	'February',
	'March',
	'April',
	'May',
	'June',
	'July',
	'August',
	'September',
	'October',
	'November',
	'December'
];

/** "14 January 2027", in UTC so that the server and every device say the same day. */
export function dayInWords(instant: string): string {
	const d = new Date(instant);
	if (Number.isNaN(d.getTime())) return instant;
	return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/**
 * Entering, moving or withdrawing an entry: `next` and `prev` are the `challenge` field of the
 * new and the stored revision (undefined when none). Keeping the same challenge is always fine.
 * `find` gives a challenge by id (null when there is none).
 */
export function entryRefusal(
	next: string | undefined,
	prev: string | undefined,
	find: (id: string) => ChallengeFacts | null,
	now: Date
): string | null {
	if (next === prev) return null;
	if (prev) {
		const left = find(prev);
		if (left && isClosed(left, now)) return 'entries cannot be withdrawn once a challenge has closed';
	}
	if (!next) return null;
	const entered = find(next);
	if (!entered) return 'there is no such challenge';
	if (now.getTime() < Date.parse(entered.opensAt)) return `this challenge opens on ${dayInWords(entered.opensAt)}`;
	if (isClosed(entered, now))
		return `this challenge closed on ${dayInWords(entered.closesAt)}: it takes no more entries`;
	return null;
}

/** A judge's scores for `entry`: after closing, before the winners, of an entry, one score per criterion. */
export function judgingRefusal(
	judging: { entry: string; scores: readonly unknown[] },
	challenge: ChallengeFacts,
	entryChallenge: string | null,
	now: Date
): string | null {
	if (!isClosed(challenge, now)) return `judging starts when the challenge closes on ${dayInWords(challenge.closesAt)}`;
	if (challenge.announcedAt) return 'the winners of this challenge are announced: judging is over';
	if (entryChallenge !== challenge._id) return 'this is not an entry of the challenge';
	const n = challenge.criteria.length;
	if (judging.scores.length !== n) return `score each of the ${n} criteria`;
	return null;
}

/**
 * A change of a challenge's winners: only after closing, and only entries of the challenge
 * (`entryChallenge` says which challenge an entry names, null when it names none or is unknown).
 */
export function winnersRefusal(
	next: ChallengeFacts,
	prev: ChallengeFacts | null,
	entryChallenge: (entry: string) => string | null,
	now: Date
): string | null {
	const winners = next.winners ?? [];
	const announcing = winners.length > 0 || next.announcedAt !== undefined;
	const changed =
		JSON.stringify(winners) !== JSON.stringify(prev?.winners ?? []) || next.announcedAt !== prev?.announcedAt;
	if (!announcing || !changed) return null;
	if (!isClosed(next, now)) return `winners are announced after the challenge closes on ${dayInWords(next.closesAt)}`;
	if (winners.some((w) => entryChallenge(w.entry) !== next._id)) return 'winners must be entries of the challenge';
	return null;
}

/** One entry's figures for ranking. */
export interface EntryScore {
	entry: string;
	/** Each judge's scores, one per criterion. */
	scores: readonly (readonly number[])[];
	votes: number;
}

export interface RankedEntry {
	entry: string;
	/** Mean of every judge's mean score (null when no judge scored it yet). */
	meanScore: number | null;
	votes: number;
	judged: number;
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * Entries best first: by the mean of the judges' mean scores, then by votes, then by id so the
 * order is the same on every device. Unjudged entries come after judged ones.
 */
export function rankEntries(entries: readonly EntryScore[]): RankedEntry[] {
	const ranked = entries.map((e) => {
		const perJudge = e.scores.filter((s) => s.length > 0).map(mean);
		return {
			entry: e.entry,
			meanScore: perJudge.length ? mean(perJudge) : null,
			votes: e.votes,
			judged: perJudge.length
		};
	});
	return ranked.sort(
		(a, b) =>
			(b.meanScore ?? -1) - (a.meanScore ?? -1) ||
			b.votes - a.votes ||
			(a.entry < b.entry ? -1 : a.entry > b.entry ? 1 : 0)
	);
}

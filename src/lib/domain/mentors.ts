// Suggested mentors: ranked by how well their expertise covers what the member wants to learn.

export interface MentorCandidate {
	username: string;
	expertise: readonly string[];
	/** Open to mentoring. */
	mentor: boolean;
	/** Mentorships the mentor has active now (fewer ranks higher on a tie). */
	activeMentees?: number;
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
 * lists everything). Only mentors open to mentoring, never the member, and only with at least
 * one shared tag. Ties: fewer active mentees, then username, so the order is stable.
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
		const expertise = new Set(c.expertise.map(normalizeTag).filter(Boolean));
		const shared = [...expertise].filter((t) => wanted.has(t)).sort();
		if (shared.length === 0) continue;
		const score = shared.length + shared.length / (expertise.size * 10);
		ranked.push({ username: c.username, score, shared, load: c.activeMentees ?? 0 });
	}
	ranked.sort((a, b) => b.score - a.score || a.load - b.load || (a.username < b.username ? -1 : 1));
	return ranked.slice(0, limit).map(({ username, score, shared }) => ({ username, score, shared }));
}

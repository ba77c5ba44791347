// Mentorship state, derived from two documents so neither side ever overwrites the other's:
// the mentee's request (`mentorship:{ulid}`, completedAt when they close it, withdrawnAt when they
// withdraw it) and the mentor's answer (`mentorship-answer:{ulid}`, completedAt when they close
// it). The derivation is the shared rule of domain/mentors.ts, which the server enforces too.
import { mentorshipAnswerId } from '../../domain/ids';
import {
	activeMentees,
	mentorCapacityOf,
	mentorshipStatus,
	type MentorshipFacts,
	type MentorshipStatus
} from '../../domain/mentors';
import type { StoreContext } from '../context';
import { eventsTables, type MentorAnswerRow, type MentorshipRow } from '../events/tables';

export type MentorshipState = MentorshipStatus;

export function mentorshipState(request: MentorshipRow, answer: MentorAnswerRow | undefined): MentorshipState {
	return mentorshipStatus({ ...request, _id: request.id }, answer);
}

export const answerIdOf = mentorshipAnswerId;

/**
 * What the shared rules compare a write with, as this device knows it: the mentor's profile and
 * every request to them or by `mentee`, with their answers. The server judges again with what it
 * holds, so a device that has not seen everything yet cannot let a refused write through.
 */
export async function mentorshipFacts(ctx: StoreContext, mentor: string, mentee: string): Promise<MentorshipFacts> {
	const t = eventsTables(ctx.db);
	const [profile, toMentor, byMentee] = await Promise.all([
		ctx.db.profiles.get(mentor),
		t.mentorships.where('mentor').equals(mentor).toArray(),
		t.mentorships.where('author').equals(mentee).toArray()
	]);
	const rows = [...new Map([...toMentor, ...byMentee].map((r) => [r.id, r])).values()];
	const answers = (await t.mentorAnswers.bulkGet(rows.map((r) => answerIdOf(r.id)))).filter(
		(a): a is MentorAnswerRow => a !== undefined
	);
	return {
		mentorProfile: profile && !profile.former ? profile : null,
		requests: rows.map((r) => ({ ...r, _id: r.id })),
		answers
	};
}

/** A mentor's load and whether they take more mentees now (people pages, suggestions). */
export interface MentorAvailability {
	active: number;
	capacity: number;
	full: boolean;
}

export async function mentorAvailability(ctx: StoreContext, mentor: string): Promise<MentorAvailability> {
	const facts = await mentorshipFacts(ctx, mentor, mentor);
	const active = activeMentees(mentor, facts.requests, facts.answers);
	const capacity = mentorCapacityOf(facts.mentorProfile);
	return { active, capacity, full: active >= capacity };
}

// Mentorship state, derived from two documents so neither side ever overwrites the other's:
// the mentee's request (`mentorship:{ulid}`, completedAt when they close it) and the mentor's
// answer (`mentorship-answer:{ulid}`, completedAt when they close it). Only an answer written
// by the mentor the request names counts.
import { mentorshipAnswerId } from '../../domain/ids';
import type { MentorAnswerRow, MentorshipRow } from '../events/tables';

export type MentorshipState = 'requested' | 'active' | 'declined' | 'completed';

export function mentorshipState(request: MentorshipRow, answer: MentorAnswerRow | undefined): MentorshipState {
	const valid = answer && answer.author === request.mentor ? answer : undefined;
	if (!valid) return 'requested';
	if (valid.answer === 'declined') return 'declined';
	return request.completedAt || valid.completedAt ? 'completed' : 'active';
}

export const answerIdOf = mentorshipAnswerId;

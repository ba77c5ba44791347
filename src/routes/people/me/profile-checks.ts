// What the profile editor checks before saving, and the sentence each problem gets next to its
// field: a display name, the character limits, the expertise tags and the number of mentees, by
// the shared schema's rules. Pure, so the mapping is unit-tested; a store refusal goes through
// the same sentences.
import * as v from 'valibot';
import { MAX_MENTOR_CAPACITY, profileSchema } from '../../../lib/domain/schemas';
import { fieldProblems, type FieldProblem } from '../../../lib/domain/validate';
import { fieldMessage, textProblem } from '../../../lib/forms';
import { t } from '../../../lib/i18n';

/** The character limits of profileSchema (and profilePrivateSchema), for the counters and checks. */
export const PROFILE_LIMITS = {
	displayName: 80,
	organization: 120,
	jurisdiction: 120,
	role: 120,
	bio: 5000,
	region: 120,
	sector: 120
} as const;
export type ProfileLimited = keyof typeof PROFILE_LIMITS;

export const PROFILE_FIELDS = [
	...(Object.keys(PROFILE_LIMITS) as ProfileLimited[]),
	'expertise',
	'mentorCapacity'
] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

export interface ProfileValues extends Record<ProfileLimited, string> {
	expertise: string[];
	/** Only when the member is open to mentoring (the figure is kept, not checked, otherwise). */
	mentorCapacity?: number;
}

const RULES = v.object({
	expertise: profileSchema.entries.expertise,
	mentorCapacity: profileSchema.entries.mentorCapacity
});

/** The problems of the profile as typed, before it is saved. */
export function checkProfile(values: ProfileValues): FieldProblem[] {
	const problems: FieldProblem[] = [];
	for (const field of Object.keys(PROFILE_LIMITS) as ProfileLimited[]) {
		// the name is saved trimmed; the other fields are trimmed too, so a space is not a value
		const problem = textProblem(field, values[field].trim(), {
			required: field === 'displayName',
			max: PROFILE_LIMITS[field]
		});
		if (problem) problems.push(problem);
	}
	const result = v.safeParse(RULES, { expertise: values.expertise, mentorCapacity: values.mentorCapacity });
	if (!result.success) problems.push(...fieldProblems(result.issues));
	return problems;
}

/** The form field a problem belongs to, or null when the form shows no such field. */
export function profileFieldOf(problem: FieldProblem): ProfileField | null {
	return (PROFILE_FIELDS as readonly string[]).includes(problem.field) ? (problem.field as ProfileField) : null;
}

const LABELS: Record<ProfileField, () => string> = {
	displayName: () => t('people:me.displayName'),
	organization: () => t('people:me.field.organization'),
	jurisdiction: () => t('people:me.field.jurisdiction'),
	role: () => t('people:me.field.role'),
	bio: () => t('people:me.field.bio'),
	region: () => t('people:me.region'),
	sector: () => t('people:me.sector'),
	expertise: () => t('people:me.field.expertise'),
	mentorCapacity: () => t('people:me.capacity')
};

/** The sentence for a problem of `field`. */
export function profileMessage(field: ProfileField, problem: FieldProblem): string {
	if (field === 'displayName' && problem.code === 'required') return t('people:me.needDisplayName');
	if (field === 'mentorCapacity') return t('people:errors.capacity', { max: MAX_MENTOR_CAPACITY });
	return fieldMessage(problem, LABELS[field]());
}

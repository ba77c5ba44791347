// What the event form checks before writing, and the sentence each problem gets next to its
// field: a title, both times (an end before the start said at the end field), a place, the
// character limits, and the schema's own rules for the time zone, web links, capacity and tags.
// Pure, so the mapping is unit-tested; a store refusal goes through the same sentences.
import * as v from 'valibot';
import { eventSchema, MAX_BODY_CHARS } from '../../lib/domain/schemas';
import { fieldProblems, type FieldProblem } from '../../lib/domain/validate';
import { isValidUsername } from '../../lib/domain/ids';
import { fieldMessage, textProblem } from '../../lib/forms';
import { t } from '../../lib/i18n';

/** The character limits of eventSchema, for the counters and the checks before writing. */
export const EVENT_LIMITS = {
	title: 200,
	description: MAX_BODY_CHARS,
	venue: 200,
	address: 500,
	region: 120,
	materials: 20_000
} as const;
export type EventLimited = keyof typeof EVENT_LIMITS;

/** The fields that show a message, by the id of their input ('place' is the Where group). */
export const EVENT_FIELDS = [
	...(Object.keys(EVENT_LIMITS) as EventLimited[]),
	'start',
	'end',
	'timeZone',
	'place',
	'online',
	'capacity',
	'organisers',
	'tags',
	'resources',
	'recording'
] as const;
export type EventField = (typeof EVENT_FIELDS)[number];

export interface EventValues extends Record<EventLimited, string> {
	start: string;
	end: string;
	timeZone: string;
	online: string;
	recording: string;
	capacity: string;
	organisers: string[];
	tags: string[];
}

const ENTRIES = eventSchema.pipe[0].entries;
const RULES = v.object({
	timeZone: ENTRIES.timeZone,
	location: v.object({ online: ENTRIES.location.entries.online }),
	recording: ENTRIES.recording,
	capacity: ENTRIES.capacity,
	tags: ENTRIES.tags
});

const filled = (value: string): string | undefined => (value.trim() ? value.trim() : undefined);

/** The problems of the event as typed, before it is written. */
export function checkEvent(values: EventValues): FieldProblem[] {
	const problems: FieldProblem[] = [];
	for (const field of Object.keys(EVENT_LIMITS) as EventLimited[]) {
		const value = field === 'title' ? values.title.trim() : values[field];
		const problem = textProblem(field, value, { required: field === 'title', max: EVENT_LIMITS[field] });
		if (problem) problems.push(problem);
	}
	if (!values.start) problems.push({ field: 'start', code: 'required' });
	if (!values.end) problems.push({ field: 'end', code: 'required' });
	// both are wall-clock times of one zone (YYYY-MM-DDTHH:mm), so they compare as text
	else if (values.start && values.end < values.start) problems.push({ field: 'end', code: 'invalid' });
	if (!filled(values.venue) && !filled(values.address) && !filled(values.online))
		problems.push({ field: 'place', code: 'required' });
	values.organisers.forEach((name, index) => {
		if (!isValidUsername(name.toLowerCase())) problems.push({ field: 'organisers', index, code: 'invalid' });
	});
	const capacity = filled(values.capacity);
	const result = v.safeParse(RULES, {
		timeZone: values.timeZone.trim(),
		location: { online: filled(values.online) },
		recording: filled(values.recording),
		capacity: capacity === undefined ? undefined : Number(capacity),
		tags: values.tags
	});
	if (!result.success) problems.push(...fieldProblems(result.issues));
	return problems;
}

/** The form field a problem belongs to (the store names the place's fields `location.…`), or null. */
export function eventFieldOf(problem: FieldProblem): EventField | null {
	const field = problem.field.startsWith('location.') ? problem.field.slice('location.'.length) : problem.field;
	return (EVENT_FIELDS as readonly string[]).includes(field) ? (field as EventField) : null;
}

const LABELS: Record<EventField, () => string> = {
	title: () => t('events:form.title'),
	description: () => t('events:form.description'),
	venue: () => t('events:form.venue'),
	address: () => t('events:form.address'),
	region: () => t('events:form.region'),
	materials: () => t('events:form.materials'),
	start: () => t('events:form.starts'),
	end: () => t('events:form.ends'),
	timeZone: () => t('events:form.timeZone'),
	place: () => t('events:form.where'),
	online: () => t('events:form.online'),
	capacity: () => t('events:form.capacity'),
	organisers: () => t('events:form.organisers'),
	tags: () => t('events:form.tags'),
	resources: () => t('events:form.resources'),
	recording: () => t('events:form.recording')
};

/**
 * The sentence for a problem of `field`. Names typed in a list (co-organisers, linked resources)
 * are quoted back from `lists`, as they were typed, rather than counted as lines.
 */
export function eventMessage(
	field: EventField,
	problem: FieldProblem,
	lists: { organisers: readonly string[]; resources: readonly string[] }
): string {
	const { code, index } = problem;
	if (field === 'title' && code === 'required') return t('events:form.needTitle');
	if (field === 'start' && code === 'required') return t('events:form.needStart');
	if (field === 'end' && code === 'required') return t('events:form.needEnd');
	if (field === 'end' && code === 'invalid') return t('events:form.endBeforeStart');
	if (field === 'place') return t('events:errors.needPlace');
	if (field === 'timeZone') return t('events:form.badTimeZone');
	if (field === 'capacity') return t('events:form.badCapacity');
	if (field === 'organisers' && index !== undefined)
		return t('events:form.badOrganiser', { name: lists.organisers[index] ?? '' });
	if (field === 'resources' && index !== undefined)
		return t('events:form.badResource', { id: lists.resources[index] ?? '' });
	return fieldMessage(problem, LABELS[field]());
}

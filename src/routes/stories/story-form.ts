// The story form's own words and checks: the draft it keeps as typed, the schema's limits per
// field and the sentence under each field that cannot be saved as it is. No I/O: StoryForm shows it.
// Relative imports: unit tests type-check this file with the server's tsconfig, which has no $lib.
import { outcomeDraftsFrom, type OutcomeDraft } from '../../lib/domain/outcome-drafts';
import type { GovernmentLevel } from '../../lib/domain/schemas';
import { fieldMessage, textProblem, type FieldProblem } from '../../lib/forms';
import { t } from '../../lib/i18n';
import type { FileRef, StoryRow } from '../../lib/store';

/** The form as typed, kept on the device as a draft. */
export interface Draft {
	title: string;
	summary: string;
	problem: string;
	actions: string;
	outcomes: OutcomeDraft[];
	lessons: string;
	organization: string;
	jurisdiction: string;
	level: GovernmentLevel | '';
	sector: string;
	region: string;
	team: string;
	startedOn: string;
	endedOn: string;
	tags: string;
	coauthors: string;
	related: string;
	files: FileRef[];
}

/** The form's start: the story being edited, or an empty one. */
export function fromRow(s: StoryRow | null): Draft {
	return {
		title: s?.title ?? '',
		summary: s?.summary ?? '',
		problem: s?.problem ?? '',
		actions: s?.actions ?? '',
		outcomes: outcomeDraftsFrom(s?.outcomes),
		lessons: s?.lessons ?? '',
		organization: s?.organization ?? '',
		jurisdiction: s?.jurisdiction ?? '',
		level: s?.level ?? '',
		sector: s?.sector ?? '',
		region: s?.region ?? '',
		// one line per person: "Name, role"
		team: (s?.team ?? []).map((m) => (m.role ? `${m.name}, ${m.role}` : m.name)).join('\n'),
		startedOn: s?.startedOn ?? '',
		endedOn: s?.endedOn ?? '',
		tags: (s?.tags ?? []).join(', '),
		coauthors: (s?.coauthors ?? []).join(', '),
		related: (s?.related ?? []).join('\n'),
		files: s?.files ?? []
	};
}

// the story schema's limits, in characters
export const LIMITS = {
	title: 200,
	summary: 2000,
	problem: 20_000,
	actions: 20_000,
	lessons: 20_000,
	organization: 120,
	jurisdiction: 120,
	sector: 120,
	region: 120
} as const;
export type Limited = keyof typeof LIMITS;
export const LABELS = {
	title: 'stories:form.title',
	summary: 'stories:form.summary',
	problem: 'stories:form.problem',
	actions: 'stories:form.actions',
	lessons: 'stories:form.lessons',
	organization: 'stories:form.organisation',
	jurisdiction: 'stories:form.jurisdiction',
	sector: 'stories:form.sector',
	region: 'stories:form.region',
	team: 'stories:form.team',
	endedOn: 'stories:form.ended',
	tags: 'stories:form.tags',
	coauthors: 'stories:form.coauthors',
	related: 'stories:form.related'
} as const;
export type Field = keyof typeof LABELS;
export const isField = (field: string): field is Field => field in LABELS;
export const label = (field: Field): string => t(LABELS[field]);

/** The sentence for a problem of a limited text: what to do when it is empty, else its limit. */
export function textMessage(p: FieldProblem & { field: Field }): string {
	if (p.code === 'required' && p.field === 'title') return t('stories:form.needTitle');
	if (p.code === 'required' && p.field === 'summary') return t('stories:form.needSummary');
	return fieldMessage(p, label(p.field));
}

/** "/library/01J…", "/forums/t/01J…" or an id as written: the related item's id, or null. */
export function relatedId(line: string): string | null {
	const text = line.trim();
	const m = /\/(library|forums\/t|stories)\/([0-9A-HJKMNP-TV-Z]{26})/i.exec(text);
	if (m) return `${m[1] === 'library' ? 'resource' : m[1] === 'stories' ? 'story' : 'thread'}:${m[2].toUpperCase()}`;
	return /^(resource|thread|post|story):[0-9A-HJKMNP-TV-Z]{26}$/.test(text) ? text : null;
}

/** What the form can tell before writing: a sentence per field of `f` that cannot be saved as it is. */
export function checkStory(
	f: Draft,
	coauthorsReason: string | null,
	relatedOk: boolean
): Partial<Record<Field, string>> {
	const found: Partial<Record<Field, string>> = {};
	for (const field of Object.keys(LIMITS) as Limited[]) {
		const required = field === 'title' || field === 'summary';
		const p = textProblem(field, f[field].trim(), { required, max: LIMITS[field] });
		if (p) found[field] = textMessage({ ...p, field });
	}
	if (f.startedOn && f.endedOn && f.endedOn < f.startedOn) found.endedOn = t('stories:form.endBeforeStart');
	if (coauthorsReason) found.coauthors = coauthorsReason;
	if (!relatedOk) found.related = t('stories:form.badRelated');
	return found;
}

/** A store refusal's problems under their fields; `unplaced` when one has no field on the form. */
export function refusalMessages(problems: readonly FieldProblem[]): {
	messages: Partial<Record<Field, string>>;
	unplaced: boolean;
} {
	const messages: Partial<Record<Field, string>> = {};
	let unplaced = false;
	for (const p of problems) {
		const field = p.field.split('.')[0];
		if (!isField(field)) unplaced = true;
		else messages[field] ??= field in LIMITS ? textMessage({ ...p, field }) : fieldMessage(p, label(field));
	}
	return { messages, unplaced };
}

// What the resource form checks before writing, field by field, with the shared schema's rules:
// a title and a summary, the character limits, one web address per line in Links (the message
// names the line the member typed), tags and co-authors. Pure, so the mapping is unit-tested.
import * as v from 'valibot';
import { MAX_BODY_CHARS, resourceSchema } from '../../lib/domain/schemas';
import { fieldProblems, type FieldProblem } from '../../lib/domain/validate';
import { MAX_COAUTHORS, parseCoauthors } from '../../lib/domain/coauthors';
import { isValidUsername } from '../../lib/domain/ids';
import { fieldMessage, textProblem } from '../../lib/forms';
import { t } from '../../lib/i18n';

/** The character limits of resourceSchema, for the counters and the checks before writing. */
export const RESOURCE_LIMITS = {
	title: 200,
	summary: 2000,
	body: MAX_BODY_CHARS,
	organization: 120,
	jurisdiction: 120,
	sector: 120,
	problem: 20_000,
	actions: 20_000,
	lessons: 20_000,
	contact: 300
} as const;
export type LimitedField = keyof typeof RESOURCE_LIMITS;

const REQUIRED: ReadonlySet<LimitedField> = new Set(['title', 'summary']);

const LABELS = {
	title: () => t('library:form.title'),
	summary: () => t('library:form.summary'),
	body: () => t('library:form.body'),
	tags: () => t('library:tags'),
	organization: () => t('library:form.organization'),
	jurisdiction: () => t('library:list.jurisdiction'),
	sector: () => t('library:list.sector'),
	problem: () => t('library:form.problem'),
	actions: () => t('library:form.actions'),
	outcomes: () => t('library:form.outcomes'),
	lessons: () => t('library:form.lessons'),
	contact: () => t('library:form.contact'),
	links: () => t('library:form.links')
} as const;
/** The fields that show a message of their own (co-authors have theirs, from checkCoauthors). */
export type ResourceField = keyof typeof LABELS;

/** The form field a problem belongs to, or null when the form shows no such field. */
export function resourceFieldOf(problem: FieldProblem): ResourceField | null {
	return Object.hasOwn(LABELS, problem.field) ? (problem.field as ResourceField) : null;
}

/** The sentence for a problem of `field`: an empty title or summary says what to write. */
export function resourceMessage(field: ResourceField, problem: FieldProblem): string {
	if (problem.code === 'required' && field === 'title') return t('library:form.needTitle');
	if (problem.code === 'required' && field === 'summary') return t('library:form.needSummary');
	return fieldMessage(problem, LABELS[field]());
}

/** The problems of the limited text fields: an empty title or summary, a text over its limit. */
export function textProblems(values: Record<LimitedField, string>): FieldProblem[] {
	return (Object.keys(RESOURCE_LIMITS) as LimitedField[]).flatMap((field) => {
		// the schema trims the title before counting it
		const value = field === 'title' ? values.title.trim() : values[field];
		const problem = textProblem(field, value, { required: REQUIRED.has(field), max: RESOURCE_LIMITS[field] });
		return problem ? [problem] : [];
	});
}

/** The addresses typed in Links, and the line (0-based) each one is on. */
export interface ParsedLinks {
	links: string[];
	lineOf: number[];
}

/** Addresses are separated by line breaks or spaces; each remembers its line for the message. */
export function parseLinks(text: string): ParsedLinks {
	const links: string[] = [];
	const lineOf: number[] = [];
	text.split(/\r?\n/).forEach((line, index) => {
		for (const link of line.split(/\s+/).filter(Boolean)) {
			links.push(link);
			lineOf.push(index);
		}
	});
	return { links, lineOf };
}

/** Problems of `links` point at an address; the form names the line it was typed on instead. */
export function onLines(problems: readonly FieldProblem[], lineOf: readonly number[]): FieldProblem[] {
	return problems.map((p) =>
		p.field === 'links' && p.index !== undefined ? { ...p, index: lineOf[p.index] ?? p.index } : p
	);
}

const LISTS = v.object({ links: resourceSchema.entries.links, tags: resourceSchema.entries.tags });

/** The problems of the links and tags, by the schema's own rules (web addresses, tag words, counts). */
export function listProblems(parsed: ParsedLinks, tags: string[]): FieldProblem[] {
	const result = v.safeParse(LISTS, { links: parsed.links, tags });
	return result.success ? [] : onLines(fieldProblems(result.issues), parsed.lineOf);
}

export type CoauthorsChecked = { ok: true; names: string[] } | { ok: false; message: string };

/**
 * The co-authors typed, or why they cannot be used, in the reader's language (parseCoauthors
 * decides; its reason is for developers, so the sentence is chosen here from the same rules).
 */
export function checkCoauthors(text: string, author: string | null): CoauthorsChecked {
	const parsed = parseCoauthors(text, author);
	if (parsed.ok) return parsed;
	const names = text
		.split(/[\s,;]+/)
		.map((n) => n.replace(/^@/, '').toLowerCase())
		.filter(Boolean);
	const invalid = [...new Set(names.filter((n) => !isValidUsername(n)))];
	if (invalid.length > 0)
		return {
			ok: false,
			message: t('library:form.coauthorsNotNames', { names: invalid.join(', '), count: invalid.length })
		};
	if (author !== null && names.includes(author)) return { ok: false, message: t('library:form.coauthorsSelf') };
	return { ok: false, message: t('library:form.coauthorsTooMany', { limit: MAX_COAUTHORS }) };
}

// Validation of a document against its type's schema, with a reason a person can read.
import * as v from 'valibot';
import { communitySchemas, isCommunityType, type CommunityDoc } from './schemas';

export type Checked<T> = { ok: true; doc: T } | { ok: false; reason: string };

/**
 * One problem of a refused document, for the form to show next to its field in the reader's
 * language: `field` is the path without list positions ("links", "questions.label"), `index` the
 * first list position (0-based) when the problem is in one entry of a list.
 */
export interface FieldProblem {
	field: string;
	index?: number;
	code: 'required' | 'tooLong' | 'tooShort' | 'notUrl' | 'badTag' | 'tooMany' | 'invalid';
	/** The limit broken (characters for text, entries for a list). */
	limit?: number;
	/** The length given, for tooLong / tooShort. */
	length?: number;
	/** The refused value, for badTag (shown back to the member). */
	value?: string;
}

/** Fields whose entries are tags (same rule as schemas.ts `tag`). */
const TAG_FIELDS: ReadonlySet<string> = new Set(['tags', 'expertise']);

function problemOf(issue: v.BaseIssue<unknown>): FieldProblem {
	const keys = (issue.path ?? []).map((item) => (item as { key: unknown }).key);
	const field = keys.filter((key) => typeof key === 'string').join('.');
	const position = keys.find((key) => typeof key === 'number');
	const at: Pick<FieldProblem, 'field' | 'index'> =
		typeof position === 'number' ? { field, index: position } : { field };
	const requirement = (issue as { requirement?: unknown }).requirement;
	const limit = typeof requirement === 'number' ? requirement : undefined;
	const input = issue.input;
	switch (issue.type) {
		case 'max_length':
			if (Array.isArray(input)) return { ...at, code: 'tooMany', limit };
			return { ...at, code: 'tooLong', limit, length: typeof input === 'string' ? input.length : undefined };
		case 'min_length':
			if (limit !== undefined && limit <= 1) return { ...at, code: 'required' };
			return { ...at, code: 'tooShort', limit, length: typeof input === 'string' ? input.length : undefined };
		case 'regex': {
			const source = requirement instanceof RegExp ? requirement.source : '';
			if (source.startsWith('^https?')) return { ...at, code: 'notUrl' };
			if (TAG_FIELDS.has(field)) return { ...at, code: 'badTag', value: typeof input === 'string' ? input : undefined };
			return { ...at, code: 'invalid' };
		}
		default:
			// a field left out altogether: the schema expected a value and received none
			if (issue.kind === 'schema' && (input === undefined || input === null)) return { ...at, code: 'required' };
			return { ...at, code: 'invalid' };
	}
}

/** The problems of a failed parse, one per field entry (the first problem of each). */
export function fieldProblems(issues: readonly v.BaseIssue<unknown>[]): FieldProblem[] {
	const seen = new Set<string>();
	const problems: FieldProblem[] = [];
	for (const issue of issues) {
		const problem = problemOf(issue);
		const key = `${problem.field}#${problem.index ?? ''}`;
		if (seen.has(key)) continue;
		seen.add(key);
		problems.push(problem);
	}
	return problems;
}

/**
 * A write refused by the shared schema before it left the device: the message stays the
 * developer's summary, `problems` say which field to fix, for the form.
 */
export class InvalidDocError extends Error {
	readonly problems: FieldProblem[];
	constructor(message: string, problems: FieldProblem[]) {
		super(message);
		this.name = 'InvalidDocError';
		this.problems = problems;
	}
}

/** The first few problems of a failed parse, as "field: message; ...". */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
	return issues
		.slice(0, 3)
		.map((issue) => {
			const path = v.getDotPath(issue);
			return path ? `${path}: ${issue.message}` : issue.message;
		})
		.join('; ');
}

/** Validates a (non-deleted) community document against the schema of its `type`. */
export function validateCommunityDoc(doc: unknown): Checked<CommunityDoc> {
	if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
		return { ok: false, reason: 'a document must be a JSON object' };
	}
	const type = (doc as { type?: unknown }).type;
	if (!isCommunityType(type)) {
		return { ok: false, reason: `unknown document type ${JSON.stringify(type ?? null)}` };
	}
	const id = (doc as { _id?: unknown })._id;
	if (typeof id !== 'string' || !id.startsWith(`${type}:`)) {
		return { ok: false, reason: `_id must start with "${type}:"` };
	}
	const result = v.safeParse(communitySchemas[type], doc);
	if (!result.success) return { ok: false, reason: `invalid ${type}: ${describeIssues(result.issues)}` };
	return { ok: true, doc: result.output as CommunityDoc };
}

/**
 * The field problems of a community document its schema refuses (none when it passes, or when
 * it is refused before its fields are read: not an object, unknown type, wrong id).
 */
export function communityDocProblems(doc: unknown): FieldProblem[] {
	const type = (doc as { type?: unknown } | null)?.type;
	if (!isCommunityType(type)) return [];
	const result = v.safeParse(communitySchemas[type], doc);
	return result.success ? [] : fieldProblems(result.issues);
}

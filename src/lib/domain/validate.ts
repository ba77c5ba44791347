// Validation of a document against its type's schema, with a reason a person can read.
import * as v from 'valibot';
import { communitySchemas, isCommunityType, type CommunityDoc } from './schemas';

export type Checked<T> = { ok: true; doc: T } | { ok: false; reason: string };

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

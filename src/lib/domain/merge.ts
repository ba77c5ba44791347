// Choosing and merging the versions of a document in conflict (edited on two devices).
// Pure and deterministic, so every device that merges the same versions gets the same result.
//
// Tie-break rule: the "latest" version is the one with the greatest `updatedAt` (or `createdAt`
// when never edited); equal times fall back to CouchDB's own winner order (higher revision
// generation, then the lexicographically greater revision id). Merging starts from the latest
// version; tag-like string arrays become the union of all versions (latest's order first,
// capped at MAX_TAGS); every other field comes from the latest version. Author, type, id and
// createdAt are never changed by a merge (all versions share them).
import { MAX_TAGS } from './schemas';

export type VersionDoc = Record<string, unknown> & { _id?: string; _rev?: string };

/** Fields merged as a union of sets rather than taken from the latest version. */
const UNION_FIELDS = new Set(['tags', 'expertise']);
/** Fields that are bookkeeping, not content: ignored when comparing versions. */
const IGNORED_FIELDS = new Set(['_rev', '_conflicts', '_revisions', 'updatedAt']);

function editedAt(doc: VersionDoc): string {
	const at = doc.updatedAt ?? doc.createdAt;
	return typeof at === 'string' ? at : '';
}

function revKey(rev: unknown): [number, string] {
	if (typeof rev !== 'string') return [0, ''];
	const dash = rev.indexOf('-');
	return [Number.parseInt(rev, 10) || 0, dash >= 0 ? rev.slice(dash + 1) : rev];
}

/** Negative when `a` is older than `b` under the tie-break rule above. */
export function compareVersions(a: VersionDoc, b: VersionDoc): number {
	const ta = editedAt(a);
	const tb = editedAt(b);
	if (ta !== tb) return ta < tb ? -1 : 1;
	const [ga, ha] = revKey(a._rev);
	const [gb, hb] = revKey(b._rev);
	if (ga !== gb) return ga - gb;
	return ha === hb ? 0 : ha < hb ? -1 : 1;
}

/** The latest version under the tie-break rule. */
export function latestVersion<T extends VersionDoc>(versions: readonly T[]): T {
	if (versions.length === 0) throw new Error('no versions to choose from');
	return versions.reduce((best, v) => (compareVersions(v, best) > 0 ? v : best));
}

function unionOf(values: unknown[]): string[] {
	const out: string[] = [];
	for (const value of values) {
		if (!Array.isArray(value)) continue;
		for (const item of value) if (typeof item === 'string' && !out.includes(item)) out.push(item);
	}
	return out.slice(0, MAX_TAGS);
}

/**
 * One document combining all versions by the rule above. The result carries no `_rev` (the
 * store writes it over the winning revision) and keeps the latest `updatedAt`.
 */
export function mergeVersions(versions: readonly VersionDoc[]): VersionDoc {
	const ordered = [...versions].sort((a, b) => compareVersions(b, a)); // latest first
	const latest = ordered[0] ?? latestVersion(versions);
	const merged: VersionDoc = { ...latest };
	delete merged._rev;
	delete merged._conflicts;
	delete merged._revisions;
	for (const field of UNION_FIELDS) {
		if (ordered.some((v) => Array.isArray(v[field]))) merged[field] = unionOf(ordered.map((v) => v[field]));
	}
	return merged;
}

/** Content fields whose values differ between the versions (for showing what conflicts). */
export function differingFields(versions: readonly VersionDoc[]): string[] {
	const keys = new Set(versions.flatMap((v) => Object.keys(v)));
	const out: string[] = [];
	for (const key of keys) {
		if (IGNORED_FIELDS.has(key)) continue;
		const first = JSON.stringify(versions[0]?.[key] ?? null);
		if (versions.some((v) => JSON.stringify(v[key] ?? null) !== first)) out.push(key);
	}
	return out.sort();
}

// Why the server refused a pushed document, in the member's language. The gateway answers each
// refused document with an English reason (server/couch/write.ts, src/lib/domain/permissions.ts,
// validate.ts, rate.ts); only that text is kept with the write on the device, so it is read here
// for its kind: not the member's to change, not in the expected form (with the parts named), too
// large, changed meanwhile by someone else, sent too fast, or anything else. The original
// reason stays for the "Details" disclosure on "Needs attention".
import { formatList, t } from '../i18n';

export type RefusalKind = 'forbidden' | 'invalid' | 'tooLarge' | 'conflict' | 'rateLimited' | 'other';

export interface ClassifiedRefusal {
	kind: RefusalKind;
	/** The fields the server named, first path segment each (only for `invalid`). */
	fields: string[];
}

export interface RefusalWords extends ClassifiedRefusal {
	/** What happened, one sentence. */
	sentence: string;
	/** What the member can do next. */
	next: string;
}

// Checked in order: the first that matches names the kind. A rate refusal says "You are
// writing…", and the too-large ones name bytes, so both come before the broader patterns.
const PATTERNS: ReadonlyArray<[RefusalKind, RegExp]> = [
	['conflict', /\bconflict\b/i],
	['tooLarge', /\bexceeds \d+ bytes\b|\btoo large\b|\btoo_large\b/i],
	['rateLimited', /\bfaster than this community allows\b|\btoo many\b|\brate limit/i],
	[
		'invalid',
		/^invalid [\w-]+:|\bmust start with\b|^unknown document type\b|\bneeds a string type\b|\bdoes not exist\b|^at most \d+/i
	],
	[
		'forbidden',
		/^only\b|\bmay not\b|\bmust be the signed-in member\b|^members (write|change) only\b|\bcannot change\b|\bdoes not belong to the author\b|\bnot allowed\b|\bforbidden\b/i
	]
];

/** "invalid thread: title: Invalid length…; body: …" → ['title', 'body']. */
function fieldsOf(reason: string): string[] {
	const match = /^invalid [\w-]+: (.*)$/is.exec(reason);
	if (!match) return [];
	const fields = match[1]
		.split('; ')
		.map((issue) => /^([A-Za-z_][\w]*)(?:\.[\w.]+)?: /.exec(issue)?.[1])
		.filter((field): field is string => Boolean(field));
	return [...new Set(fields)];
}

/** The kind of a refusal reason, and for an invalid document the fields it names. */
export function classifyRefusal(reason: string): ClassifiedRefusal {
	const text = reason.trim();
	const kind = PATTERNS.find(([, pattern]) => pattern.test(text))?.[0] ?? 'other';
	return { kind, fields: kind === 'invalid' ? fieldsOf(text) : [] };
}

/** The parts a member can fix on "Needs attention", by the words its form uses for them. */
const FIELD_LABELS: Readonly<Record<string, () => string>> = {
	title: () => t('attention:refusal.field.title'),
	body: () => t('attention:refusal.field.body')
};

/** A refusal as the member reads it: what happened and what to do, in their language. */
export function refusalWords(reason: string): RefusalWords {
	const classified = classifyRefusal(reason);
	const { kind, fields } = classified;
	const named = fields.flatMap((field) => (FIELD_LABELS[field] ? [FIELD_LABELS[field]()] : []));
	const next =
		kind === 'invalid' && named.length > 0
			? t('attention:refusal.invalid.nextFields', { fields: formatList(named) })
			: t(`attention:refusal.${kind}.next`);
	return { ...classified, sentence: t(`attention:refusal.${kind}.sentence`), next };
}

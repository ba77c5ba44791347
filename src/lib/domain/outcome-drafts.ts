// The outcome editor's rows: what a member typed (text), turned into outcome figures with plain
// reasons when a row cannot be one. Pure; used by the story form and the adoption form.
import * as v from 'valibot';
import { CURRENCY_PATTERN, MAX_OUTCOMES, outcomeFigureSchema, type OutcomeFigure, type OutcomeMetric } from './schemas';

export interface OutcomeDraft {
	metric: OutcomeMetric | '';
	label: string;
	before: string;
	after: string;
	value: string;
	unit: string;
	period: string;
	evidence: string;
	/** Where citizens' feedback comes from ("Resident survey, March 2026"); asked for citizen measures. */
	source: string;
	/** How many people were asked, as typed. */
	sampleSize: string;
}

export const emptyOutcomeDraft = (): OutcomeDraft => ({
	metric: '',
	label: '',
	before: '',
	after: '',
	value: '',
	unit: '',
	period: '',
	evidence: '',
	source: '',
	sampleSize: ''
});

const text = (n: number | undefined): string => (n === undefined ? '' : String(n));

export const outcomeDraftsFrom = (figures: readonly OutcomeFigure[] | undefined): OutcomeDraft[] =>
	(figures ?? []).map((f) => ({
		metric: f.metric,
		label: f.label,
		before: text(f.before),
		after: text(f.after),
		value: text(f.value),
		unit: f.unit,
		period: f.period ?? '',
		evidence: f.evidence ?? '',
		source: f.source ?? '',
		sampleSize: text(f.sampleSize)
	}));

/**
 * "1,200", "1 200", "12.5" and "12,5" read as numbers. A comma followed by exactly three digits
 * is a thousands separator; any other comma is a decimal point. Undefined for an empty box, NaN
 * for words.
 */
export function parseFigure(raw: string): number | undefined {
	const compact = raw.replace(/[\s\u00a0\u202f]/g, '');
	if (compact === '') return undefined;
	const normal = compact.replace(/,(?=\d{3}(?:\D|$))/g, '').replace(',', '.');
	return /^[-+]?(\d+\.?\d*|\.\d+)$/.test(normal) ? Number(normal) : Number.NaN;
}

/**
 * A row with every field: rows kept on the device (form drafts) from before a field existed lack
 * it, and a missing text is an empty box.
 */
export const completeDraft = (d: OutcomeDraft): OutcomeDraft => ({ ...emptyOutcomeDraft(), ...d });

const isBlank = (d: OutcomeDraft): boolean =>
	!d.metric &&
	!d.label.trim() &&
	!d.before.trim() &&
	!d.after.trim() &&
	!d.value.trim() &&
	!d.period.trim() &&
	!d.source.trim() &&
	!d.sampleSize.trim();

/** The number of people asked: a whole number of at least one, undefined when left empty, NaN otherwise. */
export function parseSampleSize(raw: string): number | undefined {
	const n = parseFigure(raw);
	if (n === undefined) return undefined;
	return Number.isInteger(n) && n >= 1 && n <= 1e9 ? n : Number.NaN;
}

/** Plain reasons why one row cannot be saved; empty when it can. */
export function draftProblems(draft: OutcomeDraft): string[] {
	const d = completeDraft(draft);
	const problems: string[] = [];
	if (!d.metric) problems.push('Choose what was measured.');
	if (!d.label.trim()) problems.push('Say in a few words what was measured.');
	const figures = { before: parseFigure(d.before), after: parseFigure(d.after), value: parseFigure(d.value) };
	for (const [name, n] of Object.entries(figures)) {
		if (n !== undefined && !Number.isFinite(n)) problems.push(`The figure in “${nameOf(name)}” is not a number.`);
	}
	const pair = figures.before !== undefined && figures.after !== undefined;
	if (figures.value === undefined && !pair) {
		problems.push(
			figures.before !== undefined || figures.after !== undefined
				? 'Give both the figure before and the figure after, or a single figure.'
				: 'Give a figure: before and after, or a single figure.'
		);
	}
	if (!d.unit.trim()) problems.push('Give a unit, such as days, hours or %.');
	else if (d.metric === 'cost-saved' && !CURRENCY_PATTERN.test(d.unit.trim()))
		problems.push('Choose the currency of the money saved.');
	if (Number.isNaN(parseSampleSize(d.sampleSize)))
		problems.push('Give the number of people asked as a whole number, such as 412.');
	return problems;
}

const nameOf = (field: string): string =>
	field === 'before' ? 'Before' : field === 'after' ? 'After' : 'Or a single figure';

/** Rows left entirely empty are dropped; any other row must be a valid figure. */
export function parseOutcomeDrafts(
	drafts: readonly OutcomeDraft[]
): { ok: true; figures: OutcomeFigure[] } | { ok: false; problems: string[] } {
	const figures: OutcomeFigure[] = [];
	const problems: string[] = [];
	drafts.map(completeDraft).forEach((d, i) => {
		if (isBlank(d)) return;
		const own = draftProblems(d);
		if (own.length) {
			problems.push(...own.map((p) => `Result ${i + 1}: ${p}`));
			return;
		}
		const candidate = {
			metric: d.metric,
			label: d.label.trim(),
			before: parseFigure(d.before),
			after: parseFigure(d.after),
			value: parseFigure(d.value),
			unit: d.unit.trim(),
			period: d.period.trim() || undefined,
			evidence: d.evidence.trim() || undefined,
			source: d.source.trim() || undefined,
			sampleSize: parseSampleSize(d.sampleSize)
		};
		const parsed = v.safeParse(outcomeFigureSchema, candidate);
		if (parsed.success) figures.push(parsed.output);
		else problems.push(`Result ${i + 1}: ${parsed.issues[0].message}.`);
	});
	if (figures.length > MAX_OUTCOMES) problems.push(`A story can show at most ${MAX_OUTCOMES} results.`);
	return problems.length ? { ok: false, problems } : { ok: true, figures };
}

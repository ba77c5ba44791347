// What keeps each box of a result row (OutcomeFields) from being saved, one sentence per box in
// the interface language ("Result 2: the figure after is missing."), so the form can show it
// under that box. The numbers are read exactly as `parseOutcomeDrafts` reads them when it saves;
// the limits are those of the shared outcome schema.
// Relative imports: unit tests type-check this file with the server's tsconfig, which has no $lib.
import { completeDraft, parseFigure, parseSampleSize, type OutcomeDraft } from '../domain/outcome-drafts';
import { CURRENCY_PATTERN } from '../domain/schemas';
import { formatNumber, t } from '../i18n';

/** Characters allowed in each text box of a result (outcomeFigureSchema). */
export const OUTCOME_TEXT_LIMITS = { label: 200, unit: 40, period: 80, evidence: 2000, source: 200 } as const;

export type OutcomeBox = keyof OutcomeDraft;
/** One sentence per box that cannot be saved as it is. */
export type OutcomeProblems = Partial<Record<OutcomeBox, string>>;

const LABEL_KEYS = {
	label: 'components:outcome.fields.what',
	unit: 'components:outcome.fields.unit',
	period: 'components:outcome.fields.period',
	evidence: 'components:outcome.fields.evidence',
	source: 'components:outcome.fields.source'
} as const;

// the boxes parseOutcomeDrafts looks at to tell a row left empty (a unit or evidence alone is not a result)
const COUNTED: readonly OutcomeBox[] = [
	'metric',
	'label',
	'before',
	'after',
	'value',
	'period',
	'source',
	'sampleSize'
];

/** A row left empty: dropped when the form saves, so never refused. */
export const isBlankOutcome = (draft: OutcomeDraft): boolean => {
	const d = completeDraft(draft);
	return COUNTED.every((box) => !d[box].trim());
};

function tooLong(n: string, box: keyof typeof OUTCOME_TEXT_LIMITS, value: string): string | undefined {
	const limit = OUTCOME_TEXT_LIMITS[box];
	if (value.trim().length <= limit) return undefined;
	return t('components:outcome.problem.tooLong', {
		n,
		field: t(LABEL_KEYS[box]),
		length: formatNumber(value.trim().length),
		limit: formatNumber(limit),
		over: formatNumber(value.trim().length - limit)
	});
}

function figureProblems(n: string, d: OutcomeDraft): OutcomeProblems {
	const out: OutcomeProblems = {};
	const before = parseFigure(d.before);
	const after = parseFigure(d.after);
	const value = parseFigure(d.value);
	if (Number.isNaN(before)) out.before = t('components:outcome.problem.beforeNotNumber', { n });
	if (Number.isNaN(after)) out.after = t('components:outcome.problem.afterNotNumber', { n });
	if (Number.isNaN(value)) out.value = t('components:outcome.problem.valueNotNumber', { n });
	if (value !== undefined) return out;
	if (before !== undefined && after === undefined) out.after = t('components:outcome.problem.afterMissing', { n });
	else if (after !== undefined && before === undefined)
		out.before = t('components:outcome.problem.beforeMissing', { n });
	else if (before === undefined && after === undefined) out.before = t('components:outcome.problem.noFigure', { n });
	return out;
}

/** The problems of row `index` (0-based); none for a blank row. */
export function outcomeProblems(draft: OutcomeDraft, index: number): OutcomeProblems {
	const d = completeDraft(draft);
	if (isBlankOutcome(d)) return {};
	const n = formatNumber(index + 1);
	const out: OutcomeProblems = figureProblems(n, d);
	if (!d.metric) out.metric = t('components:outcome.problem.noMeasure', { n });
	if (!d.label.trim()) out.label = t('components:outcome.problem.noLabel', { n });
	if (!d.unit.trim()) out.unit = t('components:outcome.problem.noUnit', { n });
	else if (d.metric === 'cost-saved' && !CURRENCY_PATTERN.test(d.unit.trim()))
		out.unit = t('components:outcome.problem.noCurrency', { n });
	if (Number.isNaN(parseSampleSize(d.sampleSize))) out.sampleSize = t('components:outcome.problem.sampleSize', { n });
	for (const box of Object.keys(OUTCOME_TEXT_LIMITS) as (keyof typeof OUTCOME_TEXT_LIMITS)[]) {
		const message = out[box] ?? tooLong(n, box, d[box]);
		if (message) out[box] = message;
	}
	return out;
}

/** Whether any row of `drafts` cannot be saved as it is. */
export const outcomesHaveProblems = (drafts: readonly OutcomeDraft[]): boolean =>
	drafts.some((d, i) => Object.keys(outcomeProblems(d, i)).length > 0);

// Form problems in words a person reads: the shared schemas' refusals (FieldProblem, from the
// domain) and the checks a form makes before writing, as one sentence per field in the reader's
// language. Limits are never enforced by `maxlength`: a pasted text is kept whole, and the form
// says by how much it is over when it is sent.
import { t, formatNumber } from '../i18n';
import { InvalidDocError, type FieldProblem } from '../domain/validate';

export type { FieldProblem };

/** One sentence for `problem`; `fieldLabel` is the field's visible label. */
export function fieldMessage(problem: FieldProblem, fieldLabel: string): string {
	const field = fieldLabel;
	const limit = problem.limit === undefined ? '' : formatNumber(problem.limit);
	const length = problem.length === undefined ? '' : formatNumber(problem.length);
	const over =
		problem.length !== undefined && problem.limit !== undefined ? formatNumber(problem.length - problem.limit) : '';
	const line = problem.index === undefined ? undefined : formatNumber(problem.index + 1);
	switch (problem.code) {
		case 'badTag':
			return t('validation:problem.badTag', { tag: problem.value ?? '' });
		case 'tooMany':
			return t('validation:problem.tooMany', { field, limit });
		case 'required':
			return line === undefined
				? t('validation:problem.required', { field })
				: t('validation:line.required', { field, line });
		case 'tooLong':
			return line === undefined
				? t('validation:problem.tooLong', { field, length, limit, over })
				: t('validation:line.tooLong', { field, line, length, limit, over });
		case 'tooShort':
			return line === undefined
				? t('validation:problem.tooShort', { field, limit })
				: t('validation:line.tooShort', { field, line, limit });
		case 'notUrl':
			return line === undefined
				? t('validation:problem.notUrl', { field })
				: t('validation:line.notUrl', { field, line });
		default:
			return line === undefined
				? t('validation:problem.invalid', { field })
				: t('validation:line.invalid', { field, line });
	}
}

/** The problem of a text field checked before writing: empty when required, or over `max` characters. */
export function textProblem(
	field: string,
	value: string,
	rules: { required?: boolean; max?: number }
): FieldProblem | null {
	if (rules.required && value.trim() === '') return { field, code: 'required' };
	if (rules.max !== undefined && value.length > rules.max)
		return { field, code: 'tooLong', limit: rules.max, length: value.length };
	return null;
}

/** The field problems a store refusal carries, or none when the error is of another kind. */
export function problemsOf(err: unknown): FieldProblem[] {
	return err instanceof InvalidDocError ? err.problems : [];
}

/** The first problem of `field` (any entry of it). */
export function problemFor(problems: readonly FieldProblem[], field: string): FieldProblem | undefined {
	return problems.find((p) => p.field === field);
}

/**
 * Moves focus to the first field marked invalid in `form`, after the page has shown the marks.
 * Called on a refused submit, so the member lands on what to fix.
 */
export function focusFirstInvalid(form: HTMLFormElement | null | undefined): void {
	if (!form) return;
	queueMicrotask(() => {
		requestAnimationFrame(() => {
			const first = form.querySelector<HTMLElement>('[aria-invalid="true"]');
			first?.focus();
		});
	});
}

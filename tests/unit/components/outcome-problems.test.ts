// The messages under each box of a result row, numbered by row, in the reader's language.
import { afterAll, describe, expect, it } from 'vitest';
import { emptyOutcomeDraft, type OutcomeDraft } from '../../../src/lib/domain/outcome-drafts';
import { isBlankOutcome, outcomeProblems, outcomesHaveProblems } from '../../../src/lib/components/outcome-problems';
import { prepareLanguage } from '../../../src/lib/i18n/index';

const row = (fields: Partial<OutcomeDraft>): OutcomeDraft => ({ ...emptyOutcomeDraft(), ...fields });
const whole = row({ metric: 'processing-time', label: 'Days to a permit', before: '21', after: '9', unit: 'days' });

describe('result rows', () => {
	afterAll(() => prepareLanguage('en'));

	it('ask nothing of a row left empty, or of a whole one', () => {
		expect(isBlankOutcome(row({ unit: 'days', evidence: 'Case system' }))).toBe(true);
		expect(outcomeProblems(row({ unit: 'days' }), 0)).toEqual({});
		expect(outcomeProblems(whole, 0)).toEqual({});
		expect(outcomesHaveProblems([emptyOutcomeDraft(), whole])).toBe(false);
	});

	it('say under each box what it lacks, numbered by row', () => {
		expect(outcomeProblems(row({ label: 'Queue', after: '9' }), 1)).toEqual({
			metric: 'Result 2: choose what was measured.',
			before: 'Result 2: the figure before is missing. Give it, or a single figure instead.',
			unit: 'Result 2: give a unit, such as days, hours or %.'
		});
		expect(outcomeProblems({ ...whole, after: 'nine', value: 'x', sampleSize: '1.5' }, 0)).toEqual({
			after: 'Result 1: the figure after is not a number.',
			value: 'Result 1: the single figure is not a number.',
			sampleSize: 'Result 1: give the number of people asked as a whole number, such as 412.'
		});
		expect(outcomeProblems({ ...whole, after: '' }, 0)).toEqual({
			after: 'Result 1: the figure after is missing. Give it, or a single figure instead.'
		});
		expect(outcomeProblems(row({ metric: 'cost-saved', label: 'Paper', value: '500', unit: 'euros' }), 0)).toEqual({
			unit: 'Result 1: choose the currency of the money saved.'
		});
		expect(outcomesHaveProblems([whole, { ...whole, before: '' }])).toBe(true);
	});

	it('say by how much a text is over the schema limit', () => {
		expect(outcomeProblems({ ...whole, period: 'p'.repeat(85) }, 2)).toEqual({
			period: 'Result 3: “Period” is too long: 85 characters, at most 80. Shorten it by 5.'
		});
	});

	it('speak French and Spanish', async () => {
		await prepareLanguage('fr');
		expect(outcomeProblems({ ...whole, after: '' }, 0).after).toBe(
			'Résultat 1 : il manque le chiffre après. Indiquez-le, ou un chiffre unique à la place.'
		);
		await prepareLanguage('es');
		expect(outcomeProblems({ ...whole, after: '' }, 0).after).toBe(
			'Resultado 1: falta la cifra de después. Indíquela, o una cifra única en su lugar.'
		);
	});
});

// Password tips in the member's language: every sentence the rule and the estimator can say has
// a translation; a sentence the table does not know is shown as it comes.
import { afterAll, describe, expect, it } from 'vitest';
import { PLAIN_TRANSLATIONS, judgePassword } from '../../../src/lib/domain/password-strength';
import { passwordWords, verdictWords } from '../../../src/lib/i18n/password-words';
import { accountErrorWords } from '../../../src/lib/i18n/error-words';
import { prepareLanguage } from '../../../src/lib/i18n/index';

const estimatorSentences = [
	...Object.values(PLAIN_TRANSLATIONS.warnings),
	...Object.values(PLAIN_TRANSLATIONS.suggestions)
].filter((s) => s !== '');

describe('password words', () => {
	afterAll(() => prepareLanguage('en'));

	it('keeps every English sentence as it is in English', async () => {
		await prepareLanguage('en');
		for (const sentence of estimatorSentences) expect(passwordWords(sentence)).toBe(sentence);
		expect(passwordWords('Use at least 12 characters.')).toBe('Use at least 12 characters.');
	});

	it.each(['fr', 'es'] as const)('says every estimator warning and suggestion in %s', async (lng) => {
		await prepareLanguage(lng);
		const untranslated = estimatorSentences.filter((sentence) => passwordWords(sentence) === sentence);
		expect(untranslated).toEqual([]);
	});

	it('says a whole refused verdict in French, and leaves an unknown sentence as it comes', async () => {
		await prepareLanguage('fr');
		const verdict = judgePassword('1111111111');
		expect(verdict.ok).toBe(false);
		const words = verdictWords(verdict);
		expect(words).toMatch(/^Utilisez au moins 12 caractères\./);
		expect(words).toContain('Des caractères répétés comme « aaa » se devinent facilement.');
		expect(passwordWords('A sentence from a newer estimator.')).toBe('A sentence from a newer estimator.');
	});

	it('says the server’s weak-password refusal with its rule and advice', async () => {
		await prepareLanguage('es');
		const said = accountErrorWords({
			error: 'bad_request',
			reason: 'This is one of the most commonly used passwords. Add more words that are less common.',
			code: 'weakPassword',
			params: { rule: 'This is one of the most commonly used passwords.' },
			advice: ['Add more words that are less common.', 'Something new.']
		});
		expect(said).toBe('Es una de las contraseñas más utilizadas. Añada más palabras poco comunes. Something new.');
	});
});

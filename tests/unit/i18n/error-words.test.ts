// Account refusals in the member's language: a known code becomes a sentence of the `errors`
// namespace with its params; an unknown or missing code leaves the server's own sentence.
import { afterAll, describe, expect, it } from 'vitest';
import { ACCOUNT_ERROR_CODES, type AccountErrorCode } from '../../../src/lib/domain/account-errors';
import { accountErrorCode, accountErrorOr, accountErrorWords } from '../../../src/lib/i18n/error-words';
import { prepareLanguage } from '../../../src/lib/i18n/index';
import { en } from '../../../src/lib/i18n/locales/en';
import { fr } from '../../../src/lib/i18n/locales/fr';
import { es } from '../../../src/lib/i18n/locales/es';

const CODES = Object.keys(ACCOUNT_ERROR_CODES) as AccountErrorCode[];

describe('account error words', () => {
	afterAll(() => prepareLanguage('en'));

	it('has a sentence for every code in English, French and Spanish', () => {
		for (const strings of [en, fr, es]) {
			const account = (strings.errors as { account: Record<string, string> }).account;
			for (const code of CODES) expect(account[code], code).toMatch(/\S/);
		}
	});

	it('says a known code with its params, and nothing for an unknown one', async () => {
		await prepareLanguage('en');
		expect(
			accountErrorWords({
				error: 'conflict',
				reason: 'the username ana is taken',
				code: 'usernameTaken',
				params: { username: 'ana' }
			})
		).toBe('The username ana is already taken: choose another.');
		expect(accountErrorWords({ error: 'forbidden', reason: 'x', code: 'somethingNewer' })).toBeNull();
		expect(accountErrorWords({ error: 'forbidden', reason: 'x' })).toBeNull();
		expect(accountErrorWords(null)).toBeNull();
		expect(accountErrorOr({ reason: 'x', code: 'toString' }, 'The server’s words.')).toBe('The server’s words.');
		expect(accountErrorCode({ code: 'constructor' })).toBeNull();
	});

	it('speaks French and Spanish, dates included, and ignores params that are not text or numbers', async () => {
		await prepareLanguage('fr');
		expect(accountErrorWords({ code: 'wrongCredentials' })).toBe('Nom d’utilisateur ou mot de passe incorrect.');
		expect(accountErrorWords({ code: 'tooManyAttempts', params: { minutes: 12 } })).toBe(
			'Trop de tentatives de connexion échouées : réessayez dans 12 min.'
		);
		expect(accountErrorWords({ code: 'accountSuspended', params: { why: 'Spam', until: '2026-12-10' } })).toContain(
			'suspendu jusqu’au 10 décembre 2026 : Spam.'
		);
		expect(accountErrorWords({ code: 'accountSuspended', params: { why: 'Spam' } })).toContain(
			'jusqu’à ce qu’un administrateur lève la suspension : Spam.'
		);
		await prepareLanguage('es');
		expect(accountErrorWords({ code: 'noSuchMember', params: { username: 'ana', extra: { evil: true } } })).toBe(
			'No hay ningún miembro llamado «ana».'
		);
	});
});

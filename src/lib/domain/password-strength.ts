// Password strength with zxcvbn-ts (its English and common dictionaries, keyboard layouts and
// feedback): the verdict the server enforces and the forms show. About 1.5 MB of word lists,
// so the client imports this module dynamically, on the forms where a password is chosen.
import { ZxcvbnFactory, type ZxcvbnResult } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as commonDictionary } from '@zxcvbn-ts/language-common';
import { dictionary as englishDictionary, translations } from '@zxcvbn-ts/language-en';
import {
	PASSWORD_MAX_CHARS,
	PASSWORD_MIN_SCORE,
	STRENGTH_LABELS,
	basicPasswordProblem,
	refused,
	type PasswordContext,
	type PasswordVerdict
} from './password-rules';

/**
 * Only this many characters are estimated. The estimator's time grows with length and with
 * look-alike substitutions (a crafted 256-character password took 1.4 s on the server): 64
 * characters and 20 substitutions keep the worst case near 0.1 s. A longer password is judged by
 * its first 64 characters, which are already far past what any guesser tries.
 */
export const ESTIMATED_CHARS = 64;
const L33T_MAX_SUBSTITUTIONS = 20;

/**
 * The library's English feedback, with the few sentences that would puzzle a reader outside IT
 * said plainly (and no advice to use keyboard patterns at all).
 */
export const PLAIN_TRANSLATIONS = {
	...translations,
	warnings: {
		...translations.warnings,
		userInputs: 'Do not use your name or other details about you.',
		pwned: 'This password has appeared in a data breach.'
	},
	suggestions: {
		...translations.suggestions,
		longerKeyboardPattern: 'Avoid patterns of neighbouring keys on the keyboard.',
		capitalization: 'Capital letters at the start help very little.',
		allUppercase: 'Writing it all in capitals helps very little.'
	}
};

let factory: ZxcvbnFactory | null = null;
const estimator = (): ZxcvbnFactory =>
	(factory ??= new ZxcvbnFactory({
		translations: PLAIN_TRANSLATIONS,
		graphs: adjacencyGraphs,
		dictionary: { ...commonDictionary, ...englishDictionary },
		maxLength: ESTIMATED_CHARS,
		l33tMaxSubstitutions: L33T_MAX_SUBSTITUTIONS
	}));

/** The whole password is one entry of the list of most used passwords. */
function isCommonPassword(result: ZxcvbnResult, password: string): boolean {
	const [only] = result.sequence;
	return (
		result.sequence.length === 1 &&
		only.pattern === 'dictionary' &&
		only.dictionaryName === 'passwords-common' &&
		only.token.length === password.length
	);
}

const GENERIC_ADVICE = 'Add another word or two. Uncommon words are better.';

/** Judges a new password; accepted only at PASSWORD_MIN_SCORE or above. */
export function judgePassword(password: string, context: PasswordContext = {}): PasswordVerdict {
	const basic = basicPasswordProblem(password, context);
	// Too long, or empty: nothing the estimator could add.
	if (basic && (password.length === 0 || password.length > PASSWORD_MAX_CHARS)) return refused(basic);
	const inputs = [context.username ?? '', ...(context.personal ?? [])]
		.map((s) => s.trim())
		.filter((s) => s.length >= 3);
	const result = estimator().check(password, inputs);
	const score = result.score;
	const feedback = [...(result.feedback.warning ? [result.feedback.warning] : []), ...result.feedback.suggestions];
	const advice = feedback.length > 0 ? feedback : [GENERIC_ADVICE];
	// Too short or containing the username: the rule first, then what else would help.
	if (basic) return refused(basic, score < PASSWORD_MIN_SCORE ? advice : []);
	if (isCommonPassword(result, password)) return refused('This is one of the most commonly used passwords.', advice);
	if (score < PASSWORD_MIN_SCORE)
		return {
			ok: false,
			score,
			label: STRENGTH_LABELS[score],
			reason: 'This password would be too easy to guess.',
			advice
		};
	return { ok: true, score, label: STRENGTH_LABELS[score], reason: null, advice: [] };
}

// Password tips in the member's language. The shared rule (src/lib/domain/password-rules.ts and
// password-strength.ts) words its verdict in English, as the server sends the same sentences;
// the estimator (zxcvbn) adds its own English warnings and suggestions. Each known English
// sentence is said here through `components:password`; one this table does not know (a newer
// estimator) is shown as it comes.
import { PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS } from '../domain/password-rules';
import { en } from './locales/en';
import { t } from './index';

type Said = () => string;

/** The sentences Praxis itself writes, with the values they were written with. */
const PRAXIS_SENTENCES: ReadonlyArray<[string, Said]> = [
	['Choose a password.', () => t('components:password.reason.choose')],
	[
		`Use at least ${PASSWORD_MIN_CHARS} characters.`,
		() => t('components:password.reason.tooShort', { n: PASSWORD_MIN_CHARS })
	],
	[
		`Use at most ${PASSWORD_MAX_CHARS} characters.`,
		() => t('components:password.reason.tooLong', { n: PASSWORD_MAX_CHARS })
	],
	['Do not put your username in your password.', () => t('components:password.reason.username')],
	['This is one of the most commonly used passwords.', () => t('components:password.reason.common')],
	['This password would be too easy to guess.', () => t('components:password.reason.guessable')],
	['Add another word or two. Uncommon words are better.', () => t('components:password.reason.addWords')],
	['Do not use your name or other details about you.', () => t('components:password.reason.personal')],
	['This password has appeared in a data breach.', () => t('components:password.reason.breached')],
	['Avoid patterns of neighbouring keys on the keyboard.', () => t('components:password.reason.keyboard')],
	['Capital letters at the start help very little.', () => t('components:password.reason.capitals')],
	['Writing it all in capitals helps very little.', () => t('components:password.reason.allCapitals')]
];

type Tips = typeof en.components.password.tip;

/** The estimator's own sentences: the English file holds them word for word, keyed by its names. */
function estimatorSentences(): Array<[string, Said]> {
	const tips: Tips = en.components.password.tip;
	const warnings = Object.entries(tips.warning).map(([key, english]): [string, Said] => [
		english,
		() => t(`components:password.tip.warning.${key as keyof Tips['warning']}`)
	]);
	const suggestions = Object.entries(tips.suggestion).map(([key, english]): [string, Said] => [
		english,
		() => t(`components:password.tip.suggestion.${key as keyof Tips['suggestion']}`)
	]);
	return [...warnings, ...suggestions];
}

let table: Map<string, Said> | null = null;

/** One sentence of a password verdict or tip, in the member's language when it is known. */
export function passwordWords(sentence: string): string {
	table ??= new Map([...estimatorSentences(), ...PRAXIS_SENTENCES]);
	return table.get(sentence)?.() ?? sentence;
}

/** Several sentences said one after the other. */
export function passwordAdvice(sentences: readonly string[]): string {
	return sentences.map(passwordWords).join(' ');
}

/** A refused verdict's rule and advice as one message (what `verdictMessage` says in English). */
export function verdictWords(verdict: { reason: string | null; advice: readonly string[] }): string {
	return passwordAdvice([verdict.reason, ...verdict.advice].filter((s): s is string => Boolean(s)));
}

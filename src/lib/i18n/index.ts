// Interface language. i18next holds the strings; English is bundled and ready at import time, so
// `t` works everywhere at once (tests, the server, the first paint); French or Spanish load as one
// chunk each before the app shell renders (`prepareLanguage`, from the root layout's load).
// Changing language reloads the app: every string is read once, never observed.
//
// Strings live in `locales/{language}/{namespace}.json`; keys are typed from the English files,
// so `t('forums:thread.reply')` with a key that does not exist fails the type check.
// Plurals use i18next's `_one` / `_other` (and `_many` for French and Spanish) suffixes with `count`.
import i18next from 'i18next';
import { en, type Namespace } from './locales/en';
import { pseudoResources } from './pseudo';
import { keepLanguageChoice, readLanguageChoice } from '../store/language-choice';
import { useManifestOf } from '../pwa/manifest-link';

export const LANGUAGES = ['en', 'fr', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];
/** A language for tests only: every English string, accented and bracketed, so untranslated text stands out. */
export const PSEUDO = 'pseudo';
type UiLanguage = Language | typeof PSEUDO;

/** Each language's own name for itself, for the language menu. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', fr: 'Français', es: 'Español' };

export const NAMESPACES = Object.keys(en) as Namespace[];

void i18next.init({
	lng: 'en',
	fallbackLng: 'en',
	supportedLngs: [...LANGUAGES, PSEUDO],
	ns: NAMESPACES,
	defaultNS: 'common',
	resources: { en },
	initAsync: false,
	// Svelte escapes text itself; escaping here would show "&amp;" to the reader.
	interpolation: { escapeValue: false },
	returnNull: false
});

export const t = i18next.t.bind(i18next) as typeof i18next.t;

export function isLanguage(value: unknown): value is Language {
	return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The language shown now ('en' while the pseudo-locale is on, for dates and numbers). */
export function language(): Language {
	const lng = i18next.language;
	return isLanguage(lng) ? lng : 'en';
}

/**
 * The language tag for `Intl`. The pseudo-locale formats dates and numbers in Japanese: digits
 * stay readable and no English month or "ago" is left, so a test can flag every English word.
 */
export function locale(): string {
	return i18next.language === PSEUDO ? 'ja' : language();
}

function stored(): UiLanguage | null {
	const value = readLanguageChoice();
	return isLanguage(value) || value === PSEUDO ? value : null;
}

/** The browser's first preferred language that Praxis speaks, else English. */
export function browserLanguage(preferred: readonly string[] = globalThis.navigator?.languages ?? []): Language {
	for (const tag of preferred) {
		const base = tag.toLowerCase().split('-')[0];
		if (isLanguage(base)) return base;
	}
	return 'en';
}

/** The member's chosen language on this device, or the browser's. */
export function chosenLanguage(): UiLanguage {
	return stored() ?? browserLanguage();
}

/** Whether the member chose a language on this device (otherwise the browser's is used). */
export function hasChosenLanguage(): boolean {
	return stored() !== null;
}

async function resourcesOf(lng: Exclude<UiLanguage, 'en'>): Promise<Record<string, Record<string, unknown>>> {
	if (lng === 'fr') return (await import('./locales/fr')).fr;
	if (lng === 'es') return (await import('./locales/es')).es;
	return pseudoResources(en);
}

/** Loads and switches to the chosen language; called once before the app renders. */
export async function prepareLanguage(lng: UiLanguage = chosenLanguage()): Promise<void> {
	if (lng !== 'en' && !i18next.hasResourceBundle(lng, 'common')) {
		const resources = await resourcesOf(lng);
		for (const [ns, strings] of Object.entries(resources)) i18next.addResourceBundle(lng, ns, strings, true, true);
	}
	await i18next.changeLanguage(lng);
	if (typeof document !== 'undefined') document.documentElement.lang = lng === PSEUDO ? 'en' : lng;
	useManifestOf(lng);
}

/**
 * Keeps the member's choice on this device and reloads so every string is read again. Returns
 * without reloading when nothing changes.
 */
export function chooseLanguage(lng: UiLanguage, options: { reload?: boolean } = {}): boolean {
	const before = chosenLanguage();
	// without storage the choice cannot outlive a reload, so reloading would only loop
	if (!keepLanguageChoice(lng) || before === lng) return false;
	if (options.reload !== false && typeof location !== 'undefined') location.reload();
	return true;
}

// ---- Dates, numbers and lists through Intl, in the interface language ----

// Building an Intl formatter costs far more than using one (a list of 300 dates spent most of
// its rendering time in the constructor), so each is built once per language and options.
const formatters = new Map<
	string,
	Intl.NumberFormat | Intl.DateTimeFormat | Intl.ListFormat | Intl.RelativeTimeFormat
>();

function cached<F extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.ListFormat | Intl.RelativeTimeFormat>(
	kind: string,
	options: object | undefined,
	build: (lng: string) => F
): F {
	const lng = locale();
	const key = `${kind}|${lng}|${options === undefined ? '' : JSON.stringify(options)}`;
	let formatter = formatters.get(key) as F | undefined;
	if (!formatter) {
		formatter = build(lng);
		formatters.set(key, formatter);
	}
	return formatter;
}

const DEFAULT_DATE: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric' };

export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
	return cached('number', options, (lng) => new Intl.NumberFormat(lng, options)).format(value);
}

export function formatDate(
	value: string | number | Date | null | undefined,
	options?: Intl.DateTimeFormatOptions
): string {
	if (value === null || value === undefined || value === '') return '';
	const date = value instanceof Date ? value : new Date(value);
	if (Number.isNaN(date.getTime())) return '';
	const chosen = options ?? DEFAULT_DATE;
	return cached('date', chosen, (lng) => new Intl.DateTimeFormat(lng, chosen)).format(date);
}

export function formatList(items: readonly string[], type: 'conjunction' | 'disjunction' = 'conjunction'): string {
	return cached('list', { type }, (lng) => new Intl.ListFormat(lng, { style: 'long', type })).format(items);
}

export function formatRelative(value: number, unit: Intl.RelativeTimeFormatUnit): string {
	return cached('relative', undefined, (lng) => new Intl.RelativeTimeFormat(lng, { numeric: 'auto' })).format(
		value,
		unit
	);
}

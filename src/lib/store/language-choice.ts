// The interface language chosen on this device (localStorage: it must be readable before any
// database opens, to show the first screen in it). The member's profile keeps it too.
const STORAGE_KEY = 'praxis.language';

export function readLanguageChoice(): string | null {
	try {
		return globalThis.localStorage?.getItem(STORAGE_KEY) ?? null;
	} catch {
		return null;
	}
}

/** Whether the choice was kept (private browsing may refuse storage). */
export function keepLanguageChoice(language: string): boolean {
	try {
		globalThis.localStorage?.setItem(STORAGE_KEY, language);
		return globalThis.localStorage?.getItem(STORAGE_KEY) === language;
	} catch {
		return false;
	}
}

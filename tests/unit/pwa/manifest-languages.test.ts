// The French and Spanish manifests: the English one's app (same id, addresses, icons, share
// target) in other words, and the link that picks one by the interface language.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { manifestHref } from '../../../src/lib/pwa/manifest-link';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const read = (file: string) => JSON.parse(readFileSync(`${ROOT}static/${file}`, 'utf8')) as Record<string, unknown>;

interface Named {
	name?: string;
	short_name?: string;
	description?: string;
	label?: string;
}

/** Everything but the words: what must stay the same in every language. */
function shape(manifest: Record<string, unknown>): unknown {
	return JSON.parse(
		JSON.stringify(manifest, (key, value: unknown) =>
			['name', 'short_name', 'description', 'label', 'lang', 'dir'].includes(key) ? undefined : value
		)
	);
}

const words = (manifest: Record<string, unknown>): string[] =>
	[
		String(manifest.description),
		...(manifest.shortcuts as Named[]).flatMap((s) => [s.name, s.short_name, s.description]),
		...(manifest.screenshots as Named[]).map((s) => s.label)
	].map(String);

describe.each(['fr', 'es'])('manifest.%s.webmanifest', (lng) => {
	const english = read('manifest.webmanifest');
	const translated = read(`manifest.${lng}.webmanifest`);

	it('is the same app as the English manifest', () => {
		expect(shape(translated)).toEqual(shape(english));
		expect(translated.lang).toBe(lng);
	});

	it('has every word in its language', () => {
		const englishWords = new Set(words(english));
		expect(words(translated).filter((w) => englishWords.has(w) || w === 'undefined')).toEqual([]);
	});
});

describe('manifestHref', () => {
	it('points at the manifest of the interface language, keeping the assets path', () => {
		expect(manifestHref('/manifest.webmanifest', 'fr')).toBe('/manifest.fr.webmanifest');
		expect(manifestHref('./manifest.fr.webmanifest', 'es')).toBe('./manifest.es.webmanifest');
		expect(manifestHref('/app/manifest.es.webmanifest', 'en')).toBe('/app/manifest.webmanifest');
		expect(manifestHref('/manifest.webmanifest', 'pseudo')).toBe('/manifest.webmanifest');
		expect(manifestHref('/other.json', 'fr')).toBe('/other.json');
	});
});

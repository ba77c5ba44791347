// Every language is complete: the same keys as English (plural forms aside), the same placeholders
// and the same markup tags in each string, nothing left empty.
import { describe, expect, it } from 'vitest';
import { en } from '../../../src/lib/i18n/locales/en';
import { fr } from '../../../src/lib/i18n/locales/fr';
import { es } from '../../../src/lib/i18n/locales/es';
import { pseudoString } from '../../../src/lib/i18n/pseudo';
import { splitTagged } from '../../../src/lib/i18n/tagged';
import { browserLanguage, formatNumber, t } from '../../../src/lib/i18n/index';

const PLURAL = /_(zero|one|two|few|many|other)$/;

function flatten(value: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
	if (typeof value === 'string') out.set(prefix, value);
	else if (value && typeof value === 'object') {
		for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, out);
	}
	return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([^},\s]+)[^}]*\}\}/g)].map((m) => m[1]).sort();
const tags = (text: string) =>
	splitTagged(text)
		.flatMap((p: { tag?: string }) => (p.tag ? [p.tag] : []))
		.sort();
const base = (key: string) => key.replace(PLURAL, '');

describe.each([
	['fr', fr],
	['es', es]
] as const)('%s', (name, strings) => {
	it('has exactly the namespaces of English', () => {
		expect(Object.keys(strings).sort()).toEqual(Object.keys(en).sort());
	});

	for (const ns of Object.keys(en) as (keyof typeof en & string)[]) {
		it(`${ns}: every English string translated, with the same placeholders and tags`, () => {
			const source = flatten(en[ns]);
			const target = flatten(strings[ns]);
			const sourceBases = new Set([...source.keys()].map(base));
			const problems: string[] = [];
			for (const key of sourceBases) {
				const forms = [...target.keys()].filter((k) => base(k) === key);
				if (forms.length === 0) problems.push(`missing ${key}`);
				const english = source.get(key) ?? source.get(`${key}_other`) ?? '';
				for (const form of forms) {
					const text = target.get(form) ?? '';
					if (!text.trim()) problems.push(`empty ${form}`);
					const wanted = placeholders(english).filter((p) => p !== 'count');
					const have = placeholders(text).filter((p) => p !== 'count');
					if (wanted.join() !== have.join()) problems.push(`${form}: placeholders ${have} instead of ${wanted}`);
					if (tags(english).join() !== tags(text).join())
						problems.push(`${form}: tags ${tags(text)} instead of ${tags(english)}`);
				}
				if (source.has(`${key}_other`) && !target.has(`${key}_other`)) problems.push(`${key}: no _other form`);
			}
			for (const key of target.keys()) if (!sourceBases.has(base(key))) problems.push(`not in English: ${key}`);
			expect(problems, `${name}/${ns}`).toEqual([]);
		});
	}
});

describe('pseudo-locale', () => {
	it('swaps every letter and keeps placeholders, tags and nesting', () => {
		const out = pseudoString('Hello {{name}}, read <link>this</link> $t(common:x)');
		expect(out).toMatch(/^⟦Ĥéĺĺó \{\{name\}\}, ŕéáđ <link>ţĥíš<\/link> \$t\(common:x\)⟧$/);
		expect(out.replace(/\{\{[^}]*\}\}|<\/?\w+>|\$t\([^)]*\)/g, '')).not.toMatch(/[A-Za-z]/);
	});
});

describe('language', () => {
	it('takes the first browser language Praxis speaks, else English', () => {
		expect(browserLanguage(['de-DE', 'fr-CA', 'en'])).toBe('fr');
		expect(browserLanguage(['es-419'])).toBe('es');
		expect(browserLanguage(['de', 'it'])).toBe('en');
		expect(browserLanguage([])).toBe('en');
	});

	it('has English ready at import time', () => {
		expect(t('shell.skipToContent')).toBe('Skip to content');
		expect(formatNumber(1234.5)).toBe('1,234.5');
	});
});

// The shared words for adoptions, results and recognition follow the interface language: English
// exactly as before, French and Spanish with their own plurals.
import { afterAll, describe, expect, it } from 'vitest';
import { prepareLanguage } from '../../../src/lib/i18n/index';
import { statusLine, summarySentence } from '../../../src/lib/components/adoption-labels';
import { improvementText, metricLabel, sourceText } from '../../../src/lib/components/outcome-labels';
import { statusLabel } from '../../../src/lib/components/adoption-labels';
import { OUTCOME_LABELS } from '../../../src/lib/domain/outcomes';
import { ADOPTION_STATUS_LABELS } from '../../../src/lib/domain/adoptions';
import {
	badgeEarnedText,
	badgeName,
	ledgerText,
	levelName,
	levelNameOf,
	ruleDescription
} from '../../../src/lib/store/recognition/labels';
import * as rules from '../../../src/lib/domain/recognition';

const { BADGES, LEVELS, POINTS } = rules;

const helpful = BADGES.find((b) => b.key === 'helpful')!;
const LINES = [
	{ rule: 'thread', text: 'Started the thread "Permits"' },
	{ rule: 'mentee', text: 'Completed a mentorship with Ada Lovelace' },
	{ rule: 'helpful', text: 'Helpful vote from bob on your reply in "Say "hi""' },
	{ rule: 'win', text: 'Won third in the challenge "Open" with "an untitled item"' },
	{ rule: 'win', text: 'Won place 5 in the challenge "Open" with "Lyon"' }
] as const;

describe('shared labels', () => {
	afterAll(() => prepareLanguage('en'));

	it('say in English what the domain said', async () => {
		await prepareLanguage('en');
		expect(summarySentence({ organisations: 1, withResults: 0 })).toBe(
			'Adopted by 1 organisation; no results reported yet'
		);
		expect(summarySentence({ organisations: 4, withResults: 2 })).toBe('Adopted by 4 organisations; 2 report results');
		expect(summarySentence({ organisations: 3, withResults: 1 })).toBe('Adopted by 3 organisations; 1 reports results');
		expect(statusLine({ status: 'piloting' })).toBe('Piloting');
		expect(improvementText(0.571)).toBe('57 % better');
		expect(sourceText({ source: 'Register', sampleSize: 1 })).toBe('Source: Register (1 person asked)');
		expect(badgeEarnedText(helpful, 2)).toBe('50 Helpful votes received');
		expect(levelNameOf('Expert')).toBe('Expert');
		for (const line of LINES) expect(ledgerText(line)).toBe(line.text);
	});

	it('say in English exactly what the shared rules say', async () => {
		await prepareLanguage('en');
		for (const [key, rule] of Object.entries(POINTS))
			expect(ruleDescription(key as rules.RuleKey)).toBe(rule.description);
		for (const badge of BADGES) {
			expect(badgeName(badge.key)).toBe(badge.name);
			for (const level of [1, 2, 3] as const)
				expect(badgeEarnedText(badge, level)).toBe(rules.badgeEarnedText(badge, level));
		}
		for (const level of LEVELS) expect(levelName(level.key)).toBe(level.name);
		for (const [metric, label] of Object.entries(OUTCOME_LABELS)) expect(metricLabel(metric)).toBe(label);
		for (const [status, label] of Object.entries(ADOPTION_STATUS_LABELS))
			expect(statusLabel(status as keyof typeof ADOPTION_STATUS_LABELS)).toBe(label);
	});

	it('speak French and Spanish', async () => {
		await prepareLanguage('fr');
		expect(summarySentence({ organisations: 2, withResults: 1 })).toBe(
			'Adoptée par 2 organisations\u00a0; 1 communique des résultats'
		);
		expect(levelNameOf('Leader')).toBe('Référent');
		expect(ledgerText(LINES[2])).toBe('Vote «\u00a0Utile\u00a0» de bob sur votre réponse dans «\u00a0Say "hi"\u00a0»');
		expect(ledgerText(LINES[3])).toBe(
			'A obtenu la troisième place au défi «\u00a0Open\u00a0» avec «\u00a0un élément sans titre\u00a0»'
		);
		expect(ledgerText({ rule: 'thread', text: 'Something else' })).toBe('Something else');
		await prepareLanguage('es');
		expect(sourceText({ source: '', sampleSize: 412 })).toBe('412 personas consultadas');
		expect(badgeEarnedText(helpful, 1)).toBe('10 votos «Útil» recibidos');
	});
});

// Names of badges, badge levels, levels and point rules in the interface language. The shared
// rules (domain/recognition.ts) keep English names for the server; screens and the member's
// notifications say them through these functions, read when shown, never at module load.
import { LEVELS, type BadgeKey, type BadgeRule, type RuleKey } from '../../domain/recognition';
import { t } from '../../i18n';

type LevelKey = 'newcomer' | 'contributor' | 'practitioner' | 'expert' | 'leader';
const LEVEL_KEYS: readonly string[] = ['newcomer', 'contributor', 'practitioner', 'expert', 'leader'];
const BADGE_LEVEL_KEYS = ['bronze', 'silver', 'gold'] as const;

export const badgeName = (key: BadgeKey): string => t(`recognition:badge.${key}.name`);

/** "Bronze", "Silver" or "Gold" for level 1, 2 or 3. */
export const badgeLevelName = (level: 1 | 2 | 3): string => t(`recognition:badgeLevel.${BADGE_LEVEL_KEYS[level - 1]}`);

/** How a badge level is earned: "50 Helpful votes received". */
export const badgeEarnedText = (badge: Pick<BadgeRule, 'key' | 'thresholds'>, level: 1 | 2 | 3): string =>
	t(`recognition:badge.${badge.key}.earned`, { count: badge.thresholds[level - 1] });

/** A level's name by its key; a key this version does not know is shown as stored. */
export const levelName = (key: string): string =>
	LEVEL_KEYS.includes(key) ? t(`recognition:level.${key as LevelKey}`) : key;

/** A level's name from its English name (leaderboard entries carry the name only). */
export const levelNameOf = (name: string): string => {
	const level = LEVELS.find((l) => l.name === name);
	return level ? levelName(level.key) : name;
};

export const ruleDescription = (key: RuleKey): string => t(`recognition:rule.${key}`);

// Ledger lines are worded in English by the shared rules (the server sends the same lines), with
// the titles and names inside. Each rule's wording is read back here to say it in the interface
// language; a line worded otherwise (an older or newer rule) is shown as it came.
const UNTITLED = 'an untitled item';
const PLACES: Record<string, '1' | '2' | '3'> = { first: '1', second: '2', third: '3' };

const titled = (title: string): string => (title === UNTITLED ? t('recognition:ledger.untitled') : title);

function placeText(place: string): string {
	const known = PLACES[place];
	if (known) return t(`recognition:ledger.place.${known}`);
	return t('recognition:ledger.place.other', { n: place.replace(/^place /, '') });
}

type Said = (m: RegExpMatchArray) => string;
const LEDGER: Partial<Record<RuleKey, [RegExp, Said][]>> = {
	thread: [[/^Started the thread "(.*)"$/s, (m) => t('recognition:ledger.thread', { title: titled(m[1]) })]],
	accepted: [
		[
			/^Your reply was accepted as the answer in "(.*)"$/s,
			(m) => t('recognition:ledger.accepted', { title: titled(m[1]) })
		]
	],
	reply: [[/^Replied in "(.*)"$/s, (m) => t('recognition:ledger.reply', { title: titled(m[1]) })]],
	helpful: [
		[
			/^Helpful vote from (.+?) on your reply in "(.*)"$/s,
			(m) => t('recognition:ledger.helpfulReply', { voter: m[1], title: titled(m[2]) })
		],
		[
			/^Helpful vote from (.+?) on "(.*)"$/s,
			(m) => t('recognition:ledger.helpful', { voter: m[1], title: titled(m[2]) })
		]
	],
	resource: [[/^Published the resource "(.*)"$/s, (m) => t('recognition:ledger.resource', { title: titled(m[1]) })]],
	story: [[/^Published the success story "(.*)"$/s, (m) => t('recognition:ledger.story', { title: titled(m[1]) })]],
	entry: [
		[
			/^Entered "(.*)" in the challenge "(.*)"$/s,
			(m) => t('recognition:ledger.entry', { title: titled(m[1]), challenge: titled(m[2]) })
		]
	],
	review: [[/^Reviewed "(.*)"$/s, (m) => t('recognition:ledger.review', { title: titled(m[1]) })]],
	adoption: [[/^Reported adopting "(.*)"$/s, (m) => t('recognition:ledger.adoption', { title: titled(m[1]) })]],
	outcomes: [
		[/^Reported the results of adopting "(.*)"$/s, (m) => t('recognition:ledger.outcomes', { title: titled(m[1]) })]
	],
	organised: [[/^Organised "(.*)"$/s, (m) => t('recognition:ledger.organised', { title: titled(m[1]) })]],
	attended: [[/^Attended "(.*)"$/s, (m) => t('recognition:ledger.attended', { title: titled(m[1]) })]],
	mentor: [[/^Mentored (.+) to completion$/s, (m) => t('recognition:ledger.mentor', { name: m[1] })]],
	mentee: [[/^Completed a mentorship with (.+)$/s, (m) => t('recognition:ledger.mentee', { name: m[1] })]],
	win: [
		[
			/^Won (first|second|third|place \d+) in the challenge "(.*)" with "(.*)"$/s,
			(m) => t('recognition:ledger.win', { place: placeText(m[1]), challenge: titled(m[2]), title: titled(m[3]) })
		]
	]
};

/** A ledger line ("Replied in "…"") in the interface language. */
export function ledgerText(line: { rule: RuleKey; text: string }): string {
	for (const [pattern, say] of LEDGER[line.rule] ?? []) {
		const m = line.text.match(pattern);
		if (m) return say(m);
	}
	return line.text;
}

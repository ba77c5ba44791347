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

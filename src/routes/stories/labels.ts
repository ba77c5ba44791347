// Plain words for a story's level of government and its list sorts (story screens). Functions, so
// they read the language in use.
import { GOVERNMENT_LEVELS, type GovernmentLevel } from '$lib/domain/schemas';
import { t } from '$lib/i18n';
import type { StorySort } from '$lib/store';

export const STORY_SORTS: readonly StorySort[] = ['newest', 'adopted', 'improvement'];

const isLevel = (level: string): level is GovernmentLevel => (GOVERNMENT_LEVELS as readonly string[]).includes(level);

/** "Local", "Regional"… in the interface language; an unknown level as it is stored. */
export const levelLabel = (level: string | undefined): string =>
	level ? (isLevel(level) ? t(`stories:level.${level}`) : level) : '';

export const sortLabel = (sort: StorySort): string => t(`stories:sort.${sort}`);

// Plain words for a story's level of government and its list sorts (story screens and print pack).
import type { StorySort } from '$lib/store';

export const LEVEL_LABELS: Record<string, string> = {
	local: 'Local',
	regional: 'Regional',
	national: 'National',
	international: 'International'
};

export const SORT_LABELS: Record<StorySort, string> = {
	newest: 'Newest',
	adopted: 'Most adopted',
	improvement: 'Largest measured improvement'
};

export const levelLabel = (level: string | undefined): string => (level ? (LEVEL_LABELS[level] ?? level) : '');

// Views of success stories handed to screens (what the story queries return).
import type { OutcomeFigure, OutcomeMetric } from '../../domain/schemas';
import type { RelatedItem, ReviewView } from '../library/views';
import type { StoryRow } from './tables';

export type StorySort = 'newest' | 'adopted' | 'improvement';

export interface StoryFilters {
	sector?: string;
	region?: string;
	level?: string;
	/** Stories with at least one result of this measure. */
	metric?: OutcomeMetric | '';
	sort?: StorySort;
}

export interface StoryCard {
	id: string;
	ulid: string;
	title: string;
	summary: string;
	author: string;
	authorName: string;
	organization?: string;
	jurisdiction?: string;
	level?: string;
	sector?: string;
	region?: string;
	tags: string[];
	publishedAt: string;
	/** Organisations that recorded adopting it, each counted once. */
	adoptions: number;
	/** Its largest relative improvement (0.57 = 57 % better), null when none is measured before and after. */
	improvement: { figure: OutcomeFigure; improvement: number } | null;
}

/** The values present in published stories, for the filter menus. */
export interface StoryFacets {
	sectors: string[];
	regions: string[];
	levels: string[];
	metrics: OutcomeMetric[];
}

export interface StoryDetail {
	story: StoryRow;
	ulid: string;
	authorName: string;
	reviewerName: string | null;
	coauthorNames: string[];
	/** The member wrote it, as author or co-author. */
	mine: boolean;
	/** The member is a reviewer who did not write it. */
	mayReview: boolean;
	reviews: ReviewView[];
	related: RelatedItem[];
	inPack: boolean;
	pending: boolean;
	adoptions: number;
}

export interface StorySubmissionView {
	story: StoryRow;
	ulid: string;
	authorName: string;
	latestReview: ReviewView | null;
	state: 'draft' | 'submitted' | 'published' | 'returned' | 'rejected';
	pending: boolean;
}

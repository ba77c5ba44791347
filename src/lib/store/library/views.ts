// Views of the library handed to screens (what the library queries return).
import type { RatingSummary } from '../../domain/ratings';
import type { CollectionRow, CommentRow, ResourceDocRow, ReviewRow } from './tables';

export type LibrarySort = 'newest' | 'rated' | 'used';

export interface LibraryFilters {
	kind?: string;
	tag?: string;
	jurisdiction?: string;
	sector?: string;
	sort?: LibrarySort;
}

export interface ResourceCard {
	id: string;
	ulid: string;
	kind: string;
	title: string;
	summary: string;
	tags: string[];
	author: string;
	authorName: string;
	organization?: string;
	jurisdiction?: string;
	sector?: string;
	publishedAt: string;
	rating: RatingSummary;
	/** Members who used it: opened one of its files, kept it offline or printed it in a pack. */
	uses: number;
	fileCount: number;
}

/** The values present in published resources, for the filter menus. */
export interface LibraryFacets {
	kinds: string[];
	tags: string[];
	jurisdictions: string[];
	sectors: string[];
}

export interface ReviewView extends ReviewRow {
	authorName: string;
}

export interface CommentView extends CommentRow {
	authorName: string;
	pending: boolean;
}

export interface RelatedItem {
	id: string;
	type: 'resource' | 'thread' | 'post';
	title: string;
	href: string;
}

export interface ResourceDetail {
	resource: ResourceDocRow;
	ulid: string;
	authorName: string;
	reviewerName: string | null;
	/** Display names of the co-authors, in the order the author gave. */
	coauthorNames: string[];
	/** The member is a reviewer who did not write it (nobody reviews their own resource). */
	mayReview: boolean;
	rating: RatingSummary;
	myRating: number | null;
	uses: number;
	comments: CommentView[];
	reviews: ReviewView[];
	related: RelatedItem[];
	inPack: boolean;
	kept: boolean;
	pending: boolean;
}

export interface SubmissionView {
	resource: ResourceDocRow;
	ulid: string;
	authorName: string;
	latestReview: ReviewView | null;
	/** What the author sees: draft, submitted, published, returned (changes asked) or rejected. */
	state: 'draft' | 'submitted' | 'published' | 'returned' | 'rejected';
	pending: boolean;
}

export interface CollectionItemView extends RelatedItem {
	note?: string;
	summary: string;
	missing: boolean;
}

export interface CollectionView extends Omit<CollectionRow, 'items'> {
	items: CollectionItemView[];
}

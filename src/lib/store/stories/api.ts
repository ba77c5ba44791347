// The success stories part of the Store (`store.stories`): what the story, review and print pack
// screens call. Reviews are the library's (`store.library.review` also decides on stories).
import type { StoreContext } from '../context';
import { reviewResource, type Verdict } from '../library/writes';
import * as q from './queries';
import type { StoryRow } from './tables';
import type { StoryCard, StoryDetail, StoryFacets, StoryFilters, StorySubmissionView } from './views';
import * as w from './writes';

export type * from './views';
export type { StoryRow } from './tables';
export type { StoryInput, StoryFileRef, TeamMember } from './writes';

export interface StoriesApi {
	list(filters?: StoryFilters): Promise<StoryCard[]>;
	facets(): Promise<StoryFacets>;
	/** Undefined when not on this device, or a draft (or submission) the member may not read. */
	get(id: string): Promise<StoryDetail | undefined>;
	mine(): Promise<StorySubmissionView[]>;
	reviewQueue(): Promise<StorySubmissionView[]>;
	/** Stories among the given ids (the print pack), in that order. */
	byIds(ids: readonly string[]): Promise<StoryRow[]>;
	/** Organisations that adopted each practice (resource or story), each counted once. */
	adoptionCounts(ids: readonly string[]): Promise<Map<string, number>>;

	/** A new story (no id) or an edit; `submit` sends it for review, else it stays a draft. */
	save(input: w.StoryInput, submit: boolean, id?: string): Promise<string>;
	submit(id: string): Promise<void>;
	delete(id: string): Promise<void>;
	/** A reviewer's verdict: approve publishes it, changes or reject return it to its writers. */
	review(id: string, verdict: Verdict, comments: string): Promise<string>;
}

export function createStoriesApi(ctx: StoreContext): StoriesApi {
	return {
		list: (filters) => q.listStories(ctx, filters),
		facets: () => q.storyFacets(ctx),
		get: (id) => q.getStory(ctx, id),
		mine: () => q.myStories(ctx),
		reviewQueue: () => q.storyReviewQueue(ctx),
		byIds: (ids) => q.storiesByIds(ctx, ids),
		adoptionCounts: (ids) => q.adoptionCounts(ctx, ids),

		save: (input, submit, id) => w.saveStory(ctx, input, submit, id),
		submit: (id) => w.submitStory(ctx, id),
		delete: (id) => w.deleteStory(ctx, id),
		review: (id, verdict, comments) => reviewResource(ctx, id, verdict, comments)
	};
}

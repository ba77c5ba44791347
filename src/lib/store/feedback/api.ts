// The feedback part of the Store (store.feedback): "Was this useful?" answers on resources,
// stories, events (once over) and knowledge-base collections. Screens call these (reads inside
// liveQuery); they never see PouchDB or Dexie.
import type { StoreContext } from '../context';
import * as fq from './queries';
import * as fw from './writes';

export type { FeedbackInput } from './writes';
export type { FeedbackSummaryView, MyFeedbackView, FeedbackCommentView, ItemResultView } from './queries';
export type { FeedbackRow } from './tables';
export type { FeedbackFigures, FeedbackSummary } from '../../domain/feedback';

export function createFeedbackApi(ctx: StoreContext) {
	return {
		/** Gives or changes the member's answer on an item (`resource:…`, `story:…`, `event:…`, `collection:{slug}`). */
		give: (target: string, input: fw.FeedbackInput) => fw.giveFeedback(ctx, target, input),
		/** Removes the member's answer on an item. */
		remove: (target: string) => fw.removeFeedback(ctx, target),
		/** The item's summary and its sentence ("8 of 10 members found this useful."). */
		summaryOf: (target: string) => fq.feedbackSummaryOf(ctx, target),
		/** The member's own answer on the item, or null. */
		mine: (target: string) => fq.myFeedbackOn(ctx, target),
		/** The comments members left, for the item's writers only (empty for anyone else). */
		commentsOn: (target: string) => fq.feedbackCommentsOn(ctx, target),
		/** The member's own items with what members said of each. */
		myResults: () => fq.myItemResults(ctx),
		/** Per-item summaries and the overall rate over every answer (the impact dashboard). */
		figures: () => fq.allFeedbackFigures(ctx)
	};
}

export type FeedbackApi = ReturnType<typeof createFeedbackApi>;

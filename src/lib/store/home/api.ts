// The home part of the Store (store.home): what is new for the member, read from the device's
// projections so it works offline (queries.ts), the "Getting started" checklist (checklist.ts),
// and the home page's device state (visit.ts).
import type { StoreContext } from '../context';
import type { EventSummary } from '../events/queries';
import { myProfile } from '../people/queries';
import { checklist, type Checklist } from './checklist';
import {
	comingUp,
	newInLibrary,
	questionsFor,
	repliesSince,
	type HomeList,
	type NewItem,
	type QuestionItem,
	type ReplyNews
} from './queries';
import { markChecklist, startVisit, type ChecklistMarks, type HomeVisit } from './visit';

export type { Checklist, ChecklistItem, ChecklistStep } from './checklist';
export type { HomeList, NewItem, QuestionItem, ReplyNews } from './queries';
export type { ChecklistMarks, HomeVisit } from './visit';

export interface HomeOverview {
	checklist: Checklist;
	replies: HomeList<ReplyNews>;
	/** `sinceVisit` false: nothing was published since the last visit, these are the latest. */
	library: HomeList<NewItem> & { sinceVisit: boolean };
	events: HomeList<EventSummary>;
	questions: HomeList<QuestionItem>;
	/** The member's expertise tags the questions were matched on (empty: the last month's). */
	expertise: string[];
	/** Writes of this device the server has not acknowledged yet. */
	waiting: number;
}

export function createHomeApi(ctx: StoreContext) {
	return {
		/** Starts a visit of the home page: `since` is the last visit; `end()` records this one. */
		startVisit: (): Promise<HomeVisit> => startVisit(ctx),
		/** Every section of the home page in one read (run it in liveQuery). */
		overview: async (options: { since: string; installed: boolean }): Promise<HomeOverview> => {
			const expertise = (await myProfile(ctx)).expertise ?? [];
			const [list, replies, library, events, questions, waiting] = await Promise.all([
				checklist(ctx, options.installed),
				repliesSince(ctx, options.since),
				newInLibrary(ctx, options.since),
				comingUp(ctx),
				questionsFor(ctx, expertise),
				ctx.db.outbox.count()
			]);
			return { checklist: list, replies, library, events, questions, expertise, waiting };
		},
		repliesSince: (since: string) => repliesSince(ctx, since),
		newInLibrary: (since: string) => newInLibrary(ctx, since),
		comingUp: () => comingUp(ctx),
		questionsFor: (expertise: readonly string[]) => questionsFor(ctx, expertise),
		checklist: (installed: boolean) => checklist(ctx, installed),
		/** Keeps the checklist's marks ("Hide this list", "Not now", forums opened). */
		markChecklist: (marks: ChecklistMarks) => markChecklist(ctx, marks)
	};
}

export type HomeApi = ReturnType<typeof createHomeApi>;

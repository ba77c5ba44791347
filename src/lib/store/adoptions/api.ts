// The adoptions part of the Store (store.adoptions): "we adopted this" records of library
// resources and success stories, their results, and the reminders to report them. Screens call
// these; they never see PouchDB or Dexie.
import type { OutcomeFigure } from '../../domain/schemas';
import type { StoreContext } from '../context';
import * as aq from './queries';
import * as aw from './writes';

export type { AdoptionInput } from './writes';
export type { AdoptionView, MyAdoptionView, PracticeRef } from './queries';
export type { AdoptionRow } from './tables';
export type { AdoptionSummary } from '../../domain/adoptions';

export function createAdoptionsApi(ctx: StoreContext) {
	return {
		/** Records that the member's organisation adopted `practice` (a published resource or story). */
		record: (practice: string, input: aw.AdoptionInput) => aw.recordAdoption(ctx, practice, input),
		update: (id: string, input: aw.AdoptionInput) => aw.updateAdoption(ctx, id, input),
		reportResults: (id: string, outcomes: OutcomeFigure[]) => aw.reportResults(ctx, id, outcomes),
		remove: (id: string) => aw.deleteAdoption(ctx, id),
		/** Adoptions of a practice, newest first (hidden ones left out). */
		of: (practice: string) => aq.adoptionsOf(ctx, practice),
		summaryOf: (practice: string) => aq.adoptionSummaryOf(ctx, practice),
		mine: () => aq.myAdoptions(ctx),
		/** The member's adoptions due a reminder to report results, as notifications. */
		reminders: () => aq.adoptionReminders(ctx)
	};
}

export type AdoptionsApi = ReturnType<typeof createAdoptionsApi>;

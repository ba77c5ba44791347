// The challenges part of the Store (store.challenges): community challenges, their entries,
// votes, judging and winners as the device projected them. Screens call these; they never see
// PouchDB or Dexie.
import type { StoreContext } from '../context';
import { vote } from '../writes';
import * as cq from './queries';
import * as cw from './writes';

export type { ChallengeInput, WinnerInput } from './writes';
export type { ChallengeLists, ChallengeSummary, ChallengeView, EntryChoice, EntryView } from './queries';
export type { ChallengeRow, JudgingRow } from './tables';

export function createChallengesApi(ctx: StoreContext) {
	return {
		list: () => cq.listChallenges(ctx),
		get: (id: string) => cq.getChallenge(ctx, id),
		/** The challenge document as stored (for the edit form). */
		getRow: (id: string) => cq.getChallengeRow(ctx, id),
		myJudging: (challenge: string, entry: string) => cq.myJudging(ctx, challenge, entry),
		myEntryChoices: () => cq.myEntryChoices(ctx),
		/** Moderators: creates (no id) or edits a challenge; returns its id. */
		save: (input: cw.ChallengeInput, id?: string) => cw.saveChallenge(ctx, input, id),
		announceWinners: (id: string, winners: cw.WinnerInput[]) => cw.announceWinners(ctx, id, winners),
		enter: (challenge: string, entry: string) => cw.setEntry(ctx, entry, challenge),
		withdraw: (entry: string) => cw.setEntry(ctx, entry, null),
		judge: (challenge: string, entry: string, scores: number[], comment: string) =>
			cw.judge(ctx, challenge, entry, scores, comment),
		/** Votes for an entry (value 1) or takes the vote back. */
		vote: (entry: string, on: boolean) => vote(ctx, entry, on ? 1 : 0)
	};
}

export type ChallengesApi = ReturnType<typeof createChallengesApi>;

// The moderation part of the Store (store.moderation): the member's flags and moderators'
// decisions as the device projected them. Screens call these; they never see PouchDB or Dexie.
import type { StoreContext } from '../context';
import * as mq from './queries';
import * as mw from './writes';

export type { FlagInput } from './writes';
export type { FlagView, FlagListEntry, FlaggedItem } from './queries';
export type { ModerationRow, FlagRow } from './tables';

export function createModerationApi(ctx: StoreContext) {
	return {
		/** Flags an item (a local write: it reaches the moderators when the device syncs). */
		flag: (input: mw.FlagInput) => mw.flag(ctx, input),
		/** Withdraws the member's flag; refused once a moderator decided. */
		withdrawFlag: (target: string) => mw.withdrawFlag(ctx, target),
		myFlag: (target: string) => mq.myFlag(ctx, target),
		myFlags: () => mq.myFlags(ctx),
		decisionOn: (target: string) => mq.decisionOn(ctx, target),
		decisionsOn: (targets: readonly string[]) => mq.decisionsOn(ctx, targets),
		pinnedThreads: (category: string) => mq.pinnedThreads(ctx, category),
		/** Leaves out of a list what moderators hid from this member. */
		visibleItems: <T extends { id: string; author: string }>(items: readonly T[]) => mq.visibleItems(ctx, items)
	};
}

export type ModerationApi = ReturnType<typeof createModerationApi>;

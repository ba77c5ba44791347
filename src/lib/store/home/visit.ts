// The home page's device state in Dexie `meta`: when the member last looked at the home page (what
// "Since your last visit" counts from) and the "Getting started" checklist's own marks (hidden,
// "Not now" for the install, the forums opened from it). Device-only: nothing here syncs.
import type { StoreContext } from '../context';

export const LAST_VISIT_KEY = 'home.lastVisit';
export const CHECKLIST_KEY = 'home.checklist';
/** With no visit recorded yet, "since your last visit" covers this much time before now. */
export const FIRST_VISIT_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

export interface ChecklistMarks {
	/** "Hide this list" was chosen. */
	hidden?: boolean;
	/** "Not now" was chosen for installing the app. */
	installLater?: boolean;
	/** The forums were opened from the list ("Choose what to follow"). */
	forumsOpened?: boolean;
}

export interface HomeVisit {
	/** Where "Since your last visit" starts: the previous visit's opening time. */
	since: string;
	/**
	 * Records this visit (its opening time) as the last one. Called when the member leaves the
	 * page or after it was shown for a while; until then reopening the page shows the same items.
	 * Safe to call more than once.
	 */
	end(): Promise<void>;
}

export async function lastVisit(ctx: StoreContext): Promise<string | null> {
	const value = (await ctx.db.meta.get(LAST_VISIT_KEY))?.value;
	return typeof value === 'string' ? value : null;
}

export async function startVisit(ctx: StoreContext): Promise<HomeVisit> {
	const openedAt = ctx.now();
	const previous = await lastVisit(ctx);
	const since = previous ?? new Date(Date.parse(openedAt) - FIRST_VISIT_WINDOW_MS).toISOString();
	let ended = false;
	return {
		since,
		end: async () => {
			if (ended) return;
			ended = true;
			// two tabs may end visits out of order: the last visit only moves forward
			await ctx.db.transaction('rw', ctx.db.meta, async () => {
				const current = await lastVisit(ctx);
				if (!current || current < openedAt) await ctx.db.meta.put({ key: LAST_VISIT_KEY, value: openedAt });
			});
		}
	};
}

export async function checklistMarks(ctx: StoreContext): Promise<ChecklistMarks> {
	const value = (await ctx.db.meta.get(CHECKLIST_KEY))?.value;
	return typeof value === 'object' && value !== null ? (value as ChecklistMarks) : {};
}

export async function markChecklist(ctx: StoreContext, marks: ChecklistMarks): Promise<void> {
	await ctx.db.transaction('rw', ctx.db.meta, async () => {
		const current = await checklistMarks(ctx);
		await ctx.db.meta.put({ key: CHECKLIST_KEY, value: { ...current, ...marks } });
	});
}

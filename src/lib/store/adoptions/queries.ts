// Adoption reads for screens (wrap in liveQuery): who adopted a practice and the summary of it,
// the member's own adoptions, and those due a reminder to report results, as notifications.
// Adoptions moderators hid are left out for members who neither wrote them nor moderate.
import {
	adoptionReminder,
	practiceHref,
	reminderDue,
	summarizeAdoptions,
	type AdoptionSummary
} from '../../domain/adoptions';
import type { NotificationRow } from '../../domain/notifications';
import type { StoreContext } from '../context';
import { libraryTables } from '../library/tables';
import { visibleItems } from '../moderation/queries';
import { displayNames } from '../queries';
import { storyTables } from '../stories/tables';
import { adoptionTables, type AdoptionRow } from './tables';
import { t } from '../../i18n';

export interface AdoptionView extends AdoptionRow {
	authorName: string;
	/** Written by the member reading it: they may update it and report results. */
	mine: boolean;
	/** Not yet acknowledged by the server. */
	pending: boolean;
	/** Its author is due to report results (piloting or implemented, none reported, time passed). */
	due: boolean;
}

export interface PracticeRef {
	id: string;
	title: string;
	href: string;
}

export interface MyAdoptionView extends AdoptionView {
	practiceRef: PracticeRef;
}

const newestFirst = (a: AdoptionRow, b: AdoptionRow): number =>
	a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1;

async function views(ctx: StoreContext, rows: AdoptionRow[]): Promise<AdoptionView[]> {
	const visible = (await visibleItems(ctx, rows)).sort(newestFirst);
	const names = await displayNames(
		ctx,
		visible.map((r) => r.author)
	);
	const pending = await ctx.db.outbox.bulkGet(visible.map((r) => r.id));
	const now = ctx.now();
	return visible.map((row, i) => ({
		...row,
		authorName: names.get(row.author) ?? row.author,
		mine: row.author === ctx.member.name,
		pending: pending[i] !== undefined,
		due: reminderDue(row, now)
	}));
}

/** The adoptions of a practice (a resource or story id), newest first. */
export async function adoptionsOf(ctx: StoreContext, practice: string): Promise<AdoptionView[]> {
	const rows = await adoptionTables(ctx.db).adoptions.where('practice').equals(practice).toArray();
	return views(ctx, rows);
}

/** How many organisations adopted a practice, how many report results, and by status. */
export async function adoptionSummaryOf(ctx: StoreContext, practice: string): Promise<AdoptionSummary> {
	const rows = await adoptionTables(ctx.db).adoptions.where('practice').equals(practice).toArray();
	return summarizeAdoptions(await visibleItems(ctx, rows));
}

/** The titles and addresses of practices, as this device knows them. */
export async function practicesByIds(ctx: StoreContext, ids: readonly string[]): Promise<Map<string, PracticeRef>> {
	const unique = [...new Set(ids)];
	const resources = await libraryTables(ctx.db).resources.bulkGet(unique.filter((id) => id.startsWith('resource:')));
	const stories = await storyTables(ctx.db).stories.bulkGet(unique.filter((id) => id.startsWith('story:')));
	const titles = new Map<string, string>();
	for (const row of resources) if (row) titles.set(row.id, row.title);
	// read defensively: StoryRow's type (stories/tables.ts) may not name the title
	for (const row of stories) if (row && typeof row.title === 'string') titles.set(row.id, row.title);
	return new Map(
		unique.map((id) => [
			id,
			{
				id,
				title:
					titles.get(id) ??
					(id.startsWith('story:') ? t('adoptions:practice.story') : t('adoptions:practice.resource')),
				href: practiceHref(id)
			}
		])
	);
}

/** The member's own adoptions, newest first, each with the practice it adopts. */
export async function myAdoptions(ctx: StoreContext): Promise<MyAdoptionView[]> {
	const rows = await adoptionTables(ctx.db).adoptions.where('author').equals(ctx.member.name).toArray();
	const own = await views(ctx, rows);
	const practices = await practicesByIds(
		ctx,
		own.map((a) => a.practice)
	);
	return own.map((a) => ({ ...a, practiceRef: practices.get(a.practice)! }));
}

/** The Dexie tables adoptionReminders() reads, for a transaction that includes it. */
export const REMINDER_TABLES = ['adoptions', 'libResources', 'stories'] as const;

/**
 * The member's adoptions due a reminder now, as inbox notifications. A chain of Dexie promises
 * rather than an async function: live queries (the unread count) read on after it, and Dexie
 * follows their reads only through its own promises.
 */
export function adoptionReminders(ctx: StoreContext): Promise<NotificationRow[]> {
	const now = ctx.now();
	return adoptionTables(ctx.db)
		.adoptions.where('author')
		.equals(ctx.member.name)
		.toArray()
		.then((rows) => {
			const due = rows.filter((row) => reminderDue(row, now));
			if (due.length === 0) return [];
			return practicesByIds(
				ctx,
				due.map((a) => a.practice)
			).then((practices) =>
				due.map((a) => {
					const title = practices.get(a.practice)!.title;
					const reminder = adoptionReminder(a, title);
					return { ...reminder, text: t('adoptions:reminder', { title, organisation: a.organization }) };
				})
			);
		});
}

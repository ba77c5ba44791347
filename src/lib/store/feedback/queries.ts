// Feedback reads for screens (wrap in liveQuery): an item's summary and sentence, the member's
// own answer, the comments its writers read, the results on the member's own items, and the
// figures over every item (the impact dashboard). Answers moderators hid are left out.
import {
	feedbackFigures,
	itemWriters,
	summarizeFeedback,
	type FeedbackFigures,
	type FeedbackItemFacts,
	type FeedbackSummary
} from '../../domain/feedback';
import { feedbackId } from '../../domain/ids';
import type { StoreContext } from '../context';
import { eventsTables } from '../events/tables';
import { libraryTables } from '../library/tables';
import { visibleItems } from '../moderation/queries';
import { displayNames } from '../queries';
import { storyTables } from '../stories/tables';
import { feedbackTables, type FeedbackRow } from './tables';
import { t } from '../../i18n';

export interface FeedbackSummaryView extends FeedbackSummary {
	/** "8 of 10 members found this useful." or "No one has said yet." */
	sentence: string;
}

export interface MyFeedbackView {
	useful: boolean;
	comment?: string;
	/** Not yet acknowledged by the server. */
	pending: boolean;
}

export interface FeedbackCommentView {
	id: string;
	authorName: string;
	useful: boolean;
	comment: string;
	at: string;
}

/** One of the member's items with what members said of it. */
export interface ItemResultView extends FeedbackSummaryView {
	id: string;
	title: string;
	href: string;
	/** "Library resource", "Success story", "Event" or "Knowledge-base collection". */
	kind: string;
}

/** "8 of 10 members found this useful." in the interface language (domain/feedback.ts words it for the server). */
const sentenceOf = (summary: FeedbackSummary): string =>
	summary.total === 0
		? t('feedback:sentence.none')
		: t('feedback:sentence.found', { count: summary.total, yes: summary.yes });

const viewOf = (summary: FeedbackSummary): FeedbackSummaryView => ({ ...summary, sentence: sentenceOf(summary) });

async function answersOn(ctx: StoreContext, target: string): Promise<FeedbackRow[]> {
	const rows = await feedbackTables(ctx.db).feedback.where('target').equals(target).toArray();
	return visibleItems(ctx, rows);
}

/** The summary of the answers on an item. */
export async function feedbackSummaryOf(ctx: StoreContext, target: string): Promise<FeedbackSummaryView> {
	return viewOf(summarizeFeedback(await answersOn(ctx, target)));
}

/** The member's own answer on an item, or null. */
export async function myFeedbackOn(ctx: StoreContext, target: string): Promise<MyFeedbackView | null> {
	const id = feedbackId(target, ctx.member.name);
	const [row, pending] = await Promise.all([feedbackTables(ctx.db).feedback.get(id), ctx.db.outbox.get(id)]);
	if (!row) return null;
	return { useful: row.useful, ...(row.comment ? { comment: row.comment } : {}), pending: pending !== undefined };
}

/** The item as this device knows it, by its id (`collection:{slug}` for a collection). */
async function itemOf(ctx: StoreContext, target: string): Promise<FeedbackItemFacts | null> {
	const key = target.slice(target.indexOf(':') + 1);
	if (target.startsWith('resource:')) return (await libraryTables(ctx.db).resources.get(target)) ?? null;
	if (target.startsWith('story:')) return (await storyTables(ctx.db).stories.get(target)) ?? null;
	if (target.startsWith('event:')) return (await eventsTables(ctx.db).events.get(target)) ?? null;
	if (target.startsWith('collection:')) return (await libraryTables(ctx.db).collections.get(key)) ?? null;
	return null;
}

/** The comments on an item, newest first: only for its writers (others get none). */
export async function feedbackCommentsOn(ctx: StoreContext, target: string): Promise<FeedbackCommentView[]> {
	const item = await itemOf(ctx, target);
	if (!item || !itemWriters(item).includes(ctx.member.name)) return [];
	const rows = (await answersOn(ctx, target)).filter((r) => r.comment);
	const names = await displayNames(
		ctx,
		rows.map((r) => r.author)
	);
	return rows
		.map((r) => ({
			id: r.id,
			authorName: names.get(r.author) ?? r.author,
			useful: r.useful,
			comment: r.comment!,
			at: r.updatedAt ?? r.createdAt
		}))
		.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

type Item = { id: string; title: string; href: string; kind: string };

/** The published resources and stories, events and collections the member wrote. */
async function myItems(ctx: StoreContext): Promise<Item[]> {
	const me = ctx.member.name;
	const mine = (row: FeedbackItemFacts) => itemWriters(row).includes(me);
	const library = libraryTables(ctx.db);
	const [resources, stories, events, collections] = await Promise.all([
		library.resources.where('status').equals('published').filter(mine).toArray(),
		storyTables(ctx.db).stories.where('status').equals('published').filter(mine).toArray(),
		eventsTables(ctx.db).events.where('organisers').equals(me).toArray(),
		library.collections.filter((c) => c.author === me).toArray()
	]);
	const ulid = (id: string) => id.slice(id.indexOf(':') + 1);
	return [
		...resources.map((r) => ({
			id: r.id,
			title: r.title,
			href: `/library/${ulid(r.id)}`,
			kind: t('feedback:kind.resource')
		})),
		...stories.map((s) => ({
			id: s.id,
			title: s.title,
			href: `/stories/${ulid(s.id)}`,
			kind: t('feedback:kind.story')
		})),
		...events
			.filter((e) => !e.cancelled && e.end <= ctx.now())
			.map((e) => ({ id: e.id, title: e.title, href: `/events/${ulid(e.id)}`, kind: t('feedback:kind.event') })),
		...collections.map((c) => ({
			id: `collection:${c.slug}`,
			title: c.title,
			href: `/kb/${c.slug}`,
			kind: t('feedback:kind.collection')
		}))
	];
}

/** The member's items with what members said of each, most answered first, then by title. */
export async function myItemResults(ctx: StoreContext): Promise<ItemResultView[]> {
	const items = await myItems(ctx);
	const rows = await feedbackTables(ctx.db)
		.feedback.where('target')
		.anyOf(items.map((i) => i.id))
		.toArray();
	const { byTarget } = feedbackFigures(await visibleItems(ctx, rows));
	return items
		.map((item) => ({ ...item, ...viewOf(byTarget.get(item.id) ?? summarizeFeedback([])) }))
		.sort((a, b) => b.total - a.total || a.title.localeCompare(b.title));
}

/** Per-item summaries and the overall rate over every answer on this device (the impact dashboard). */
export async function allFeedbackFigures(ctx: StoreContext): Promise<FeedbackFigures> {
	return feedbackFigures(await visibleItems(ctx, await feedbackTables(ctx.db).feedback.toArray()));
}

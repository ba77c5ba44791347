// Moderation reads for screens: moderators' decisions on items, pinned threads, and the member's
// own flags with the items they are about and their state.
import { idKey } from '../../domain/ids';
import { HIDDEN_TEXT, canSee, visibilityOf } from '../../domain/moderation';
import type { StoreContext } from '../context';
import { eventsTables } from '../events/tables';
import { libraryTables } from '../library/tables';
import { storyTables } from '../stories/tables';
import { moderationTables, type FlagRow, type ModerationRow } from './tables';

/** A flagged item as the member's list names it; href null when it is not on this device. */
export interface FlaggedItem {
	title: string;
	href: string | null;
	author: string | null;
}

export interface FlagView extends FlagRow {
	/** Not yet acknowledged by the server: "will be sent when you are online". */
	pending: boolean;
}

export interface FlagListEntry extends FlagView {
	item: FlaggedItem;
}

/** The decision on one item (undefined: none). */
export function decisionOn(ctx: StoreContext, target: string): Promise<ModerationRow | undefined> {
	return moderationTables(ctx.db).moderation.get(target);
}

/** The decisions on several items, by target (items without one are left out). */
export async function decisionsOn(ctx: StoreContext, targets: readonly string[]): Promise<Map<string, ModerationRow>> {
	const rows = await moderationTables(ctx.db).moderation.bulkGet([...new Set(targets)]);
	return new Map(rows.filter((r): r is ModerationRow => r !== undefined).map((r) => [r.target, r]));
}

/**
 * The items the member may read, in order: an item moderators hid is left out of lists for
 * members who neither wrote it nor moderate.
 */
export async function visibleItems<T extends { id: string; author: string }>(
	ctx: StoreContext,
	items: readonly T[]
): Promise<T[]> {
	const decisions = await decisionsOn(
		ctx,
		items.map((item) => item.id)
	);
	const { name, roles } = ctx.member;
	return items.filter((item) => canSee(visibilityOf(item.author, name, roles, decisions.get(item.id))));
}

/** Pinned threads of a category that are on this device and not deleted, newest activity first. */
export async function pinnedThreads(ctx: StoreContext, category: string): Promise<string[]> {
	const pinned = await moderationTables(ctx.db)
		.moderation.filter((row) => row.pinned === true && row.target.startsWith('thread:'))
		.toArray();
	const threads = await ctx.db.threads.bulkGet(pinned.map((row) => row.target));
	return threads
		.filter((t) => t !== undefined && t.category === category && !t.deleted)
		.sort((a, b) => (b!.lastActivity < a!.lastActivity ? -1 : 1))
		.map((t) => t!.id);
}

/** The member's flag on an item, if any. */
export async function myFlag(ctx: StoreContext, target: string): Promise<FlagView | undefined> {
	const row = await moderationTables(ctx.db).flags.where('target').equals(target).first();
	if (!row) return undefined;
	return { ...row, pending: (await ctx.db.outbox.get(row.id)) !== undefined };
}

/** Every flag the member wrote, newest first, with the item it is about. */
export async function myFlags(ctx: StoreContext): Promise<FlagListEntry[]> {
	const rows = await moderationTables(ctx.db).flags.orderBy('createdAt').reverse().toArray();
	const pending = await ctx.db.outbox.bulkGet(rows.map((r) => r.id));
	const decisions = await decisionsOn(
		ctx,
		rows.map((r) => r.target)
	);
	const { name, roles } = ctx.member;
	return Promise.all(
		rows.map(async (row, i) => {
			const item = await itemOf(ctx, row.target);
			// a hidden item's title is part of its content: the flagger reads it only if allowed
			const seen = canSee(visibilityOf(item.author ?? '', name, roles, decisions.get(row.target)));
			return { ...row, pending: pending[i] !== undefined, item: seen ? item : { ...item, title: HIDDEN_TEXT } };
		})
	);
}

/** The title, link and author of a flaggable item as this device knows it. */
export async function itemOf(ctx: StoreContext, target: string): Promise<FlaggedItem> {
	const kind = target.slice(0, target.indexOf(':'));
	const key = target.slice(kind.length + 1);
	switch (kind) {
		case 'thread': {
			const thread = await ctx.db.threads.get(target);
			return { title: thread?.title ?? 'A thread', href: `/forums/t/${key}`, author: thread?.author ?? null };
		}
		case 'post': {
			const post = await ctx.db.posts.get(target);
			if (!post) return { title: 'A reply', href: null, author: null };
			const thread = await ctx.db.threads.get(post.thread);
			const title = thread ? `A reply in “${thread.title}”` : 'A reply';
			return { title, href: `/forums/t/${idKey('thread', post.thread)}#${key}`, author: post.author };
		}
		case 'resource': {
			const resource = await libraryTables(ctx.db).resources.get(target);
			return {
				title: resource?.title ?? 'A library resource',
				href: `/library/${key}`,
				author: resource?.author ?? null
			};
		}
		case 'story': {
			const story = await storyTables(ctx.db).stories.get(target);
			return { title: story?.title ?? 'A success story', href: `/stories/${key}`, author: story?.author ?? null };
		}
		case 'event': {
			const event = await eventsTables(ctx.db).events.get(target);
			return { title: event?.title ?? 'An event', href: `/events/${key}`, author: event?.author ?? null };
		}
		case 'profile': {
			const profile = await ctx.db.profiles.get(key);
			return { title: `The profile of ${profile?.displayName ?? key}`, href: `/people/${key}`, author: key };
		}
		default:
			return { title: 'A story', href: null, author: null };
	}
}

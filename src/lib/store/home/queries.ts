// The home page's sections, read from the device's Dexie projections (run inside liveQuery): new
// replies in the member's threads since the last visit, new resources and stories, coming events,
// questions the member could answer, and what waits in the outbox. Each list is short (HOME_LIST_SIZE)
// with its total, for the "See all" link. Items moderators hid are left out as in the lists.
import Dexie from 'dexie';
import { myFollowing } from '../following';
import { countsUnread, levelOf } from '../../domain/following';
import type { StoreContext } from '../context';
import { listEvents, type EventSummary } from '../events/queries';
import { libraryTables } from '../library/tables';
import { visibleItems } from '../moderation/queries';
import { storyTables } from '../stories/tables';
import type { ThreadRow } from '../types';
import { hasAnswer } from '../aggregates';

export const HOME_LIST_SIZE = 5;
/** Without expertise on the profile, questions of this long ago are offered. */
export const QUESTIONS_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;

export interface HomeList<T> {
	/** At most HOME_LIST_SIZE. */
	items: T[];
	/** How many there are in all. */
	total: number;
}

export interface ReplyNews {
	thread: string;
	ulid: string;
	title: string;
	/** Replies by others since the last visit. */
	replies: number;
	lastAuthorName: string;
	lastAt: string;
}

export interface NewItem {
	kind: 'resource' | 'story';
	id: string;
	/** Where it opens: /library/{ulid} or /stories/{ulid}. */
	href: string;
	title: string;
	summary: string;
	publishedAt: string;
}

export interface QuestionItem {
	thread: string;
	ulid: string;
	title: string;
	tags: string[];
	createdAt: string;
	authorName: string;
}

const ulidOf = (id: string) => id.slice(id.indexOf(':') + 1);
const newestFirst = (a: string, b: string) => b.localeCompare(a);

function short<T>(items: T[]): HomeList<T> {
	return { items: items.slice(0, HOME_LIST_SIZE), total: items.length };
}

async function names(ctx: StoreContext, usernames: Iterable<string>): Promise<Map<string, string>> {
	const list = [...new Set(usernames)];
	const rows = await ctx.db.profiles.bulkGet(list);
	return new Map(list.map((u, i) => [u, rows[i]?.displayName ?? u]));
}

/** Listed threads of every category with activity after `since` (walks the list index). */
async function activeSince(ctx: StoreContext, since: string): Promise<ThreadRow[]> {
	const categories = await ctx.db.categories.toArray();
	const lists = await Promise.all(
		categories.map((c) =>
			ctx.db.threads
				.where('[category+deleted+lastActivity]')
				.between([c.slug, 0, since], [c.slug, 0, Dexie.maxKey], false, true)
				.toArray()
		)
	);
	return lists.flat();
}

/** New replies by others, since `since`, in threads the member started, replied to, watches or tracks (never muted ones). */
export async function repliesSince(ctx: StoreContext, since: string): Promise<HomeList<ReplyNews>> {
	const me = ctx.member.name;
	const [following, active, myPosts] = await Promise.all([
		myFollowing(ctx),
		activeSince(ctx, since),
		// the threads the member replied in, from the author index (the posts themselves are not needed)
		ctx.db.posts.where('author').equals(me).toArray()
	]);
	const repliedIn = new Set(myPosts.map((p) => p.thread));
	// what the member took part in, and what they watch or track (domain/following.ts); never
	// what they muted. Only those threads' new posts are read: after a long absence most of the
	// community is active, and reading every thread's posts made the home slow to open.
	const candidates = active.filter((thread) => {
		if (thread.lastPostAt === null || thread.lastPostAt <= since) return false;
		const level = levelOf(following, thread, me);
		const mine = thread.author === me || repliedIn.has(thread.id);
		return level !== 'muted' && (mine || countsUnread(level));
	});
	const news: Array<ReplyNews & { lastAuthor: string }> = [];
	for (const thread of await visibleItems(ctx, candidates)) {
		const posts = await ctx.db.posts
			.where('[thread+createdAt]')
			.between([thread.id, since], [thread.id, Dexie.maxKey], false, true)
			.toArray();
		const fresh = posts.filter((p) => p.author !== me && p.deleted === 0);
		if (fresh.length === 0) continue;
		const last = fresh[fresh.length - 1];
		news.push({
			thread: thread.id,
			ulid: ulidOf(thread.id),
			title: thread.title,
			replies: fresh.length,
			lastAuthor: last.author,
			lastAuthorName: last.author,
			lastAt: last.createdAt
		});
	}
	news.sort((a, b) => newestFirst(a.lastAt, b.lastAt));
	const who = await names(
		ctx,
		news.map((n) => n.lastAuthor)
	);
	return short(news.map(({ lastAuthor, ...n }) => ({ ...n, lastAuthorName: who.get(lastAuthor) ?? lastAuthor })));
}

/**
 * Resources and stories published after `since`, newest first; when there are none, the latest
 * ones (`sinceVisit` false), so the section is never empty once the library has anything.
 */
export async function newInLibrary(
	ctx: StoreContext,
	since: string
): Promise<HomeList<NewItem> & { sinceVisit: boolean }> {
	const [resources, stories] = await Promise.all([
		libraryTables(ctx.db).resources.where('status').equals('published').toArray(),
		storyTables(ctx.db).stories.where('status').equals('published').toArray()
	]);
	const all: NewItem[] = [
		...(await visibleItems(ctx, resources)).map((r): NewItem => ({
			kind: 'resource',
			id: r.id,
			href: `/library/${ulidOf(r.id)}`,
			title: r.title,
			summary: r.summary,
			publishedAt: r.publishedAt
		})),
		...(await visibleItems(ctx, stories)).map((s): NewItem => ({
			kind: 'story',
			id: s.id,
			href: `/stories/${ulidOf(s.id)}`,
			title: s.title,
			summary: s.summary,
			publishedAt: s.publishedAt
		}))
	].sort((a, b) => newestFirst(a.publishedAt, b.publishedAt) || newestFirst(a.id, b.id));
	const fresh = all.filter((item) => item.publishedAt > since);
	return fresh.length > 0 ? { ...short(fresh), sinceVisit: true } : { ...short(all), sinceVisit: false };
}

/** Upcoming events: the ones the member is going to first, each group by start. */
export async function comingUp(ctx: StoreContext): Promise<HomeList<EventSummary>> {
	const events = await visibleItems(ctx, await listEvents(ctx, { when: 'upcoming' }));
	const going = events.filter((e) => e.myStatus === 'going');
	const others = events.filter((e) => e.myStatus !== 'going');
	return short([...going, ...others]);
}

/**
 * Threads with no accepted answer that others started, newest first: those tagged with one of
 * the member's expertise tags; with no expertise, those started in the last QUESTIONS_WINDOW_MS.
 */
export async function questionsFor(ctx: StoreContext, expertise: readonly string[]): Promise<HomeList<QuestionItem>> {
	let rows: ThreadRow[];
	if (expertise.length > 0) {
		rows = await ctx.db.threads
			.where('tags')
			.anyOf([...expertise])
			.distinct()
			.toArray();
	} else {
		const from = new Date(Date.parse(ctx.now()) - QUESTIONS_WINDOW_MS).toISOString();
		rows = (await activeSince(ctx, from)).filter((t) => t.createdAt >= from);
	}
	const following = await myFollowing(ctx);
	const open = rows.filter(
		(t) =>
			t.deleted === 0 &&
			!hasAnswer(t) &&
			t.author !== ctx.member.name &&
			levelOf(following, t, ctx.member.name) !== 'muted'
	);
	open.sort((a, b) => newestFirst(a.createdAt, b.createdAt) || newestFirst(a.id, b.id));
	const visible = await visibleItems(ctx, open);
	const who = await names(
		ctx,
		visible.slice(0, HOME_LIST_SIZE).map((t) => t.author)
	);
	return short(
		visible.map((t) => ({
			thread: t.id,
			ulid: ulidOf(t.id),
			title: t.title,
			tags: t.tags,
			createdAt: t.createdAt,
			authorName: who.get(t.author) ?? t.author
		}))
	);
}

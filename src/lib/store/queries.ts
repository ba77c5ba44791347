// The store's queries: plain async reads of Dexie shaped for screens (the UI wraps them in
// liveQuery, which re-runs them when a table they read changes). Thread lists walk the
// [category+deleted+lastActivity] index backwards so a page costs the same with 10,000 threads.
import Dexie, { type Table } from 'dexie';
import type { StoreContext } from './context';
import type { CategoryView, ListThreadsOptions, PostRow, PostView, ThreadRow, ThreadView } from './types';
import { hasAnswer } from './aggregates';

export const THREADS_PAGE_SIZE = 25;

function listedRange(category: string): [unknown[], unknown[]] {
	return [
		[category, 0, Dexie.minKey],
		[category, 0, Dexie.maxKey]
	];
}

function listed(ctx: StoreContext, category: string) {
	const [lower, upper] = listedRange(category);
	return ctx.db.threads.where('[category+deleted+lastActivity]').between(lower, upper, true, true);
}

export async function listCategories(ctx: StoreContext): Promise<CategoryView[]> {
	const { db } = ctx;
	// one read transaction for the categories and every count: each separate read is another
	// round trip to IndexedDB, and a busy page waits for each
	return db.transaction('r', [db.categories, db.threads], () => categoryViews(ctx));
}

async function categoryViews(ctx: StoreContext): Promise<CategoryView[]> {
	const categories = await ctx.db.categories.orderBy('order').toArray();
	return Promise.all(
		categories.map(async (category) => {
			// one Collection each: last() reverses the collection it is called on, and a count()
			// running alongside on the same one then counts from the wrong end (one thread)
			const [threadCount, latest] = await Promise.all([
				listed(ctx, category.slug).count(),
				listed(ctx, category.slug).last()
			]);
			return { ...category, threadCount, lastActivity: latest?.lastActivity ?? null };
		})
	);
}

function tagged(ctx: StoreContext, category: string, tag: string) {
	return ctx.db.threadTags
		.where('[category+tag+lastActivity]')
		.between([category, tag, Dexie.minKey], [category, tag, Dexie.maxKey], true, true);
}

async function taggedThreads(
	ctx: StoreContext,
	category: string,
	tag: string,
	offset: number,
	limit: number
): Promise<ThreadRow[]> {
	const keys = await tagged(ctx, category, tag).reverse().offset(offset).limit(limit).toArray();
	const rows = await ctx.db.threads.bulkGet(keys.map((k) => k.thread));
	return rows.filter((row): row is ThreadRow => row !== undefined);
}

export async function listThreads(
	ctx: StoreContext,
	category: string,
	options: ListThreadsOptions = {}
): Promise<ThreadView[]> {
	const limit = Math.max(1, options.limit ?? THREADS_PAGE_SIZE);
	const offset = Math.max(0, options.offset ?? 0);
	const { db } = ctx;
	// One read transaction for the page and everything that decorates it: separate reads each
	// open their own transaction, and each one is another round trip to IndexedDB's process
	// (and another task to wait for on a busy main thread).
	return db.transaction('r', [db.threads, db.threadTags, ...decorationTables(ctx), db.readState], async () => {
		const rows = options.unanswered
			? await unansweredThreads(ctx, category, options.tag, offset, limit)
			: options.tag
				? await taggedThreads(ctx, category, options.tag, offset, limit)
				: offset === 0
					? await listed(ctx, category).reverse().limit(limit).toArray()
					: await deepPage(ctx, category, offset, limit);
		return decorateThreads(ctx, rows);
	});
}

/**
 * A page further down the list: the cursor walks past `offset` index entries as keys only (a
 * value cursor would also load every thread it skips), then the page's rows come in one bulkGet.
 */
async function deepPage(ctx: StoreContext, category: string, offset: number, limit: number): Promise<ThreadRow[]> {
	const ids = await listed(ctx, category).reverse().offset(offset).limit(limit).primaryKeys();
	const rows = await ctx.db.threads.bulkGet(ids);
	return rows.filter((row): row is ThreadRow => row !== undefined);
}

/**
 * Threads with no accepted answer, latest activity first. A filter over the listed index rather
 * than an index of its own: a category holds hundreds of threads, not millions, and a reply
 * that was not accepted leaves the question open, so replies do not take a thread off the list.
 */
function unanswered(ctx: StoreContext, category: string, tag: string | undefined) {
	return listed(ctx, category).filter((row) => !hasAnswer(row) && (!tag || row.tags.includes(tag)));
}

async function unansweredThreads(
	ctx: StoreContext,
	category: string,
	tag: string | undefined,
	offset: number,
	limit: number
): Promise<ThreadRow[]> {
	return unanswered(ctx, category, tag).reverse().offset(offset).limit(limit).toArray();
}

export async function countThreads(
	ctx: StoreContext,
	category: string,
	tag?: string,
	onlyUnanswered = false
): Promise<number> {
	if (onlyUnanswered) return unanswered(ctx, category, tag).count();
	return tag ? tagged(ctx, category, tag).count() : listed(ctx, category).count();
}

export async function getThread(ctx: StoreContext, id: string): Promise<ThreadView | undefined> {
	const { db } = ctx;
	return db.transaction('r', [db.threads, ...decorationTables(ctx), db.readState], async () => {
		const row = await db.threads.get(id);
		if (!row) return undefined;
		return (await decorateThreads(ctx, [row]))[0];
	});
}

export async function listPosts(ctx: StoreContext, threadId: string): Promise<PostView[]> {
	const { db } = ctx;
	return db.transaction('r', [db.posts, ...decorationTables(ctx)], async () => {
		const rows = await db.posts
			.where('[thread+createdAt]')
			.between([threadId, Dexie.minKey], [threadId, Dexie.maxKey], true, true)
			.toArray();
		return decoratePosts(ctx, rows);
	});
}

interface Decorations {
	pending: boolean;
	rejected: boolean;
	voteScore: number;
	myVote: 1 | -1 | 0;
}

/** The tables decorations() reads (for a caller's read transaction). */
function decorationTables(ctx: StoreContext): Table[] {
	return [ctx.db.outbox, ctx.db.rejected, ctx.db.voteTotals];
}

async function decorations(ctx: StoreContext, ids: string[]): Promise<Decorations[]> {
	// The outbox and the rejected list are small: their keys in one read each beat one get per
	// row on long lists (a 500-post thread; bench/local-reads.ts). A vote total carries the
	// member's own vote (`mine`), so one read of the totals serves both.
	const [outbox, rejected, totals] = await Promise.all([
		ctx.db.outbox.toCollection().primaryKeys(),
		ctx.db.rejected.toCollection().primaryKeys(),
		getMany(ctx.db.voteTotals, ids, (row) => row.target)
	]);
	const pending = new Set<unknown>(outbox);
	const refused = new Set<unknown>(rejected);
	return ids.map((id, i) => ({
		pending: pending.has(id),
		rejected: refused.has(id),
		voteScore: totals[i]?.score ?? 0,
		myVote: totals[i]?.mine ?? 0
	}));
}

// Below this many keys bulkGet is as cheap (its gets are pipelined in one transaction), and a
// page of threads, whose ids spread over the whole table, would often overflow the range read
// and pay for it twice.
const SIEVE_MIN_KEYS = 64;
const SIEVE_SLACK = 4;

/**
 * The rows of `table` with these primary keys (undefined where absent), in order. A long
 * thread's posts have ULID ids close together, and most have no votes: one range read between
 * the lowest and the highest key (when it holds at most a few times as many rows as keys) costs
 * IndexedDB one request where bulkGet makes one per key. A crowded range falls back to bulkGet.
 */
export async function getMany<T>(
	table: Table<T, string>,
	keys: string[],
	keyOf: (row: T) => string
): Promise<Array<T | undefined>> {
	if (keys.length < SIEVE_MIN_KEYS) return table.bulkGet(keys);
	let [low, high] = [keys[0], keys[0]];
	for (const k of keys) {
		if (k < low) low = k;
		if (k > high) high = k;
	}
	const limit = keys.length * SIEVE_SLACK;
	const rows = await table.where(':id').between(low, high, true, true).limit(limit).toArray();
	if (rows.length >= limit) return table.bulkGet(keys);
	const byKey = new Map(rows.map((row) => [keyOf(row), row]));
	return keys.map((k) => byKey.get(k));
}

async function decorateThreads(ctx: StoreContext, rows: ThreadRow[]): Promise<ThreadView[]> {
	const ids = rows.map((r) => r.id);
	const [extra, reads] = await Promise.all([decorations(ctx, ids), ctx.db.readState.bulkGet(ids)]);
	return rows.map((row, i) => {
		// unread: someone else wrote since the member last looked (their own writes never count)
		const me = ctx.member.name;
		const read = reads[i];
		const othersLast = row.lastAuthor !== null && row.lastAuthor !== me;
		const unread = read ? row.replyCount > read.replyCount && othersLast : row.author !== me || othersLast;
		return { ...row, ...extra[i], unread };
	});
}

async function decoratePosts(ctx: StoreContext, rows: PostRow[]): Promise<PostView[]> {
	const extra = await decorations(
		ctx,
		rows.map((r) => r.id)
	);
	return rows.map((row, i) => ({ ...row, ...extra[i] }));
}

/** In one transaction: the page marks a thread read as it opens, and a reload right after must not cut the mark off. */
export async function markThreadRead(ctx: StoreContext, threadId: string): Promise<void> {
	await ctx.db.transaction('rw', [ctx.db.threads, ctx.db.readState], async () => {
		const thread = await ctx.db.threads.get(threadId);
		if (!thread) return;
		const prev = await ctx.db.readState.get(threadId);
		if (prev && prev.replyCount === thread.replyCount) return; // avoid waking liveQueries for nothing
		await ctx.db.readState.put({ threadId, replyCount: thread.replyCount, at: ctx.now() });
	});
}

export async function displayNames(ctx: StoreContext, usernames: readonly string[]): Promise<Map<string, string>> {
	const unique = [...new Set(usernames)];
	const profiles = await ctx.db.profiles.bulkGet(unique);
	return new Map(unique.map((name, i) => [name, profiles[i]?.displayName ?? name]));
}

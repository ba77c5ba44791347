/// <reference types="pouchdb-core" />
// What the member follows (domain/following.ts): one private document, `following:{username}`,
// in their own database, so it syncs to their other devices and no one else reads it. A change
// is a local write (it works offline). The private feed projects it into a `privateProfile` row
// (events/projection.ts) that screens read; notifications read the replica's document as they are
// derived (events/feed-projection.ts); the inbox leaves out what the member muted since.
import Dexie from 'dexie';
import * as v from 'valibot';
import { followingId } from '../../domain/ids';
import { followingSchema } from '../../domain/schemas';
import {
	countsUnread,
	followingOf,
	levelOf,
	NO_FOLLOWING,
	withLevel,
	type FollowLevel,
	type FollowScope,
	type Following
} from '../../domain/following';
import { describeIssues } from '../../domain/validate';
import { cleanDoc, isNotFound, type StoreContext } from '../context';
import { putDoc } from '../writes';
import { eventsTables } from '../events/tables';
import { t } from '../../i18n';

type Doc = Record<string, unknown> & { _id: string; _rev?: string };

async function stored(db: PouchDB.Database, me: string): Promise<Doc | null> {
	try {
		return cleanDoc(await db.get(followingId(me))) as Doc;
	} catch (err) {
		if (isNotFound(err)) return null;
		throw err;
	}
}

/** The member's levels as their private database holds them (none when absent or malformed). */
export async function readFollowing(db: PouchDB.Database, me: string): Promise<Following> {
	const doc = await stored(db, me);
	if (!doc) return NO_FOLLOWING;
	const parsed = v.safeParse(followingSchema, doc);
	return parsed.success && parsed.output.author === me ? followingOf(parsed.output) : NO_FOLLOWING;
}

/** The member's levels as this device projected them (a Dexie read: live queries see a change). */
export async function myFollowing(ctx: StoreContext): Promise<Following> {
	const row = await eventsTables(ctx.db).privateProfile.get(followingId(ctx.member.name));
	return row?.following ?? NO_FOLLOWING;
}

export interface FollowingDeps {
	ctx: StoreContext;
	followers: Pick<StoreContext['followers'], 'catchUp'>;
}

/** Replaces every level at once (the settings page, the first day's "Follow" boxes). */
export async function saveFollowing(deps: FollowingDeps, next: Following): Promise<void> {
	const { ctx } = deps;
	const me = ctx.member.name;
	const now = ctx.now();
	const prev = await stored(ctx.private, me);
	const doc: Doc = {
		...(prev ?? { _id: followingId(me), type: 'following', author: me, createdAt: now }),
		updatedAt: now,
		categories: next.categories,
		tags: next.tags,
		threads: next.threads
	};
	delete doc.signature;
	const checked = v.safeParse(followingSchema, doc);
	if (!checked.success) throw new Error(t('following:errors.invalid', { reason: describeIssues(checked.issues) }));
	await putDoc(ctx, doc, 'private');
	await deps.followers.catchUp();
}

/** One category, tag or thread at `level` (`null` forgets the choice). */
export async function setFollowLevel(
	deps: FollowingDeps,
	scope: FollowScope,
	key: string,
	level: FollowLevel | null
): Promise<void> {
	const { ctx } = deps;
	await saveFollowing(deps, withLevel(await readFollowing(ctx.private, ctx.member.name), scope, key, level));
}

/** The level that applies to a thread (its own, its tags', its category's, or the default). */
export async function threadLevel(ctx: StoreContext, threadId: string): Promise<FollowLevel> {
	const [following, thread] = await Promise.all([myFollowing(ctx), ctx.db.threads.get(threadId)]);
	if (!thread) return following.threads[threadId] ?? 'normal';
	return levelOf(following, thread, ctx.member.name);
}

/**
 * Per watched or tracked category, how many of its threads have posts by others since the member
 * last read them (the forum index's "3 new"); muted threads in it do not count.
 */
export async function unreadByCategory(ctx: StoreContext): Promise<Record<string, number>> {
	const following = await myFollowing(ctx);
	const me = ctx.member.name;
	const out: Record<string, number> = {};
	for (const [slug, level] of Object.entries(following.categories)) {
		if (!countsUnread(level)) continue;
		const threads = await ctx.db.threads
			.where('[category+deleted+lastActivity]')
			.between([slug, 0, Dexie.minKey], [slug, 0, Dexie.maxKey], true, true)
			.toArray();
		const reads = await ctx.db.readState.bulkGet(threads.map((row) => row.id));
		out[slug] = threads.filter((row, i) => {
			if (!countsUnread(levelOf(following, row, me))) return false;
			const read = reads[i];
			const othersLast = row.lastAuthor !== null && row.lastAuthor !== me;
			return read ? row.replyCount > read.replyCount && othersLast : row.author !== me || othersLast;
		}).length;
	}
	return out;
}

/** Notifications about threads the member muted after they were derived are left out of the inbox. */
const THREAD_HREF = /^\/forums\/t\/([0-9A-HJKMNP-TV-Z]{26})/;
export function withoutMuted<R extends { href: string; kind: string }>(following: Following, rows: R[]): R[] {
	return rows.filter((row) => {
		if (row.kind !== 'reply' && row.kind !== 'mention' && row.kind !== 'following') return true;
		const ulid = THREAD_HREF.exec(row.href)?.[1];
		return !ulid || following.threads[`thread:${ulid}`] !== 'muted';
	});
}

// Figures derived from rows, never stored as counters that writes increment: a thread's reply
// count and latest reply come from its post rows, a target's vote score from its vote rows.
import type { PostRow, ThreadRow, VoteRow, VoteTotalRow } from './types';

/** True when `a` is a later reply than `b` (ties on createdAt go to the greater id). */
function later(a: PostRow, b: { createdAt: string; id: string }): boolean {
	return a.createdAt > b.createdAt || (a.createdAt === b.createdAt && a.id > b.id);
}

function withLast(thread: ThreadRow, replyCount: number, last: PostRow | null, fallback: ThreadRow | null): ThreadRow {
	const lastPostAt = last?.createdAt ?? fallback?.lastPostAt ?? null;
	const lastActivity = lastPostAt && lastPostAt > thread.createdAt ? lastPostAt : thread.createdAt;
	return {
		...thread,
		replyCount,
		lastPostAt,
		lastAuthor: last ? last.author : (fallback?.lastAuthor ?? null),
		lastPostId: last ? last.id : (fallback?.lastPostId ?? null),
		lastActivity
	};
}

/** Whether a thread has an accepted answer that is still there (not deleted since). */
export function hasAnswer(thread: Pick<ThreadRow, 'answer' | 'answerGone'>): boolean {
	return !!thread.answer && !thread.answerGone;
}

function withAnswerGone(thread: ThreadRow, gone: boolean): ThreadRow {
	const { answerGone: _was, ...rest } = thread;
	return gone && thread.answer ? { ...rest, answerGone: true } : rest;
}

/** The thread row with its aggregates derived from all of its post rows. */
export function withThreadAggregates(thread: ThreadRow, posts: readonly PostRow[]): ThreadRow {
	let replyCount = 0;
	let last: PostRow | null = null;
	let gone = false;
	for (const post of posts) {
		if (post.thread !== thread.id) continue;
		if (post.deleted) {
			if (post.id === thread.answer) gone = true;
			continue;
		}
		replyCount++;
		if (!last || later(post, last)) last = post;
	}
	return withAnswerGone(withLast(thread, replyCount, last, null), gone);
}

/**
 * The thread row after `added` posts that were not in the posts table when `thread`'s aggregates
 * were derived: the same result as withThreadAggregates over all posts, without reading them.
 */
export function addPosts(thread: ThreadRow, added: readonly PostRow[]): ThreadRow {
	let replyCount = thread.replyCount;
	let last: PostRow | null = null;
	const previous =
		thread.lastPostAt && thread.lastPostId ? { createdAt: thread.lastPostAt, id: thread.lastPostId } : null;
	let gone = thread.answerGone === true;
	for (const post of added) {
		if (post.thread !== thread.id) continue;
		if (post.deleted) {
			if (post.id === thread.answer) gone = true;
			continue;
		}
		replyCount++;
		if ((!last || later(post, last)) && (!previous || later(post, previous))) last = post;
	}
	return withAnswerGone(withLast(thread, replyCount, last, thread), gone);
}

/** Vote totals of one target, derived from its vote rows; `member`'s own vote as `mine`. */
export function voteTotal(target: string, votes: readonly VoteRow[], member?: string): VoteTotalRow {
	let up = 0;
	let down = 0;
	let mine: VoteTotalRow['mine'] = 0;
	for (const vote of votes) {
		if (vote.target !== target) continue;
		if (vote.value === 1) up++;
		else if (vote.value === -1) down++;
		if (member !== undefined && vote.author === member) mine = vote.value;
	}
	return { target, score: up - down, up, down, mine };
}

/** True when the derived figures of two versions of a thread row are equal. */
export function sameAggregates(a: ThreadRow, b: ThreadRow): boolean {
	return (
		a.replyCount === b.replyCount &&
		a.lastPostAt === b.lastPostAt &&
		a.lastAuthor === b.lastAuthor &&
		a.lastPostId === b.lastPostId &&
		a.lastActivity === b.lastActivity &&
		a.answerGone === b.answerGone
	);
}

// Turns the demo content into community documents with ULIDs (ids.ts: the same for the same
// moment) and timestamps spread over the last four months (relative to `now`, never after it),
// so the community looks lived-in on first start.
import { demoUlid as ulid, resetDemoIds } from './ids';
import { docId, ratingId, voteId } from '../../src/lib/domain/ids';
import type { CommunityDoc } from '../../src/lib/domain/schemas';
import { THREADS_A } from './threads-a';
import { THREADS_B } from './threads-b';
import { THREADS_C } from './threads-c';
import { THREADS_D } from './threads-d';
import { THREADS_E } from './threads-e';
import { RESOURCES as FIRST_RESOURCES } from './library';
import { MORE_RESOURCES } from './library-more';
import { buildDemoEvents } from './events';
import { buildDemoCollections } from './collections';
import { buildRecognitionDocs } from './recognition';
import { buildDemoSurveys } from './surveys';
import { buildDemoSuggestions } from './suggestions';
import type { DemoResource, DemoThread } from './types';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

export const DEMO_THREADS: readonly DemoThread[] = [
	...THREADS_A,
	...THREADS_B,
	...THREADS_C,
	...THREADS_D,
	...THREADS_E
];
export const DEMO_RESOURCES: readonly DemoResource[] = [...FIRST_RESOURCES, ...MORE_RESOURCES];

export function buildDemoDocs(now: Date): CommunityDoc[] {
	resetDemoIds();
	const latest = now.getTime() - 60_000;
	/** A moment `offsetMs` after `base`, never in the future. */
	const at = (base: number, offsetMs = 0): number => Math.min(base + offsetMs, latest);
	const iso = (t: number) => new Date(t).toISOString();
	const docs: CommunityDoc[] = [];

	const votes = (target: string, targetTime: number, voters: readonly string[] = []) => {
		voters.forEach((voter, i) => {
			const t = at(targetTime, (i + 1) * HOUR_MS);
			docs.push({ _id: voteId(target, voter), type: 'vote', author: voter, createdAt: iso(t), target, value: 1 });
		});
	};

	DEMO_THREADS.forEach((thread, index) => {
		// Mornings, staggered so threads opened the same day keep a stable order.
		const opened = at(startOfDay(now.getTime() - thread.daysAgo * DAY_MS) + 8 * HOUR_MS + index * 7 * 60_000);
		const threadId = docId('thread', ulid(opened));
		docs.push({
			_id: threadId,
			type: 'thread',
			author: thread.by,
			createdAt: iso(opened),
			category: thread.category,
			title: thread.title,
			body: thread.body,
			tags: thread.tags
		});
		votes(threadId, opened, thread.votes);
		const postIds: string[] = [];
		thread.replies.forEach((reply, i) => {
			const t = at(opened, reply.after * HOUR_MS + i * 60_000);
			const postId = docId('post', ulid(t));
			postIds.push(postId);
			const replyTo = reply.replyTo === undefined ? undefined : postIds[reply.replyTo];
			docs.push({
				_id: postId,
				type: 'post',
				author: reply.by,
				createdAt: iso(t),
				thread: threadId,
				body: reply.body,
				...(replyTo ? { replyTo } : {})
			});
			votes(postId, t, reply.votes);
		});
	});

	for (const resource of DEMO_RESOURCES) docs.push(...resourceDocs(resource, now, at, iso));
	docs.push(...buildDemoCollections(now, docs));
	docs.push(...buildDemoEvents(now));
	// stories, adoptions, challenges; accepted answers on some of the threads above
	docs.push(...buildRecognitionDocs(now, docs));
	docs.push(...buildDemoSurveys(now));
	docs.push(...buildDemoSuggestions(now));
	return docs;
}

function resourceDocs(
	r: DemoResource,
	now: Date,
	at: (base: number, offset?: number) => number,
	iso: (t: number) => string
): CommunityDoc[] {
	const created = at(startOfDay(now.getTime() - r.daysAgo * DAY_MS) + 10 * HOUR_MS);
	const id = docId('resource', ulid(created));
	const { by, daysAgo: _daysAgo, review, comments, votes, ratings, ...fields } = r;
	const docs: CommunityDoc[] = [{ _id: id, type: 'resource', author: by, createdAt: iso(created), ...fields }];
	if (review) {
		const t = at(created, DAY_MS);
		docs.push({
			_id: docId('review', ulid(t)),
			type: 'review',
			author: review.by,
			createdAt: iso(t),
			resource: id,
			verdict: review.verdict,
			comments: review.comments
		});
	}
	(comments ?? []).forEach((comment, i) => {
		const t = at(created, (2 + i) * DAY_MS);
		docs.push({
			_id: docId('comment', ulid(t)),
			type: 'comment',
			author: comment.by,
			createdAt: iso(t),
			target: id,
			body: comment.body
		});
	});
	(votes ?? []).forEach((voter, i) => {
		const t = at(created, (i + 3) * HOUR_MS);
		docs.push({ _id: voteId(id, voter), type: 'vote', author: voter, createdAt: iso(t), target: id, value: 1 });
	});
	(ratings ?? []).forEach(([member, value], i) => {
		const t = at(created, (i + 2) * DAY_MS + 5 * HOUR_MS);
		docs.push({ _id: ratingId(id, member), type: 'rating', author: member, createdAt: iso(t), resource: id, value });
	});
	return docs;
}

function startOfDay(t: number): number {
	return t - (t % DAY_MS);
}

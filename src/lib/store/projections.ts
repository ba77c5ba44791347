/// <reference types="pouchdb-core" />
// Every projection of a member's replicas, driven by one feed follower per replica
// (feed/follower.ts): the community follower applies forums, library, search, events and people
// and moderators' decisions in one transaction per batch; the private follower applies messages,
// the "only me" profile and the member's own flags.
import { challengesProjection } from './challenges/projection';
import { adoptionsProjection } from './adoptions/projection';
import { feedbackProjection } from './feedback/projection';
import { CHECKPOINT_KEY, type PraxisDb } from './db';
import { eventsProjection } from './events/feed-projection';
import { PRIVATE_CHECKPOINT_KEY } from './events/tables';
import { FeedFollower } from './feed/follower';
import type { Projection } from './feed/projection';
import type { WatchedReplica } from './feed/watched-replica';
import { forumProjection } from './forum-projection';
import { flagsProjection, moderationProjection } from './moderation/projection';
import { recognitionProjection } from './recognition/projection';
import { storiesProjection } from './stories/projection';
import { suggestionsProjection } from './suggestions/projection';
import { surveyAnswersProjection, surveysProjection } from './surveys/projection';
import { writeSnapshotPart, type SnapshotWriteResult } from './snapshot-write';

export interface FollowersOptions {
	member: string;
	db: PraxisDb;
	community: WatchedReplica;
	private: PouchDB.Database;
	/** The library's projections (library/parts.ts): applied after the forums, before events. */
	library: readonly Projection[];
	/** Where failures and skipped documents are reported (the store's sync log). */
	onProblem: (message: string) => void;
	/** Changes read per batch. */
	batchSize?: number;
	/** The clock (ISO 8601) for what depends on time (recognition: events count once ended). */
	now?: () => string;
}

/** The followers as the rest of the store uses them. */
export interface Followers {
	readonly community: FeedFollower;
	readonly private: FeedFollower;
	start(): void;
	/** Resolves once every change present now in both replicas is projected. */
	catchUp(): Promise<void>;
	/** Clears every projection and replays both feeds from 0. */
	rebuild(): Promise<void>;
	/**
	 * Writes a bootstrap snapshot part into the community replica and hands it to the community
	 * follower (snapshot-write.ts).
	 */
	writeSnapshotPart(
		docs: readonly PouchDB.Core.PutDocument<object>[],
		onlySnapshotAt?: number | string | null
	): Promise<SnapshotWriteResult>;
	stop(): Promise<void>;
}

export function createFollowers(options: FollowersOptions): Followers {
	const { member, db, community, onProblem, batchSize } = options;
	const deps = { member, community, now: options.now, private: options.private };
	const communityFollower = new FeedFollower({
		name: 'community',
		source: community,
		db,
		checkpointKey: CHECKPOINT_KEY,
		// search (in library) reads the forum rows of the batch: forums come first
		projections: [
			forumProjection({ onProblem, member }),
			...options.library,
			storiesProjection(onProblem),
			eventsProjection('community', deps),
			moderationProjection(),
			adoptionsProjection(),
			recognitionProjection({ member, now: options.now }),
			challengesProjection(),
			suggestionsProjection(onProblem),
			feedbackProjection(),
			surveysProjection()
		],
		onProblem,
		batchSize,
		conflicts: true,
		// no live changes feed: the watched handle says when it was written (feed/watched-replica.ts)
		subscribe: (listener) => community.watch(listener)
	});
	const privateFollower = new FeedFollower({
		name: 'private',
		source: options.private,
		db,
		checkpointKey: PRIVATE_CHECKPOINT_KEY,
		projections: [eventsProjection('private', deps), flagsProjection(member), surveyAnswersProjection(member)],
		onProblem,
		batchSize
	});
	return {
		community: communityFollower,
		private: privateFollower,
		start() {
			communityFollower.start();
			privateFollower.start();
		},
		async catchUp() {
			await communityFollower.catchUp();
			await privateFollower.catchUp();
		},
		async rebuild() {
			// in this order: the community rebuild clears the notifications the private replica gave too
			await communityFollower.rebuild();
			await privateFollower.rebuild();
		},
		writeSnapshotPart: (docs, onlySnapshotAt) =>
			writeSnapshotPart(community, member, [communityFollower], docs, onProblem, onlySnapshotAt ?? null),
		async stop() {
			await Promise.all([communityFollower.stop(), privateFollower.stop()]);
		}
	};
}

// The app store: what screens get from a member's store (queries, writes, drafts, the library,
// search, events, people, moderation, refusals and conflicts, the sync log). It holds no PouchDB handle and no
// replication hook: the sync layer gets those through the replica port (replica.ts). Every
// function takes the shared StoreContext built by open.ts.
import { createAdoptionsApi, type AdoptionsApi } from './adoptions/api';
import * as attention from './attention';
import type { StoreContext } from './context';
import { createChallengesApi, type ChallengesApi } from './challenges/api';
import type { ExchangeApi } from './exchange';
import { createFeedbackApi, type FeedbackApi } from './feedback/api';
import type { EventsApi, PeopleApi } from './events/api';
import type { LibraryApi, SearchApi } from './library/api';
import { createHomeApi, type HomeApi } from './home/api';
import { createImpactApi, type ImpactApi } from './impact/api';
import { createModerationApi, type ModerationApi } from './moderation/api';
import { createRecognitionApi, type RecognitionApi } from './recognition/api';
import { createStoriesApi, type StoriesApi } from './stories/api';
import { createSuggestionsApi, type SuggestionsApi } from './suggestions/api';
import { createSurveysApi, type SurveysApi } from './surveys/api';
import * as queries from './queries';
import type { StoreSigning } from './signing/index';
import { syncStateKey } from './names';
import type {
	CategoryRow,
	CategoryView,
	ConflictRow,
	ConflictVersion,
	ListThreadsOptions,
	Member,
	NewThread,
	PostView,
	ProfileInput,
	ProfileRow,
	RejectedRow,
	SyncLogRow,
	ThreadEdit,
	ThreadView
} from './types';
import * as writes from './writes';

export interface Store {
	readonly member: Member;
	/** The resource library, reviews, knowledge base, files and print pack (library/api.ts). */
	readonly library: LibraryApi;
	/** Offline full-text search over forums and library (search/). */
	readonly search: SearchApi;
	/** Events, RSVPs, attendance and calendar (events/api.ts). */
	readonly events: EventsApi;
	/** Profiles with visibility, mentorship, direct messages, notifications (events/api.ts). */
	readonly people: PeopleApi;
	/** Flags and moderators' decisions: hidden, locked, pinned (moderation/api.ts). */
	readonly moderation: ModerationApi;
	/** Points, badges, levels and leaderboards (recognition/api.ts). */
	readonly recognition: RecognitionApi;
	/** Community challenges: entries, votes, judging, winners (challenges/api.ts). */
	readonly challenges: ChallengesApi;
	/** Success stories: drafts, submissions, the published list, reviews through the library's (stories/api.ts). */
	readonly stories: StoriesApi;
	/** "We adopted this": adoptions of resources and stories, results, reminders (adoptions/api.ts). */
	readonly adoptions: AdoptionsApi;
	/** The suggestion box: suggestions, votes, the moderators' status and reply (suggestions/api.ts). */
	readonly suggestions: SuggestionsApi;
	/** "Was this useful?": answers on resources, stories, events and collections (feedback/api.ts). */
	readonly feedback: FeedbackApi;
	/** Surveys: answering them (privately, counted by the server), their results, setting them (surveys/api.ts). */
	readonly surveys: SurveysApi;
	/** The impact dashboard's figures, from the device's documents (impact/api.ts). */
	readonly impact: ImpactApi;
	/** The home page: what is new, the getting-started checklist, the last visit (home/api.ts). */
	readonly home: HomeApi;
	/** The device's signing key and certificate (signing/). Absent in test fakes. */
	readonly signing?: StoreSigning;
	/** Saving and opening update files (exchange.ts). */
	readonly exchange: ExchangeApi;

	/** Resolves once every projection of the community replica includes every change it holds now. */
	projected(): Promise<void>;
	/** Clears the projections and replays the whole changes feed from 0. */
	rebuild(): Promise<void>;
	close(): Promise<void>;

	// ---- Writes (validated with the shared schemas; throw an Error with a readable message) ----
	createThread(input: NewThread): Promise<string>;
	reply(input: { thread: string; body: string; replyTo?: string }): Promise<string>;
	editThread(id: string, edit: ThreadEdit): Promise<void>;
	editPost(id: string, edit: { body: string }): Promise<void>;
	deleteThread(id: string): Promise<void>;
	deletePost(id: string): Promise<void>;
	/** Marks a reply of the thread as its accepted answer (null: unmarks it). */
	markAnswer(threadId: string, postId: string | null): Promise<void>;
	/** 0 removes the member's vote. */
	vote(target: string, value: 1 | -1 | 0): Promise<void>;
	saveProfile(input: ProfileInput): Promise<void>;
	/** Writes any community document as is (validated): for tests and later areas. */
	putDocument(doc: Record<string, unknown>): Promise<string>;

	// ---- Queries (plain async functions over Dexie; wrap them in liveQuery) ----
	listCategories(): Promise<CategoryView[]>;
	/** One category as stored, without the counts listCategories() walks every category for. */
	getCategory(slug: string): Promise<CategoryRow | undefined>;
	listThreads(category: string, options?: ListThreadsOptions): Promise<ThreadView[]>;
	/** Threads listed in a category (under `tag`, or only those with no accepted answer). */
	countThreads(category: string, tag?: string, unanswered?: boolean): Promise<number>;
	getThread(id: string): Promise<ThreadView | undefined>;
	listPosts(threadId: string): Promise<PostView[]>;
	getProfile(username: string): Promise<ProfileRow | undefined>;
	/** Display names for the given usernames (missing profiles map to the username). */
	displayNames(usernames: readonly string[]): Promise<Map<string, string>>;
	markThreadRead(threadId: string): Promise<void>;
	pendingCount(): Promise<number>;
	isPending(id: string): Promise<boolean>;

	saveDraft(key: string, value: unknown): Promise<void>;
	getDraft<T = unknown>(key: string): Promise<T | undefined>;
	deleteDraft(key: string): Promise<void>;

	/** The newest sync log lines first (what the "This device" page shows). */
	recentSyncLog(limit: number): Promise<SyncLogRow[]>;
	/** The sync layer's device state (e.g. when the last complete sync was), read-only. */
	readSyncState(key: string): Promise<unknown>;

	listRejected(): Promise<RejectedRow[]>;
	/** Writes the fixed document again (validated) and clears the rejection. */
	resendRejected(id: string, doc: Record<string, unknown>): Promise<void>;
	/** Drops the rejection; a refused creation is also removed from this device. */
	discardRejected(id: string): Promise<void>;

	listConflicts(): Promise<ConflictRow[]>;
	getConflict(id: string): Promise<ConflictVersion[]>;
	/** Writes the chosen or merged document as the winner and deletes the losing revisions. */
	resolveConflict(id: string, doc: Record<string, unknown>): Promise<void>;

	listSyncLog(limit?: number): Promise<SyncLogRow[]>;
}

/** The parts of the app store built elsewhere (open.ts), and how the store waits, rebuilds and closes. */
export interface AppStoreParts {
	library: LibraryApi;
	search: SearchApi;
	events: EventsApi;
	people: PeopleApi;
	signing?: StoreSigning;
	exchange: ExchangeApi;
	projected(): Promise<void>;
	rebuild(): Promise<void>;
	close(): Promise<void>;
}

export function createAppStore(ctx: StoreContext, parts: AppStoreParts): Store {
	const { db } = ctx;
	return {
		member: ctx.member,
		library: parts.library,
		search: parts.search,
		events: parts.events,
		people: parts.people,
		moderation: createModerationApi(ctx),
		recognition: createRecognitionApi(ctx),
		challenges: createChallengesApi(ctx),
		stories: createStoriesApi(ctx),
		adoptions: createAdoptionsApi(ctx),
		suggestions: createSuggestionsApi(ctx),
		feedback: createFeedbackApi(ctx),
		surveys: createSurveysApi(ctx),
		impact: createImpactApi(ctx),
		home: createHomeApi(ctx),
		signing: parts.signing,
		exchange: parts.exchange,

		projected: parts.projected,
		rebuild: parts.rebuild,
		close: parts.close,

		createThread: (input) => writes.createThread(ctx, input),
		reply: (input) => writes.reply(ctx, input),
		editThread: (id, edit) => writes.editThread(ctx, id, edit),
		editPost: (id, edit) => writes.editPost(ctx, id, edit),
		deleteThread: (id) => writes.deleteThread(ctx, id),
		deletePost: (id) => writes.deletePost(ctx, id),
		markAnswer: (threadId, postId) => writes.markAnswer(ctx, threadId, postId),
		vote: (target, value) => writes.vote(ctx, target, value),
		saveProfile: (input) => writes.saveProfile(ctx, input),
		putDocument: (doc) => writes.putDocument(ctx, doc),

		listCategories: () => queries.listCategories(ctx),
		getCategory: (slug) => ctx.db.categories.get(slug),
		listThreads: (category, options) => queries.listThreads(ctx, category, options),
		countThreads: (category, tag, unanswered) => queries.countThreads(ctx, category, tag, unanswered),
		getThread: (id) => queries.getThread(ctx, id),
		listPosts: (threadId) => queries.listPosts(ctx, threadId),
		getProfile: (username) => db.profiles.get(username),
		displayNames: (usernames) => queries.displayNames(ctx, usernames),
		markThreadRead: (threadId) => queries.markThreadRead(ctx, threadId),
		pendingCount: () => db.outbox.count(),
		isPending: async (id) => (await db.outbox.get(id)) !== undefined,

		saveDraft: async (key, value) => {
			await db.drafts.put({ key, value, updatedAt: ctx.now() });
		},
		getDraft: async <T>(key: string) => (await db.drafts.get(key))?.value as T | undefined,
		deleteDraft: (key) => db.drafts.delete(key),

		recentSyncLog: (limit) => db.syncLog.orderBy('seq').reverse().limit(limit).toArray(),
		readSyncState: async (key) => (await db.meta.get(syncStateKey(key)))?.value,
		listRejected: () => db.rejected.orderBy('id').toArray(),
		resendRejected: (id, doc) => attention.resendRejected(ctx, id, doc),
		discardRejected: (id) => attention.discardRejected(ctx, id),

		listConflicts: () => db.conflicts.toArray(),
		getConflict: (id) => attention.getConflict(ctx, id),
		resolveConflict: (id, doc) => attention.resolveConflict(ctx, id, doc),

		listSyncLog: (limit = 100) => db.syncLog.orderBy('seq').reverse().limit(limit).toArray()
	};
}

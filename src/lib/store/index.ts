/// <reference types="pouchdb-core" />
// Public API of the client store: the only module that touches PouchDB and Dexie.
// Per member: PouchDB `praxis-{name}-community` (replica of the shared database) and
// `praxis-{name}-private` (replica of the member's userdb), and the Dexie database `praxis-{name}`
// holding projections shaped for screens plus device-only state (drafts, read state, outbox,
// rejected writes, conflicts, sync log). The device-level record of who is signed in lives in
// the Dexie database `praxis-device` (see device.ts). Screens call the queries below inside
// `liveQuery` (re-exported here) and call the writes; they never see PouchDB or Dexie.
import type {
	CategoryView,
	ConflictRow,
	ConflictVersion,
	LocalDbKind,
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

export type * from './types';
export type * from './library/api';
import type { LibraryApi, SearchApi } from './library/api';
export type * from './events/api';
import type { EventsApi, PeopleApi } from './events/api';
import type { StoreSigning } from './signing/index';
export type { StoreSigning } from './signing/index';
export { liveQuery } from 'dexie';
export { rememberMember, rememberedMember, forgetMember, ownDeviceChoice, deviceIsShared, rememberOwnDevice, forgetOwnDevice } from './device';
export { defaultOwnDevice, removesDataAtSignOut, type DeviceChoiceFacts } from './device-choice';
export { openStore, destroyLocalData } from './open';
export { storageReport, requestPersistentStorage, runsInstalled, type StorageReport } from './persistence';
export type { OpenStoreOptions } from './open';

export type { ReplicaPort, SnapshotPartWritten } from './replica-port';
import type { ReplicaPort, SnapshotPartWritten } from './replica-port';

/** What the sync controller needs from the store (and nothing the screens should call). */
export interface StoreSyncHooks {
	/** The server acknowledged these pushed revisions: drop them from the outbox. */
	acknowledge(db: LocalDbKind, docs: ReadonlyArray<{ _id: string; _rev?: string }>): Promise<void>;
	/**
	 * The server refused a pushed document: move it from the outbox to `rejected`, with the
	 * server's own version of it when known (`null`: the server has none), for a discard to restore.
	 */
	recordDenied(db: LocalDbKind, id: string, reason: string, previous?: Record<string, unknown> | null): Promise<void>;
	log(level: SyncLogRow['level'], message: string): Promise<void>;
	/** A PouchDB handle on a remote database over HTTP (cookies included, never created remotely). */
	openRemote(url: string, fetchFn?: typeof fetch): PouchDB.Database;
	/**
	 * The local database where documents pulled from a meetup hub wait until they are verified
	 * (`praxis-{name}-hub-staging`; sync/hub-verify.ts moves them into community). A new handle
	 * each call (open it again after destroying it).
	 */
	openHubStaging(): PouchDB.Database;
	/**
	 * Writes one part of a bootstrap snapshot into the community replica (new_edits:false) and
	 * hands its documents to the projections directly (store/snapshot-write.ts). Absent in fakes:
	 * the sync layer then writes with bulkDocs and the projections read the feed.
	 * `onlySnapshotAt`: the replica's seq while it holds nothing but earlier parts (sync/bootstrap.ts).
	 */
	writeSnapshotPart?(docs: readonly PouchDB.Core.PutDocument<object>[], onlySnapshotAt?: number | string | null): Promise<SnapshotPartWritten>;
	/** Number of refused writes (for the "Needs attention" badge). */
	rejectedCount(): Promise<number>;
	/** Calls `listener` after the outbox or the rejected list changed; returns an unsubscribe. */
	onLocalChange(listener: () => void): () => void;
	/** The controller's own device state (e.g. a bootstrap download's progress); undefined deletes. */
	getState(key: string): Promise<unknown>;
	setState(key: string, value: unknown): Promise<void>;
}

export interface Store {
	readonly member: Member;
	/** Local PouchDB replicas, for the sync controller only. */
	readonly community: PouchDB.Database;
	readonly private: PouchDB.Database;
	readonly sync: StoreSyncHooks;
	/** The replica port (replica-port.ts): what the sync layer gets. */
	readonly replica: ReplicaPort;
	/** The resource library, reviews, knowledge base, files and print pack (library/api.ts). */
	readonly library: LibraryApi;
	/** Offline full-text search over forums and library (search/). */
	readonly search: SearchApi;
	/** Events, RSVPs, attendance and calendar (events/api.ts). */
	readonly events: EventsApi;
	/** Profiles with visibility, mentorship, direct messages, notifications (events/api.ts). */
	readonly people: PeopleApi;
	/** The device's signing key and certificate (signing/). Absent in test fakes. */
	readonly signing?: StoreSigning;

	/** Resolves once the projector has applied every change present in PouchDB right now. */
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
	/** 0 removes the member's vote. */
	vote(target: string, value: 1 | -1 | 0): Promise<void>;
	saveProfile(input: ProfileInput): Promise<void>;
	/** Writes any community document as is (validated): for tests and later areas. */
	putDocument(doc: Record<string, unknown>): Promise<string>;

	// ---- Queries (plain async functions over Dexie; wrap them in liveQuery) ----
	listCategories(): Promise<CategoryView[]>;
	listThreads(category: string, options?: ListThreadsOptions): Promise<ThreadView[]>;
	countThreads(category: string, tag?: string): Promise<number>;
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

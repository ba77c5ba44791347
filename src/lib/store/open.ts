/// <reference types="pouchdb-core" />
// Opens a member's local store (two PouchDB replicas, the Dexie projections and the projector
// following the community replica) and removes a member's local data.
import Dexie from 'dexie';
import { isValidUsername } from '../domain/ids';
import * as attention from './attention';
import type { StoreContext } from './context';
import { PraxisDb, type DexieOptions } from './db';
import type { Store } from './index';
import type { ReplicaPort } from './replica-port';
import { communityDbName, hubStagingDbName, privateDbName } from './names';
import { createLibraryParts, destroyLibraryFiles } from './library/parts';
import { attachEventsAndPeople } from './events/api';
import * as queries from './queries';
import type { Member } from './types';
import * as writes from './writes';
import { attachSigning, createDeviceSigning, keyDbName, storeSigning } from './signing/index';
import { createFollowers, type Followers } from './projections';
import { watchedReplicaClass } from './feed/watched-replica';
import { compactReplicaOnce } from './compaction';

export interface OpenStoreOptions {
	/** PouchDB constructor; defaults to pouchdb-browser (IndexedDB). Tests pass Node PouchDB. */
	PouchDB?: PouchDB.Static;
	/** Extra options for each local PouchDB (e.g. `{ adapter: 'memory' }` in tests). */
	pouchOptions?: PouchDB.Configuration.DatabaseConfiguration;
	/** Dexie options (e.g. fake-indexeddb's `indexedDB` and `IDBKeyRange` in tests). */
	dexieOptions?: DexieOptions;
	/** Changes read per feed follower batch (default 1000). */
	batchSize?: number;
	/** Clock, for tests. */
	now?: () => string;
}

async function pouchConstructor(options: OpenStoreOptions): Promise<PouchDB.Static> {
	if (options.PouchDB) return options.PouchDB;
	const module = await import('pouchdb-browser');
	return module.default;
}

function checkName(username: string): void {
	if (!isValidUsername(username)) throw new Error(`Not a valid username: ${JSON.stringify(username)}`);
}

export async function openStore(member: Member, options: OpenStoreOptions = {}): Promise<Store> {
	checkName(member.name);
	const Pouch = await pouchConstructor(options);
	const db = new PraxisDb(member.name, options.dexieOptions);
	await db.open();
	// Auto-compaction: when a revision arrives over one the replica holds (replication, a snapshot
	// part, a hub or a file, the member's own edit), the superseded body is deleted in the same
	// IndexedDB transaction, so another member's hidden field or edited post does not stay on this
	// device. Refused edits are undone from the server's copy instead (attention.ts).
	const WatchedReplica = watchedReplicaClass(Pouch); // the followers learn of writes from it
	const community = new WatchedReplica(communityDbName(member.name), { ...options.pouchOptions, auto_compaction: true });
	const priv = new Pouch(privateDbName(member.name), options.pouchOptions);
	const now = options.now ?? (() => new Date().toISOString());
	const ctxRef: { ctx?: StoreContext } = {};
	const onProblem = (message: string) => {
		// a sync log that cannot be written leaves nowhere to report to: the problem is dropped
		if (ctxRef.ctx) void attention.log(ctxRef.ctx, 'warn', message).catch(() => {});
	};
	const library = createLibraryParts(community, db, { username: member.name, Pouch, pouchOptions: options.pouchOptions, onProblem, now });
	const followers = createFollowers({ member: member.name, db, community, private: priv, library: library.projections, onProblem, batchSize: options.batchSize });
	const ctx: StoreContext = { member, db, community, private: priv, followers, now, Pouch, listeners: new Set() };
	ctxRef.ctx = ctx;
	const signing = createDeviceSigning(member.name, options.dexieOptions); // signs every put
	attachSigning(ctx, signing);
	await signing.publicKey(); // the key pair exists (and is cached) before the first write
	followers.start();
	// in the background: a replica from before auto-compaction sheds what it kept (tried again at the next open if cut short)
	void compactReplicaOnce(community, db, now).catch((err: unknown) => onProblem(`compaction: ${String(err)}`));
	const store = buildStore(ctx, followers);
	const eventsAndPeople = attachEventsAndPeople(ctx); // events, people, messages, notifications
	const deviceSigning = storeSigning(ctx, signing);
	const openHubStaging = () => new Pouch(hubStagingDbName(member.name), options.pouchOptions);
	const snapshotPart: ReplicaPort['writeSnapshotPart'] = followers.writeSnapshotPart;
	const replica: ReplicaPort = {
		member,
		community,
		private: priv,
		PouchDB: Pouch,
		signing: deviceSigning,
		acknowledge: store.sync.acknowledge,
		recordDenied: store.sync.recordDenied,
		log: store.sync.log,
		openHubStaging,
		writeSnapshotPart: snapshotPart,
		projected: followers.catchUp,
		pendingCount: store.pendingCount,
		rejectedCount: store.sync.rejectedCount,
		onLocalChange: store.sync.onLocalChange,
		getState: store.sync.getState,
		setState: store.sync.setState
	};
	return {
		...store,
		replica,
		...library.attach(ctx),
		events: eventsAndPeople.events,
		people: eventsAndPeople.people,
		signing: deviceSigning,
		sync: { ...store.sync, openHubStaging, writeSnapshotPart: snapshotPart },
		async close() {
			await library.close();
			await store.close();
			signing.close();
		}
	};
}

function buildStore(ctx: StoreContext, followers: Followers): Omit<Store, 'library' | 'search' | 'events' | 'people' | 'sync' | 'replica'> & { sync: Omit<Store['sync'], 'openHubStaging'> } {
	const { db } = ctx;
	return {
		member: ctx.member,
		community: ctx.community,
		private: ctx.private,
		sync: {
			acknowledge: (kind, docs) => attention.acknowledge(ctx, kind, docs),
			recordDenied: (kind, id, reason, previous) => attention.recordDenied(ctx, kind, id, reason, previous),
			log: (level, message) => attention.log(ctx, level, message),
			openRemote: (url, fetchFn = globalThis.fetch) =>
				new ctx.Pouch(url, {
					skip_setup: true,
					fetch: (input: string | Request, init?: RequestInit) => fetchFn(input, { ...init, credentials: 'include' })
				} as PouchDB.Configuration.RemoteDatabaseConfiguration),
			rejectedCount: () => db.rejected.count(),
			onLocalChange: (listener) => {
				ctx.listeners.add(listener);
				return () => void ctx.listeners.delete(listener);
			},
			getState: async (key) => (await db.meta.get(`sync.${key}`))?.value,
			setState: async (key, value) => {
				if (value === undefined) await db.meta.delete(`sync.${key}`);
				else await db.meta.put({ key: `sync.${key}`, value });
			}
		},
		projected: () => followers.catchUp(),
		rebuild: () => followers.rebuild(),
		async close() {
			if (!db.isOpen()) return;
			await followers.stop();
			await Promise.all([ctx.community.close(), ctx.private.close()]);
			db.close();
		},

		createThread: (input) => writes.createThread(ctx, input),
		reply: (input) => writes.reply(ctx, input),
		editThread: (id, edit) => writes.editThread(ctx, id, edit),
		editPost: (id, edit) => writes.editPost(ctx, id, edit),
		deleteThread: (id) => writes.deleteThread(ctx, id),
		deletePost: (id) => writes.deletePost(ctx, id),
		vote: (target, value) => writes.vote(ctx, target, value),
		saveProfile: (input) => writes.saveProfile(ctx, input),
		putDocument: (doc) => writes.putDocument(ctx, doc),

		listCategories: () => queries.listCategories(ctx),
		listThreads: (category, options) => queries.listThreads(ctx, category, options),
		countThreads: (category, tag) => queries.countThreads(ctx, category, tag),
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
		listRejected: () => db.rejected.orderBy('id').toArray(),
		resendRejected: (id, doc) => attention.resendRejected(ctx, id, doc),
		discardRejected: (id) => attention.discardRejected(ctx, id),

		listConflicts: () => db.conflicts.toArray(),
		getConflict: (id) => attention.getConflict(ctx, id),
		resolveConflict: (id, doc) => attention.resolveConflict(ctx, id, doc),

		listSyncLog: (limit = 100) => db.syncLog.orderBy('seq').reverse().limit(limit).toArray()
	};
}

/** Removes every local database of `username` (PouchDB replicas and Dexie projections). Close its store first. */
export async function destroyLocalData(username: string, options: OpenStoreOptions = {}): Promise<void> {
	checkName(username);
	const Pouch = await pouchConstructor(options);
	await new Pouch(communityDbName(username), options.pouchOptions).destroy();
	await new Pouch(privateDbName(username), options.pouchOptions).destroy();
	await new Pouch(hubStagingDbName(username), options.pouchOptions).destroy();
	await destroyLibraryFiles(username, Pouch, options.pouchOptions);
	await new PraxisDb(username, options.dexieOptions).delete();
	await new Dexie(keyDbName(username), options.dexieOptions).delete();
}

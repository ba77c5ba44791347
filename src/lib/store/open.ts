/// <reference types="pouchdb-core" />
// Opens a member's local store (two PouchDB replicas, the Dexie projections and the feed
// followers keeping them current, projections.ts) as two faces: the app store for screens (app-store.ts) and the
// replica port for the sync controller (replica.ts), built from one StoreContext. Also removes a
// member's local data.
import Dexie from 'dexie';
import { isValidUsername } from '../domain/ids';
import * as attention from './attention';
import type { StoreContext } from './context';
import { PraxisDb, type DexieOptions } from './db';
import { createAppStore, type Store } from './app-store';
import type { ReplicaPort } from './replica-port';
import { createReplicaPort } from './replica';
import { createHubStaging } from './hub-staging';
import { createExchange } from './exchange';
import { communityDbName, hubStagingDbName, privateDbName } from './names';
import { createLibraryParts, destroyLibraryFiles } from './library/parts';
import type { FilesRemoteFactory } from './library/files';
import { attachEventsAndPeople } from './events/api';
import type { Member } from './types';
import { attachSigning, createDeviceSigning, keyDbName, storeSigning } from './signing/index';
import { createFollowers } from './projections';
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
	/** How library files reach the server (sync/library-files.ts); without it they stay local. */
	filesRemote?: FilesRemoteFactory;
}

async function pouchConstructor(options: OpenStoreOptions): Promise<PouchDB.Static> {
	if (options.PouchDB) return options.PouchDB;
	const module = await import('pouchdb-browser');
	return module.default;
}

function checkName(username: string): void {
	if (!isValidUsername(username)) throw new Error(`Not a valid username: ${JSON.stringify(username)}`);
}

/** An opened store: the app store for screens and the replica port for the sync controller. */
export interface OpenedStore {
	store: Store;
	replica: ReplicaPort;
}

export async function openStore(member: Member, options: OpenStoreOptions = {}): Promise<OpenedStore> {
	checkName(member.name);
	const Pouch = await pouchConstructor(options);
	const db = new PraxisDb(member.name, options.dexieOptions);
	await db.open();
	// Auto-compaction: when a revision arrives over one the replica holds (replication, a snapshot
	// part, a hub or a file, the member's own edit), the superseded body is deleted in the same
	// IndexedDB transaction, so another member's hidden field or edited post does not stay on this
	// device. Refused edits are undone from the server's copy instead (attention.ts).
	const WatchedReplica = watchedReplicaClass(Pouch); // the followers learn of writes from it
	const community = new WatchedReplica(communityDbName(member.name), {
		...options.pouchOptions,
		auto_compaction: true
	});
	const priv = new Pouch(privateDbName(member.name), options.pouchOptions);
	const now = options.now ?? (() => new Date().toISOString());
	const ctxRef: { ctx?: StoreContext } = {};
	const onProblem = (message: string) => {
		// a sync log that cannot be written leaves nowhere to report to: the problem is dropped
		if (ctxRef.ctx) void attention.log(ctxRef.ctx, 'warn', message).catch(() => {});
	};
	const library = createLibraryParts(community, db, {
		username: member.name,
		Pouch,
		pouchOptions: options.pouchOptions,
		onProblem,
		now
	});
	const followers = createFollowers({
		member: member.name,
		db,
		community,
		private: priv,
		library: library.projections,
		onProblem,
		batchSize: options.batchSize,
		now
	});
	const ctx: StoreContext = { member, db, community, private: priv, followers, now, Pouch, listeners: new Set() };
	ctxRef.ctx = ctx;
	const signing = createDeviceSigning(member.name, options.dexieOptions); // signs every put
	attachSigning(ctx, signing);
	await signing.publicKey(); // the key pair exists (and is cached) before the first write
	followers.start();
	// in the background: a replica from before auto-compaction sheds what it kept (tried again at the next open if cut short)
	void compactReplicaOnce(community, db, now).catch((err: unknown) => onProblem(`compaction: ${String(err)}`));
	const eventsAndPeople = attachEventsAndPeople(ctx); // events, people, messages, notifications
	// How the store waits for, rebuilds, feeds and stops the projections following the replicas.
	const projections = {
		projected: () => followers.community.catchUp(),
		allProjected: () => followers.catchUp(),
		rebuild: () => followers.rebuild(),
		writeSnapshotPart: followers.writeSnapshotPart satisfies ReplicaPort['writeSnapshotPart'],
		async close() {
			await library.close();
			if (db.isOpen()) {
				await followers.stop();
				await Promise.all([community.close(), priv.close()]);
				db.close();
			}
			signing.close();
		}
	};
	const deviceSigning = storeSigning(ctx, signing);
	const replica = createReplicaPort(ctx, {
		signing: deviceSigning,
		hubStaging: createHubStaging(ctx, options.pouchOptions),
		writeSnapshotPart: projections.writeSnapshotPart,
		projected: projections.allProjected
	});
	const libraryApis = library.attach(ctx, options.filesRemote);
	const store = createAppStore(ctx, {
		library: libraryApis.library,
		search: libraryApis.search,
		events: eventsAndPeople.events,
		people: eventsAndPeople.people,
		signing: deviceSigning,
		exchange: createExchange(ctx, deviceSigning, projections.projected),
		projected: projections.projected,
		rebuild: projections.rebuild,
		close: projections.close
	});
	return { store, replica };
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

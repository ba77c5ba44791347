/// <reference types="pouchdb-core" />
// Opens a member's local store (two PouchDB replicas, the Dexie projections, the projector) and
// removes a member's local data.
import type Dexie from 'dexie';
import type { Store } from './index';
import type { Member } from './types';

export interface OpenStoreOptions {
	/** PouchDB constructor; defaults to pouchdb-browser (IndexedDB). Tests pass Node PouchDB. */
	PouchDB?: PouchDB.Static;
	/** Extra options for each local PouchDB (e.g. `{ adapter: 'memory' }` in tests). */
	pouchOptions?: PouchDB.Configuration.DatabaseConfiguration;
	/** Dexie options (e.g. fake-indexeddb's `indexedDB` and `IDBKeyRange` in tests). */
	dexieOptions?: ConstructorParameters<typeof Dexie>[1];
	/** Changes read per projector batch (default 500). */
	batchSize?: number;
}

export async function openStore(member: Member, options: OpenStoreOptions = {}): Promise<Store> {
	void member;
	void options;
	throw new Error('TODO: openStore');
}

/** Removes every local database of `username` (PouchDB replicas and Dexie projections). */
export async function destroyLocalData(username: string, options: OpenStoreOptions = {}): Promise<void> {
	void username;
	void options;
	throw new Error('TODO: destroyLocalData');
}

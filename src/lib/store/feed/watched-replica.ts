/// <reference types="pouchdb-core" />
// The community replica's handle: a PouchDB that tells the feed followers it was written to,
// without them reading the change back.
//
// A PouchDB live changes feed re-runs a changes query for every listener after every write, and
// on IndexedDB that query reads each new revision's body and metadata even without include_docs:
// with several followers listening, a first sync of 10,000 documents was read back just to learn
// that "something changed" (bench/profile-sync.ts). Every write to the replica on this device
// goes through the store's one handle (the replicator's bulkDocs, put/remove, the bootstrap
// snapshot, documents moved in from a hub's staging), and every PouchDB write method ends in
// bulkDocs, so this handle's bulkDocs calls the watchers once the write has committed. (Another
// tab writes through its own handle and runs its own projections into the same Dexie database.)

type Listener = () => void;
type BulkDocs = PouchDB.Database['bulkDocs'];
type Callback = (err: unknown, res?: unknown) => void;

/** A PouchDB handle whose committed writes can be watched. */
export interface WatchedReplica extends PouchDB.Database {
	/** Calls `listener` after each committed write; returns an unsubscribe. */
	watch(listener: Listener): () => void;
}

export type WatchedReplicaConstructor = new (
	name: string,
	options?: PouchDB.Configuration.DatabaseConfiguration
) => WatchedReplica;

/**
 * The PouchDB class `Pouch` with watched writes. PouchDB defines bulkDocs on each instance as it
 * is set up (not on its prototype), so the subclass wraps the instance's own method once, in its
 * constructor, instead of overriding it.
 */
export function watchedReplicaClass(Pouch: PouchDB.Static): WatchedReplicaConstructor {
	return class extends Pouch implements WatchedReplica {
		readonly #listeners = new Set<Listener>();

		constructor(name: string, options?: PouchDB.Configuration.DatabaseConfiguration) {
			super(name, options);
			const write = this.bulkDocs.bind(this) as (docs: unknown, options: unknown) => Promise<unknown>;
			const watched = (docs: unknown, options?: unknown, callback?: unknown): Promise<unknown> | void => {
				if (typeof options === 'function') {
					callback = options;
					options = {};
				}
				const written = write(docs, options ?? {});
				// a failed write changed nothing to follow; its caller gets the failure
				written.then(
					() => this.#notify(),
					() => undefined
				);
				if (typeof callback !== 'function') return written;
				const cb = callback as Callback;
				written.then(
					(res) => cb(null, res),
					(err: unknown) => cb(err)
				);
			};
			this.bulkDocs = watched as BulkDocs;
		}

		watch(listener: Listener): () => void {
			this.#listeners.add(listener);
			return () => void this.#listeners.delete(listener);
		}

		#notify(): void {
			for (const listener of [...this.#listeners]) {
				try {
					listener();
				} catch {
					// a watcher's failure is its own (the followers report theirs): the write succeeded
				}
			}
		}
	};
}

/// <reference types="pouchdb-core" />
// Tells the projections that the community replica changed, without reading the change back.
//
// A PouchDB live changes feed re-runs a changes query for every listener after every write, and
// on IndexedDB that query reads each new revision's body and metadata even without include_docs:
// with the projector and the events runner each listening, a first sync of 10,000 documents was
// read back twice just to learn that "something changed" (bench/profile-sync.ts). Every write to
// the replica on this device goes through the store's one PouchDB handle (the replicator's
// bulkDocs, put/remove, the bootstrap snapshot, documents moved in from a hub's staging), so the
// handle's bulkDocs is wrapped to call the listeners once the write has committed. (Another tab
// writes through its own handle and runs its own projections into the same Dexie database.)

type Listener = () => void;
type BulkDocs = PouchDB.Database['bulkDocs'];

export interface WriteWatch {
	/** Calls `listener` after each committed write; returns an unsubscribe. */
	subscribe(listener: Listener): () => void;
}

const watches = new WeakMap<PouchDB.Database, WriteWatch>();

/** The write watch of `db` (one per handle; wrapping is done once). */
export function watchWrites(db: PouchDB.Database): WriteWatch {
	const existing = watches.get(db);
	if (existing) return existing;
	const listeners = new Set<Listener>();
	const notify = () => {
		for (const listener of [...listeners]) {
			try {
				listener();
			} catch {
				// a listener's failure is its own (the runners report theirs)
			}
		}
	};
	const original = db.bulkDocs.bind(db) as (...args: unknown[]) => Promise<unknown>;
	const wrapped = (docs: unknown, options?: unknown, callback?: unknown): Promise<unknown> | void => {
		if (typeof options === 'function') {
			callback = options;
			options = {};
		}
		const written = original(docs, options ?? {});
		written.then(notify, () => {});
		if (typeof callback !== 'function') return written;
		const cb = callback as (err: unknown, res?: unknown) => void;
		written.then(
			(res) => cb(null, res),
			(err: unknown) => cb(err)
		);
	};
	(db as unknown as { bulkDocs: BulkDocs }).bulkDocs = wrapped as unknown as BulkDocs;
	const watch: WriteWatch = {
		subscribe(listener) {
			listeners.add(listener);
			return () => void listeners.delete(listener);
		}
	};
	watches.set(db, watch);
	return watch;
}

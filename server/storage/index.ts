// The only code on the server that persists. Every database is a PouchDB instance:
// embedded on disk (LevelDB under DATA_DIR/db) by default, on a CouchDB server when
// COUCHDB_URL is set, or in memory for tests.
import PouchDB from 'pouchdb';
import memoryAdapter from 'pouchdb-adapter-memory';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

PouchDB.plugin(memoryAdapter);

export type StoreKind = 'leveldb' | 'couchdb' | 'memory';

export interface StorageConfig {
	kind: StoreKind;
	/** Folder for LevelDB databases (kind leveldb). */
	dataDir?: string;
	/** Base URL of the CouchDB server, credentials included (kind couchdb). */
	couchdbUrl?: string;
	/** Distinguishes in-memory stores of parallel tests. */
	memoryPrefix?: string;
}

/** How often a CouchDB compaction is polled for its end. */
const COUCHDB_COMPACTION_POLL_MS = 1_000;

/** Server-only databases: never reachable through /couch. */
export const USERS_DB = 'praxis-users';
export const SESSIONS_DB = 'praxis-sessions';

export interface Storage {
	readonly kind: StoreKind;
	/** The database of that name, opened once and cached (created on first use). */
	db(name: string): PouchDB.Database;
	/** Whether a database exists already, without creating it. */
	exists(name: string): Promise<boolean>;
	/**
	 * Removes the bodies of superseded (non-leaf) revisions of a database from the store and
	 * resolves once done: PouchDB's compaction on the embedded stores (incremental: it visits the
	 * documents changed since its last run), `POST /{db}/_compact` on CouchDB (which rewrites the
	 * database file; resolves when CouchDB reports it finished).
	 */
	compact(name: string): Promise<void>;
	/** Deletes a database with everything in it (a deleted member's private database); none is fine. */
	destroy(name: string): Promise<void>;
	close(): Promise<void>;
}

export function createStorage(config: StorageConfig): Storage {
	const open = new Map<string, PouchDB.Database>();
	const location = (name: string): string => {
		switch (config.kind) {
			case 'leveldb': {
				const dir = join(config.dataDir ?? './data', 'db');
				mkdirSync(dir, { recursive: true });
				return join(dir, name);
			}
			case 'couchdb':
				return `${(config.couchdbUrl ?? '').replace(/\/+$/, '')}/${encodeURIComponent(name)}`;
			case 'memory':
				return `${config.memoryPrefix ?? 'mem'}-${name}`;
		}
	};
	const options = (): PouchDB.Configuration.DatabaseConfiguration =>
		config.kind === 'memory' ? { adapter: 'memory' } : config.kind === 'couchdb' ? { skip_setup: false } : {};

	return {
		kind: config.kind,
		db(name) {
			let db = open.get(name);
			if (!db) {
				db = new PouchDB(location(name), options());
				open.set(name, db);
			}
			return db;
		},
		async exists(name) {
			if (open.has(name)) return true;
			if (config.kind === 'memory') return false;
			if (config.kind === 'leveldb') return existsSync(location(name));
			const probe = new PouchDB(location(name), {
				...options(),
				skip_setup: true
			} as PouchDB.Configuration.DatabaseConfiguration);
			try {
				await probe.info();
				return true;
			} catch {
				return false;
			} finally {
				await probe.close().catch(() => undefined);
			}
		},
		async compact(name) {
			// PouchDB's http adapter POSTs _compact, then polls the database's info until
			// compact_running is false; the embedded adapters compact in process.
			await this.db(name).compact(config.kind === 'couchdb' ? { interval: COUCHDB_COMPACTION_POLL_MS } : {});
		},
		async destroy(name) {
			const db = open.get(name) ?? ((await this.exists(name)) ? new PouchDB(location(name), options()) : null);
			open.delete(name);
			if (db) await db.destroy();
		},
		async close() {
			const dbs = [...open.values()];
			open.clear();
			await Promise.all(dbs.map((db) => db.close().catch(() => undefined)));
		}
	};
}

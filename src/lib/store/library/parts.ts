/// <reference types="pouchdb-core" />
// Wires the library into a member's store: its projections (library tables, search index), the local files database, and the `library` / `search` parts of the Store.
import type { StoreContext } from '../context';
import type { PraxisDb } from '../db';
import type { Projection } from '../feed/projection';
import { SearchIndexer } from '../search/indexer';
import { createLibraryApi, createSearchApi, type LibraryApi, type SearchApi } from './api';
import type { FilesRemote, FilesRemoteFactory } from './files';
import { libraryProjection } from './projection';

export function filesDbName(username: string): string {
	return `praxis-${username}-files`;
}

export interface LibraryPartsOptions {
	username: string;
	Pouch: PouchDB.Static;
	pouchOptions?: PouchDB.Configuration.DatabaseConfiguration;
	onProblem: (message: string) => void;
	now: () => string;
}

export interface LibraryParts {
	/** Fed by the community follower, after the forum projection (search reads its tables). */
	readonly projections: readonly Projection[];
	readonly indexer: SearchIndexer;
	/** `filesRemote`: how library files reach the server (the sync layer's); none in most tests. */
	attach(ctx: StoreContext, filesRemote?: FilesRemoteFactory): { library: LibraryApi; search: SearchApi };
	/** Saves the search index and closes the files database. */
	close(): Promise<void>;
}

export function createLibraryParts(
	community: PouchDB.Database,
	db: PraxisDb,
	options: LibraryPartsOptions
): LibraryParts {
	const indexer = new SearchIndexer(community, db, { now: options.now, onProblem: options.onProblem });
	let files: PouchDB.Database | null = null;
	const local = () => (files ??= new options.Pouch(filesDbName(options.username), options.pouchOptions));
	return {
		projections: [libraryProjection(options.onProblem), indexer],
		indexer,
		attach: (ctx, filesRemote) => {
			let remote: FilesRemote | null = null;
			const remoteOf = (): FilesRemote => {
				if (!filesRemote)
					throw new Error('Library files cannot reach the server: this store was opened without a files remote.');
				return (remote ??= filesRemote(options.Pouch));
			};
			return { library: createLibraryApi(ctx, { local, remote: remoteOf }), search: createSearchApi(ctx, indexer) };
		},
		async close() {
			// closing: a save that fails now is redone from the saved checkpoint at the next open
			await indexer.flush().catch(() => undefined);
			if (files) await files.close().catch(() => undefined); // nothing is pending on a database being closed
			files = null;
		}
	};
}

/** Removes a member's local files database. */
export async function destroyLibraryFiles(
	username: string,
	Pouch: PouchDB.Static,
	pouchOptions?: PouchDB.Configuration.DatabaseConfiguration
): Promise<void> {
	await new Pouch(filesDbName(username), pouchOptions).destroy();
}

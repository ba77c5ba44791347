/// <reference types="pouchdb-core" />
// Library files on the server (`library-files`, not replicated by default): the transfers the
// store asks for when the member uploads, opens or keeps a file (store/library/files.ts). Each is
// a one-shot copy of chosen documents by id over the home server's gateway, with the session
// cookie, not the sync controller's replication.
import { FILE_ATTACHMENT, FILES_DB } from '../domain/files';
import type { FilesRemote, FilesRemoteFactory } from '../store/index';
import { couchBase } from './gateway';

/** The files database on the gateway at `base` (the app's own by default), for openStore's `filesRemote`. */
export function libraryFilesRemote(base: string = couchBase()): FilesRemoteFactory {
	return (Pouch): FilesRemote => {
		const server = (): PouchDB.Database =>
			new Pouch(`${base.replace(/\/$/, '')}/${FILES_DB}`, {
				skip_setup: true,
				fetch: (input: string | Request, init?: RequestInit) =>
					globalThis.fetch(input, { ...init, credentials: 'include' })
			} as PouchDB.Configuration.RemoteDatabaseConfiguration);
		return {
			async push(local, ids) {
				await local.replicate.to(server(), { doc_ids: ids });
			},
			async pull(local, ids) {
				await local.replicate.from(server(), { doc_ids: ids });
			},
			// a remote attachment arrives as a Blob in the browser (a Buffer only under Node)
			attachment: async (id) => (await server().getAttachment(id, FILE_ATTACHMENT)) as Blob
		};
	};
}

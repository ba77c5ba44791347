/// <reference types="pouchdb-core" />
// A PouchDB handle on a remote database over HTTP: every request goes through the sync layer's
// fetch (cookies included) and the database is never created remotely.
export function openRemote(
	Pouch: PouchDB.Static,
	url: string,
	fetchFn: typeof fetch = globalThis.fetch
): PouchDB.Database {
	return new Pouch(url, {
		skip_setup: true,
		fetch: (input: string | Request, init?: RequestInit) => fetchFn(input, { ...init, credentials: 'include' })
	} as PouchDB.Configuration.RemoteDatabaseConfiguration);
}

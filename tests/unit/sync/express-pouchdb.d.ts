// Minimal types for express-pouchdb (dev dependency, used as a stock CouchDB-protocol server).
declare module 'express-pouchdb' {
	import type { RequestHandler } from 'express';
	function expressPouchDB(PouchDB: PouchDB.Static, options?: Record<string, unknown>): RequestHandler;
	export default expressPouchDB;
}

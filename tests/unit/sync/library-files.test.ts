// Library file transfers (src/lib/sync/library-files.ts): the store's FilesRemote copies chosen
// documents by id to and from the gateway's `library-files` database.
import PouchDB from 'pouchdb';
import memory from 'pouchdb-adapter-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { libraryFilesRemote } from '../../../src/lib/sync/library-files';
import { couchBase } from '../../../src/lib/sync/gateway';

PouchDB.plugin(memory);

let n = 0;
const opened: PouchDB.Database[] = [];
function memoryDb(): PouchDB.Database {
	const db = new PouchDB(`files-${process.pid}-${++n}`, { adapter: 'memory' });
	opened.push(db);
	return db;
}

/** A PouchDB build whose every remote handle is `server`, recording the names it was asked for. */
function towards(server: PouchDB.Database, names: string[]): PouchDB.Static {
	class ToServer {
		constructor(name: string) {
			names.push(name);
			return server;
		}
	}
	// only `new Pouch(name, options)` is called on it
	return ToServer as unknown as PouchDB.Static;
}

afterEach(async () => {
	await Promise.all(opened.splice(0).map((db) => db.destroy()));
});

describe('library files remote', () => {
	it('pushes, pulls and reads attachments of chosen ids on the gateway', async () => {
		const server = memoryDb();
		const local = memoryDb();
		const names: string[] = [];
		const remote = libraryFilesRemote(couchBase('https://praxis.example/'))(towards(server, names));
		await local.put({
			_id: 'file:A',
			_attachments: { file: { content_type: 'text/plain', data: Buffer.from('hello') } }
		});
		await local.put({ _id: 'file:B' });
		await remote.push(local, ['file:A']);
		expect((await server.allDocs()).rows.map((r) => r.id)).toEqual(['file:A']);
		expect(names[0]).toBe('https://praxis.example/couch/library-files');

		await server.put({ _id: 'file:C' });
		const other = memoryDb();
		await remote.pull(other, ['file:C']);
		expect((await other.allDocs()).rows.map((r) => r.id)).toEqual(['file:C']);

		const bytes = (await remote.attachment('file:A')) as unknown as Buffer;
		expect(bytes.toString()).toBe('hello');
	});
});

describe('gateway addresses', () => {
	it('builds the gateway and API addresses in one place', async () => {
		const { apiBesideCouch, apiPath } = await import('../../../src/lib/sync/gateway');
		expect(couchBase('https://x.example')).toBe('https://x.example/couch');
		expect(apiPath('/auth')).toBe('/api/auth');
		expect(apiBesideCouch('https://x.example/couch/')).toBe('https://x.example/api');
		expect(apiBesideCouch('https://hub.local:5984')).toBeNull();
	});
});

// A stock CouchDB-protocol server (express-pouchdb 4 on LevelDB, no validation, no compression)
// holding the same documents as the Praxis store, run as its own process like the Praxis server.
// It also serves a blank page and a pouchdb-browser bundle from its own origin, so a browser can
// run a stock PouchDB replication against it. Run: node --import tsx bench/lib/stock-server.ts DIR
// (DIR holds docs.json; it prints "listening PORT" once the documents are loaded).
import express from 'express';
import expressPouchDB from 'express-pouchdb';
import PouchDB from 'pouchdb';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';

const dir = process.argv[2];
if (!dir) throw new Error('usage: stock-server.ts DIR');
mkdirSync(join(dir, 'db'), { recursive: true });
const LevelPouch = PouchDB.defaults({ prefix: join(dir, 'db') + '/' } as PouchDB.Configuration.DatabaseConfiguration);
const docs = JSON.parse(readFileSync(join(dir, 'docs.json'), 'utf8')) as object[];
const db = new LevelPouch('community');
const info = await db.info();
if (info.doc_count === 0) {
	for (let i = 0; i < docs.length; i += 1000) await db.bulkDocs(docs.slice(i, i + 1000), { new_edits: false });
}
const bundle = readFileSync(join(dir, 'pouchdb-browser.js'));
const app = express();
app.get('/bench/blank.html', (_req, res) => {
	res
		.type('html')
		.send(
			'<!doctype html><meta charset="utf-8"><title>stock</title><script src="/bench/pouchdb.js"></script><p>stock</p>'
		);
});
app.get('/bench/pouchdb.js', (_req, res) => {
	res.type('js').send(bundle);
});
app.use(
	'/',
	expressPouchDB(LevelPouch as unknown as PouchDB.Static, {
		mode: 'minimumForPouchDB',
		inMemoryConfig: true,
		logPath: join(dir, 'log.txt')
	})
);
const server = app.listen(0, '127.0.0.1', () => {
	console.log(`listening ${(server.address() as AddressInfo).port}`);
});
process.on('SIGTERM', () => process.exit(0));

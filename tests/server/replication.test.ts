// The whole stack over a real socket: two members registered through the API, a stock Node
// PouchDB pushing 1,000 documents with Basic auth and another pulling them with the session
// cookie; a repeated one-shot moves nothing; a live pull gets a new document through the
// longpoll that was waiting for it.
// Run on the embedded store and with COUCHDB_URL pointing at a stock CouchDB-protocol server.
import { afterAll, describe, expect, it } from 'vitest';
import PouchDB from 'pouchdb';
import express from 'express';
import expressPouchDB from 'express-pouchdb';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHarness, PASSWORD, sessionCookie, type Harness } from './support/harness';
import { seedCategories } from '../../server/seed';
import { docId } from '../../src/lib/domain/ids';
import { certifyTestDevice, storeSigned, type TestDevice } from './helpers/signing';
import { longpollWatch } from './helpers/longpoll-watch';

const DOCS = 1000;
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
	for (const cleanup of cleanups.reverse()) await cleanup();
});

let counter = 0;
function localDb(): PouchDB.Database {
	const db = new PouchDB(`replication-local-${process.pid}-${++counter}`, { adapter: 'memory' });
	cleanups.push(() => db.destroy());
	return db;
}

/** Threads and replies by `device`'s member, signed by it (the server requires signatures). */
function docsBy(device: TestDevice, count: number): Promise<Array<Record<string, unknown>>> {
	const author = device.certificate.author;
	const now = new Date().toISOString();
	const docs: Array<Record<string, unknown>> = [];
	for (let i = 0; i < count / 2; i++) {
		const thread = {
			_id: docId('thread'),
			type: 'thread',
			author,
			createdAt: now,
			category: 'general',
			title: `Thread ${i}`,
			body: `Body ${i}`,
			tags: ['test']
		};
		docs.push(thread, {
			_id: docId('post'),
			type: 'post',
			author,
			createdAt: now,
			thread: thread._id,
			body: `Reply ${i}`
		});
	}
	return Promise.all(docs.map((doc) => device.signRevision(doc)));
}

/** A stock CouchDB-protocol server (express-pouchdb on memory PouchDB) on a free port. */
async function startStockCouch(): Promise<string> {
	const ServerPouch = PouchDB.defaults({
		adapter: 'memory',
		prefix: `stock-${process.pid}-`
	} as PouchDB.Configuration.DatabaseConfiguration);
	const app = express();
	app.use(
		'/',
		expressPouchDB(ServerPouch as unknown as PouchDB.Static, {
			mode: 'minimumForPouchDB',
			inMemoryConfig: true,
			logPath: '/dev/null'
		})
	);
	const server: Server = await new Promise((resolve) => {
		const s = app.listen(0, '127.0.0.1', () => resolve(s));
	});
	cleanups.push(async () => {
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	});
	return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function fullStack(h: Harness): Promise<void> {
	cleanups.push(() => h.close());
	await seedCategories(h.storage, new Date());
	const base = await h.listen();
	const register = async (username: string) => {
		const res = await fetch(`${base}/api/auth/register`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ username, password: PASSWORD, displayName: username, privacyConsent: true })
		});
		expect(res.status).toBe(201);
		return sessionCookie(res);
	};
	const deviceA = await certifyTestDevice(h, await register('member_a'));
	const cookieB = await register('member_b');

	const remoteA = new PouchDB(`${base}/couch/community`, { auth: { username: 'member_a', password: PASSWORD } });
	const withCookie: typeof fetch = (url, init) => {
		const headers = new Headers(init?.headers);
		headers.set('cookie', cookieB);
		return fetch(url, { ...init, headers });
	};
	const remoteB = new PouchDB(`${base}/couch/community`, {
		fetch: withCookie
	} as PouchDB.Configuration.RemoteDatabaseConfiguration);

	const a = localDb();
	await storeSigned(a, await docsBy(deviceA, DOCS));
	const started = Date.now();
	const push = await a.replicate.to(remoteA);
	const pushMs = Date.now() - started;
	expect(push).toMatchObject({ ok: true, docs_written: DOCS, doc_write_failures: 0 });

	const b = localDb();
	const pullStarted = Date.now();
	const pull = await b.replicate.from(remoteB);
	const pullMs = Date.now() - pullStarted;
	const info = await b.info();
	// 1,000 threads and posts + 7 categories + 2 profiles + member_a's device certificate.
	expect(info.doc_count).toBe(DOCS + 10);
	expect(pull).toMatchObject({ ok: true, doc_write_failures: 0, docs_written: DOCS + 10 });
	process.stdout.write(`[${h.storage.kind}] push ${DOCS} docs: ${pushMs} ms, pull: ${pullMs} ms\n`);

	const again = await b.replicate.from(remoteB);
	expect(again).toMatchObject({ ok: true, docs_read: 0, docs_written: 0 });
	const againPush = await a.replicate.to(remoteA);
	expect(againPush).toMatchObject({ ok: true, docs_read: 0, docs_written: 0 });

	const watch = longpollWatch(withCookie);
	const liveRemote = new PouchDB(`${base}/couch/community`, {
		fetch: watch.fetch
	} as PouchDB.Configuration.RemoteDatabaseConfiguration);
	const live = b.replicate.from(liveRemote, { live: true, retry: false });
	try {
		const waiting = await watch.waiting();
		const [fresh] = await docsBy(deviceA, 2);
		const id = (fresh as { _id: string })._id;
		const received = new Promise<void>((resolve) =>
			live.on('change', (change) => {
				if (change.docs.some((d) => d._id === id)) resolve();
			})
		);
		await remoteA.bulkDocs([fresh as PouchDB.Core.PutDocument<object>], { new_edits: false });
		await received;
		// the store's change woke the longpoll that was waiting (how fast is bench/incremental.ts's figure)
		expect(waiting).toContain(watch.carrier(id));
	} finally {
		// wait until the replication has really stopped: a request of it still in flight when the
		// server closes at teardown rejects inside PouchDB (an unhandled rejection in a CI run)
		await new Promise<void>((resolve) => {
			const timer = setTimeout(resolve, 5000);
			live.once('complete', () => {
				clearTimeout(timer);
				resolve();
			});
			live.cancel();
		});
	}
}

describe('replication through the full app', () => {
	it('works on the embedded store', async () => {
		await fullStack(createHarness({ kind: 'memory' }));
	}, 60_000);

	it('works with COUCHDB_URL pointing at a CouchDB-protocol server', async () => {
		const couchdbUrl = await startStockCouch();
		const h = createHarness({ kind: 'couchdb', couchdbUrl });
		await fullStack(h);
		// The data really lives on the CouchDB server, and the accounts too (server-only db).
		const res = await fetch(`${couchdbUrl}/community`);
		expect(((await res.json()) as { doc_count: number }).doc_count).toBe(DOCS + 11);
		expect((await fetch(`${couchdbUrl}/praxis-users/user:member_a`)).status).toBe(200);
	}, 60_000);
});

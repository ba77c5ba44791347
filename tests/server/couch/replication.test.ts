// The real PouchDB replicator against the gateway over a socket: push, pull, no-op re-sync, live pull.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import PouchDB from 'pouchdb';
import { createCouchHarness, PASSWORD, type CouchHarness } from '../helpers/couch-harness';
import { category, post, thread } from '../helpers/community-docs';
import { writeDocs } from '../../../server/couch/index';
import { longpollWatch } from '../helpers/longpoll-watch';

const DOCS = 1000;
let h: CouchHarness;
let base: string;
const locals: PouchDB.Database[] = [];

const local = (name: string) => {
	const db = new PouchDB(`repl-${name}-${Date.now()}-${Math.random()}`, { adapter: 'memory' });
	locals.push(db);
	return db;
};
const remote = (user: string) => new PouchDB(`${base}/community`, { auth: { username: user, password: PASSWORD } });

beforeAll(async () => {
	h = createCouchHarness();
	base = await h.listen();
	const seeded = await writeDocs(h.storage, 'community', { name: 'mod', roles: ['member', 'moderator'] }, [
		category('mod')
	]);
	expect(seeded[0]).toMatchObject({ ok: true });
});
afterAll(async () => {
	await Promise.all(locals.map((db) => db.destroy()));
	await h.close();
});

describe('replication through the gateway', () => {
	it('pushes 1,000 docs as A, B pulls them all, a second sync moves nothing, live pull sees a new doc', async () => {
		const a = local('a');
		const docs: object[] = [];
		for (let i = 0; i < DOCS / 2; i++) {
			const t = thread('alice', { title: `Thread ${i}` });
			docs.push(t, post('alice', t._id, { body: `Reply ${i}` }));
		}
		await a.bulkDocs(docs);

		const push = await a.replicate.to(remote('alice'));
		expect(push).toMatchObject({ ok: true, docs_written: DOCS, doc_write_failures: 0 });

		const b = local('b');
		const pull = await b.replicate.from(remote('bob'));
		expect(pull).toMatchObject({ ok: true, docs_written: DOCS + 1, doc_write_failures: 0 });
		expect((await b.info()).doc_count).toBe(DOCS + 1);

		const again = await b.replicate.from(remote('bob'));
		expect(again).toMatchObject({ ok: true, docs_read: 0, docs_written: 0 });
		const againPush = await a.replicate.to(remote('alice'));
		expect(againPush).toMatchObject({ ok: true, docs_read: 0, docs_written: 0 });

		const watch = longpollWatch();
		const live = b.replicate.from(
			new PouchDB(`${base}/community`, {
				auth: { username: 'bob', password: PASSWORD },
				fetch: watch.fetch
			} as PouchDB.Configuration.RemoteDatabaseConfiguration),
			{ live: true, retry: false }
		);
		try {
			const waiting = await watch.waiting();
			const fresh = thread('alice', { title: 'Live one' });
			const received = new Promise<void>((resolve) =>
				live.on('change', (info) => {
					if (info.docs.some((d) => d._id === fresh._id)) resolve();
				})
			);
			await a.put(fresh);
			await a.replicate.to(remote('alice'));
			await received;
			// the server woke the longpoll that was waiting, rather than the puller asking again later
			expect(waiting).toContain(watch.carrier(fresh._id));
			expect((await b.get(fresh._id)) as object).toMatchObject({ title: 'Live one' });
		} finally {
			live.cancel();
		}
	});

	it('pulls attachments and round-trips ids with slashes and colons in a userdb', async () => {
		const db = `${base}/userdb-${Buffer.from('alice').toString('hex')}`;
		const mine = new PouchDB(db, { auth: { username: 'alice', password: PASSWORD } });
		const src = local('src');
		await src.bulkDocs([
			{ _id: 'note:a/b:c d', type: 'note', text: 'odd id' },
			{
				_id: 'file:1',
				type: 'file',
				_attachments: { 'x/y.txt': { content_type: 'text/plain', data: Buffer.from('hello').toString('base64') } }
			}
		]);
		expect(await src.replicate.to(mine)).toMatchObject({ ok: true, docs_written: 2 });
		const back = local('back');
		expect(await back.replicate.from(mine)).toMatchObject({ ok: true, docs_written: 2 });
		expect(await back.get('note:a/b:c d')).toMatchObject({ text: 'odd id' });
		const att = (await back.getAttachment('file:1', 'x/y.txt')) as Buffer;
		expect(att.toString()).toBe('hello');
	});
});

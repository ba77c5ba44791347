// The _changes feed: normal options, longpoll waiting with heartbeats and timeout, and cleanup
// of the shared live listener when clients go away.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { createCouchHarness, type CouchHarness } from '../helpers/couch-harness';
import { category, thread } from '../helpers/community-docs';
import { writeDocs } from '../../../server/couch/index';
import { handleChanges } from '../../../server/couch/changes';
import { ChangeNotifier } from '../../../server/couch/notifier';
import type { AuthVariables } from '../../../server/auth/types';

interface Feed {
	results: { id: string; seq: number; changes: { rev: string }[]; doc?: { _id: string } }[];
	last_seq: number;
	pending: number;
}

let h: CouchHarness;
const alice = { name: 'alice', roles: ['member' as const] };
const seed = async (n: number) => {
	const docs = Array.from({ length: n }, (_, i) => thread('alice', { title: `T${i}` }));
	await writeDocs(h.storage, 'community', alice, docs);
	return docs;
};
const feed = async (query: string, init: RequestInit = {}): Promise<Feed> => {
	const res = await h.request(`/couch/community/_changes${query}`, init);
	expect(res.status).toBe(200);
	return (await res.json()) as Feed;
};

beforeEach(async () => {
	h = createCouchHarness();
	await writeDocs(h.storage, 'community', { name: 'mod', roles: ['moderator'] }, [category('mod')]);
});
afterEach(async () => {
	await h.close();
});

describe('_changes', () => {
	it('pages with since and limit, reports pending, includes docs and filters by doc ids', async () => {
		const docs = await seed(5);
		const first = await feed('?since=0&limit=2&style=all_docs');
		expect(first.results).toHaveLength(2);
		expect(first.pending).toBeGreaterThan(0);
		const rest = await feed(`?since=${first.last_seq}&include_docs=true`);
		expect(rest.results).toHaveLength(4);
		expect(rest.pending).toBe(0);
		expect(rest.results[3].doc?._id).toBe(docs[4]._id);
		const filtered = await feed('?filter=_doc_ids', {
			method: 'POST',
			body: JSON.stringify({ doc_ids: [docs[1]._id] })
		});
		expect(filtered.results.map((r) => r.id)).toEqual([docs[1]._id]);
		const desc = await feed('?descending=true&limit=1');
		expect(desc.results[0].id).toBe(docs[4]._id);
	});

	it('answers a longpoll at once when changes exist', async () => {
		await seed(1);
		// The longest timeout the server allows: a longpoll that waited for it would outlast this
		// test's own timeout, so an answer at all means an answer at once.
		const res = await feed('?feed=longpoll&since=0&timeout=60000');
		expect(res.results.length).toBe(2);
	});

	it('holds a longpoll until the first change, writing heartbeats meanwhile', async () => {
		const { last_seq } = await feed('');
		const pending = h.request(`/couch/community/_changes?feed=longpoll&since=${last_seq}&heartbeat=100&timeout=10000`);
		await new Promise((resolve) => setTimeout(resolve, 350));
		const [doc] = await seed(1);
		const res = await pending;
		const text = await res.text();
		expect(text.startsWith('\n\n')).toBe(true);
		const body = JSON.parse(text) as Feed;
		expect(body.results.map((r) => r.id)).toEqual([doc._id]);
	});

	it('ends a quiet longpoll after its timeout with no results', async () => {
		const started = Date.now();
		const body = await feed('?feed=longpoll&since=now&timeout=300');
		expect(body.results).toEqual([]);
		expect(typeof body.last_seq).toBe('number');
		expect(Date.now() - started).toBeGreaterThanOrEqual(250);
	});
});

describe('longpoll listeners', () => {
	it('shares one live listener among many waiting clients and drops it when they leave', async () => {
		const notifier = new ChangeNotifier();
		const db = h.storage.db('community');
		db.setMaxListeners(0); // as openDb does
		const app = new Hono<{ Variables: AuthVariables }>();
		app.get('/_changes', (c) =>
			handleChanges(c, { name: 'community', kind: 'community', db, user: alice, existed: true }, notifier, true)
		);
		const { update_seq } = await db.info();
		const open = (signal?: AbortSignal) =>
			app.request(`/_changes?feed=longpoll&since=${update_seq}&heartbeat=50`, { signal });

		const leaving = Array.from({ length: 100 }, () => new AbortController());
		await Promise.all(leaving.map((ac) => open(ac.signal)));
		expect(notifier.openFeeds).toBe(1);
		leaving.forEach((ac) => ac.abort());
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(notifier.openFeeds).toBe(0);

		const bodies = (await Promise.all(Array.from({ length: 100 }, () => open()))).map((r) => r.text());
		expect(notifier.openFeeds).toBe(1);
		await seed(1);
		const answered = await Promise.all(bodies);
		expect(answered.every((t) => (JSON.parse(t) as Feed).results.length === 1)).toBe(true);
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(notifier.openFeeds).toBe(0);
		notifier.close();
	});

	it('answers the clients one write wakes with one read of the feed, and a normal feed reads on its own', async () => {
		const notifier = new ChangeNotifier();
		const db = h.storage.db('community');
		db.setMaxListeners(0);
		const app = new Hono<{ Variables: AuthVariables }>();
		app.get('/_changes', (c) =>
			handleChanges(c, { name: 'community', kind: 'community', db, user: alice, existed: true }, notifier, true)
		);
		const { update_seq } = await db.info();
		const reads: unknown[] = [];
		const changes = db.changes.bind(db);
		db.changes = ((options: PouchDB.Core.ChangesOptions) => {
			if ((options as { return_docs?: boolean }).return_docs === true) reads.push(options.since); // the handler's reads (not the live listener's own)
			return changes(options);
		}) as typeof db.changes;
		try {
			const bodies = (
				await Promise.all(
					Array.from({ length: 50 }, () => app.request(`/_changes?feed=longpoll&since=${update_seq}&include_docs=true`))
				)
			).map((r) => r.text());
			const before = reads.length; // each request's first read (some of them shared)
			expect(before).toBeGreaterThan(0);
			expect(before).toBeLessThanOrEqual(50);
			const [doc] = await seed(1);
			const answered = (await Promise.all(bodies)).map((t) => JSON.parse(t) as Feed);
			expect(answered.every((a) => a.results.length === 1 && a.results[0].doc?._id === doc._id)).toBe(true);
			expect(reads.slice(before)).toEqual([update_seq]);
			// normal feeds asked together each read (they must see every write finished before them)
			const normal = await Promise.all(
				[1, 2, 3].map(async () => (await app.request(`/_changes?since=${update_seq}`)).json() as Promise<Feed>)
			);
			expect(normal.every((n) => n.results.length === 1)).toBe(true);
			expect(reads.length - before).toBe(4);
		} finally {
			db.changes = changes;
			notifier.close();
		}
	});
});

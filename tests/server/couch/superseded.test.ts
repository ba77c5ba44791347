// Superseded revisions (edited or deleted since) of community documents: their bodies reach
// their author only, by every read path of the gateway; leaves stay readable to everyone, so a
// stock PouchDB replicator still pulls edits and conflicts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import PouchDB from 'pouchdb';
import { createCouchHarness, PASSWORD, type CouchHarness } from '../helpers/couch-harness';
import { category, post, thread } from '../helpers/community-docs';
import { writeDocs } from '../../../server/couch/index';

const OLD_BIO = 'OLD BIO: call my mobile 0612';
const OLD_POST = 'OLD POST: the first draft';
const alice = { name: 'alice', roles: ['member' as const] };
const mod = { name: 'mod', roles: ['member' as const, 'moderator' as const] };
const enc = encodeURIComponent;
const body = (value: unknown) => ({ method: 'POST', body: JSON.stringify(value) });

let h: CouchHarness;
/** profile:alice at rev 1 (with the bio) and rev 2 (bio hidden). */
let profile: { id: string; old: string; current: string };

async function write(actor: typeof alice | typeof mod, doc: Record<string, unknown>): Promise<string> {
	const [result] = await writeDocs(h.storage, 'community', actor, [doc]);
	expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
	return result.rev!;
}

beforeEach(async () => {
	h = createCouchHarness();
	await write(mod, category('mod'));
	const doc = {
		_id: 'profile:alice',
		type: 'profile',
		author: 'alice',
		createdAt: new Date().toISOString(),
		displayName: 'Alice',
		bio: OLD_BIO
	};
	const old = await write(alice, doc);
	const { bio: _hidden, ...withoutBio } = doc;
	void _hidden;
	const current = await write(alice, { ...withoutBio, _rev: old, updatedAt: new Date().toISOString() });
	profile = { id: doc._id, old, current };
});
afterEach(async () => {
	await h.close();
});

const read = async (path: string, user: string, init: RequestInit = {}) => {
	const res = await h.request(path, { ...init, user });
	return { status: res.status, text: await res.text() };
};

describe('a superseded revision', () => {
	it('is 404 missing by ?rev= to another member, with or without revs, and served to its author', async () => {
		for (const query of [
			`rev=${profile.old}`,
			`rev=${profile.old}&revs=true`,
			`rev=${profile.old}&revs_info=true`,
			`rev=${profile.old}&conflicts=true`
		]) {
			const bob = await read(`/couch/community/${enc(profile.id)}?${query}`, 'bob');
			expect(bob.status, query).toBe(404);
			expect(JSON.parse(bob.text)).toEqual({ error: 'not_found', reason: 'missing' });
		}
		const own = await read(`/couch/community/${enc(profile.id)}?rev=${profile.old}`, 'alice');
		expect(own.status).toBe(200);
		expect(JSON.parse(own.text)).toMatchObject({ _rev: profile.old, bio: OLD_BIO });
	});

	it('is {missing} in open_revs to another member; open_revs=all lists leaves only', async () => {
		const named = await read(
			`/couch/community/${enc(profile.id)}?open_revs=${enc(JSON.stringify([profile.old, profile.current]))}&revs=true`,
			'bob'
		);
		expect(JSON.parse(named.text)).toEqual([
			{ missing: profile.old },
			{ ok: expect.objectContaining({ _rev: profile.current }) }
		]);
		const all = await read(`/couch/community/${enc(profile.id)}?open_revs=all&revs=true`, 'bob');
		expect(all.text).not.toContain(OLD_BIO);
		expect(JSON.parse(all.text)).toHaveLength(1);
		const own = await read(
			`/couch/community/${enc(profile.id)}?open_revs=${enc(JSON.stringify([profile.old]))}`,
			'alice'
		);
		expect(JSON.parse(own.text)).toEqual([{ ok: expect.objectContaining({ bio: OLD_BIO }) }]);
	});

	it('is {missing} in _bulk_get, with revs=true too; latest=true answers the leaf', async () => {
		for (const query of ['', '?revs=true', '?revs=true&attachments=true']) {
			const got = await read(
				`/couch/community/_bulk_get${query}`,
				'bob',
				body({ docs: [{ id: profile.id, rev: profile.old }, { id: 'category:general' }] })
			);
			expect(got.text, query).not.toContain(OLD_BIO);
			const { results } = JSON.parse(got.text) as { results: Array<{ docs: unknown[] }> };
			expect(results[0].docs).toEqual([{ missing: profile.old }]);
			expect(results[1].docs).toEqual([{ ok: expect.objectContaining({ _id: 'category:general' }) }]);
		}
		const winner = await read('/couch/community/_bulk_get?revs=true', 'bob', body({ docs: [{ id: profile.id }] }));
		expect(JSON.parse(winner.text).results[0].docs).toEqual([
			{ ok: expect.objectContaining({ _rev: profile.current }) }
		]);
		const latest = await read(
			'/couch/community/_bulk_get?revs=true&latest=true',
			'bob',
			body({ docs: [{ id: profile.id, rev: profile.old }] })
		);
		expect(JSON.parse(latest.text).results[0].docs).toEqual([
			{ ok: expect.objectContaining({ _rev: profile.current }) }
		]);
		const own = await read(
			'/couch/community/_bulk_get?revs=true',
			'alice',
			body({ docs: [{ id: profile.id, rev: profile.old }] })
		);
		expect(JSON.parse(own.text).results[0].docs[0].ok).toMatchObject({ bio: OLD_BIO, _revisions: { start: 1 } });
	});

	it('keeps its id listed (_revisions, revs_info, all_docs style) but reports its body missing to others', async () => {
		const revs = JSON.parse((await read(`/couch/community/${enc(profile.id)}?revs=true&revs_info=true`, 'bob')).text);
		expect(revs._revisions).toMatchObject({ start: 2, ids: [profile.current.slice(2), profile.old.slice(2)] });
		expect(revs._revs_info).toEqual([
			{ rev: profile.current, status: 'available' },
			{ rev: profile.old, status: 'missing' }
		]);
		const own = JSON.parse((await read(`/couch/community/${enc(profile.id)}?revs_info=true`, 'alice')).text);
		expect(own._revs_info[1]).toEqual({ rev: profile.old, status: 'available' });
		const feeds = [
			await read('/couch/community/_changes?include_docs=true&style=all_docs&conflicts=true', 'bob'),
			await read('/couch/community/_all_docs?include_docs=true&conflicts=true', 'bob'),
			await read('/couch/community/_all_docs?include_docs=true', 'bob', body({ keys: [profile.id] }))
		];
		for (const feed of feeds) {
			expect(feed.status).toBe(200);
			expect(feed.text).not.toContain(OLD_BIO);
			expect(feed.text).toContain(profile.current);
		}
	});

	it('is not served to a moderator who is not its author, even one who made the edit', async () => {
		const t = thread('alice');
		await write(alice, t);
		const p = post('alice', t._id, { body: OLD_POST });
		const first = await write(alice, p);
		const edited = await write(mod, {
			...p,
			_rev: first,
			body: 'Edited by a moderator',
			updatedAt: new Date().toISOString()
		});
		for (const user of ['mod', 'bob']) {
			expect((await read(`/couch/community/${enc(p._id)}?rev=${first}`, user)).status, user).toBe(404);
			const bulk = await read(
				'/couch/community/_bulk_get?revs=true',
				user,
				body({ docs: [{ id: p._id, rev: first }] })
			);
			expect(JSON.parse(bulk.text).results[0].docs).toEqual([{ missing: first }]);
		}
		expect(JSON.parse((await read(`/couch/community/${enc(p._id)}?rev=${first}`, 'alice')).text)).toMatchObject({
			body: OLD_POST
		});
		// deleted: the tombstone is the leaf; the last text is superseded, still the author's alone
		await write(alice, { _id: p._id, _rev: edited, _deleted: true });
		expect((await read(`/couch/community/${enc(p._id)}?rev=${edited}`, 'bob')).status).toBe(404);
		expect((await read(`/couch/community/${enc(p._id)}?rev=${edited}`, 'alice')).status).toBe(200);
	});

	it('leaves conflicting leaves readable to every member', async () => {
		const t = thread('alice', { title: 'Root' });
		const root = await write(alice, t);
		const db = h.storage.db('community');
		const branch = (id: string, title: string) => ({
			...t,
			title,
			_rev: `2-${id}`,
			_revisions: { start: 2, ids: [id, root.slice(2)] }
		});
		await db.bulkDocs([branch('aaaa', 'Left'), branch('bbbb', 'Right')], { new_edits: false });
		const leaves = await read(
			`/couch/community/${enc(t._id)}?open_revs=${enc(JSON.stringify(['2-aaaa', '2-bbbb', root]))}`,
			'bob'
		);
		expect(JSON.parse(leaves.text)).toEqual([
			{ ok: expect.objectContaining({ title: 'Left' }) },
			{ ok: expect.objectContaining({ title: 'Right' }) },
			{ missing: root }
		]);
		expect((await read(`/couch/community/${enc(t._id)}?rev=2-aaaa`, 'bob')).status).toBe(200);
	});
});

describe('a superseded library file', () => {
	it('is served to its author only, document and bytes', async () => {
		const file = {
			_id: 'file:01JEEEEEEEEEEEEEEEEEEEEEE1',
			type: 'file',
			author: 'alice',
			createdAt: new Date().toISOString(),
			name: 'minutes.txt',
			contentType: 'text/plain',
			size: 18,
			_attachments: { file: { content_type: 'text/plain', data: Buffer.from('CONFIDENTIAL NOTES').toString('base64') } }
		};
		const [stored] = await writeDocs(h.storage, 'library-files', alice, [file]);
		const [removed] = await writeDocs(h.storage, 'library-files', mod, [
			{ _id: file._id, _rev: stored.rev, _deleted: true }
		]);
		expect(removed).toMatchObject({ ok: true });
		const path = `/couch/library-files/${enc(file._id)}`;
		for (const query of [`?rev=${stored.rev}&attachments=true`, `/file?rev=${stored.rev}`]) {
			expect((await read(path + query, 'bob')).status, query).toBe(404);
			expect((await read(path + query, 'mod')).status, query).toBe(404);
		}
		expect((await read(`${path}/file?rev=${stored.rev}`, 'alice')).text).toBe('CONFIDENTIAL NOTES');
	});
});

describe('a stock PouchDB replicator', () => {
	it('pulls edits, deletions and conflicts, pushes, and never receives a superseded body', async () => {
		const base = await h.listen();
		const remote = (user: string) => new PouchDB(`${base}/community`, { auth: { username: user, password: PASSWORD } });
		const bob = new PouchDB(`superseded-bob-${Date.now()}`, { adapter: 'memory' });
		const ada = new PouchDB(`superseded-alice-${Date.now()}`, { adapter: 'memory' });
		try {
			const first = await bob.replicate.from(remote('bob'));
			expect(first).toMatchObject({ ok: true, doc_write_failures: 0 });

			// edits, a deletion and a conflict after bob's first pull
			const t = thread('alice', { title: 'Before' });
			const t1 = await write(alice, t);
			const p = post('alice', t._id, { body: OLD_POST });
			const p1 = await write(alice, p);
			await bob.replicate.from(remote('bob'));
			const t2 = await write(alice, { ...t, _rev: t1, title: 'After' });
			await write(alice, { _id: p._id, _rev: p1, _deleted: true });
			const branch = (id: string, title: string) => ({
				...t,
				title,
				_rev: `3-${id}`,
				_revisions: { start: 3, ids: [id, t2.slice(2), t1.slice(2)] }
			});
			await h.storage.db('community').bulkDocs([branch('aaaa', 'Left'), branch('bbbb', 'Right')], { new_edits: false });

			const second = await bob.replicate.from(remote('bob'));
			expect(second).toMatchObject({ ok: true, doc_write_failures: 0 });
			const got = (await bob.get(t._id, { conflicts: true })) as { title: string; _conflicts?: string[] };
			expect(got.title).toBe('Right');
			expect(got._conflicts).toEqual(['3-aaaa']);
			await expect(bob.get(p._id)).rejects.toMatchObject({ status: 404 });
			// bob's replica holds the profile without the bio, and never held the bio at all
			expect(await bob.get(profile.id)).not.toHaveProperty('bio');
			await expect(bob.get(profile.id, { rev: profile.old })).rejects.toMatchObject({ status: 404 });

			// alice's own replica pulls everything (her old revisions are hers), then pushes an edit
			expect(await ada.replicate.from(remote('alice'))).toMatchObject({ ok: true, doc_write_failures: 0 });
			const mine = await ada.get(profile.id);
			await ada.put({ ...mine, displayName: 'Alice B.' });
			expect(await ada.replicate.to(remote('alice'))).toMatchObject({
				ok: true,
				docs_written: 1,
				doc_write_failures: 0
			});
			expect(await bob.replicate.from(remote('bob'))).toMatchObject({
				ok: true,
				docs_written: 1,
				doc_write_failures: 0
			});
			expect(await bob.get(profile.id)).toMatchObject({ displayName: 'Alice B.' });
		} finally {
			await Promise.all([bob.destroy(), ada.destroy()]);
		}
	});
});

// Store writes and queries: validation, authorization, edits and deletions through the API,
// votes, unread markers, tag filter and paging, drafts, rejected writes, local data removal.
import { afterEach, describe, expect, it } from 'vitest';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { configureDevice, forgetMember, rememberMember, rememberedMember } from '../../../src/lib/store/device';
import { destroyLocalData } from '../../../src/lib/store/open';
import { normalizeTags } from '../../../src/lib/store/writes';
import {
	ULIDS,
	categoryDoc,
	closeTestStores,
	openTestStore,
	testOptions,
	threadDoc,
	transactionCounter,
	uniqueName
} from './support';

afterEach(closeTestStores);

describe('store writes', () => {
	it('creates a thread and replies; both are pending until acknowledged', async () => {
		const store = await openTestStore();
		const id = await store.createThread({
			category: 'general',
			title: '  Open data  ',
			body: 'Hi',
			tags: ['Open Data', 'open-data', ' ']
		});
		expect(id).toMatch(/^thread:[0-9A-Z]{26}$/);
		const postId = await store.reply({ thread: id, body: 'First!' });
		const thread = await store.getThread(id);
		expect(thread).toMatchObject({
			title: 'Open data',
			tags: ['open-data'],
			replyCount: 1,
			pending: true,
			unread: false,
			author: store.member.name
		});
		const [post] = await store.listPosts(id);
		expect(post).toMatchObject({ id: postId, body: 'First!', pending: true, edited: false });
		expect(await store.pendingCount()).toBe(2);
		const doc = await store.replica.community.get(postId);
		await store.replica.acknowledge('community', [{ _id: postId, _rev: doc._rev }]);
		expect(await store.isPending(postId)).toBe(false);
		expect(await store.pendingCount()).toBe(1);
	});

	it('refuses invalid documents with a readable message', async () => {
		const store = await openTestStore();
		await expect(store.createThread({ category: 'general', title: '', body: 'x', tags: [] })).rejects.toThrow(/title/);
		await expect(store.reply({ thread: 'thread:nope', body: 'x' })).rejects.toThrow(/thread/);
		await expect(
			store.createThread({ category: 'general', title: 't', body: 'x', tags: ['not a tag!'] })
		).rejects.toThrow(/tags/);
		expect(await store.pendingCount()).toBe(0);
	});

	it('edits and deletes own posts; refuses changing another member’s thread', async () => {
		const store = await openTestStore();
		const id = await store.createThread({ category: 'general', title: 'T', body: 'B', tags: [] });
		const postId = await store.reply({ thread: id, body: 'one' });
		await store.editPost(postId, { body: 'two' });
		expect((await store.listPosts(id))[0]).toMatchObject({ body: 'two', edited: true });
		await store.editThread(id, { title: 'T2', tags: ['x'] });
		expect(await store.getThread(id)).toMatchObject({ title: 'T2', tags: ['x'], edited: true });
		await store.deletePost(postId);
		expect((await store.listPosts(id))[0]).toMatchObject({ id: postId, deleted: 1, body: '' });
		expect((await store.getThread(id))?.replyCount).toBe(0);
		const tomb = (await store.replica.community.get(postId, { revs: true, open_revs: 'all' })) as unknown as Array<{
			ok: Record<string, unknown>;
		}>;
		expect(tomb[0].ok).toMatchObject({ _deleted: true, type: 'post', thread: id, author: store.member.name });
		expect(tomb[0].ok.body).toBeUndefined();
		await store.deleteThread(id);
		expect(await store.countThreads('general')).toBe(0);

		await store.replica.community.put(threadDoc(ULIDS.t1, 'general', 0, { author: 'someone-else' }));
		await store.projected();
		await expect(store.editThread(`thread:${ULIDS.t1}`, { title: 'mine now' })).rejects.toThrow(
			/author or a moderator/
		);
	});

	it('lets moderators edit any thread', async () => {
		const store = await openTestStore({ roles: ['member', 'moderator'] });
		await store.replica.community.put(threadDoc(ULIDS.t1, 'general', 0, { author: 'someone-else' }));
		await store.editThread(`thread:${ULIDS.t1}`, { body: 'moderated' });
		expect((await store.getThread(`thread:${ULIDS.t1}`))?.body).toBe('moderated');
	});

	it('votes, changes and removes a vote', async () => {
		const store = await openTestStore();
		const id = await store.createThread({ category: 'general', title: 'T', body: 'B', tags: [] });
		await store.vote(id, 1);
		expect(await store.getThread(id)).toMatchObject({ voteScore: 1, myVote: 1 });
		await store.vote(id, -1);
		expect(await store.getThread(id)).toMatchObject({ voteScore: -1, myVote: -1 });
		await store.vote(id, 0);
		expect(await store.getThread(id)).toMatchObject({ voteScore: 0, myVote: 0 });
		await store.vote(id, 0); // removing twice is harmless
	});

	it('saves the member profile and serves display names', async () => {
		const store = await openTestStore();
		await store.saveProfile({ displayName: 'Ada L.', organization: 'City of X', expertise: ['Open Data'] });
		await store.saveProfile({ displayName: 'Ada Lovelace' });
		expect(await store.getProfile(store.member.name)).toMatchObject({
			displayName: 'Ada Lovelace',
			organization: 'City of X',
			expertise: ['open-data']
		});
		const names = await store.displayNames([store.member.name, 'ghost']);
		expect(names.get(store.member.name)).toBe('Ada Lovelace');
		expect(names.get('ghost')).toBe('ghost');
	});
});

describe('store queries', () => {
	it('lists threads by last activity with paging, tag filter and unread markers', async () => {
		const store = await openTestStore();
		await store.replica.community.put(categoryDoc('general'));
		const docs = Array.from({ length: 30 }, (_, i) =>
			threadDoc(`01JAAAAAAAAAAAAAAAAAAAA${String(i).padStart(3, '0')}`, 'general', i, {
				tags: i % 3 === 0 ? ['budget'] : []
			})
		);
		await store.replica.community.bulkDocs(docs);
		await store.projected();
		const page1 = await store.listThreads('general', { limit: 25 });
		const page2 = await store.listThreads('general', { limit: 25, offset: 25 });
		expect(page1).toHaveLength(25);
		expect(page2).toHaveLength(5);
		expect(page1[0].id).toBe(docs[29]._id);
		expect(page2[4].id).toBe(docs[0]._id);
		expect(await store.countThreads('general')).toBe(30);
		expect(await store.countThreads('general', 'budget')).toBe(10);
		const tagged = await store.listThreads('general', { tag: 'budget', limit: 3, offset: 1 });
		expect(tagged.map((t) => t.id)).toEqual([docs[24]._id, docs[21]._id, docs[18]._id]);

		const first = page1[0];
		expect(first.unread).toBe(true);
		await store.markThreadRead(first.id);
		expect((await store.getThread(first.id))?.unread).toBe(false);
		await store.reply({ thread: first.id, body: 'my own reply' });
		expect((await store.getThread(first.id))?.unread).toBe(false);
		await store.replica.community.put({
			_id: 'post:01JBBBBBBBBBBBBBBBBBBBBBB9',
			type: 'post',
			author: 'someone',
			createdAt: new Date().toISOString(),
			thread: first.id,
			body: 'news'
		});
		await store.projected();
		expect((await store.getThread(first.id))?.unread).toBe(true);
	});

	it('marks a thread read in one transaction, again when it already is read', async () => {
		const transactions = transactionCounter();
		try {
			const store = await openTestStore();
			await store.replica.community.put(categoryDoc('general'));
			await store.replica.community.bulkDocs([threadDoc(ULIDS.t1, 'general', 1)]);
			await store.projected();
			const id = `thread:${ULIDS.t1}`;
			expect((await store.getThread(id))?.unread).toBe(true);
			expect(await transactions.count(() => store.markThreadRead(id))).toBe(1);
			expect((await store.getThread(id))?.unread).toBe(false);
			const before = await store.listThreads('general');
			expect(await transactions.count(() => store.markThreadRead(id))).toBe(1);
			expect(await store.listThreads('general')).toEqual(before);
		} finally {
			transactions.restore();
		}
	});

	it('keeps the tag filter in step with edits, replies and deletions', async () => {
		const store = await openTestStore();
		const a = await store.createThread({ category: 'general', title: 'A', body: 'x', tags: ['budget', 'cloud'] });
		const b = await store.createThread({ category: 'general', title: 'B', body: 'x', tags: ['budget'] });
		await store.createThread({ category: 'other', title: 'C', body: 'x', tags: ['budget'] });
		expect((await store.listThreads('general', { tag: 'budget' })).map((t) => t.id)).toEqual([b, a]);
		await store.replica.community.put({
			_id: 'post:01JBBBBBBBBBBBBBBBBBBBBBB8',
			type: 'post',
			author: 'zed',
			createdAt: new Date(Date.now() + 60_000).toISOString(),
			thread: a,
			body: 'bump'
		});
		await store.projected();
		expect((await store.listThreads('general', { tag: 'budget' })).map((t) => t.id)).toEqual([a, b]);
		await store.editThread(a, { tags: ['cloud'] });
		expect((await store.listThreads('general', { tag: 'budget' })).map((t) => t.id)).toEqual([b]);
		expect(await store.countThreads('general', 'cloud')).toBe(1);
		await store.deleteThread(a);
		expect(await store.countThreads('general', 'cloud')).toBe(0);
		await store.rebuild();
		expect(await store.countThreads('general', 'budget')).toBe(1);
		expect(await store.countThreads('other', 'budget')).toBe(1);
	});

	it('keeps drafts', async () => {
		const store = await openTestStore();
		await store.saveDraft('reply:thread:x', { body: 'half' });
		expect(await store.getDraft('reply:thread:x')).toEqual({ body: 'half' });
		await store.deleteDraft('reply:thread:x');
		expect(await store.getDraft('reply:thread:x')).toBeUndefined();
	});

	it('discarding a refused creation removes it from the device', async () => {
		const store = await openTestStore();
		const id = await store.createThread({ category: 'nowhere', title: 'T', body: 'B', tags: [] });
		await store.replica.recordDenied('community', id, 'unknown category');
		expect(await store.listRejected()).toMatchObject([{ id, reason: 'unknown category' }]);
		expect(await store.pendingCount()).toBe(0);
		await store.discardRejected(id);
		expect(await store.listRejected()).toEqual([]);
		expect((await store.getThread(id))?.deleted).toBe(1);
	});

	it('ignores a late second refusal of a creation already discarded, but keeps a refused deletion', async () => {
		const store = await openTestStore();
		const id = await store.createThread({ category: 'nowhere', title: 'T', body: 'B', tags: [] });
		await store.replica.recordDenied('community', id, 'unknown category');
		await store.discardRejected(id);
		await store.replica.recordDenied('community', id, 'unknown category', null);
		expect(await store.listRejected()).toEqual([]);

		// a deletion the member asked for is still waiting to send: its refusal is shown
		const kept = await store.createThread({ category: 'general', title: 'Mine', body: 'B', tags: [] });
		await store.replica.acknowledge('community', [await store.replica.community.get(kept)]);
		await store.deleteThread(kept);
		await store.replica.recordDenied('community', kept, 'not yours');
		expect(await store.listRejected()).toMatchObject([{ id: kept, reason: 'not yours' }]);
	});

	it('discarding a refused edit restores the server’s version (the replica keeps no earlier one)', async () => {
		const store = await openTestStore();
		const id = await store.createThread({ category: 'general', title: 'Before', body: 'B', tags: [] });
		const accepted = (await store.replica.community.get(id)) as Record<string, unknown> & { _rev: string }; // what the server holds
		await store.editThread(id, { title: 'After' });
		await expect(store.replica.community.get(id, { rev: accepted._rev })).rejects.toMatchObject({ status: 404 });
		await store.replica.recordDenied('community', id, 'no', accepted);
		await store.discardRejected(id);
		expect((await store.getThread(id))?.title).toBe('Before');
		expect(await store.listRejected()).toEqual([]);
	});

	it('discarding a refused edit of a document the server does not have removes it', async () => {
		const store = await openTestStore();
		const id = await store.createThread({ category: 'nowhere', title: 'Before', body: 'B', tags: [] });
		await store.editThread(id, { title: 'After' });
		await store.replica.recordDenied('community', id, 'unknown category', null);
		await store.discardRejected(id);
		expect((await store.getThread(id))?.deleted).toBe(1);
	});
});

describe('device and local data', () => {
	it('remembers the signed-in member', async () => {
		configureDevice({ indexedDB, IDBKeyRange });
		await rememberMember({ name: 'ada', roles: ['member'], displayName: 'Ada' });
		expect(await rememberedMember()).toEqual({ name: 'ada', roles: ['member'], displayName: 'Ada' });
		await forgetMember();
		expect(await rememberedMember()).toBeNull();
	});

	it('destroyLocalData removes the member’s databases', async () => {
		const name = uniqueName();
		const store = await openTestStore({ name });
		await store.createThread({ category: 'general', title: 'T', body: 'B', tags: [] });
		await store.close();
		await destroyLocalData(name, testOptions);
		const again = await openTestStore({ name });
		expect(await again.countThreads('general')).toBe(0);
		expect((await again.replica.community.info()).doc_count).toBe(0);
		expect(normalizeTags(['A b', 'a-b'])).toEqual(['a-b']);
	});
});

// Accepted answers on the device: the thread's author (or a moderator) marks and unmarks a reply,
// the row carries it, "Unanswered" lists only threads with no accepted answer (replied or not),
// and the reply's author is notified.
import { afterEach, describe, expect, it } from 'vitest';
import { notificationsFor, type NotifyLookup } from '../../../src/lib/domain/notifications';
import { ULIDS, closeTestStores, openTestStore, postDoc, threadDoc } from './support';

afterEach(closeTestStores);

describe('accepted answers in the store', () => {
	it('marks and unmarks a reply of my thread without making it read as edited', async () => {
		const store = await openTestStore();
		const id = await store.createThread({ category: 'general', title: 'Exit plans?', body: 'B', tags: [] });
		const postId = await store.reply({ thread: id, body: 'Write it into the tender.' });
		await store.markAnswer(id, postId);
		expect(await store.getThread(id)).toMatchObject({ answer: postId, answeredBy: store.member.name, edited: false });
		await store.markAnswer(id, null);
		const after = await store.getThread(id);
		expect(after?.answer).toBeUndefined();
		expect(after?.answeredBy).toBeUndefined();
	});

	it('refuses a reply of another thread, and a member who did not write the thread', async () => {
		const store = await openTestStore();
		const mine = await store.createThread({ category: 'general', title: 'Mine', body: 'B', tags: [] });
		await store.replica.community.put(threadDoc(ULIDS.t1, 'general', 0, { author: 'someone-else' }));
		await store.replica.community.put(postDoc(ULIDS.p1, `thread:${ULIDS.t1}`, 1));
		await store.projected();
		await expect(store.markAnswer(mine, `post:${ULIDS.p1}`)).rejects.toThrow(/reply in this thread/);
		await expect(store.markAnswer(`thread:${ULIDS.t1}`, `post:${ULIDS.p1}`)).rejects.toThrow(/author or a moderator/);
	});

	it('lets a moderator mark the answer of any thread', async () => {
		const store = await openTestStore({ roles: ['member', 'moderator'] });
		await store.replica.community.put(threadDoc(ULIDS.t1, 'general', 0, { author: 'someone-else' }));
		await store.replica.community.put(postDoc(ULIDS.p1, `thread:${ULIDS.t1}`, 1));
		await store.projected();
		await store.markAnswer(`thread:${ULIDS.t1}`, `post:${ULIDS.p1}`);
		expect((await store.getThread(`thread:${ULIDS.t1}`))?.answer).toBe(`post:${ULIDS.p1}`);
	});

	it('lists and counts the unanswered threads of a category, replied to or not', async () => {
		const store = await openTestStore();
		const answered = await store.createThread({ category: 'general', title: 'Solved', body: 'B', tags: ['x'] });
		const replied = await store.createThread({ category: 'general', title: 'Replied', body: 'B', tags: ['x'] });
		const silent = await store.createThread({ category: 'general', title: 'Silent', body: 'B', tags: [] });
		await store.reply({ thread: replied, body: 'Not quite it' });
		await store.markAnswer(answered, await store.reply({ thread: answered, body: 'This' }));
		const open = await store.listThreads('general', { unanswered: true });
		expect(open.map((t) => t.id).sort()).toEqual([replied, silent].sort());
		expect(await store.countThreads('general', undefined, true)).toBe(2);
		expect(await store.countThreads('general', 'x', true)).toBe(1);
		expect((await store.listThreads('general', { unanswered: true, tag: 'x' })).map((t) => t.id)).toEqual([replied]);
		expect(await store.countThreads('general')).toBe(3);
		// pages count unanswered threads only: the second page of one holds the older one
		const second = await store.listThreads('general', { unanswered: true, offset: 1, limit: 1 });
		expect(second.map((t) => t.id)).toEqual([open[1].id]);
	});
});

describe('a deleted accepted answer', () => {
	it('leaves the thread unanswered until another reply is accepted', async () => {
		const store = await openTestStore();
		const id = await store.createThread({ category: 'general', title: 'Exit plans?', body: 'B', tags: [] });
		const accepted = await store.reply({ thread: id, body: 'Write it into the tender.' });
		const other = await store.reply({ thread: id, body: 'Ask the regional office.' });
		await store.markAnswer(id, accepted);
		expect(await store.listThreads('general', { unanswered: true })).toEqual([]);
		await store.deletePost(accepted);
		expect((await store.getThread(id))?.answerGone).toBe(true);
		expect((await store.listThreads('general', { unanswered: true })).map((t) => t.id)).toEqual([id]);
		expect(await store.countThreads('general', undefined, true)).toBe(1);
		await store.markAnswer(id, other);
		expect((await store.getThread(id))?.answerGone).toBeUndefined();
		expect(await store.countThreads('general', undefined, true)).toBe(0);
	});

	it('is known whatever order the thread and the reply’s deletion arrive in', async () => {
		const store = await openTestStore();
		const post = `post:${ULIDS.p1}`;
		// the deletion first (a first sync in any order), then the thread naming it as its answer
		await store.replica.community.put({ ...postDoc(ULIDS.p1, `thread:${ULIDS.t1}`, 1), _deleted: true });
		await store.projected();
		await store.replica.community.put(
			threadDoc(ULIDS.t1, 'general', 0, { answer: post, answeredBy: 'ana', answeredAt: '2026-01-01T00:05:00.000Z' })
		);
		await store.projected();
		expect((await store.getThread(`thread:${ULIDS.t1}`))?.answerGone).toBe(true);
		expect(await store.countThreads('general', undefined, true)).toBe(1);
	});
});

describe('the accepted-answer notification', () => {
	const thread = {
		_id: `thread:${ULIDS.t1}`,
		type: 'thread',
		author: 'alice',
		createdAt: '2026-01-01T00:00:00.000Z',
		title: 'Exit plans?',
		body: 'B',
		answer: `post:${ULIDS.p1}`,
		answeredBy: 'alice',
		answeredAt: '2026-01-02T00:00:00.000Z'
	};
	const post = { _id: `post:${ULIDS.p1}`, type: 'post', author: 'bob', thread: thread._id, body: 'x' };
	const lookup: NotifyLookup = { get: async (id) => (id === post._id ? post : null), myRsvp: async () => null };

	it('tells the reply’s author who accepted it', async () => {
		const [row] = await notificationsFor(thread, 'bob', lookup);
		expect(row).toMatchObject({
			kind: 'reply',
			actor: 'alice',
			at: '2026-01-02T00:00:00.000Z',
			href: `/forums/t/${ULIDS.t1}#${ULIDS.p1}`
		});
		expect(row.text).toContain('accepted your reply as the answer');
	});

	it('tells nobody else, and not the member who marked it', async () => {
		expect(await notificationsFor(thread, 'carol', lookup)).toEqual([]);
		expect(await notificationsFor({ ...thread, answeredBy: 'bob' }, 'bob', lookup)).toEqual([]);
	});
});

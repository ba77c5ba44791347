// Moderation on one device: moderators' decisions arriving in the community replica are projected
// by item (and taken back when the server deletes them), the member's flags are written into the
// private replica only, validated, shown pending until the server acknowledges them, updated with
// the decision the server writes back, and can be withdrawn only while no moderator decided. A
// rebuild replays both; search leaves out what moderators hid from members who may not see it.
import { afterEach, describe, expect, it } from 'vitest';
import { flagId } from '../../../../src/lib/domain/ids';
import {
	ULIDS,
	at,
	categoryDoc,
	closeTestStores,
	openTestStore,
	postDoc,
	threadDoc,
	uniqueName,
	type TestStore
} from '../support';

afterEach(closeTestStores);

const THREAD = `thread:${ULIDS.t1}`;
const POST = `post:${ULIDS.p1}`;

function moderationDoc(target: string, fields: Record<string, unknown>) {
	return { _id: `moderation:${target}`, type: 'moderation', author: 'praxis', createdAt: at(5), target, ...fields };
}

/** Documents as replication brings them from the server. */
async function receive(store: TestStore, docs: Array<Record<string, unknown>>): Promise<void> {
	for (const doc of docs) {
		const prev = await store.replica.community.get(String(doc._id)).catch(() => null);
		await store.replica.community.put(prev ? { ...doc, _rev: prev._rev } : doc);
	}
	await store.replica.projected();
}

/** A member's store holding one thread (by `threadAuthor`, alice unless said) and one reply by bob. */
async function withForum(member: {
	name: string;
	roles?: Array<'member' | 'moderator' | 'admin'>;
	threadAuthor?: string;
}) {
	const store = await openTestStore({ name: member.name, roles: member.roles ?? ['member'] });
	const thread = threadDoc(ULIDS.t1, 'general', 1, { author: member.threadAuthor ?? 'alice' });
	await receive(store, [categoryDoc('general'), thread, postDoc(ULIDS.p1, THREAD, 2)]);
	return store;
}

describe('moderators’ decisions on the device', () => {
	it('projects hidden, locked and pinned by item, and drops a decision the server deleted', async () => {
		const store = await withForum({ name: 'carol' });
		const hidden = { reason: 'Personal data', at: at(5), by: 'moira' };
		await receive(store, [
			moderationDoc(POST, { hidden }),
			moderationDoc(THREAD, { locked: { reason: 'Resolved', at: at(6) }, pinned: true })
		]);
		expect(await store.moderation.decisionOn(POST)).toEqual({ target: POST, hidden });
		const both = await store.moderation.decisionsOn([POST, THREAD, 'thread:none']);
		expect([...both.keys()].sort()).toEqual([POST, THREAD].sort());
		expect(both.get(THREAD)).toMatchObject({ locked: { reason: 'Resolved' }, pinned: true });
		expect(await store.moderation.pinnedThreads('general')).toEqual([THREAD]);
		expect(await store.moderation.pinnedThreads('other')).toEqual([]);

		// unpinned and unlocked: the fields go
		await receive(store, [moderationDoc(THREAD, {})]);
		expect(await store.moderation.decisionOn(THREAD)).toEqual({ target: THREAD });
		expect(await store.moderation.pinnedThreads('general')).toEqual([]);

		const doc = await store.replica.community.get(`moderation:${POST}`);
		await store.replica.community.remove(doc);
		await store.replica.projected();
		expect(await store.moderation.decisionOn(POST)).toBeUndefined();
	});

	it('ignores a moderation document whose id and target disagree', async () => {
		const store = await withForum({ name: 'dora' });
		await receive(store, [{ ...moderationDoc(POST, { hidden: { reason: 'x', at: at(5) } }), target: THREAD }]);
		expect(await store.moderation.decisionOn(POST)).toBeUndefined();
		expect(await store.moderation.decisionOn(THREAD)).toBeUndefined();
	});

	it('rebuilds the decisions and the flags from the replicas', async () => {
		const store = await withForum({ name: 'erin' });
		await receive(store, [moderationDoc(POST, { hidden: { reason: 'Spam', at: at(5) } })]);
		await store.moderation.flag({ target: THREAD, reason: 'spam' });
		await store.rebuild();
		expect(await store.moderation.decisionOn(POST)).toMatchObject({ hidden: { reason: 'Spam' } });
		expect(await store.moderation.myFlag(THREAD)).toMatchObject({ reason: 'spam' });
	});
});

describe('flags', () => {
	it('writes a flag into the private replica only, pending until the server has it', async () => {
		const store = await withForum({ name: 'fred' });
		const id = await store.moderation.flag({ target: POST, reason: 'harassment', text: '  Insults a colleague  ' });
		expect(id).toBe(flagId(POST, 'fred'));
		const doc = await store.replica.private.get(id);
		expect(doc).toMatchObject({
			type: 'flag',
			author: 'fred',
			target: POST,
			reason: 'harassment',
			text: 'Insults a colleague'
		});
		await expect(store.replica.community.get(id)).rejects.toMatchObject({ status: 404 });

		expect(await store.moderation.myFlag(POST)).toMatchObject({ reason: 'harassment', pending: true });
		await store.replica.acknowledge('private', [{ _id: id, _rev: doc._rev }]);
		expect(await store.moderation.myFlag(POST)).toMatchObject({ pending: false });

		const [entry] = await store.moderation.myFlags();
		expect(entry).toMatchObject({
			target: POST,
			item: { title: `A reply in “Thread ${ULIDS.t1}”`, href: `/forums/t/${ULIDS.t1}#${ULIDS.p1}`, author: 'bob' }
		});
	});

	it('refuses what cannot be flagged, with reasons a member understands', async () => {
		const me = uniqueName('w');
		const store = await withForum({ name: me, threadAuthor: me });
		await expect(store.moderation.flag({ target: THREAD, reason: 'spam' })).rejects.toThrow(
			'You cannot flag something you wrote yourself.'
		);
		await expect(store.moderation.flag({ target: `profile:${me}`, reason: 'spam' })).rejects.toThrow(/wrote yourself/);
		await expect(store.moderation.flag({ target: POST, reason: 'other', text: '   ' })).rejects.toThrow(
			/Tell the moderators what is wrong/
		);
		await expect(store.moderation.flag({ target: 'category:general', reason: 'spam' })).rejects.toThrow(
			/can be flagged/
		);
		await expect(store.moderation.flag({ target: POST, reason: 'rude' as unknown as 'spam' })).rejects.toThrow(
			/cannot be sent/
		);
		expect(await store.moderation.myFlags()).toEqual([]);
	});

	it('changes the reason of a flag, one flag per item', async () => {
		const store = await withForum({ name: 'gina' });
		await store.moderation.flag({ target: POST, reason: 'spam' });
		await store.moderation.flag({ target: POST, reason: 'other', text: 'Wrong forum' });
		const flags = await store.moderation.myFlags();
		expect(flags).toHaveLength(1);
		expect(flags[0]).toMatchObject({ reason: 'other', text: 'Wrong forum' });
	});

	it('withdraws a waiting flag, and refuses once a moderator decided', async () => {
		const store = await withForum({ name: 'hana' });
		await store.moderation.flag({ target: POST, reason: 'spam' });
		await store.moderation.withdrawFlag(POST);
		expect(await store.moderation.myFlag(POST)).toBeUndefined();
		await expect(store.moderation.withdrawFlag(POST)).rejects.toThrow('You have not flagged this.');

		const id = await store.moderation.flag({ target: THREAD, reason: 'off-topic' });
		// the server writes the decision into the member's own flag
		const doc = await store.replica.private.get(id);
		await store.replica.private.put({ ...doc, decision: { action: 'hidden', at: at(9) } });
		await store.replica.projected();
		expect(await store.moderation.myFlag(THREAD)).toMatchObject({ decision: { action: 'hidden' } });
		await expect(store.moderation.withdrawFlag(THREAD)).rejects.toThrow(/can no longer be withdrawn/);
		await expect(store.moderation.flag({ target: THREAD, reason: 'spam' })).rejects.toThrow(/already decided/);
	});

	it('names a hidden item “Hidden by moderators” in the flagger’s list', async () => {
		const store = await withForum({ name: 'ines' });
		await store.moderation.flag({ target: THREAD, reason: 'spam' });
		await receive(store, [moderationDoc(THREAD, { hidden: { reason: 'Spam', at: at(5) } })]);
		const [entry] = await store.moderation.myFlags();
		expect(entry.item.title).toBe('Hidden by moderators');
	});

	it('works offline: the flag waits in the outbox until a sync sends it', async () => {
		const store = await withForum({ name: 'jane' });
		await store.moderation.flag({ target: 'profile:bob', reason: 'confidential' });
		expect(await store.pendingCount()).toBe(1);
		expect(await store.isPending(flagId('profile:bob', 'jane'))).toBe(true);
		const [entry] = await store.moderation.myFlags();
		expect(entry).toMatchObject({ pending: true, item: { href: '/people/bob', author: 'bob' } });
	});
});

describe('search and hidden items', () => {
	it('finds a hidden item for its author and moderators only', async () => {
		const hide = moderationDoc(THREAD, { hidden: { reason: 'Spam', at: at(5) } });
		const writer = uniqueName('w');
		const found = async (store: TestStore) => {
			await store.search.flush();
			return (await store.search.search('body')).hits.map((h) => h.id);
		};
		const member = await withForum({ name: 'kate', threadAuthor: writer });
		expect(await found(member)).toContain(THREAD);
		await receive(member, [hide]);
		expect(await found(member)).not.toContain(THREAD);

		const author = await withForum({ name: writer, threadAuthor: writer });
		await receive(author, [hide]);
		expect(await found(author)).toContain(THREAD);

		const moderator = await withForum({ name: 'mona', roles: ['member', 'moderator'], threadAuthor: writer });
		await receive(moderator, [hide]);
		expect(await found(moderator)).toContain(THREAD);
	});
});

describe('lists and hidden items', () => {
	it('leaves a hidden item out of lists for members who may not see it', async () => {
		const writer = uniqueName('w');
		const items = [
			{ id: THREAD, author: writer },
			{ id: POST, author: 'bob' }
		];
		const hide = moderationDoc(THREAD, { hidden: { reason: 'Spam', at: at(5) } });
		const member = await withForum({ name: uniqueName('v'), threadAuthor: writer });
		await receive(member, [hide]);
		expect(await member.moderation.visibleItems(items)).toEqual([items[1]]);
		const author = await withForum({ name: writer, threadAuthor: writer });
		await receive(author, [hide]);
		expect(await author.moderation.visibleItems(items)).toEqual(items);
		const admin = await withForum({ name: uniqueName('a'), roles: ['member', 'admin'], threadAuthor: writer });
		await receive(admin, [hide]);
		expect(await admin.moderation.visibleItems(items)).toEqual(items);
	});
});

describe('notifications about what moderators hid', () => {
	it('say only that something was hidden to members who may not see it', async () => {
		// her own thread, bob's reply in it: she is notified of the reply
		const author = uniqueName('n');
		const store = await withForum({ name: author, threadAuthor: author });
		expect((await store.people.notifications()).map((n) => n.text)).toEqual([`replied in “Thread ${ULIDS.t1}”`]);
		await receive(store, [moderationDoc(POST, { hidden: { reason: 'Spam', at: at(5) } })]);
		expect((await store.people.notifications()).map((n) => n.text)).toEqual(['wrote something moderators hid']);

		// a mention in a reply, in a thread moderators hid: the thread's title is not quoted
		const name = uniqueName('d');
		const dave = await withForum({ name });
		await receive(dave, [postDoc(ULIDS.p2, THREAD, 3, { body: `over to @${name}` })]);
		expect((await dave.people.notifications()).map((n) => n.text)).toEqual([`mentioned you in “Thread ${ULIDS.t1}”`]);
		await receive(dave, [moderationDoc(THREAD, { hidden: { reason: 'Off-topic', at: at(5) } })]);
		expect((await dave.people.notifications()).map((n) => n.text)).toEqual(['wrote in a thread moderators hid']);
	});
});

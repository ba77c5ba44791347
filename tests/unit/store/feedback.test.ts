// "Was this useful?" on one device: a member gives, changes and removes an answer and the
// summary follows the projection; the item's writers are refused and read the comments others
// left; an event is answered only once over; the writer's own items list their results.
import { afterEach, describe, expect, it } from 'vitest';
import { closeTestStores, openTestStore, uniqueName, type TestStore } from './support';

afterEach(closeTestStores);

const RES = 'resource:01JDDDDDDDDDDDDDDDDDDDDDD1';
const EVENT = 'event:01JDDDDDDDDDDDDDDDDDDDDDD2';
const NOW = Date.parse('2026-12-03T12:00:00.000Z');

const resourceDoc = (author: string, coauthors: string[] = []) => ({
	_id: RES,
	type: 'resource',
	author,
	coauthors,
	createdAt: '2026-11-01T00:00:00.000Z',
	kind: 'guide',
	title: 'Plain letters',
	summary: 's',
	body: 'b',
	tags: [],
	status: 'published'
});
const eventDoc = (organiser: string, end: string) => ({
	_id: EVENT,
	type: 'event',
	author: organiser,
	createdAt: '2026-11-01T00:00:00.000Z',
	kind: 'webinar',
	title: 'Letters in practice',
	description: 'd',
	start: '2026-12-03T10:00:00.000Z',
	end,
	timeZone: 'Europe/Paris',
	location: { online: 'https://meet.example.org/x' },
	organisers: [organiser],
	tags: []
});
const answer = (target: string, author: string, useful: boolean, comment?: string) => ({
	_id: `feedback:${target}:${author}`,
	type: 'feedback',
	author,
	createdAt: '2026-12-02T00:00:00.000Z',
	target,
	useful,
	...(comment ? { comment } : {})
});

async function receive(store: TestStore, docs: Array<Record<string, unknown>>): Promise<void> {
	for (const doc of docs) await store.replica.community.put(doc);
	await store.replica.projected();
}

async function open(name = uniqueName('fb')) {
	return { store: await openTestStore({ name }, { now: () => new Date(NOW).toISOString() }), name };
}

describe('giving feedback', () => {
	it('gives, changes and removes an answer; the summary follows', async () => {
		const { store } = await open();
		await receive(store, [resourceDoc('alice'), answer(RES, 'bob', true), answer(RES, 'carol', false)]);
		expect(await store.feedback.summaryOf(RES)).toMatchObject({
			yes: 1,
			total: 2,
			sentence: '1 of 2 members found this useful.'
		});
		expect(await store.feedback.mine(RES)).toBeNull();

		await store.feedback.give(RES, { useful: true, comment: '  We used it.  ' });
		expect(await store.feedback.mine(RES)).toEqual({ useful: true, comment: 'We used it.', pending: true });
		expect((await store.feedback.summaryOf(RES)).sentence).toBe('2 of 3 members found this useful.');

		await store.feedback.give(RES, { useful: false });
		expect(await store.feedback.mine(RES)).toEqual({ useful: false, pending: true });
		expect(await store.feedback.summaryOf(RES)).toMatchObject({ yes: 1, no: 2, total: 3, rate: 1 / 3 });

		await store.feedback.remove(RES);
		expect(await store.feedback.mine(RES)).toBeNull();
		expect((await store.feedback.summaryOf(RES)).total).toBe(2);
		// a member who is not a writer reads no comments
		expect(await store.feedback.commentsOn(RES)).toEqual([]);
		expect((await store.feedback.figures()).overall).toEqual({ yes: 1, no: 1, total: 2, rate: 0.5 });
	});

	it('refuses a writer, a missing item and an event not yet over', async () => {
		const { store, name } = await open();
		await receive(store, [resourceDoc('alice', [name]), eventDoc('alice', '2026-12-03T13:00:00.000Z')]);
		await expect(store.feedback.give(RES, { useful: true })).rejects.toThrow('You cannot rate what you wrote.');
		await expect(store.feedback.give('story:01JDDDDDDDDDDDDDDDDDDDDDD9', { useful: true })).rejects.toThrow(
			'There is no such item to give feedback on.'
		);
		await expect(store.feedback.give(EVENT, { useful: true })).rejects.toThrow(
			'You can say whether an event was useful once it has happened.'
		);
	});
});

describe('what writers read', () => {
	it('shows a writer the comments and the results on their items', async () => {
		const { store, name } = await open();
		await receive(store, [
			resourceDoc(name),
			eventDoc(name, '2026-12-03T11:00:00.000Z'),
			answer(RES, 'bob', true, 'Clear and short.'),
			answer(RES, 'carol', false),
			answer(EVENT, 'bob', true)
		]);
		const comments = await store.feedback.commentsOn(RES);
		expect(comments).toMatchObject([{ authorName: 'bob', useful: true, comment: 'Clear and short.' }]);
		expect(await store.feedback.myResults()).toEqual([
			expect.objectContaining({
				id: RES,
				title: 'Plain letters',
				href: '/library/01JDDDDDDDDDDDDDDDDDDDDDD1',
				kind: 'Library resource',
				sentence: '1 of 2 members found this useful.'
			}),
			expect.objectContaining({ id: EVENT, href: '/events/01JDDDDDDDDDDDDDDDDDDDDDD2', yes: 1, total: 1, rate: 1 })
		]);
	});
});

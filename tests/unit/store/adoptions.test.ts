// Adoptions on one device: a member records that their organisation adopted a published resource
// (refused for its writers and for unpublished ones), the panel's list and summary follow the
// projection, and the reminder to report results appears in the inbox when its time comes and
// goes once results are reported.
import { afterEach, describe, expect, it } from 'vitest';
import type { OutcomeFigure } from '../../../src/lib/domain/schemas';
import { closeTestStores, openTestStore, uniqueName, type TestStore } from './support';

afterEach(closeTestStores);

const RES = 'resource:01JCCCCCCCCCCCCCCCCCCCCCC1';
const DRAFT = 'resource:01JCCCCCCCCCCCCCCCCCCCCCC2';
const DAY_MS = 24 * 60 * 60 * 1000;
const START = Date.parse('2026-03-01T09:00:00.000Z');

function resourceDoc(id: string, author: string, status: string) {
	return {
		_id: id,
		type: 'resource',
		author,
		createdAt: '2026-01-01T00:00:00.000Z',
		kind: 'guide',
		title: 'Open permits',
		summary: 's',
		body: 'b',
		tags: [],
		status
	};
}

const RESULT: OutcomeFigure = {
	metric: 'processing-time',
	label: 'Days to a permit',
	before: 21,
	after: 9,
	unit: 'days'
};

async function receive(store: TestStore, docs: Array<Record<string, unknown>>): Promise<void> {
	for (const doc of docs) await store.replica.community.put(doc);
	await store.replica.projected();
}

/** A member's store with a clock the test moves, holding a published resource and a draft by `writer`. */
async function setUp(writer = 'alice') {
	const clock = { ms: START };
	const name = uniqueName('adopt');
	const store = await openTestStore({ name }, { now: () => new Date(clock.ms).toISOString() });
	await receive(store, [resourceDoc(RES, writer, 'published'), resourceDoc(DRAFT, writer, 'submitted')]);
	return { store, clock, name };
}

const input = (extra: Record<string, unknown> = {}) => ({
	organization: 'City of Lyon',
	status: 'piloting' as const,
	notes: 'Two districts first.',
	outcomes: [],
	...extra
});

describe('recording adoptions', () => {
	it('records, lists newest first and summarises by organisation', async () => {
		const { store, clock, name } = await setUp();
		const first = await store.adoptions.record(RES, input({ startedOn: '2026-02-01' }));
		clock.ms += 60_000;
		const second = await store.adoptions.record(RES, input({ organization: ' city of LYON ', status: 'implemented' }));
		clock.ms += 60_000;
		await store.adoptions.record(RES, input({ organization: 'Ghent', status: 'planning', outcomes: [RESULT] }));

		const list = await store.adoptions.of(RES);
		expect(list.map((a) => a.organization)).toEqual(['Ghent', 'city of LYON', 'City of Lyon']);
		expect(list[2]).toMatchObject({ id: first, author: name, mine: true, pending: true, startedOn: '2026-02-01' });
		expect(await store.adoptions.summaryOf(RES)).toEqual({
			organisations: 2,
			withResults: 1,
			byStatus: { planning: 1, piloting: 0, implemented: 1, abandoned: 0 }
		});

		await store.adoptions.update(second, input({ status: 'abandoned', statusOn: '2026-03-02' }));
		expect((await store.adoptions.of(RES)).find((a) => a.id === second)).toMatchObject({
			status: 'abandoned',
			statusOn: '2026-03-02',
			organization: 'City of Lyon'
		});
		await store.adoptions.remove(second);
		expect((await store.adoptions.of(RES)).map((a) => a.id)).not.toContain(second);
		const mine = await store.adoptions.mine();
		expect(mine.map((a) => a.practiceRef)).toContainEqual({
			id: RES,
			title: 'Open permits',
			href: '/library/01JCCCCCCCCCCCCCCCCCCCCCC1'
		});
	});

	it('refuses the practice’s writer, an unpublished practice and invalid results', async () => {
		const own = await setUp('placeholder');
		await receive(own.store, [resourceDoc('resource:01JCCCCCCCCCCCCCCCCCCCCCC3', own.name, 'published')]);
		await expect(own.store.adoptions.record('resource:01JCCCCCCCCCCCCCCCCCCCCCC3', input())).rejects.toThrow(
			'You cannot record an adoption of a practice you wrote'
		);
		await expect(own.store.adoptions.record(DRAFT, input())).rejects.toThrow(
			'Only a published resource or story can be adopted.'
		);
		const money = { metric: 'cost-saved', label: 'Saved', value: 100, unit: 'euros' } as OutcomeFigure;
		await expect(own.store.adoptions.record(RES, input({ outcomes: [money] }))).rejects.toThrow(/currency code/);
		expect(await own.store.adoptions.of(RES)).toEqual([]);
	});
});

describe('adoptions arriving by sync', () => {
	it('projects other members’ adoptions, leaves out hidden ones and drops deleted ones', async () => {
		const { store } = await setUp();
		const theirs = {
			_id: 'adoption:01JDDDDDDDDDDDDDDDDDDDDDD1',
			type: 'adoption',
			author: 'bob',
			createdAt: '2026-02-01T00:00:00.000Z',
			practice: RES,
			organization: 'Ghent',
			status: 'implemented',
			notes: '',
			outcomes: [RESULT]
		};
		const invalid = { ...theirs, _id: 'adoption:01JDDDDDDDDDDDDDDDDDDDDDD2', status: 'finished' };
		await receive(store, [theirs, invalid]);
		expect((await store.adoptions.of(RES)).map((a) => [a.id, a.mine, a.authorName])).toEqual([
			[theirs._id, false, 'bob']
		]);

		const gone = { ...theirs, _id: 'adoption:01JDDDDDDDDDDDDDDDDDDDDDD3', organization: 'Bruges' };
		await receive(store, [gone]);
		expect(await store.adoptions.of(RES)).toHaveLength(2);
		const stored = await store.replica.community.get(gone._id);
		await store.replica.community.put({ _id: gone._id, _rev: stored._rev, _deleted: true });
		await store.replica.projected();
		expect((await store.adoptions.of(RES)).map((a) => a.id)).toEqual([theirs._id]);

		const hidden = { reason: 'Spam', at: '2026-02-02T00:00:00.000Z', by: 'moira' };
		await receive(store, [
			{
				_id: `moderation:${theirs._id}`,
				type: 'moderation',
				author: 'praxis',
				createdAt: '2026-02-02T00:00:00.000Z',
				target: theirs._id,
				hidden
			}
		]);
		expect(await store.adoptions.of(RES)).toEqual([]);
		expect((await store.adoptions.summaryOf(RES)).organisations).toBe(0);
	});
});

describe('the reminder to report results', () => {
	it('appears after the chosen delay, in the inbox, and goes once results are reported', async () => {
		const { store, clock } = await setUp();
		const id = await store.adoptions.record(RES, input({ remindAfterDays: 30 }));
		await store.adoptions.record(RES, input({ organization: 'Ghent', status: 'planning' }));
		expect(await store.adoptions.reminders()).toEqual([]);
		// recording adoptions earns points, whose badges and levels are notifications of their own
		const before = await store.people.unreadNotifications();

		clock.ms += 30 * DAY_MS;
		const [reminder, ...rest] = await store.adoptions.reminders();
		expect(rest).toEqual([]);
		expect(reminder).toMatchObject({
			id: `adoption:${id}`,
			kind: 'adoption',
			text: 'Time to report results: how is Open permits working at City of Lyon?',
			href: '/library/01JCCCCCCCCCCCCCCCCCCCCCC1',
			source: id
		});
		const inbox = await store.people.notifications();
		expect(inbox.map((n) => n.id)).toContain(`adoption:${id}`);
		expect(await store.people.unreadNotifications()).toBe(before + 1);
		expect((await store.adoptions.mine()).find((a) => a.id === id)?.due).toBe(true);

		await store.people.markNotificationsRead();
		expect(await store.people.unreadNotifications()).toBe(0);

		await store.adoptions.reportResults(id, [RESULT]);
		expect(await store.adoptions.reminders()).toEqual([]);
		expect((await store.people.notifications()).map((n) => n.id)).not.toContain(`adoption:${id}`);
	});
});

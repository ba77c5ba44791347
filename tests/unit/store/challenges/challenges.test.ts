// Challenges on one device: challenges arriving in the community replica are listed by status at
// the device's time; one challenge shows its published entries with votes; a member enters and
// withdraws their work while it is open (refused after closing, with the server's reason);
// judges' scores are refused before closing and shown, ranked, only after it.
import { afterEach, describe, expect, it } from 'vitest';
import { closeTestStores, openTestStore, uniqueName, type TestStore } from '../support';

afterEach(closeTestStores);

const CHALLENGE = 'challenge:01JFCCCCCCCCCCCCCCCCCCCCC1';
const OTHER = 'challenge:01JFCCCCCCCCCCCCCCCCCCCCC2';
const OPENS = '2027-01-01T00:00:00.000Z';
const CLOSES = '2027-01-14T12:00:00.000Z';
let clock = '2027-01-05T10:00:00.000Z';

function challengeDoc(id: string, extra: Record<string, unknown> = {}) {
	return {
		_id: id,
		type: 'challenge',
		author: 'mod',
		createdAt: '2026-12-01T00:00:00.000Z',
		title: `Challenge ${id.slice(-1)}`,
		problem: 'Permits take too long.',
		criteria: [{ name: 'Impact' }, { name: 'Reuse' }],
		opensAt: OPENS,
		closesAt: CLOSES,
		judges: ['judge1'],
		recognition: 'A place at the national conference',
		tags: [],
		...extra
	};
}
function resourceDoc(ulid: string, author: string, extra: Record<string, unknown> = {}) {
	return {
		_id: `resource:${ulid}`,
		type: 'resource',
		author,
		createdAt: '2026-12-02T00:00:00.000Z',
		kind: 'case-study',
		title: `Resource ${ulid.slice(-1)}`,
		summary: '',
		body: '',
		tags: [],
		status: 'published',
		reviewedBy: 'rita',
		reviewedAt: '2026-12-03T00:00:00.000Z',
		...extra
	};
}

async function receive(store: TestStore, docs: Array<Record<string, unknown>>): Promise<void> {
	for (const doc of docs) {
		const prev = await store.replica.community.get(String(doc._id)).catch(() => null);
		await store.replica.community.put(prev ? { ...doc, _rev: prev._rev } : doc);
	}
	await store.replica.projected();
}

async function open(name: string) {
	return openTestStore({ name }, { now: () => clock });
}

describe('challenges on the device', () => {
	it('lists challenges by status at the device’s time', async () => {
		clock = '2027-01-05T10:00:00.000Z';
		const store = await open(uniqueName('ch'));
		await receive(store, [
			challengeDoc(CHALLENGE),
			challengeDoc(OTHER, { opensAt: '2026-01-01T00:00:00.000Z', closesAt: '2026-02-01T00:00:00.000Z' })
		]);
		const lists = await store.challenges.list();
		expect(lists.open.map((c) => c.id)).toEqual([CHALLENGE]);
		expect(lists.judging.map((c) => c.id)).toEqual([OTHER]);
		expect(lists.past).toEqual([]);
	});

	it('enters and withdraws my resource while open, refuses after closing; counts votes', async () => {
		clock = '2027-01-05T10:00:00.000Z';
		const me = uniqueName('en');
		const store = await open(me);
		const mine = resourceDoc('01JFRRRRRRRRRRRRRRRRRRRRR1', me);
		const theirs = resourceDoc('01JFRRRRRRRRRRRRRRRRRRRRR2', 'bob', { challenge: CHALLENGE });
		await receive(store, [challengeDoc(CHALLENGE), mine, theirs]);
		expect((await store.challenges.myEntryChoices()).map((c) => c.id)).toEqual([mine._id]);
		await store.challenges.enter(CHALLENGE, mine._id);
		await store.challenges.vote(theirs._id, true);
		let view = await store.challenges.get(CHALLENGE);
		expect(view?.status).toBe('open');
		expect(view?.entries.map((e) => e.id).sort()).toEqual([mine._id, theirs._id]);
		const voted = view?.entries.find((e) => e.id === theirs._id);
		expect(voted).toMatchObject({ votes: 1, myVote: true, href: '/library/01JFRRRRRRRRRRRRRRRRRRRRR2' });
		await store.challenges.withdraw(mine._id);
		view = await store.challenges.get(CHALLENGE);
		expect(view?.entries.map((e) => e.id)).toEqual([theirs._id]);
		await store.challenges.enter(CHALLENGE, mine._id);
		clock = '2027-01-20T10:00:00.000Z';
		await expect(store.challenges.withdraw(mine._id)).rejects.toThrow(
			'Entries cannot be withdrawn once a challenge has closed.'
		);
	});

	it('takes judges’ scores only after closing and ranks entries by them', async () => {
		clock = '2027-01-05T10:00:00.000Z';
		const store = await open('judge1');
		const a = resourceDoc('01JFRRRRRRRRRRRRRRRRRRRRR3', 'bob', { challenge: CHALLENGE });
		const b = resourceDoc('01JFRRRRRRRRRRRRRRRRRRRRR4', 'carol', { challenge: CHALLENGE });
		await receive(store, [challengeDoc(CHALLENGE), a, b]);
		await expect(store.challenges.judge(CHALLENGE, a._id, [3, 3], '')).rejects.toThrow(
			'Judging starts when the challenge closes on 14 January 2027.'
		);
		clock = '2027-01-20T10:00:00.000Z';
		await expect(store.challenges.judge(CHALLENGE, a._id, [3], '')).rejects.toThrow('Score each of the 2 criteria.');
		await store.challenges.judge(CHALLENGE, a._id, [3, 3], 'Solid');
		await store.challenges.judge(CHALLENGE, b._id, [5, 4], 'Excellent');
		const view = await store.challenges.get(CHALLENGE);
		expect(view?.status).toBe('judging');
		expect(view?.isJudge).toBe(true);
		expect(view?.entries.map((e) => e.id)).toEqual([b._id, a._id]);
		expect(view?.ranking[0]).toMatchObject({ entry: b._id, meanScore: 4.5 });
		expect((await store.challenges.myJudging(CHALLENGE, a._id))?.comment).toBe('Solid');
	});
});

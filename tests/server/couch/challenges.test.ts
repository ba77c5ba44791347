// Through /couch with the challenge rule (server/couch/rules/challenges.ts), by an injected
// server clock: entries only while a challenge is open and never withdrawn after it closed;
// judging only by its judges, after closing, one score per criterion; winners after closing.
// Each refusal with its reason; the accepted paths are stored.
import { afterEach, describe, expect, it } from 'vitest';
import { challengesRule } from '../../../server/couch/rules/challenges';
import { createCouchHarness, type CouchHarness } from '../helpers/couch-harness';

const OPENS = '2027-01-01T00:00:00.000Z';
const CLOSES = '2027-01-14T12:00:00.000Z';
const BEFORE = new Date('2026-12-20T10:00:00.000Z');
const DURING = new Date('2027-01-05T10:00:00.000Z');
const AFTER = new Date('2027-01-20T10:00:00.000Z');

let h: CouchHarness | null = null;
let now = DURING;
afterEach(async () => {
	await h?.close();
	h = null;
});

type Result = { id: string; ok?: boolean; rev?: string; error?: string; reason?: string };

let counter = 0;
const ulid = () => `01JFBBBBBBBBBBBBBBBBBBB${String(++counter).padStart(3, '0')}`;

const challenge = (extra: Record<string, unknown> = {}) => ({
	_id: `challenge:${ulid()}`,
	type: 'challenge',
	author: 'mod',
	createdAt: '2026-12-01T00:00:00.000Z',
	title: 'Shorter waiting times',
	problem: 'Permits take too long.',
	criteria: [{ name: 'Impact' }, { name: 'Reuse' }],
	opensAt: OPENS,
	closesAt: CLOSES,
	judges: ['rita'],
	recognition: 'A place at the national conference',
	tags: [],
	...extra
});
const story = (author: string, challengeId: string | undefined, extra: Record<string, unknown> = {}) => ({
	_id: `story:${ulid()}`,
	type: 'story',
	author,
	createdAt: '2026-12-02T00:00:00.000Z',
	title: 'One counter for permits',
	summary: 'We merged three counters.',
	problem: 'Queues',
	actions: 'Merged counters',
	outcomes: [],
	tags: [],
	status: 'submitted',
	...(challengeId ? { challenge: challengeId } : {}),
	...extra
});
const judging = (c: { _id: string }, entry: string, judge: string, scores: number[]) => ({
	_id: `judging:${c._id.slice('challenge:'.length)}:${entry}:${judge}`,
	type: 'judging',
	author: judge,
	createdAt: '2027-01-20T00:00:00.000Z',
	challenge: c._id,
	entry,
	scores,
	comment: 'Clear results'
});

async function push(user: string, docs: object[]): Promise<Result[]> {
	const res = await h!.request('/couch/community/_bulk_docs', { method: 'POST', user, body: JSON.stringify({ docs }) });
	expect(res.status).toBe(201);
	return res.json();
}

/** A challenge stored while `now` is during it, and one entry by alice. */
async function setUp(extra: Record<string, unknown> = {}) {
	h = createCouchHarness({ rules: [challengesRule(() => now)] });
	now = DURING;
	const c = challenge(extra);
	const entry = story('alice', c._id);
	const results = await push('mod', [c]);
	expect(results[0].ok).toBe(true);
	const [stored] = await push('alice', [entry]);
	expect(stored.ok).toBe(true);
	return { c: { ...c, _rev: results[0].rev }, entry: { ...entry, _rev: stored.rev } };
}

describe('entries', () => {
	it('takes an entry while the challenge is open, and refuses one after it closed', async () => {
		const { c } = await setUp();
		now = AFTER;
		const [late] = await push('bob', [story('bob', c._id)]);
		expect(late.reason).toBe('this challenge closed on 14 January 2027: it takes no more entries');
	});

	it('refuses an entry before the challenge opens, and one naming no challenge', async () => {
		const { c } = await setUp();
		now = BEFORE;
		const [early] = await push('bob', [story('bob', c._id)]);
		expect(early.reason).toBe('this challenge opens on 1 January 2027');
		const [none] = await push('bob', [story('bob', 'challenge:01JFZZZZZZZZZZZZZZZZZZZZZZ')]);
		expect(none.reason).toBe('there is no such challenge');
	});

	it('refuses withdrawing an entry after closing but takes other edits', async () => {
		const { entry } = await setUp();
		now = AFTER;
		const { challenge: _, ...withdrawn } = entry;
		const [refused] = await push('alice', [withdrawn]);
		expect(refused.reason).toBe('entries cannot be withdrawn once a challenge has closed');
		const [edited] = await push('alice', [{ ...entry, summary: 'We merged three counters into one.' }]);
		expect(edited.ok).toBe(true);
	});

	it('lets an entry be withdrawn while the challenge is open', async () => {
		const { entry } = await setUp();
		const { challenge: _, ...withdrawn } = entry;
		const [ok] = await push('alice', [withdrawn]);
		expect(ok.ok).toBe(true);
	});

	it('lets the author enter a published story without a new review, and nothing else in place', async () => {
		const { c } = await setUp();
		const draft = story('alice', undefined);
		const [created] = await push('alice', [draft]);
		const published = { ...draft, _rev: created.rev, status: 'published', reviewedBy: 'rita' };
		const [pub] = await push('rita', [published]);
		expect(pub.ok).toBe(true);
		const entered = { ...published, _rev: pub.rev, challenge: c._id };
		const [changed] = await push('alice', [{ ...entered, title: 'A new title' }]);
		expect(changed.reason).toMatch(/changes only through review/);
		const [ok] = await push('alice', [entered]);
		expect(ok.ok).toBe(true);
	});
});

describe('judging', () => {
	it('refuses a non-judge, judging before closing and a wrong score count; takes a valid one', async () => {
		const { c, entry } = await setUp();
		const [early] = await push('rita', [judging(c, entry._id, 'rita', [4, 5])]);
		expect(early.reason).toBe('judging starts when the challenge closes on 14 January 2027');
		now = AFTER;
		const [notJudge] = await push('bob', [judging(c, entry._id, 'bob', [4, 5])]);
		expect(notJudge.reason).toBe('only the judges of a challenge score its entries');
		const [count] = await push('rita', [judging(c, entry._id, 'rita', [4])]);
		expect(count.reason).toBe('score each of the 2 criteria');
		const [ok] = await push('rita', [judging(c, entry._id, 'rita', [4, 5])]);
		expect(ok.ok).toBe(true);
	});

	it('refuses judging something that is not an entry of the challenge', async () => {
		const { c } = await setUp();
		const [other] = await push('bob', [story('bob', undefined)]);
		now = AFTER;
		const [refused] = await push('rita', [judging(c, other.id, 'rita', [3, 3])]);
		expect(refused.reason).toBe('this is not an entry of the challenge');
	});
});

describe('winners', () => {
	it('refuses winners before closing and non-entries; announces entries after closing', async () => {
		const { c, entry } = await setUp();
		const announced = { ...c, winners: [{ entry: entry._id, place: 1 }], announcedAt: DURING.toISOString() };
		const [early] = await push('mod', [announced]);
		expect(early.reason).toBe('winners are announced after the challenge closes on 14 January 2027');
		now = AFTER;
		const stranger = { ...announced, winners: [{ entry: 'story:01JFYYYYYYYYYYYYYYYYYYYYYY', place: 1 }] };
		const [wrong] = await push('mod', [stranger]);
		expect(wrong.reason).toBe('winners must be entries of the challenge');
		const [ok] = await push('mod', [{ ...announced, announcedAt: AFTER.toISOString() }]);
		expect(ok.ok).toBe(true);
		const [late] = await push('rita', [judging(c, entry._id, 'rita', [4, 5])]);
		expect(late.reason).toBe('the winners of this challenge are announced: judging is over');
	});
});

describe('judges', () => {
	it('are reviewers: a challenge naming a member who is not one, or no member, is refused', async () => {
		const roles: Record<string, string[]> = { rita: ['member', 'reviewer'], bob: ['member'], ada: ['member', 'admin'] };
		const members = {
			get: async (name: string) => (roles[name] ? { name, roles: roles[name] as never } : null)
		};
		h = createCouchHarness({ rules: [challengesRule(() => now, members)] });
		now = DURING;
		const [notReviewer] = await push('mod', [challenge({ judges: ['rita', 'bob'] })]);
		expect(notReviewer.reason).toBe('judges are reviewers: bob is not one');
		const [nobody] = await push('mod', [challenge({ judges: ['ghost'] })]);
		expect(nobody.reason).toBe('there is no member ghost to judge');
		const [ok] = await push('mod', [challenge({ judges: ['rita', 'ada'] })]);
		expect(ok.ok).toBe(true);
	});
});

// The home page's sections through the store: the last-visit rule, new replies in the member's
// discussions since then, new resources and stories (or the latest), coming events with the ones
// the member goes to first, questions matched on expertise (or the last month's), the outbox
// count, and the getting-started checklist of a new member.
import { afterEach, describe, expect, it } from 'vitest';
import { FIRST_VISIT_WINDOW_MS } from '../../../src/lib/store/home/visit';
import { HOME_LIST_SIZE } from '../../../src/lib/store/home/queries';
import { categoryDoc, closeTestStores, openTestStore, postDoc, threadDoc, uniqueName, type TestStore } from './support';

afterEach(closeTestStores);

const DAY_MS = 24 * 60 * 60 * 1000;
const START = Date.parse('2026-03-01T09:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
/** An ISO time `days` (may be fractional or negative) after START. */
const day = (days: number) => iso(START + days * DAY_MS);

async function setUp(member: { name?: string } = {}) {
	const clock = { ms: START };
	const name = member.name ?? uniqueName('home');
	const store = await openTestStore({ name, displayName: 'Ada Lovelace' }, { now: () => iso(clock.ms) });
	return { store, clock, name };
}

async function receive(store: TestStore, docs: Array<Record<string, unknown>>): Promise<void> {
	for (const doc of docs) await store.replica.community.put(doc);
	await store.replica.projected();
}

const ulid = (prefix: string, i: number) => `${prefix}${String(i).padStart(26 - prefix.length, '0')}`;
const thread = (i: number, author: string, createdAt: string, extra: Record<string, unknown> = {}) => ({
	...threadDoc(ulid('01JT', i), 'general', 0, { author, ...extra }),
	createdAt
});
const post = (i: number, threadI: number, author: string, createdAt: string) => ({
	...postDoc(ulid('01JP', i), `thread:${ulid('01JT', threadI)}`, 0, { author }),
	createdAt
});

function resource(i: number, reviewedAt: string, status = 'published') {
	return {
		_id: `resource:${ulid('01JR', i)}`,
		type: 'resource',
		author: 'alice',
		createdAt: day(-60),
		kind: 'guide',
		title: `Guide ${i}`,
		summary: 'A guide.',
		body: 'b',
		tags: [],
		status,
		...(status === 'published' ? { reviewedBy: 'rita', reviewedAt } : {})
	};
}

function story(i: number, reviewedAt: string) {
	return {
		_id: `story:${ulid('01JS', i)}`,
		type: 'story',
		author: 'alice',
		createdAt: day(-60),
		title: `Story ${i}`,
		summary: 'A story.',
		problem: 'p',
		actions: 'a',
		outcomes: [],
		tags: [],
		status: 'published',
		reviewedBy: 'rita',
		reviewedAt
	};
}

function event(i: number, start: string) {
	return {
		_id: `event:${ulid('01JE', i)}`,
		type: 'event',
		author: 'bob',
		createdAt: day(-30),
		kind: 'webinar',
		title: `Webinar ${i}`,
		description: '',
		start,
		end: iso(Date.parse(start) + 2 * 60 * 60 * 1000),
		timeZone: 'UTC',
		location: { online: 'https://meet.example/x' },
		organisers: ['bob'],
		tags: []
	};
}

describe('home: the last visit', () => {
	it('shows the same news until the visit ends, then counts from when that visit opened', async () => {
		const { store, clock } = await setUp();
		const first = await store.home.startVisit();
		// no visit yet: the last week
		expect(first.since).toBe(iso(START - FIRST_VISIT_WINDOW_MS));
		await first.end();

		clock.ms += 60_000;
		const second = await store.home.startVisit();
		expect(second.since).toBe(iso(START));
		// reopened before the second visit ended: the same news
		clock.ms += 60_000;
		const reopened = await store.home.startVisit();
		expect(reopened.since).toBe(iso(START));

		await second.end();
		await second.end(); // ending twice changes nothing
		expect((await store.home.startVisit()).since).toBe(iso(START + 60_000));

		// two tabs: the visit opened later ends first; the earlier one ending after it does not undo it
		await reopened.end();
		clock.ms += 60_000;
		const earlier = await store.home.startVisit();
		clock.ms += 60_000;
		const later = await store.home.startVisit();
		await later.end();
		await earlier.end();
		expect((await store.home.startVisit()).since).toBe(iso(START + 240_000));
	});
});

describe('home: sections', () => {
	it('lists new replies by others in threads I started or replied to, since the last visit', async () => {
		const { store, name } = await setUp();
		const since = day(-1);
		await receive(store, [
			categoryDoc('general'),
			thread(1, name, day(-5)),
			thread(2, 'alice', day(-5)),
			thread(3, 'alice', day(-5)),
			post(1, 1, 'bob', day(-2)), // before the last visit
			post(2, 1, 'bob', day(-0.5)),
			post(3, 1, name, day(-0.4)), // my own reply is no news
			post(4, 1, 'carol', day(-0.3)),
			post(5, 2, name, day(-3)), // I took part in thread 2 before
			post(6, 2, 'bob', day(-0.1)),
			post(7, 3, 'bob', day(-0.2)) // thread 3 is none of mine
		]);
		const news = await store.home.repliesSince(since);
		expect(news.total).toBe(2);
		expect(news.items.map((n) => [n.ulid, n.replies, n.lastAuthorName])).toEqual([
			[ulid('01JT', 2), 1, 'bob'],
			[ulid('01JT', 1), 2, 'carol']
		]);
		expect((await store.home.repliesSince(day(0))).items).toEqual([]);
	});

	it('lists resources and stories published since the last visit, or the latest ones', async () => {
		const { store } = await setUp();
		await receive(store, [
			resource(1, day(-10)),
			resource(2, day(-0.5)),
			resource(3, day(-0.2), 'submitted'),
			story(1, day(-0.3)),
			story(2, day(-20))
		]);
		const fresh = await store.home.newInLibrary(day(-1));
		expect(fresh.sinceVisit).toBe(true);
		expect(fresh.items.map((i) => [i.kind, i.title, i.href])).toEqual([
			['story', 'Story 1', `/stories/${ulid('01JS', 1)}`],
			['resource', 'Guide 2', `/library/${ulid('01JR', 2)}`]
		]);
		const latest = await store.home.newInLibrary(day(0));
		expect(latest.sinceVisit).toBe(false);
		expect(latest.items.map((i) => i.title)).toEqual(['Story 1', 'Guide 2', 'Guide 1', 'Story 2']);
	});

	it('lists upcoming events, the ones I am going to first, at most five', async () => {
		const { store } = await setUp();
		await receive(store, [event(0, day(-2)), ...[1, 2, 3, 4, 5, 6].map((i) => event(i, day(i)))]);
		await store.events.rsvp(`event:${ulid('01JE', 5)}`, 'going');
		const coming = await store.home.comingUp();
		expect(coming.total).toBe(6);
		expect(coming.items).toHaveLength(HOME_LIST_SIZE);
		expect(coming.items.map((e) => e.title)).toEqual(['Webinar 5', 'Webinar 1', 'Webinar 2', 'Webinar 3', 'Webinar 4']);
	});

	it('offers unanswered questions on my expertise, or those of the last month', async () => {
		const { store, name } = await setUp();
		await receive(store, [
			categoryDoc('general'),
			thread(1, 'alice', day(-3), { tags: ['permits'] }),
			thread(2, 'alice', day(-2), { tags: ['permits'], answer: `post:${ulid('01JP', 1)}` }),
			thread(3, name, day(-1), { tags: ['permits'] }), // my own question
			thread(4, 'bob', day(-1), { tags: ['budget'] }),
			thread(5, 'bob', day(-60), { tags: ['permits'] }),
			post(1, 2, 'carol', day(-1.5))
		]);
		const matched = await store.home.questionsFor(['permits']);
		expect(matched.items.map((q) => q.ulid)).toEqual([ulid('01JT', 1), ulid('01JT', 5)]);
		expect(matched.items[0].authorName).toBe('alice');
		const recent = await store.home.questionsFor([]);
		expect(recent.items.map((q) => q.ulid)).toEqual([ulid('01JT', 4), ulid('01JT', 1)]);
	});

	it('counts what waits in the outbox and reads my expertise for the questions', async () => {
		const { store } = await setUp();
		await receive(store, [categoryDoc('general'), thread(1, 'alice', day(-3), { tags: ['permits'] })]);
		await store.people.saveProfile({ displayName: 'Ada Lovelace', expertise: ['permits'] });
		const overview = await store.home.overview({ since: day(-1), installed: false });
		expect(overview.waiting).toBeGreaterThan(0);
		expect(overview.expertise).toEqual(['permits']);
		expect(overview.questions.items.map((q) => q.ulid)).toEqual([ulid('01JT', 1)]);
	});
});

describe('home: getting started', () => {
	it('ticks each step from what the device holds and the list’s own marks', async () => {
		const { store, clock } = await setUp();
		await receive(store, [categoryDoc('general')]);
		const steps = async (installed = false) => {
			const list = await store.home.checklist(installed);
			return { show: list.show, done: list.items.filter((i) => i.done).map((i) => i.step) };
		};
		expect(await steps()).toEqual({ show: true, done: [] });
		expect((await steps(true)).done).toEqual(['install']);

		// organisation, region and bio complete the profile (the bio may be kept to oneself)
		await store.people.saveProfile({ displayName: 'Ada Lovelace', organization: 'City of Ulm', bio: 'Permits.' });
		expect((await steps()).done).toEqual([]);
		await store.people.saveProfile({
			displayName: 'Ada Lovelace',
			organization: 'City of Ulm',
			region: 'Bavaria',
			bio: 'Permits.',
			visibility: { bio: 'me' }
		});
		expect((await steps()).done).toEqual(['profile']);

		await store.createThread({ category: 'general', title: 'Hello from Ulm', body: 'I work on permits.', tags: [] });
		await store.home.markChecklist({ forumsOpened: true });
		await store.home.markChecklist({ installLater: true });
		expect(await steps()).toEqual({ show: true, done: ['profile', 'introduce', 'follow', 'install'] });

		// a complete profile older than two weeks is no longer new
		clock.ms += 15 * DAY_MS;
		expect((await steps()).show).toBe(false);
		clock.ms = START;
		await store.home.markChecklist({ hidden: true });
		expect((await steps()).show).toBe(false);
	});

	it('stays for an older member whose profile is incomplete, until hidden', async () => {
		const { store, clock } = await setUp();
		await store.people.saveProfile({ displayName: 'Ada Lovelace' });
		clock.ms += 30 * DAY_MS;
		expect((await store.home.checklist(false)).show).toBe(true);
		await store.home.markChecklist({ hidden: true });
		expect((await store.home.checklist(false)).show).toBe(false);
	});
});

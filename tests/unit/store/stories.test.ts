// Success stories through the store: draft → submit → review by another reviewer → published,
// the permission rules applied on the device, list filters and sorts (adoptions counted once per
// organisation, largest measured improvement), drafts kept from other members, the review queue.
import Dexie from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { closeTestStores, openTestStore, uniqueName, type TestStore } from './support';
import type { StoryInput } from '../../../src/lib/store/index';
import { storyOps } from '../../../src/lib/store/stories/projection';
import { notificationsFor } from '../../../src/lib/domain/notifications';

afterEach(closeTestStores);

const input = (extra: Partial<StoryInput> = {}): StoryInput => ({
	title: 'Permits in a week',
	summary: 'Building permits decided in a week instead of three.',
	problem: 'Paper files queued for weeks.',
	actions: 'One online form and a daily triage.',
	outcomes: [{ metric: 'processing-time', label: 'Days to decide', before: 21, after: 7, unit: 'days' }],
	tags: ['Permits'],
	sector: 'Planning',
	region: 'Bavaria',
	level: 'local',
	organization: 'City of Ulm',
	...extra
});

/** Copies every document of `from` into `to` as a sync would. */
async function sync(from: TestStore, to: TestStore): Promise<void> {
	const all = await from.replica.community.allDocs({ include_docs: true });
	await to.replica.community.bulkDocs(
		all.rows.map((r) => r.doc!),
		{ new_edits: false }
	);
	await to.projected();
}

async function publishedElsewhere(store: TestStore, id: string, minutes = 0): Promise<void> {
	const doc = await store.replica.community.get(id);
	const reviewedAt = new Date(Date.parse('2026-02-01T00:00:00Z') + minutes * 60_000).toISOString();
	await store.replica.community.put({ ...doc, status: 'published', reviewedBy: 'other-reviewer', reviewedAt });
	await store.projected();
}

describe('stories store', () => {
	it('saves a draft, submits it, and another reviewer publishes it', async () => {
		const author = await openTestStore({ name: uniqueName('a') });
		const reviewer = await openTestStore({ name: uniqueName('r'), roles: ['member', 'reviewer'] });
		const id = await author.stories.save(input(), false);
		expect((await author.stories.mine()).map((s) => [s.story.id, s.state])).toEqual([[id, 'draft']]);
		expect(await author.stories.list()).toEqual([]);

		// a draft stays with its writers even on a reviewer's device
		await sync(author, reviewer);
		expect(await reviewer.stories.get(id)).toBeUndefined();
		expect(await reviewer.stories.reviewQueue()).toEqual([]);

		await author.stories.submit(id);
		await sync(author, reviewer);
		expect((await reviewer.stories.reviewQueue()).map((s) => s.story.id)).toEqual([id]);
		// nobody reviews their own story: the author's queue is empty and the write refused
		expect(await author.stories.reviewQueue()).toEqual([]);
		await expect(author.stories.review(id, 'approve', '')).rejects.toThrow(/reviewer|wrote/);

		const detail = await reviewer.stories.get(id);
		expect(detail).toMatchObject({ mayReview: true, mine: false, adoptions: 0 });
		await reviewer.stories.review(id, 'approve', 'Clear figures.');
		const published = await reviewer.stories.get(id);
		expect(published?.story).toMatchObject({ status: 'published', reviewedBy: reviewer.member.name });
		expect(published?.reviews.map((r) => r.verdict)).toEqual(['approve']);
		expect((await reviewer.stories.list()).map((c) => c.id)).toEqual([id]);
	});

	it('refuses a member publishing their own story, and a draft edit of a published one', async () => {
		const author = await openTestStore({ name: uniqueName('a'), roles: ['member', 'reviewer'] });
		const id = await author.stories.save(input(), true);
		await expect(author.stories.review(id, 'approve', 'Fine')).rejects.toThrow(/you wrote|another reviewer/i);
		await publishedElsewhere(author, id);
		await expect(author.stories.save(input({ title: 'Changed' }), false, id)).rejects.toThrow(
			/changes only through review/
		);
		await author.stories.save(input({ title: 'Changed' }), true, id);
		expect((await author.stories.get(id))?.story).toMatchObject({ title: 'Changed', status: 'submitted' });
	});

	it('filters and sorts the published list', async () => {
		const store = await openTestStore({ name: uniqueName('a') });
		const slow = await store.stories.save(
			input({ title: 'Slow', sector: 'Health', level: 'national', outcomes: [] }),
			true
		);
		const fast = await store.stories.save(
			input({
				title: 'Fast',
				outcomes: [
					{ metric: 'satisfaction', label: 'Satisfied', before: 50, after: 90, unit: '%' },
					{ metric: 'cost-saved', label: 'Printing', value: 1200, unit: 'EUR' }
				]
			}),
			true
		);
		const mid = await store.stories.save(input({ title: 'Mid' }), true);
		await publishedElsewhere(store, slow, 3);
		await publishedElsewhere(store, fast, 1);
		await publishedElsewhere(store, mid, 2);
		// three rows from two organisations adopt "Mid" (one written twice), one adopts "Slow";
		// written straight into the adoptions table, which the adoptions projection fills
		const adoption = (n: number, practice: string, organization: string) => ({
			id: `adoption:01JCCCCCCCCCCCCCCCCCCCCCC${n}`,
			practice,
			organization,
			author: 'someone-else',
			status: 'implemented'
		});
		const dexie = new Dexie(`praxis-${store.member.name}`, { indexedDB, IDBKeyRange });
		await dexie.open();
		await dexie
			.table('adoptions')
			.bulkPut([
				adoption(1, mid, 'City of Lyon'),
				adoption(2, mid, 'city of lyon '),
				adoption(3, mid, 'Town of Graz'),
				adoption(4, slow, 'Town of Graz')
			]);
		dexie.close();

		const titles = async (f: Parameters<typeof store.stories.list>[0]) =>
			(await store.stories.list(f)).map((c) => c.title);
		expect(await titles({})).toEqual(['Slow', 'Mid', 'Fast']);
		expect(await titles({ sort: 'adopted' })).toEqual(['Mid', 'Slow', 'Fast']);
		// Fast: 50 → 90 % satisfied is 80 % better; Mid: 21 → 7 days is 67 % better; Slow has none
		expect(await titles({ sort: 'improvement' })).toEqual(['Fast', 'Mid', 'Slow']);
		expect(await titles({ sector: 'Health' })).toEqual(['Slow']);
		expect(await titles({ level: 'local', metric: 'cost-saved' })).toEqual(['Fast']);
		expect((await store.stories.list({ sort: 'adopted' }))[0].adoptions).toBe(2);
		expect(await store.stories.facets()).toEqual({
			sectors: ['Health', 'Planning'],
			regions: ['Bavaria'],
			levels: ['local', 'national'],
			metrics: ['cost-saved', 'processing-time', 'satisfaction']
		});
	});

	it('finds a published story by search, linking to its page; not a draft', async () => {
		const store = await openTestStore({ name: uniqueName('a') });
		const draft = await store.stories.save(input({ title: 'Quiet ferries', summary: 'Electric ferries.' }), false);
		const id = await store.stories.save(input({ title: 'Ferry tickets on the phone' }), true);
		await publishedElsewhere(store, id);
		const page = await store.search.search('ferry');
		expect(page.hits.map((h) => [h.id, h.type, h.href])).toEqual([[id, 'story', `/stories/${id.slice(6)}`]]);
		expect(page.hits.some((h) => h.id === draft)).toBe(false);
	});

	it('deletes a story and drops its row', async () => {
		const store = await openTestStore({ name: uniqueName('a') });
		const id = await store.stories.save(input(), false);
		await store.stories.delete(id);
		expect(await store.stories.get(id)).toBeUndefined();
		expect(await store.stories.mine()).toEqual([]);
	});
});

describe('story projection', () => {
	it('puts valid stories, deletes removed ones and skips invalid ones', () => {
		const problems: string[] = [];
		const ops = storyOps(
			[
				{
					id: 'story:01JAAAAAAAAAAAAAAAAAAAAAA1',
					doc: {
						_id: 'story:01JAAAAAAAAAAAAAAAAAAAAAA1',
						_rev: '1-a',
						type: 'story',
						author: 'ana',
						createdAt: '2026-01-01T00:00:00.000Z',
						title: 'T',
						summary: '',
						problem: '',
						actions: '',
						outcomes: [],
						tags: [],
						status: 'draft'
					}
				},
				{ id: 'story:01JAAAAAAAAAAAAAAAAAAAAAA2', deleted: true },
				{
					id: 'story:01JAAAAAAAAAAAAAAAAAAAAAA3',
					doc: { _id: 'story:01JAAAAAAAAAAAAAAAAAAAAAA3', type: 'story', author: 'ana' }
				},
				{ id: 'thread:01JAAAAAAAAAAAAAAAAAAAAAA4', doc: {} }
			],
			(id) => problems.push(id)
		);
		expect([...ops.keys()]).toEqual(['story:01JAAAAAAAAAAAAAAAAAAAAAA1', 'story:01JAAAAAAAAAAAAAAAAAAAAAA2']);
		expect(ops.get('story:01JAAAAAAAAAAAAAAAAAAAAAA1')).toMatchObject({
			id: 'story:01JAAAAAAAAAAAAAAAAAAAAAA1',
			publishedAt: '2026-01-01T00:00:00.000Z',
			rev: '1-a'
		});
		expect(ops.get('story:01JAAAAAAAAAAAAAAAAAAAAAA2')).toBeNull();
		expect(problems).toEqual(['story:01JAAAAAAAAAAAAAAAAAAAAAA3']);
	});
});

describe('story review notifications', () => {
	it("tell the story's author the decision in words, linking to the story", async () => {
		const story = { _id: 'story:01JAAAAAAAAAAAAAAAAAAAAAA1', type: 'story', author: 'ana', title: 'Permits in a week' };
		const lookup = { get: async (id: string) => (id === story._id ? story : null), myRsvp: async () => null };
		const review = (verdict: string) => ({
			_id: 'review:01JAAAAAAAAAAAAAAAAAAAAAA2',
			type: 'review',
			author: 'rita',
			createdAt: '2026-01-01T00:00:00.000Z',
			resource: story._id,
			verdict,
			comments: ''
		});
		const [note] = await notificationsFor(review('changes'), 'ana', lookup);
		expect(note).toMatchObject({
			kind: 'review',
			actor: 'rita',
			text: 'asked for changes to your story “Permits in a week”',
			href: '/stories/01JAAAAAAAAAAAAAAAAAAAAAA1'
		});
		expect((await notificationsFor(review('approve'), 'ana', lookup))[0].text).toBe(
			'approved and published your story “Permits in a week”'
		);
		expect(await notificationsFor(review('approve'), 'ben', lookup)).toEqual([]);
	});
});

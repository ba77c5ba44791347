// Library through the store: submit → review (changes) → resubmit → approve, the permission
// rules applied on the device, derived ratings and uses, comments, filters and sorts, the pack.
import { afterEach, describe, expect, it } from 'vitest';
import { categoryDoc, closeTestStores, openTestStore, uniqueName } from '../support';
import type { ResourceInput } from '../../../../src/lib/store/index';

afterEach(closeTestStores);

const input = (extra: Partial<ResourceInput> = {}): ResourceInput => ({
	kind: 'case-study',
	title: 'Digital permits',
	summary: 'Permits online in six weeks.',
	body: 'We **moved** permits online.',
	tags: ['Permits', 'digital'],
	jurisdiction: 'Bavaria',
	sector: 'planning',
	problem: 'Paper queues',
	outcomes: [
		{ metric: 'Time saved', value: '40', unit: '%' },
		{ metric: '', value: '' }
	],
	...extra
});

/**
 * Publishes `id` as another reviewer's device would (nobody reviews what they wrote): the
 * published revision arrives in the replica as if synced.
 */
async function publishedElsewhere(store: Awaited<ReturnType<typeof openTestStore>>, id: string): Promise<void> {
	const doc = await store.replica.community.get(id);
	const now = new Date().toISOString();
	await store.replica.community.put({ ...doc, status: 'published', reviewedBy: 'other-reviewer', reviewedAt: now });
	await store.projected();
}

describe('library store', () => {
	it('runs submit → changes → resubmit → approve, and refuses a member publishing', async () => {
		const author = await openTestStore({ name: uniqueName('a') });
		const id = await author.library.submit(input());
		const mine = await author.library.mySubmissions();
		expect(mine).toHaveLength(1);
		expect(mine[0]).toMatchObject({ state: 'submitted', pending: true });
		expect(mine[0].resource.outcomes).toEqual([{ metric: 'Time saved', value: '40', unit: '%' }]);
		expect(mine[0].resource.tags).toEqual(['permits', 'digital']);
		await expect(author.library.review(id, 'approve', 'self-approval')).rejects.toThrow(/only reviewers/i);

		// the reviewer's device receives the resource by replication
		const reviewer = await openTestStore({ name: uniqueName('r'), roles: ['member', 'reviewer'] });
		const doc = await author.replica.community.get(id);
		await reviewer.replica.community.bulkDocs([doc], { new_edits: false });
		await reviewer.projected();
		expect((await reviewer.library.reviewQueue()).map((s) => s.resource.id)).toEqual([id]);
		await reviewer.library.review(id, 'changes', 'Add the cost figures.');
		expect(await reviewer.library.reviewQueue()).toEqual([]);

		// back to the author: returned with the comments, then resubmitted
		const sync = async (from: typeof author, to: typeof author) => {
			const all = await from.replica.community.allDocs({ include_docs: true });
			await to.replica.community.bulkDocs(
				all.rows.map((r) => r.doc!),
				{ new_edits: false }
			);
			await to.projected();
		};
		await sync(reviewer, author);
		const returned = (await author.library.mySubmissions())[0];
		expect(returned).toMatchObject({
			state: 'returned',
			latestReview: { verdict: 'changes', comments: 'Add the cost figures.' }
		});
		await author.library.submit(input({ body: 'Costs fell by 30%.' }), id);
		expect((await author.library.mySubmissions())[0].state).toBe('submitted');

		await sync(author, reviewer);
		await reviewer.library.review(id, 'approve', 'Good.');
		const detail = await reviewer.library.get(id);
		expect(detail?.resource).toMatchObject({
			status: 'published',
			reviewedBy: reviewer.member.name,
			body: 'Costs fell by 30%.'
		});
		expect(detail?.reviews.map((r) => r.verdict)).toEqual(['changes', 'approve']);
		expect((await reviewer.library.list()).map((c) => c.id)).toEqual([id]);
	});

	it('derives ratings and uses, filters and sorts, keeps comments and the pack', async () => {
		const s = await openTestStore({ name: uniqueName('m'), roles: ['member', 'reviewer'] });
		const a = await s.library.submit(input({ title: 'A', jurisdiction: 'Bavaria' }));
		const b = await s.library.submit(input({ title: 'B', kind: 'template', jurisdiction: 'Lyon', tags: ['forms'] }));
		await publishedElsewhere(s, a);
		await publishedElsewhere(s, b);
		await s.library.rate(a, 4);
		await s.library.rate(a, 5); // replaces, one per member
		await s.library.recordUse(b, 'pack');
		await s.library.recordUse(b, 'file'); // counted once per member
		await s.library.comment(a, 'Useful, thanks');
		const cards = await s.library.list({ sort: 'rated' });
		expect(cards.map((c) => c.title)).toEqual(['A', 'B']);
		expect(cards[0].rating).toMatchObject({ average: 5, count: 1 });
		expect((await s.library.list({ sort: 'used' })).map((c) => [c.title, c.uses])).toEqual([
			['B', 1],
			['A', 0]
		]);
		expect((await s.library.list({ kind: 'template' })).map((c) => c.title)).toEqual(['B']);
		expect((await s.library.list({ jurisdiction: 'Bavaria' })).map((c) => c.title)).toEqual(['A']);
		expect((await s.library.list({ tag: 'forms' })).map((c) => c.title)).toEqual(['B']);
		expect(await s.library.facets()).toMatchObject({
			kinds: ['case-study', 'template'],
			jurisdictions: ['Bavaria', 'Lyon']
		});
		// the library page's one read: the filtered cards, and the facets of everything published
		const browsed = await s.library.browse({ kind: 'template' });
		expect(browsed.cards).toEqual(await s.library.list({ kind: 'template' }));
		expect(browsed.facets).toEqual(await s.library.facets());
		const detail = await s.library.get(a);
		expect(detail).toMatchObject({ myRating: 5, comments: [{ body: 'Useful, thanks' }] });
		await s.library.rate(a, 0);
		expect((await s.library.get(a))?.rating.count).toBe(0);
		await expect(s.library.rate(a, 6)).rejects.toThrow(/1 to 5/);

		await s.library.togglePack(a);
		await s.library.togglePack(b);
		expect((await s.library.packResources()).map((r) => r.title)).toEqual(['A', 'B']);
		await s.library.togglePack(a);
		expect(await s.library.packIds()).toEqual([b]);
	});

	it('lets curators build collections and members not', async () => {
		const curator = await openTestStore({ name: uniqueName('c'), roles: ['member', 'moderator'] });
		const t = await curator.createThread({
			category: 'general',
			title: 'How to publish open data?',
			body: 'Where to start',
			tags: []
		});
		const answer = await curator.reply({
			thread: t,
			body: 'Start with a **data inventory**: see [the guide](https://example.org).'
		});
		await curator.library.saveCollection({
			slug: 'open-data',
			title: 'Getting started with open data',
			intro: 'Read these first.',
			items: []
		});
		await curator.library.addToCollection('open-data', answer, 'The best first step');
		await curator.library.addToCollection('open-data', answer);
		const c = await curator.library.collection('open-data');
		expect(c?.items).toMatchObject([
			{
				id: answer,
				type: 'post',
				title: 'Answer in “How to publish open data?”',
				note: 'The best first step',
				// a plain-text excerpt: no Markdown marks in the list
				summary: 'Start with a data inventory: see the guide.',
				missing: false
			}
		]);
		const member = await openTestStore({ name: uniqueName('m') });
		await expect(member.library.saveCollection({ slug: 'x', title: 'X', intro: '', items: [] })).rejects.toThrow(
			/curate/
		);
	});

	it('lists a related thread once even when it shares several tags with the resource', async () => {
		const store = await openTestStore({ name: uniqueName('m'), roles: ['member', 'reviewer'] });
		await store.replica.community.put(categoryDoc('general'));
		await store.projected();
		const thread = await store.createThread({
			category: 'general',
			title: 'Permit queues',
			body: 'How?',
			tags: ['permits', 'digital']
		});
		const id = await store.library.submit(input());
		await publishedElsewhere(store, id);
		const related = (await store.library.get(id))?.related ?? [];
		expect(related.filter((item) => item.id === thread)).toHaveLength(1);
	});

	it('lists a related resource once, published ones only, and follows edits and deletions', async () => {
		const store = await openTestStore({ name: uniqueName('m'), roles: ['member', 'reviewer'] });
		const id = await store.library.submit(input({ title: 'Permits online' }));
		const twin = await store.library.submit(input({ title: 'Permits by post', tags: ['Permits', 'digital'] }));
		const draft = await store.library.submit(input({ title: 'Not yet reviewed' }));
		await publishedElsewhere(store, id);
		await publishedElsewhere(store, twin);
		const related = (await store.library.get(id))?.related ?? [];
		expect(related.filter((item) => item.type === 'resource').map((item) => item.id)).toEqual([twin]);
		expect(related.some((item) => item.id === draft)).toBe(false);
		// an edit reaches the card the list reads; a deletion takes the card away
		const doc = await store.replica.community.get(twin);
		await store.replica.community.put({ ...doc, title: 'Permits by post, revised' });
		await store.projected();
		expect((await store.library.list()).map((c) => c.title).sort()).toEqual([
			'Permits by post, revised',
			'Permits online'
		]);
		await store.replica.community.remove(await store.replica.community.get(twin));
		await store.projected();
		expect((await store.library.list()).map((c) => c.title)).toEqual(['Permits online']);
		expect((await store.library.get(id))?.related.some((item) => item.id === twin)).toBe(false);
	});

	it('keeps one’s own submissions out of one’s review queue, and refuses reviewing them', async () => {
		const rita = await openTestStore({ name: uniqueName('r'), roles: ['member', 'reviewer'] });
		const own = await rita.library.submit(input({ title: 'Mine' }));
		const colleague = 'ana_lopez';
		// a colleague's submission naming rita as co-author, and one without her, arrive by sync
		for (const [id, coauthors] of [
			['resource:01JCCCCCCCCCCCCCCCCCCCCCC1', [rita.member.name]],
			['resource:01JCCCCCCCCCCCCCCCCCCCCCC2', []]
		] as const) {
			await rita.replica.community.put({
				_id: id,
				type: 'resource',
				author: colleague,
				createdAt: new Date().toISOString(),
				kind: 'guide',
				title: id.endsWith('1') ? 'Co-written' : 'Theirs',
				summary: 's',
				body: 'b',
				tags: [],
				status: 'submitted',
				...(coauthors.length ? { coauthors: [...coauthors] } : {})
			});
		}
		await rita.projected();
		expect((await rita.library.reviewQueue()).map((s) => s.resource.title)).toEqual(['Theirs']);
		await expect(rita.library.review(own, 'approve', '')).rejects.toThrow(
			'You cannot review a resource you wrote: another reviewer must.'
		);
		await expect(rita.library.review('resource:01JCCCCCCCCCCCCCCCCCCCCCC1', 'approve', '')).rejects.toThrow(
			/another reviewer must/
		);
		expect(await rita.library.get(own)).toMatchObject({ mayReview: false, coauthorNames: [] });
		expect(await rita.library.get('resource:01JCCCCCCCCCCCCCCCCCCCCCC1')).toMatchObject({
			mayReview: false,
			coauthorNames: [rita.member.name]
		});
		expect((await rita.library.get('resource:01JCCCCCCCCCCCCCCCCCCCCCC2'))?.mayReview).toBe(true);
		await rita.library.review('resource:01JCCCCCCCCCCCCCCCCCCCCCC2', 'approve', 'Fine.');
	});

	it('keeps co-authors on a submission, validated', async () => {
		const ana = await openTestStore({ name: uniqueName('a') });
		const id = await ana.library.submit(input({ coauthors: ['ben_m', 'ben_m', 'chloe'] }));
		expect((await ana.library.get(id))?.resource.coauthors).toEqual(['ben_m', 'chloe']);
		await expect(ana.library.submit(input({ coauthors: [ana.member.name] }))).rejects.toThrow(/author/);
		await expect(ana.library.submit(input({ coauthors: ['Not A Name!'] }))).rejects.toThrow(/not (a )?usernames?/);
	});
});

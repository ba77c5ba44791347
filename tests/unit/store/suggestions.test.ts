// The suggestion box through the store: a member suggests, others vote (the author's own vote is
// kept but not counted), a moderator sets the status with a reply and the author is notified of
// each change; the list's sorts and filters; refusals read on the device.
import { afterEach, describe, expect, it } from 'vitest';
import { closeTestStores, openTestStore, uniqueName, type TestStore } from './support';
import type { SuggestionInput } from '../../../src/lib/store/index';
import { suggestionOps } from '../../../src/lib/store/suggestions/projection';

afterEach(closeTestStores);

const input = (extra: Partial<SuggestionInput> = {}): SuggestionInput => ({
	area: 'platform',
	title: 'A dark theme',
	body: 'Reading at night is hard on the eyes.',
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

describe('suggestions store', () => {
	it('creates an open suggestion, counts other members’ votes and not the author’s own', async () => {
		const author = await openTestStore({ name: uniqueName('a') });
		const voter = await openTestStore({ name: uniqueName('v') });
		const id = await author.suggestions.create(input());
		await author.suggestions.vote(id, true);
		await sync(author, voter);
		await voter.suggestions.vote(id, true);
		const seen = await voter.suggestions.get(id);
		expect(seen).toMatchObject({ status: 'open', votes: 1, myVote: true, mine: false, area: 'platform' });
		await sync(voter, author);
		expect(await author.suggestions.get(id.slice('suggestion:'.length))).toMatchObject({
			votes: 1,
			myVote: true,
			mine: true
		});
		await voter.suggestions.vote(id, false);
		expect(await voter.suggestions.get(id)).toMatchObject({ votes: 0, myVote: false });
	});

	it('lets the author edit the text and refuses a status change by the author', async () => {
		const author = await openTestStore({ name: uniqueName('a') });
		const id = await author.suggestions.create(input());
		await author.suggestions.edit(id, input({ title: 'A dark theme for the forums', area: 'community' }));
		expect(await author.suggestions.get(id)).toMatchObject({ title: 'A dark theme for the forums', area: 'community' });
		await expect(author.suggestions.setStatus(id, 'planned', 'Yes')).rejects.toThrow(
			'Only moderators set the status of a suggestion and answer it.'
		);
		const other = await openTestStore({ name: uniqueName('o') });
		await sync(author, other);
		await expect(other.suggestions.edit(id, input({ title: 'Mine now' }))).rejects.toThrow(
			'Only the member who made a suggestion edits it.'
		);
	});

	it('notifies the author of every status a moderator sets, with the reply shown', async () => {
		const author = await openTestStore({ name: uniqueName('a') });
		const mod = await openTestStore({ name: uniqueName('m'), roles: ['member', 'moderator'] });
		const id = await author.suggestions.create(input());
		await sync(author, mod);
		await mod.suggestions.setStatus(id, 'considering', 'We are looking at it.');
		await sync(mod, author);
		await mod.suggestions.setStatus(id, 'planned', 'It comes in spring.');
		await sync(mod, author);
		const seen = await author.suggestions.get(id);
		expect(seen).toMatchObject({ status: 'planned', response: { text: 'It comes in spring.', by: mod.member.name } });
		const rows = (await author.people.notifications()).filter((n) => n.kind === 'suggestion');
		expect(rows.map((n) => n.text).sort()).toEqual([
			'marked your suggestion “A dark theme” as planned',
			'marked your suggestion “A dark theme” as under consideration'
		]);
		expect(rows.every((n) => n.href === `/suggestions/${id.slice('suggestion:'.length)}`)).toBe(true);
	});

	it('sorts by votes then newest, or by status, and filters by status and area', async () => {
		const a = await openTestStore({ name: uniqueName('a') });
		const b = await openTestStore({ name: uniqueName('b') });
		const mod = await openTestStore({ name: uniqueName('m'), roles: ['member', 'moderator'] });
		const first = await a.suggestions.create(input({ title: 'First' }));
		const second = await a.suggestions.create(input({ title: 'Second', area: 'community' }));
		const third = await a.suggestions.create(input({ title: 'Third' }));
		await sync(a, b);
		await b.suggestions.vote(first, true);
		await sync(b, mod);
		await mod.suggestions.setStatus(third, 'done', '');
		const titles = (list: { title: string }[]) => list.map((s) => s.title);
		// equal votes: the newest first
		expect(titles(await mod.suggestions.list())).toEqual(['First', 'Third', 'Second']);
		expect(titles(await mod.suggestions.list({ sort: 'status' }))).toEqual(['First', 'Second', 'Third']);
		expect((await mod.suggestions.list({ status: 'done' })).map((s) => s.id)).toEqual([third]);
		expect((await mod.suggestions.list({ area: 'community' })).map((s) => s.id)).toEqual([second]);
	});

	it('projects valid suggestions, skips invalid ones with the reason, and deletes removed ones', () => {
		const id = 'suggestion:01JFSSSSSSSSSSSSSSSSSSSS01';
		const good = { _id: id, _rev: '1-a', type: 'suggestion', author: 'alice', createdAt: '2026-11-01T00:00:00.000Z' };
		const skipped: string[] = [];
		const ops = suggestionOps(
			[
				{ id, doc: { ...good, area: 'platform', title: 'A', body: 'B', status: 'open' } },
				{
					id: 'suggestion:01JFSSSSSSSSSSSSSSSSSSSS02',
					doc: {
						...good,
						_id: 'suggestion:01JFSSSSSSSSSSSSSSSSSSSS02',
						area: 'x',
						title: 'A',
						body: 'B',
						status: 'open'
					}
				},
				{ id: 'suggestion:01JFSSSSSSSSSSSSSSSSSSSS03', deleted: true },
				{ id: 'thread:01JFSSSSSSSSSSSSSSSSSSSS04', doc: {} }
			],
			(bad, reason) => skipped.push(`${bad}: ${reason}`)
		);
		expect(ops.get(id)).toMatchObject({ id, rev: '1-a', title: 'A', status: 'open' });
		expect(ops.get('suggestion:01JFSSSSSSSSSSSSSSSSSSSS03')).toBeNull();
		expect([...ops.keys()]).toHaveLength(2);
		expect(skipped).toEqual([expect.stringMatching(/^suggestion:01JFSSSSSSSSSSSSSSSSSSSS02: .*area/)]);
	});

	it('keeps suggestions through a rebuild of the projections', async () => {
		const store = await openTestStore({ name: uniqueName('r') });
		const id = await store.suggestions.create(input());
		await store.rebuild();
		expect((await store.suggestions.list()).map((s) => s.id)).toEqual([id]);
	});
});

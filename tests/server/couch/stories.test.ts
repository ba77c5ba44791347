// Through /couch: success stories follow the resources' review rules (nobody publishes or returns
// a story they wrote, as author or co-author; another reviewer does), and outcome figures that
// are not measurable (money in "euros", a result without a figure) are refused with a reason the
// writer can read, while the valid documents of the same batch are stored.
import { afterEach, describe, expect, it } from 'vitest';
import { createCouchHarness, type CouchHarness } from '../helpers/couch-harness';

const SID = '01JCCCCCCCCCCCCCCCCCCCCCC1';
const NOW = '2026-01-01T00:00:00.000Z';
const SELF_DECISION = 'you cannot publish or return a story you wrote: another reviewer must decide';
let h: CouchHarness;

afterEach(async () => {
	await h?.close();
});

const story = (author: string, status: string, extra: Record<string, unknown> = {}) => ({
	_id: `story:${SID}`,
	type: 'story',
	author,
	createdAt: NOW,
	title: 'Permits in a week',
	summary: 'Decided in a week instead of three.',
	problem: 'Paper queues.',
	actions: 'An online form.',
	outcomes: [{ metric: 'processing-time', label: 'Days to decide', before: 21, after: 7, unit: 'days' }],
	tags: [],
	status,
	...extra
});

type Result = { id: string; ok?: boolean; rev?: string; error?: string; reason?: string };

async function bulk(user: string, docs: object[]): Promise<Result[]> {
	const res = await h.request('/couch/community/_bulk_docs', { method: 'POST', user, body: JSON.stringify({ docs }) });
	expect(res.status).toBe(201);
	return res.json();
}

async function stored(id: string): Promise<Record<string, unknown> | null> {
	return h.storage
		.db('community')
		.get(id)
		.then((d) => d as unknown as Record<string, unknown>)
		.catch(() => null);
}

describe('success stories through the gateway', () => {
	it('refuses a story published or returned by its own author, with the reason', async () => {
		h = createCouchHarness();
		const [created] = await bulk('rita', [story('rita', 'submitted')]);
		expect(created.ok).toBe(true);
		const [published] = await bulk('rita', [
			story('rita', 'published', { _rev: created.rev, reviewedBy: 'rita', reviewedAt: NOW })
		]);
		expect(published).toMatchObject({ error: 'forbidden', reason: SELF_DECISION });
		const [returned] = await bulk('rita', [story('rita', 'returned', { _rev: created.rev })]);
		expect(returned).toMatchObject({ error: 'forbidden', reason: SELF_DECISION });
		// nor born published
		const [born] = await bulk('rita', [
			story('rita', 'published', { _id: 'story:01JCCCCCCCCCCCCCCCCCCCCCC2', reviewedBy: 'rita', reviewedAt: NOW })
		]);
		expect(born).toMatchObject({ error: 'forbidden', reason: SELF_DECISION });
		expect(await stored(`story:${SID}`)).toMatchObject({ status: 'submitted' });
	});

	it('refuses a co-author publishing it, and lets another reviewer publish it', async () => {
		h = createCouchHarness();
		const [created] = await bulk('alice', [story('alice', 'submitted', { coauthors: ['rita'] })]);
		expect(created.ok).toBe(true);
		const [coPublish] = await bulk('rita', [
			story('alice', 'published', { _rev: created.rev, coauthors: ['rita'], reviewedBy: 'rita', reviewedAt: NOW })
		]);
		expect(coPublish).toMatchObject({ error: 'forbidden', reason: SELF_DECISION });

		const [other] = await bulk('alice', [story('alice', 'submitted', { _id: 'story:01JCCCCCCCCCCCCCCCCCCCCCC3' })]);
		const [byReviewer] = await bulk('rita', [
			story('alice', 'published', {
				_id: 'story:01JCCCCCCCCCCCCCCCCCCCCCC3',
				_rev: other.rev,
				reviewedBy: 'rita',
				reviewedAt: NOW
			})
		]);
		expect(byReviewer.ok).toBe(true);
		expect(await stored('story:01JCCCCCCCCCCCCCCCCCCCCCC3')).toMatchObject({ status: 'published', reviewedBy: 'rita' });
		// a member who is not a reviewer cannot publish another's story
		const [third] = await bulk('alice', [story('alice', 'submitted', { _id: 'story:01JCCCCCCCCCCCCCCCCCCCCCC4' })]);
		const [byMember] = await bulk('bob', [
			story('alice', 'published', { _id: 'story:01JCCCCCCCCCCCCCCCCCCCCCC4', _rev: third.rev })
		]);
		expect(byMember.error).toBe('forbidden');
	});

	it('refuses unmeasurable outcome figures with readable reasons, keeping the valid story', async () => {
		h = createCouchHarness();
		const euros = story('alice', 'draft', {
			_id: 'story:01JCCCCCCCCCCCCCCCCCCCCCC5',
			outcomes: [{ metric: 'cost-saved', label: 'Printing', value: 1200, unit: 'euros' }]
		});
		const noFigure = story('alice', 'draft', {
			_id: 'story:01JCCCCCCCCCCCCCCCCCCCCCC6',
			outcomes: [{ metric: 'waiting-time', label: 'Queue', before: 30, unit: 'minutes' }]
		});
		const valid = story('alice', 'draft', {
			_id: 'story:01JCCCCCCCCCCCCCCCCCCCCCC7',
			outcomes: [{ metric: 'cost-saved', label: 'Printing', value: 1200, unit: 'EUR', period: 'a year' }]
		});
		const [a, b, c] = await bulk('alice', [euros, noFigure, valid]);
		expect(a.error).toBe('forbidden');
		expect(a.reason).toContain('money saved is counted in a currency code such as EUR, GBP or USD');
		expect(b.error).toBe('forbidden');
		expect(b.reason).toContain('a result needs a figure, or figures before and after');
		expect(c.ok).toBe(true);
		expect(await stored(euros._id)).toBeNull();
		expect(await stored(noFigure._id)).toBeNull();
	});
});

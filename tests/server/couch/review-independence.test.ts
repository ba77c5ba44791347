// Through /couch: nobody reviews, publishes or returns a resource they wrote (as its author or
// a co-author), whatever their roles; each refusal comes back with its reason while the valid
// documents of the same batch are stored, and another reviewer's decision is accepted.
import { afterEach, describe, expect, it } from 'vitest';
import { createCouchHarness, type CouchHarness } from '../helpers/couch-harness';

const RID = '01JCCCCCCCCCCCCCCCCCCCCCC1';
const NOW = '2026-01-01T00:00:00.000Z';
const SELF_REVIEW = 'you cannot review a resource you wrote: another reviewer must';
const SELF_DECISION = 'you cannot publish or return a resource you wrote: another reviewer must decide';
let h: CouchHarness;

afterEach(async () => {
	await h?.close();
});

const resource = (author: string, status: string, extra: Record<string, unknown> = {}) => ({
	_id: `resource:${RID}`,
	type: 'resource',
	author,
	createdAt: NOW,
	kind: 'guide',
	title: 'Open data guide',
	summary: 's',
	body: 'b',
	tags: [],
	status,
	...extra
});

let reviews = 0;
const review = (author: string, verdict = 'approve') => ({
	_id: `review:01JDDDDDDDDDDDDDDDDDDDDD${String(++reviews).padStart(2, '0')}`,
	type: 'review',
	author,
	createdAt: NOW,
	resource: `resource:${RID}`,
	verdict,
	comments: ''
});

const thread = (author: string) => ({
	_id: `comment:01JEEEEEEEEEEEEEEEEEEEEE${String(++reviews).padStart(2, '0')}`,
	type: 'comment',
	author,
	createdAt: NOW,
	target: `resource:${RID}`,
	body: 'A valid document beside the refused one'
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

describe('review independence', () => {
	it("refuses a reviewer's review and decision on their own resource, keeping the rest of the batch", async () => {
		h = createCouchHarness();
		const [created] = await bulk('rita', [resource('rita', 'submitted')]);
		expect(created.ok).toBe(true);
		const note = thread('rita');
		const rv = review('rita');
		const [selfReview, selfPublish, valid] = await bulk('rita', [
			rv,
			resource('rita', 'published', { _rev: created.rev, reviewedBy: 'rita', reviewedAt: NOW }),
			note
		]);
		expect(selfReview).toMatchObject({ error: 'forbidden', reason: SELF_REVIEW });
		expect(selfPublish).toMatchObject({ error: 'forbidden', reason: SELF_DECISION });
		expect(valid.ok).toBe(true);
		expect(await stored(note._id)).not.toBeNull();
		expect(await stored(rv._id)).toBeNull();
		expect(await stored(`resource:${RID}`)).toMatchObject({ status: 'submitted' });

		const [selfReturn] = await bulk('rita', [resource('rita', 'returned', { _rev: created.rev })]);
		expect(selfReturn).toMatchObject({ error: 'forbidden', reason: SELF_DECISION });
	});

	it('refuses creating a resource already published or returned, even by a reviewer', async () => {
		h = createCouchHarness();
		const [born, returned, draft] = await bulk('rita', [
			resource('rita', 'published', { reviewedBy: 'rita', reviewedAt: NOW }),
			resource('rita', 'returned', { _id: 'resource:01JCCCCCCCCCCCCCCCCCCCCCC2' }),
			resource('rita', 'submitted', { _id: 'resource:01JCCCCCCCCCCCCCCCCCCCCCC3' })
		]);
		expect(born).toMatchObject({ error: 'forbidden', reason: SELF_DECISION });
		expect(returned).toMatchObject({ error: 'forbidden', reason: SELF_DECISION });
		expect(draft.ok).toBe(true);
	});

	it('refuses a co-author, named in the stored resource or in the new revision', async () => {
		h = createCouchHarness();
		const [created] = await bulk('alice', [resource('alice', 'submitted', { coauthors: ['rita'] })]);
		expect(created.ok).toBe(true);
		const [coReview, coPublish] = await bulk('rita', [
			review('rita'),
			resource('alice', 'published', { _rev: created.rev, coauthors: ['rita'], reviewedBy: 'rita', reviewedAt: NOW })
		]);
		expect(coReview).toMatchObject({ error: 'forbidden', reason: SELF_REVIEW });
		expect(coPublish).toMatchObject({ error: 'forbidden', reason: SELF_DECISION });

		// dropping oneself from the co-authors while publishing does not help
		const [dropped] = await bulk('rita', [
			resource('alice', 'published', { _rev: created.rev, reviewedBy: 'rita', reviewedAt: NOW })
		]);
		expect(dropped.error).toBe('forbidden');
		expect(await stored(`resource:${RID}`)).toMatchObject({ status: 'submitted', coauthors: ['rita'] });
	});

	it('refuses adding oneself as co-author, and co-author changes to a published resource outside review', async () => {
		h = createCouchHarness();
		const [created] = await bulk('alice', [resource('alice', 'submitted')]);
		const [addSelf] = await bulk('rita', [
			resource('alice', 'published', { _rev: created.rev, coauthors: ['rita'], reviewedBy: 'rita', reviewedAt: NOW })
		]);
		expect(addSelf).toMatchObject({ error: 'forbidden', reason: 'only the author names the co-authors of a resource' });
		const [addSelfOnly] = await bulk('rita', [
			resource('alice', 'submitted', { _rev: created.rev, coauthors: ['rita'] })
		]);
		expect(addSelfOnly).toMatchObject({
			error: 'forbidden',
			reason: 'only the author names the co-authors of a resource'
		});

		const [published] = await bulk('rita', [
			resource('alice', 'published', { _rev: created.rev, reviewedBy: 'rita', reviewedAt: NOW })
		]);
		expect(published.ok).toBe(true);
		const [renamed] = await bulk('alice', [
			resource('alice', 'published', { _rev: published.rev, coauthors: ['bob'], reviewedBy: 'rita', reviewedAt: NOW })
		]);
		expect(renamed).toMatchObject({
			error: 'forbidden',
			reason: 'a published resource changes only through review: submit the change instead'
		});
		// submitted again with the co-author, another reviewer decides
		const [resubmitted] = await bulk('alice', [
			resource('alice', 'submitted', { _rev: published.rev, coauthors: ['bob'] })
		]);
		expect(resubmitted.ok).toBe(true);
	});

	it("accepts another reviewer's review and decision", async () => {
		h = createCouchHarness();
		const [created] = await bulk('alice', [resource('alice', 'submitted', { coauthors: ['bob'] })]);
		const [rv, pub] = await bulk('rita', [
			review('rita'),
			resource('alice', 'published', { _rev: created.rev, coauthors: ['bob'], reviewedBy: 'rita', reviewedAt: NOW })
		]);
		expect(rv.ok).toBe(true);
		expect(pub.ok).toBe(true);
		expect(await stored(`resource:${RID}`)).toMatchObject({ status: 'published', reviewedBy: 'rita' });
	});
});

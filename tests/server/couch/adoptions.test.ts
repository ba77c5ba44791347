// Through /couch: "we adopted this" records. A member records and updates their own adoption of
// a published resource or story; refused are an adoption in another member's name, of a practice
// its adopter wrote, of a missing or unpublished practice (the adoption rule), a change by anyone
// else, and invalid results; each with its reason while the rest of the batch is stored.
import { afterEach, describe, expect, it } from 'vitest';
import { adoptionRule } from '../../../server/couch/rules/adoptions';
import { createCouchHarness, type CouchHarness } from '../helpers/couch-harness';

const NOW = '2026-05-01T10:00:00.000Z';
const RES = 'resource:01JFAAAAAAAAAAAAAAAAAAAAA1';
const DRAFT = 'resource:01JFAAAAAAAAAAAAAAAAAAAAA2';
let h: CouchHarness | null = null;
afterEach(async () => {
	await h?.close();
	h = null;
});

type Result = { id: string; ok?: boolean; rev?: string; error?: string; reason?: string };

let counter = 0;
const ulid = () => `01JFBBBBBBBBBBBBBBBBBBB${String(++counter).padStart(3, '0')}`;

const resource = (id: string, author: string, status: string) => ({
	_id: id,
	type: 'resource',
	author,
	createdAt: NOW,
	kind: 'guide',
	title: 'Open permits',
	summary: 's',
	body: 'b',
	tags: [],
	status,
	...(status === 'published' ? { reviewedBy: 'rita', reviewedAt: NOW } : {})
});
const adoption = (author: string, practice = RES, extra: Record<string, unknown> = {}) => ({
	_id: `adoption:${ulid()}`,
	type: 'adoption',
	author,
	createdAt: NOW,
	practice,
	organization: 'City of Lyon',
	status: 'piloting',
	notes: '',
	outcomes: [],
	...extra
});
const comment = (author: string) => ({
	_id: `comment:${ulid()}`,
	type: 'comment',
	author,
	createdAt: NOW,
	target: RES,
	body: 'A valid document in the same batch'
});

async function push(user: string, docs: object[]): Promise<Result[]> {
	const res = await h!.request('/couch/community/_bulk_docs', { method: 'POST', user, body: JSON.stringify({ docs }) });
	expect(res.status).toBe(201);
	return res.json();
}

/** A gateway with the adoption rule, holding a published resource and a submitted one by alice. */
async function withPractices(): Promise<void> {
	h = createCouchHarness({ rules: [adoptionRule] });
	const stored = h.storage.db('community');
	await stored.bulkDocs([resource(RES, 'alice', 'published'), resource(DRAFT, 'alice', 'submitted')]);
}

describe('adoptions through /couch', () => {
	it('lets a member record and update their own adoption, and report results', async () => {
		await withPractices();
		const doc = adoption('bob');
		const [created] = await push('bob', [doc]);
		expect(created.ok).toBe(true);
		const result = { metric: 'processing-time', label: 'Days to a permit', before: 21, after: 9, unit: 'days' };
		const [updated] = await push('bob', [
			{ ...doc, _rev: created.rev, status: 'implemented', statusOn: '2026-06-01', outcomes: [result], updatedAt: NOW }
		]);
		expect(updated.ok).toBe(true);
		expect(await h!.storage.db('community').get(doc._id)).toMatchObject({ status: 'implemented', outcomes: [result] });
	});

	it('refuses an adoption in another member’s name, of one’s own practice, of a missing practice', async () => {
		await withPractices();
		const valid = comment('bob');
		const [forged, own, missing, ok] = await push('bob', [
			adoption('alice'),
			{ ...resource('resource:01JFAAAAAAAAAAAAAAAAAAAAA3', 'bob', 'submitted') },
			adoption('bob', 'story:01JFAAAAAAAAAAAAAAAAAAAAA9'),
			valid
		]);
		expect(forged).toMatchObject({ error: 'forbidden', reason: 'author must be the signed-in member (bob)' });
		expect(own.ok).toBe(true);
		expect(missing).toMatchObject({ error: 'forbidden', reason: 'an adoption needs an existing resource or story' });
		expect(ok.ok).toBe(true);
		const [ownAdoption] = await push('alice', [adoption('alice')]);
		expect(ownAdoption).toMatchObject({
			error: 'forbidden',
			reason: 'you cannot record an adoption of a practice you wrote: the organisations that adopt it do'
		});
	});

	it('refuses a new adoption of an unpublished practice, but not a change to an existing one', async () => {
		await withPractices();
		const [draft] = await push('bob', [adoption('bob', DRAFT)]);
		expect(draft).toMatchObject({ error: 'forbidden', reason: 'only a published resource or story can be adopted' });

		const doc = adoption('bob');
		const [created] = await push('bob', [doc]);
		expect(created.ok).toBe(true);
		// the practice goes back to review: the adopter still reports their results
		const db = h!.storage.db('community');
		const stored = await db.get(RES);
		await db.put({ ...stored, status: 'submitted' });
		const [updated] = await push('bob', [{ ...doc, _rev: created.rev, notes: 'Going well.' }]);
		expect(updated.ok).toBe(true);
	});

	it('refuses a change by someone else and invalid results', async () => {
		await withPractices();
		const doc = adoption('bob');
		const [created] = await push('bob', [doc]);
		const [byAlice] = await push('alice', [{ ...doc, _rev: created.rev, notes: 'changed' }]);
		expect(byAlice).toMatchObject({
			error: 'forbidden',
			reason: 'only the author or a moderator may change or delete this document'
		});
		const money = { metric: 'cost-saved', label: 'Saved', value: 1000, unit: 'euros' };
		const noFigure = { metric: 'other', label: 'Happier staff', unit: '%' };
		const [badMoney, badFigure] = await push('bob', [
			{ ...doc, _rev: created.rev, outcomes: [money] },
			adoption('bob', RES, { outcomes: [noFigure] })
		]);
		expect(badMoney.error).toBe('forbidden');
		expect(badMoney.reason).toMatch(/currency code/);
		expect(badFigure.error).toBe('forbidden');
		expect(badFigure.reason).toMatch(/a result needs a figure/);
	});
});

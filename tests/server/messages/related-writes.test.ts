// Through /couch: writes whose permission depends on another document (server/couch/write.ts
// checkRelated): attendance only by the event's organisers, a mentorship answer only by the mentor
// the request names; the related document may come in the same batch (pushed together offline).
import { afterEach, describe, expect, it } from 'vitest';
import { createCouchHarness, type CouchHarness } from '../helpers/couch-harness';

let h: CouchHarness | null = null;
afterEach(async () => {
	await h?.close();
	h = null;
});

const E = '01JEAAAAAAAAAAAAAAAAAAAAA1';
const M = '01JEAAAAAAAAAAAAAAAAAAAAA2';
const at = '2026-05-01T10:00:00.000Z';
const event = {
	_id: `event:${E}`,
	type: 'event',
	author: 'alice',
	createdAt: at,
	kind: 'meetup',
	title: 'Meetup',
	description: '',
	start: at,
	end: at,
	timeZone: 'UTC',
	location: { venue: 'Hall' },
	organisers: ['alice'],
	tags: []
};
const attendance = (author: string, member: string) => ({
	_id: `attendance:${E}:${member}`,
	type: 'attendance',
	author,
	createdAt: at,
	event: `event:${E}`,
	member,
	attended: true
});
const request = {
	_id: `mentorship:${M}`,
	type: 'mentorship',
	author: 'bob',
	createdAt: at,
	mentor: 'alice',
	goals: 'Procurement'
};
const answer = (author: string) => ({
	_id: `mentorship-answer:${M}`,
	type: 'mentorship-answer',
	author,
	createdAt: at,
	mentorship: `mentorship:${M}`,
	answer: 'accepted'
});

async function push(
	user: string,
	docs: object[]
): Promise<Array<{ id: string; ok?: boolean; error?: string; reason?: string }>> {
	const res = await h!.request('/couch/community/_bulk_docs', { method: 'POST', user, body: JSON.stringify({ docs }) });
	expect(res.status).toBe(201);
	return res.json();
}

describe('writes checked against a related document', () => {
	it('lets organisers record attendance, in the same batch as the event or later, and refuses others', async () => {
		h = createCouchHarness();
		const first = await push('alice', [event, attendance('alice', 'bob')]);
		expect(first.map((r) => r.ok)).toEqual([true, true]);
		const [refused] = await push('bob', [attendance('bob', 'mod')]);
		expect(refused).toMatchObject({ error: 'forbidden', reason: expect.stringContaining('organisers') });
		const [noEvent] = await push('alice', [
			{
				...attendance('alice', 'bob'),
				_id: `attendance:01JEAAAAAAAAAAAAAAAAAAAAA9:bob`,
				event: 'event:01JEAAAAAAAAAAAAAAAAAAAAA9'
			}
		]);
		expect(noEvent).toMatchObject({ error: 'forbidden', reason: expect.stringContaining('existing event') });
	});

	it('lets only the organisers or a moderator delete attendance, by PUT or _bulk_docs', async () => {
		h = createCouchHarness();
		await push('alice', [event, attendance('alice', 'bob'), attendance('alice', 'mod')]);
		const rev = async (member: string) =>
			((await h!.storage.db('community').get(`attendance:${E}:${member}`)) as { _rev: string })._rev;
		const tombstone = async (member: string) => ({
			_id: `attendance:${E}:${member}`,
			_rev: await rev(member),
			_deleted: true
		});

		// the member it is about, not an organiser: refused both ways
		const [bulk] = await push('bob', [await tombstone('bob')]);
		expect(bulk).toMatchObject({ error: 'forbidden', reason: expect.stringContaining('organisers') });
		const put = await h.request(`/couch/community/attendance:${E}:bob?rev=${await rev('bob')}`, {
			method: 'DELETE',
			user: 'bob'
		});
		expect(put.status).toBe(403);
		const direct = await h.request(`/couch/community/attendance:${E}:bob`, {
			method: 'PUT',
			user: 'bob',
			body: JSON.stringify(await tombstone('bob'))
		});
		expect(direct.status).toBe(403);
		expect(await h.storage.db('community').get(`attendance:${E}:bob`)).toMatchObject({ attended: true });

		// an organiser and a moderator may
		expect((await push('alice', [await tombstone('bob')]))[0].ok).toBe(true);
		expect((await push('mod', [await tombstone('mod')]))[0].ok).toBe(true);
	});

	it('lets only the named mentor answer a request', async () => {
		h = createCouchHarness();
		expect((await push('bob', [request]))[0].ok).toBe(true);
		expect((await push('bob', [answer('bob')]))[0]).toMatchObject({
			error: 'forbidden',
			reason: expect.stringContaining('mentor')
		});
		expect((await push('mod', [answer('mod')]))[0]).toMatchObject({ error: 'forbidden' });
		expect((await push('alice', [answer('alice')]))[0].ok).toBe(true);
	});
});

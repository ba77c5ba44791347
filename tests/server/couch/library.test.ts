// The gateway and the library: only reviewers publish, return or review (a member's attempt is
// refused per document with the reason), ratings name their author, and the library-files
// database takes one file per document from its author within the size and type limits.
import { afterEach, describe, expect, it } from 'vitest';
import { createCouchHarness, type CouchHarness } from '../helpers/couch-harness';

const RID = '01JCCCCCCCCCCCCCCCCCCCCCC1';
const NOW = '2026-01-01T00:00:00.000Z';
let h: CouchHarness;

afterEach(async () => {
	await h?.close();
});

const resource = (status: string, extra: Record<string, unknown> = {}) => ({
	_id: `resource:${RID}`,
	type: 'resource',
	author: 'alice',
	createdAt: NOW,
	kind: 'guide',
	title: 'Open data guide',
	summary: 's',
	body: 'b',
	tags: [],
	status,
	...extra
});

async function bulk(
	user: string,
	docs: object[],
	db = 'community'
): Promise<Array<{ id: string; ok?: boolean; rev?: string; error?: string; reason?: string }>> {
	const res = await h.request(`/couch/${db}/_bulk_docs`, { method: 'POST', user, body: JSON.stringify({ docs }) });
	expect(res.status).toBe(201);
	return res.json();
}

describe('library writes through the gateway', () => {
	it('refuses a member publishing or reviewing, accepts a reviewer doing so', async () => {
		h = createCouchHarness();
		const [created] = await bulk('alice', [resource('submitted')]);
		expect(created.ok).toBe(true);
		const [selfPublish, review] = await bulk('alice', [
			resource('published', { _rev: created.rev, reviewedBy: 'alice', reviewedAt: NOW }),
			{
				_id: 'review:01JDDDDDDDDDDDDDDDDDDDDDD1',
				type: 'review',
				author: 'alice',
				createdAt: NOW,
				resource: `resource:${RID}`,
				verdict: 'approve',
				comments: ''
			}
		]);
		expect(selfPublish).toMatchObject({ error: 'forbidden', reason: 'only reviewers publish or return resources' });
		expect(review).toMatchObject({ error: 'forbidden', reason: 'only reviewers write reviews' });
		// another member cannot publish it either, nor can a member create it published
		const [bob] = await bulk('bob', [resource('published', { _rev: created.rev, author: 'alice' })]);
		expect(bob.error).toBe('forbidden');
		const [born] = await bulk('bob', [
			resource('published', { _id: 'resource:01JCCCCCCCCCCCCCCCCCCCCCC2', author: 'bob' })
		]);
		// the creator is its author: nobody decides on what they wrote
		expect(born).toMatchObject({
			error: 'forbidden',
			reason: 'you cannot publish or return a resource you wrote: another reviewer must decide'
		});

		const [rv, pub] = await bulk('rita', [
			{
				_id: 'review:01JDDDDDDDDDDDDDDDDDDDDDD2',
				type: 'review',
				author: 'rita',
				createdAt: NOW,
				resource: `resource:${RID}`,
				verdict: 'approve',
				comments: 'fine'
			},
			resource('published', { _rev: created.rev, reviewedBy: 'rita', reviewedAt: NOW })
		]);
		expect(rv.ok).toBe(true);
		expect(pub.ok).toBe(true);
	});

	it('takes one rating per member and resource, named by its author, 1 to 5', async () => {
		h = createCouchHarness();
		const rating = (id: string, value: number) => ({
			_id: id,
			type: 'rating',
			author: 'alice',
			createdAt: NOW,
			resource: `resource:${RID}`,
			value
		});
		const [ok, other, tooHigh] = await bulk('alice', [
			rating(`rating:${RID}:alice`, 4),
			rating(`rating:${RID}:bob`, 4),
			rating(`rating:${RID}:alice2`, 9)
		]);
		expect(ok.ok).toBe(true);
		expect(other).toMatchObject({ error: 'forbidden', reason: expect.stringMatching(/rating id/) });
		expect(tooHigh.error).toBe('forbidden');
	});
});

describe('library-files database', () => {
	const fileDoc = (author: string, extra: Record<string, unknown> = {}) => ({
		_id: 'file:01JEEEEEEEEEEEEEEEEEEEEEE1',
		type: 'file',
		author,
		createdAt: NOW,
		name: 'guide.pdf',
		contentType: 'application/pdf',
		size: 9,
		_attachments: { file: { content_type: 'application/pdf', data: Buffer.from('%PDF-1.4\n').toString('base64') } },
		...extra
	});

	it('stores a member’s file and serves it to every member', async () => {
		h = createCouchHarness();
		const [stored] = await bulk('alice', [fileDoc('alice')], 'library-files');
		expect(stored.ok).toBe(true);
		const att = await h.request('/couch/library-files/file:01JEEEEEEEEEEEEEEEEEEEEEE1/file', { user: 'bob' });
		expect(att.status).toBe(200);
		expect(await att.text()).toBe('%PDF-1.4\n');
		const anon = await h.request('/couch/library-files/file:01JEEEEEEEEEEEEEEEEEEEEEE1', { user: null });
		expect(anon.status).toBe(401);
	});

	it('refuses files of someone else, other types, several attachments, and changes by others', async () => {
		h = createCouchHarness();
		const results = await bulk(
			'alice',
			[
				fileDoc('bob'),
				fileDoc('alice', {
					_id: 'file:01JEEEEEEEEEEEEEEEEEEEEEE2',
					contentType: 'application/x-msdownload',
					_attachments: { file: { content_type: 'application/x-msdownload', data: 'AA==' } }
				}),
				fileDoc('alice', {
					_id: 'file:01JEEEEEEEEEEEEEEEEEEEEEE3',
					_attachments: {
						a: { content_type: 'application/pdf', data: 'AA==' },
						b: { content_type: 'application/pdf', data: 'AA==' }
					}
				}),
				fileDoc('alice', { _id: 'nope' })
			],
			'library-files'
		);
		expect(results.map((r) => r.error)).toEqual(['forbidden', 'forbidden', 'forbidden', 'forbidden']);
		const [mine] = await bulk('alice', [fileDoc('alice')], 'library-files');
		const [steal] = await bulk('bob', [{ ...fileDoc('alice'), _rev: mine.rev, name: 'mine.pdf' }], 'library-files');
		expect(steal).toMatchObject({ error: 'forbidden', reason: expect.stringMatching(/only the author/) });
		const [del] = await bulk(
			'bob',
			[{ _id: 'file:01JEEEEEEEEEEEEEEEEEEEEEE1', _rev: mine.rev, _deleted: true }],
			'library-files'
		);
		expect(del.error).toBe('forbidden');
	});

	it('refuses a file whose bytes are not its declared type, and attachments on community documents', async () => {
		h = createCouchHarness();
		const page = Buffer.from('<!doctype html><script>alert(1)</script>').toString('base64');
		const [disguised] = await bulk(
			'alice',
			[fileDoc('alice', { _attachments: { file: { content_type: 'application/pdf', data: page } } })],
			'library-files'
		);
		expect(disguised).toMatchObject({ error: 'forbidden', reason: expect.stringContaining('not application/pdf') });
		const [attached] = await bulk('alice', [
			resource('submitted', { _attachments: { 'x.html': { content_type: 'text/html', data: page } } })
		]);
		expect(attached).toMatchObject({ error: 'forbidden', reason: expect.stringContaining('no attachments') });
		expect((await h.request(`/couch/community/resource:${RID}`, { user: 'alice' })).status).toBe(404);
	});

	it('answers 413 past 20 MiB', async () => {
		h = createCouchHarness();
		const big = Buffer.alloc(20 * 1024 * 1024 + 1).toString('base64');
		const res = await h.request('/couch/library-files/_bulk_docs', {
			method: 'POST',
			user: 'alice',
			body: JSON.stringify({
				docs: [
					fileDoc('alice', {
						size: 20 * 1024 * 1024 + 1,
						_attachments: { file: { content_type: 'application/pdf', data: big } }
					})
				]
			})
		});
		expect(res.status).toBe(413);
	});
});

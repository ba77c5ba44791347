// Size limits and malformed input: every bad request gets a clear 4xx in CouchDB's error shape.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCouchHarness, type CouchHarness } from '../helpers/couch-harness';
import { category, thread } from '../helpers/community-docs';
import { writeDocs } from '../../../server/couch/index';
import { LIMITS } from '../../../server/config';
import { userDbName } from '../../../src/lib/domain/ids';

let h: CouchHarness;
const post = (body: string) => ({ method: 'POST', body });

beforeEach(async () => {
	h = createCouchHarness();
	await writeDocs(h.storage, 'community', { name: 'mod', roles: ['moderator'] }, [category('mod')]);
});
afterEach(async () => {
	await h.close();
});

describe('limits and malformed input', () => {
	it('refuses a document body over 1 MiB: per document in a batch, 413 for a single PUT', async () => {
		const big = thread('alice', { body: 'x'.repeat(LIMITS.DOC_BODY_BYTES) });
		const small = thread('alice');
		const res = await h.request('/couch/community/_bulk_docs', post(JSON.stringify({ docs: [big, small] })));
		const results = (await res.json()) as { error?: string; ok?: boolean; reason?: string }[];
		expect(results[0]).toMatchObject({ error: 'forbidden', reason: expect.stringMatching(/exceeds/) });
		expect(results[1]).toMatchObject({ ok: true });
		const put = await h.request(`/couch/community/${encodeURIComponent(big._id)}`, {
			method: 'PUT',
			body: JSON.stringify(big)
		});
		expect(put.status).toBe(413);
		expect(await put.json()).toMatchObject({ error: 'too_large' });
	});

	it('answers 413 to an attachment over 20 MiB, inline or as raw bytes', async () => {
		const db = userDbName('alice');
		const data = Buffer.alloc(LIMITS.ATTACHMENT_BYTES + 3).toString('base64');
		const doc = {
			_id: 'file:1',
			type: 'file',
			_attachments: { 'big.bin': { content_type: 'application/octet-stream', data } }
		};
		const inline = await h.request(`/couch/${db}/_bulk_docs`, post(JSON.stringify({ docs: [doc] })));
		expect(inline.status).toBe(413);
		expect(await inline.json()).toMatchObject({ error: 'too_large' });
		const raw = await h.request(`/couch/${db}/file%3A2/big.bin`, {
			method: 'PUT',
			body: new Uint8Array(LIMITS.ATTACHMENT_BYTES + 1),
			headers: { 'content-type': 'application/octet-stream' }
		});
		expect(raw.status).toBe(413);
	});

	it('answers 413 to a request over 50 MiB, by content-length or by its stream', async () => {
		const declared = await h.request('/couch/community/_bulk_docs', {
			method: 'POST',
			body: '{}',
			headers: { 'content-length': String(LIMITS.REQUEST_BYTES + 1) }
		});
		expect(declared.status).toBe(413);
		const chunk = new Uint8Array(1024 * 1024).fill(32);
		let sent = 0;
		const stream = new ReadableStream<Uint8Array>({
			pull(controller) {
				if (sent > LIMITS.REQUEST_BYTES) return controller.close();
				sent += chunk.length;
				controller.enqueue(chunk);
			}
		});
		const streamed = await h.request('/couch/community/_bulk_docs', {
			method: 'POST',
			body: stream,
			duplex: 'half'
		} as RequestInit);
		expect(streamed.status).toBe(413);
		expect(await streamed.json()).toMatchObject({ error: 'too_large' });
	});

	it('answers 400 bad_request to malformed JSON and malformed parameters', async () => {
		for (const [path, body] of [
			['/couch/community/_bulk_docs', '{"docs": ['],
			['/couch/community/_bulk_docs', '{"docs": 3}'],
			['/couch/community/_bulk_docs', '[]'],
			['/couch/community/_revs_diff', 'nope'],
			['/couch/community/_revs_diff', '{"a": [1]}'],
			['/couch/community/_bulk_get', '{"docs": [{"rev": "1-a"}]}'],
			['/couch/community/_all_docs', '{"keys": "x"}'],
			['/couch/community/_changes?filter=_doc_ids', '{"doc_ids": 5}']
		]) {
			const res = await h.request(path, post(body));
			expect(res.status, `${path} ${body}`).toBe(400);
			expect(await res.json()).toMatchObject({ error: 'bad_request', reason: expect.any(String) });
		}
		for (const path of [
			'/couch/community/_changes?since=abc',
			'/couch/community/_changes?limit=-1',
			'/couch/community/_changes?feed=continuous',
			'/couch/community/_changes?filter=app/by_type',
			'/couch/community/_all_docs?startkey=notjson',
			'/couch/community/_all_docs?include_docs=maybe',
			'/couch/community/thread%3A1?open_revs=%5B1%5D'
		]) {
			const res = await h.request(path);
			expect(res.status, path).toBe(400);
		}
		const put = await h.request('/couch/community/thread%3A1', { method: 'PUT', body: '{bad' });
		expect(put.status).toBe(400);
		const mismatch = await h.request('/couch/community/thread%3A1', {
			method: 'PUT',
			body: JSON.stringify({ _id: 'thread:2' })
		});
		expect(mismatch.status).toBe(400);
	});

	it('answers 404 for missing documents, revisions and attachments', async () => {
		const t = thread('alice');
		await writeDocs(h.storage, 'community', { name: 'alice', roles: ['member'] }, [t]);
		expect((await h.request('/couch/community/thread%3Anope')).status).toBe(404);
		expect((await h.request(`/couch/community/${encodeURIComponent(t._id)}?rev=9-abc`)).status).toBe(404);
		expect((await h.request(`/couch/community/${encodeURIComponent(t._id)}/file.txt`)).status).toBe(404);
		expect((await h.request('/couch/community/_local/none')).status).toBe(404);
	});
});

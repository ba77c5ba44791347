// Odd and hostile requests: each must get a 4xx or a success, never a 5xx, a crash, or a
// response that leaks server internals (stack traces, paths).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCouchHarness, type CouchHarness } from '../helpers/couch-harness';
import { category, thread } from '../helpers/community-docs';
import { writeDocs } from '../../../server/couch/index';
import { docId } from '../../../src/lib/domain/ids';

let h: CouchHarness;
let t: ReturnType<typeof thread>;
let rev: string;

beforeAll(async () => {
	h = createCouchHarness();
	await writeDocs(h.storage, 'community', { name: 'mod', roles: ['moderator'] }, [category('mod')]);
	t = thread('alice');
	const [res] = await writeDocs(h.storage, 'community', { name: 'alice', roles: ['member'] }, [t]);
	rev = res.rev ?? '';
});
afterAll(async () => {
	await h.close();
});

const json = JSON.stringify;
const cases = (): [string, string, string?][] => {
	const id = encodeURIComponent(t._id);
	const fresh = () => ({ ...thread('alice'), _id: docId('thread') });
	return [
		['GET', `/couch/community/${id}?rev=${rev}&latest=true&revs=true`],
		['GET', `/couch/community/${id}?open_revs=all&latest=true&revs=true&attachments=true`],
		['GET', `/couch/community/${id}?open_revs=${encodeURIComponent('["x"]')}`],
		['GET', `/couch/community/${id}?open_revs=%7B%7D`],
		['GET', `/couch/community/${id}?revs_info=true&conflicts=true&deleted_conflicts=true&local_seq=true`],
		['GET', `/couch/community/${id}/x?rev=junk`],
		['PUT', `/couch/community/${id}/att?rev=junk`, 'abc'],
		['DELETE', `/couch/community/${id}/att?rev=${rev}`],
		['DELETE', `/couch/community/${id}?rev=junk`],
		['PUT', `/couch/community/${id}?new_edits=false`, json({ ...t })],
		['POST', '/couch/community/_bulk_docs', json({ docs: [{ ...fresh(), _attachments: { a: { stub: true } } }] })],
		['POST', '/couch/community/_bulk_docs', json({ docs: [{ ...fresh(), _attachments: { a: { data: '!!!!' } } }] })],
		[
			'POST',
			'/couch/community/_bulk_docs',
			json({ docs: [{ ...t, _rev: '3-abc', _revisions: { start: 3, ids: ['a', 'b', 'c', 'd'] } }], new_edits: false })
		],
		[
			'POST',
			'/couch/community/_bulk_docs',
			json({ docs: [{ _id: '_local/' }, { _id: '_design/x', views: {} }, { _id: 'x'.repeat(10_000), type: 't' }] })
		],
		['POST', '/couch/community/_bulk_docs', json({ docs: [null, [], 'x', { _id: '' }, { _id: {} }] })],
		[
			'POST',
			'/couch/community/_bulk_get?latest=true&revs=true',
			json({ docs: [{ id: t._id, rev: '0-abc' }, { id: '_local/x', rev: '0-1' }, { id: '' }] })
		],
		['POST', '/couch/community/_revs_diff', json({ '': ['1-a'], '_local/x': ['0-1'] })],
		['POST', '/couch/community/_all_docs', json({ keys: ['', '_local/x', '_design/x'] })],
		['GET', '/couch/community/_all_docs?limit=0&skip=99999&descending=true&startkey=%22a%22'],
		[
			'GET',
			'/couch/community/_changes?since=0&limit=1&descending=true&include_docs=true&conflicts=true&attachments=true'
		],
		['GET', '/couch/community/_changes?feed=longpoll&since=now&timeout=abc'],
		['PUT', '/couch/community/_local/x', 'null'],
		['PUT', '/couch/community/_local/x', json({ _rev: 'junk', a: 1 })],
		['PUT', '/couch/community/_local/x', json({ _rev: '0-99', a: 1 })],
		['DELETE', '/couch/community/_local/nope'],
		['GET', '/couch/community/%E0%A4%A'],
		['GET', '/couch/%E0%A4%A/x'],
		['PUT', '/couch/community/thread%3A1', json({ _attachments: 5 })],
		['POST', '/couch/community/', '{}'],
		['COPY', '/couch/community/x']
	];
};

describe('robustness', () => {
	it('answers every odd request below 500 and without internals', async () => {
		for (const [method, path, body] of cases()) {
			const res = await h.request(path, { method, body });
			const text = await res.text();
			expect(res.status, `${method} ${path}`).toBeLessThan(500);
			expect(text, `${method} ${path}`).not.toMatch(/node_modules|at Object\.|stack/);
		}
	});
});

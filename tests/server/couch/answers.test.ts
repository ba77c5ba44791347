// Through /couch with the answers rule (server/couch/rules/answers.ts): the accepted answer must
// be a live reply of the same thread and answeredBy the member writing; the thread's author and a
// moderator mark one; unmarking removes the fields.
import { afterEach, describe, expect, it } from 'vitest';
import { answersRule } from '../../../server/couch/rules/answers';
import { createCouchHarness, type CouchHarness } from '../helpers/couch-harness';
import { category } from '../helpers/community-docs';

const NOW = '2026-05-01T10:00:00.000Z';
let h: CouchHarness | null = null;
afterEach(async () => {
	await h?.close();
	h = null;
});

type Result = { id: string; ok?: boolean; rev?: string; error?: string; reason?: string };
type Doc = Record<string, unknown> & { _id: string };

let counter = 0;
const ulid = () => `01JEBBBBBBBBBBBBBBBBBBB${String(++counter).padStart(3, '0')}`;

const thread = (author: string): Doc => ({
	_id: `thread:${ulid()}`,
	type: 'thread',
	author,
	createdAt: NOW,
	category: 'general',
	title: 'How do you plan a cloud exit?',
	body: 'We need an exit plan before signing.',
	tags: []
});
const reply = (author: string, threadId: string): Doc => ({
	_id: `post:${ulid()}`,
	type: 'post',
	author,
	createdAt: NOW,
	thread: threadId,
	body: 'Write the exit clause before the tender.'
});

async function push(user: string, docs: object[]): Promise<Result[]> {
	const res = await h!.request('/couch/community/_bulk_docs', { method: 'POST', user, body: JSON.stringify({ docs }) });
	expect(res.status).toBe(201);
	return res.json();
}

/** Stores the docs as their authors, returning them with their revisions. */
async function seed(...docs: Doc[]): Promise<Doc[]> {
	const out: Doc[] = [];
	for (const doc of docs) {
		const [r] = await push(String(doc.author), [doc]);
		expect(r.ok, r.reason).toBe(true);
		out.push({ ...doc, _rev: r.rev });
	}
	return out;
}

const marked = (t: Doc, postId: string, by: string): Doc => ({
	...t,
	answer: postId,
	answeredBy: by,
	answeredAt: NOW
});

async function start(): Promise<void> {
	h = createCouchHarness({ rules: [answersRule] });
	await seed(category('mod'));
}

describe('accepted answers', () => {
	it('lets the thread author mark a reply, and unmark it', async () => {
		await start();
		const [t] = await seed(thread('alice'));
		const [p] = await seed(reply('bob', t._id));
		const [ok] = await push('alice', [marked(t, p._id, 'alice')]);
		expect(ok.ok, ok.reason).toBe(true);
		const stored = (await h!.storage.db('community').get(t._id)) as unknown as Doc;
		expect(stored.answer).toBe(p._id);
		const { answer: _a, answeredBy: _b, answeredAt: _c, ...unmarked } = stored;
		const [off] = await push('alice', [unmarked]);
		expect(off.ok, off.reason).toBe(true);
		const after = (await h!.storage.db('community').get(t._id)) as unknown as Doc;
		expect(after.answer).toBeUndefined();
	});

	it('lets a moderator mark the answer', async () => {
		await start();
		const [t] = await seed(thread('alice'));
		const [p] = await seed(reply('bob', t._id));
		const [ok] = await push('mod', [marked(t, p._id, 'mod')]);
		expect(ok.ok, ok.reason).toBe(true);
	});

	it('refuses a reply of another thread', async () => {
		await start();
		const [t, other] = await seed(thread('alice'), thread('bob'));
		const [p] = await seed(reply('bob', other._id));
		const [r] = await push('alice', [marked(t, p._id, 'alice')]);
		expect(r.error).toBe('forbidden');
		expect(r.reason).toContain('the answer must be a reply in this thread');
	});

	it('refuses a missing or deleted post', async () => {
		await start();
		const [t] = await seed(thread('alice'));
		const [missing] = await push('alice', [marked(t, `post:${ulid()}`, 'alice')]);
		expect(missing.reason).toContain('the answer must be a reply in this thread');
		const [p] = await seed(reply('bob', t._id));
		const [del] = await push('bob', [{ ...p, _deleted: true }]);
		expect(del.ok, del.reason).toBe(true);
		const [r] = await push('alice', [marked(t, p._id, 'alice')]);
		expect(r.reason).toContain('the answer must be a reply in this thread');
	});

	it('refuses an answeredBy naming someone else', async () => {
		await start();
		const [t] = await seed(thread('alice'));
		const [p] = await seed(reply('bob', t._id));
		const [r] = await push('alice', [marked(t, p._id, 'bob')]);
		expect(r.error).toBe('forbidden');
		expect(r.reason).toContain('answeredBy must be you');
	});

	it('refuses another member marking the answer of a thread they did not write', async () => {
		await start();
		const [t] = await seed(thread('alice'));
		const [p] = await seed(reply('bob', t._id));
		const [r] = await push('bob', [marked(t, p._id, 'bob')]);
		expect(r.error).toBe('forbidden');
		expect(r.reason).toContain('only the author or a moderator');
		const stored = (await h!.storage.db('community').get(t._id)) as unknown as Doc;
		expect(stored.answer).toBeUndefined();
	});

	it('accepts a reply pushed in the same batch before the thread', async () => {
		await start();
		const [t] = await seed(thread('alice'));
		const p = reply('alice', t._id);
		const [rp, rt] = await push('alice', [p, marked(t, p._id, 'alice')]);
		expect(rp.ok, rp.reason).toBe(true);
		expect(rt.ok, rt.reason).toBe(true);
	});
});

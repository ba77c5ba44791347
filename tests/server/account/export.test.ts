// GET /api/account/export: the member's ZIP holds what they wrote (profile, private database,
// community documents, library files) and nothing of other members'; members only; 3 an hour.
import { afterEach, describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { createHarness, sessionCookie, type Harness } from '../support/harness';
import { COMMUNITY_DB, userDbName } from '../../../src/lib/domain/ids';
import { FILES_DB } from '../../../src/lib/domain/files';
import { safeFileName, uniqueName } from '../../../server/account/export';

let h: Harness;
afterEach(async () => {
	await h?.close();
});

const at = '2026-11-02T10:00:00.000Z';
const ulid = (n: number) => `01JC${String(n).padStart(22, '0')}`;
const PDF = new TextEncoder().encode('%PDF-1.4\nalice budget\n%%EOF\n');

function fileDoc(n: number, author: string, name: string, bytes: Uint8Array, contentType: string) {
	return {
		_id: `file:${ulid(n)}`,
		type: 'file',
		author,
		createdAt: at,
		name,
		contentType,
		size: bytes.length,
		_attachments: { file: { content_type: contentType, data: Buffer.from(bytes).toString('base64') } }
	};
}

/** Alice and Bob, each with community documents, a private database and files. */
async function twoMembers(): Promise<{ alice: string; bob: string }> {
	const alice = await h.register('alice', { displayName: 'Alice Martin' });
	const bob = await h.register('bob', { displayName: 'Bob Okafor' });
	const community = h.storage.db(COMMUNITY_DB);
	const docs: Array<Record<string, unknown>> = [
		{
			_id: `thread:${ulid(1)}`,
			type: 'thread',
			author: 'alice',
			createdAt: at,
			category: 'general',
			title: 'Alice asks',
			body: 'ALICE THREAD BODY',
			tags: []
		},
		{
			_id: `post:${ulid(2)}`,
			type: 'post',
			author: 'bob',
			createdAt: at,
			thread: `thread:${ulid(1)}`,
			body: 'BOB REPLY BODY'
		},
		{
			_id: `post:${ulid(3)}`,
			type: 'post',
			author: 'alice',
			createdAt: at,
			thread: `thread:${ulid(1)}`,
			body: 'ALICE REPLY BODY'
		},
		{
			_id: `vote:post:${ulid(2)}:alice`,
			type: 'vote',
			author: 'alice',
			createdAt: at,
			target: `post:${ulid(2)}`,
			value: 1
		}
	];
	// more than a page of other people's documents around hers
	for (let i = 0; i < 450; i++)
		docs.push({
			_id: `post:${ulid(100 + i)}`,
			type: 'post',
			author: i % 2 ? 'bob' : 'carol',
			createdAt: at,
			thread: `thread:${ulid(1)}`,
			body: `OTHER ${i}`
		});
	docs.push({
		_id: `post:${ulid(999)}`,
		type: 'post',
		author: 'alice',
		createdAt: at,
		thread: `thread:${ulid(1)}`,
		body: 'ALICE LAST POST'
	});
	await community.bulkDocs(docs);
	const deleted = await community.put({
		_id: `post:${ulid(998)}`,
		type: 'post',
		author: 'alice',
		createdAt: at,
		thread: `thread:${ulid(1)}`,
		body: 'ALICE DELETED POST'
	});
	await community.remove(`post:${ulid(998)}`, deleted.rev);

	await h.storage.db(userDbName('alice')).bulkDocs([
		{ _id: 'profile-private:alice', type: 'profile-private', author: 'alice', createdAt: at, bio: 'ALICE PRIVATE BIO' },
		{
			_id: `message:${ulid(10)}`,
			type: 'message',
			author: 'alice',
			createdAt: at,
			to: 'bob',
			body: 'Hello Bob, from Alice'
		},
		{
			_id: `message:${ulid(11)}`,
			type: 'message',
			author: 'bob',
			createdAt: at,
			to: 'alice',
			body: 'Hello Alice, from Bob'
		}
	]);
	await h.storage.db(userDbName('bob')).bulkDocs([
		{ _id: 'profile-private:bob', type: 'profile-private', author: 'bob', createdAt: at, bio: 'BOB PRIVATE BIO' },
		{ _id: `message:${ulid(12)}`, type: 'message', author: 'bob', createdAt: at, to: 'carol', body: 'BOB TO CAROL' }
	]);
	await h.storage
		.db(FILES_DB)
		.bulkDocs([
			fileDoc(20, 'alice', 'Budget plan.pdf', PDF, 'application/pdf'),
			fileDoc(21, 'alice', 'Budget plan.pdf', PDF, 'application/pdf'),
			fileDoc(22, 'alice', 'notes: draft?.txt', new TextEncoder().encode('alice notes'), 'text/plain'),
			fileDoc(23, 'bob', 'bob-secret.txt', new TextEncoder().encode('BOB FILE CONTENT'), 'text/plain')
		]);
	return { alice, bob };
}

async function download(cookie: string): Promise<Response> {
	return h.request('/api/account/export', { headers: { cookie } });
}

describe('GET /api/account/export', () => {
	it('holds what the member wrote and nothing of other members', async () => {
		h = createHarness();
		const { alice } = await twoMembers();
		const res = await download(alice);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/zip');
		expect(res.headers.get('content-disposition')).toMatch(
			/^attachment; filename="praxis-alice-\d{4}-\d{2}-\d{2}\.zip"$/
		);
		expect(res.headers.get('x-content-type-options')).toBe('nosniff');
		const zip = unzipSync(new Uint8Array(await res.arrayBuffer()));
		const names = Object.keys(zip).sort();
		const text = (name: string) => strFromU8(zip[name]);

		expect(names).toEqual(
			[
				'README.txt',
				'profile.json',
				'private/profile-private/alice.json',
				`private/message/${ulid(10)}.json`,
				`private/message/${ulid(11)}.json`,
				`authored/thread/${ulid(1)}.json`,
				`authored/post/${ulid(3)}.json`,
				`authored/post/${ulid(999)}.json`,
				`authored/vote/post_${ulid(2)}_alice.json`,
				'files/Budget plan.pdf',
				'files/Budget plan (2).pdf',
				'files/notes_ draft_.txt',
				'files/files.json'
			].sort()
		);
		const profile = JSON.parse(text('profile.json'));
		expect(profile.account).toMatchObject({
			username: 'alice',
			displayName: 'Alice Martin',
			roles: ['member'],
			privacyNotice: { version: expect.any(String) }
		});
		expect(profile.profile).toMatchObject({ _id: 'profile:alice', displayName: 'Alice Martin' });
		expect(profile.privateFields).toMatchObject({ bio: 'ALICE PRIVATE BIO' });
		expect(text('profile.json')).not.toMatch(/hash|scrypt|_rev/);
		expect(JSON.parse(text(`authored/thread/${ulid(1)}.json`))).toMatchObject({
			_id: `thread:${ulid(1)}`,
			body: 'ALICE THREAD BODY'
		});
		expect(JSON.parse(text(`private/message/${ulid(11)}.json`))).toMatchObject({ author: 'bob', to: 'alice' });
		expect(zip['files/Budget plan.pdf']).toEqual(PDF);
		expect(JSON.parse(text('files/files.json'))).toHaveLength(3);
		expect(text('README.txt')).toMatch(/profile\.json[\s\S]*private\/[\s\S]*authored\/[\s\S]*files\//);

		const everything = names.map(text).join('\n');
		for (const theirs of [
			'BOB PRIVATE BIO',
			'BOB TO CAROL',
			'BOB REPLY BODY',
			'BOB FILE CONTENT',
			'OTHER 1',
			'ALICE DELETED POST'
		]) {
			expect(everything).not.toContain(theirs);
		}
	});

	it('answers 401 to anyone not signed in', async () => {
		h = createHarness();
		const res = await h.request('/api/account/export');
		expect(res.status).toBe(401);
		expect(await res.json()).toMatchObject({ error: 'unauthorized' });
		expect((await h.request('/api/account/export', { headers: { cookie: 'praxis_session=forged' } })).status).toBe(401);
	});

	it('allows 3 downloads an hour per member, then 429 with Retry-After', async () => {
		const now = { ms: Date.parse('2026-11-02T10:00:00Z') };
		h = createHarness({ now });
		const res = await h.post('/api/auth/register', {
			username: 'dana',
			password: 'a-long-enough-password',
			displayName: 'Dana',
			privacyConsent: true
		});
		const dana = sessionCookie(res);
		const eve = await h.register('eve');
		for (let i = 0; i < 3; i++) {
			const ok = await download(dana);
			expect(ok.status).toBe(200);
			await ok.arrayBuffer();
		}
		const limited = await download(dana);
		expect(limited.status).toBe(429);
		expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(3000);
		expect(await limited.json()).toMatchObject({
			reason: expect.stringMatching(/3 times an hour/),
			code: 'tooManyExports',
			params: { perHour: 3 }
		});
		// another member is not held back, and an hour later Dana may again
		expect((await download(eve)).status).toBe(200);
		now.ms += 60 * 60_000;
		expect((await download(dana)).status).toBe(200);
	});
});

describe('file names in the archive', () => {
	it('are safe on every system and never collide', () => {
		expect(safeFileName('../../etc/passwd')).toBe('_.._etc_passwd');
		expect(safeFileName('CON: report?.pdf')).toBe('CON_ report_.pdf');
		expect(safeFileName('...')).toBe('file');
		const taken = new Set<string>();
		expect(['a.pdf', 'A.pdf', 'a.pdf', 'noext', 'noext'].map((n) => uniqueName(n, taken))).toEqual([
			'a.pdf',
			'A (2).pdf',
			'a (3).pdf',
			'noext',
			'noext (2)'
		]);
	});
});

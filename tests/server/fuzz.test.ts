// A bounded, seeded fuzz of the whole app (about 2,000 requests): random methods, paths under
// /api and /couch, credentials, origins, content types and bodies (malformed, deeply nested,
// oversized, wrongly typed). Every answer must be below 500 (the harness fails the test on
// any 5xx) and carry no stack trace; the server must still answer /api/health afterwards.
// Failures name the seed and the request, so a run can be replayed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, PASSWORD, type Harness } from './support/harness';
import { userDbName } from '../../src/lib/domain/ids';
// the benchmarks' seeded PRNG (mulberry32), so a failing run can be replayed with its seed
import { rng } from '../../bench/lib/community';

const SEED = Number(process.env.PRAXIS_FUZZ_SEED ?? 20261202);
const REQUESTS = 2_000;

let h: Harness;
let cookie: string;

beforeAll(async () => {
	h = createHarness({ logRequests: false });
	cookie = await h.register('fuzzer');
});
afterAll(() => h.close());

function generator(random: () => number) {
	const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
	const int = (max: number) => Math.floor(random() * max);
	const word = () =>
		pick([
			'',
			'a',
			'thread',
			'x'.repeat(300),
			'%00',
			'..',
			'_local',
			'_design',
			'ü',
			'%E0%A4%A',
			'🙂',
			'null',
			'0',
			'-1',
			'1e400',
			'thread:01J',
			'event:x'
		]);
	const scalar = (): unknown =>
		pick([null, true, false, 0, -1, 1e308, 'x', '', 'x'.repeat(int(5_000)), [], {}, '2026-13-45T99:99:99Z']);
	const value = (depth: number): unknown => {
		if (depth > 3 || random() < 0.4) return scalar();
		if (random() < 0.5) return Array.from({ length: int(4) }, () => value(depth + 1));
		return Object.fromEntries(
			Array.from({ length: int(5) }, () => [
				pick([
					'_id',
					'_rev',
					'_deleted',
					'_attachments',
					'_revisions',
					'type',
					'author',
					'docs',
					'new_edits',
					'keys',
					'id',
					'rev',
					'username',
					'password',
					'publicKey',
					'title',
					'body',
					word()
				]),
				value(depth + 1)
			])
		);
	};
	const doc = (): Record<string, unknown> => ({
		_id: pick([
			'thread:01JFUZZ000000000000000000' + int(10),
			`post:${word()}`,
			word(),
			'_local/x',
			`profile:fuzzer`,
			`vote:thread:x:fuzzer`,
			`attendance:${word()}:fuzzer`
		]),
		type: pick([
			'thread',
			'post',
			'vote',
			'profile',
			'event',
			'rsvp',
			'attendance',
			'device',
			'revocation',
			'category',
			'resource',
			word()
		]),
		author: pick(['fuzzer', 'someone', '', 7]),
		...(random() < 0.3 ? { _rev: pick(['1-abc', 'junk', '0-1', `${int(9)}-${'a'.repeat(32)}`]) } : {}),
		...(random() < 0.2 ? { _deleted: pick([true, 'yes']) } : {}),
		...(random() < 0.2
			? {
					_attachments: {
						[word() || 'a']: {
							content_type: pick(['text/html', 'image/svg+xml', 'image/png', 5]),
							data: pick(['PGh0bWw+', '!!!', 7])
						}
					}
				}
			: {}),
		...(random() < 0.2 ? { _revisions: { start: pick([0, 1, 3, -1, 'x']), ids: pick([[], ['a'], 'x', [1]]) } } : {}),
		...(value(0) as object)
	});
	const body = (): string | undefined => {
		switch (int(9)) {
			case 0:
				return undefined;
			case 1:
				return '{"docs": [' + '{'.repeat(int(3_000));
			case 2:
				return '['.repeat(100 + int(5_000)) + ']'.repeat(100 + int(5_000));
			case 3:
				return 'x'.repeat(int(200_000));
			case 4:
				return JSON.stringify({ docs: Array.from({ length: 1 + int(20) }, doc), new_edits: pick([true, false, 'no']) });
			case 5:
				return JSON.stringify(doc());
			case 6:
				return JSON.stringify({
					docs: Array.from({ length: int(5) }, () => ({
						id: pick([word(), 'thread:x', '_local/fuzzer~x']),
						rev: pick([undefined, '1-a', 'junk'])
					}))
				});
			case 7:
				return JSON.stringify(value(0));
			default:
				return JSON.stringify({
					username: pick(['fuzzer', word(), 5]),
					password: pick([PASSWORD, '', 'short', 9]),
					displayName: word(),
					publicKey: word(),
					label: word()
				});
		}
	};
	const db = () =>
		pick(['community', 'library-files', userDbName('fuzzer'), userDbName('someone'), '_users', word(), 'userdb-zz']);
	const path = () =>
		pick([
			() =>
				`/api/${pick(['auth/login', 'auth/register', 'auth/logout', 'auth/session', 'auth/hub-token', 'auth/keys', 'auth/revocations', 'auth/password', 'auth/reset', 'auth/sessions', `auth/sessions/${word()}`, `admin/members/${word()}/reset-code`, `moderation/members/${word()}/reset-code`, 'admin/members', `admin/members/${word()}/roles`, `admin/members/${word()}/suspension`, 'admin/hubs', `admin/hubs/${word()}`, 'admin/health', 'account/email', 'account/email/confirm', 'account/email/digest', 'account/export', 'auth/forgot', 'privacy', 'privacy/consent', 'devices', `devices/${word()}`, 'calendar/secret', `calendar/${word()}.ics`, 'bundles', 'bootstrap/community', 'health', word()])}`,
			() => `/couch/${db()}`,
			() =>
				`/couch/${db()}/${pick(['_bulk_docs', '_bulk_get', '_revs_diff', '_all_docs', '_changes', '_ensure_full_commit', `_local/${word()}`, encodeURIComponent(word()), 'thread%3A01JFUZZ0000000000000000001'])}${pick(['', '?new_edits=false', '?revs=true&latest=true', '?feed=longpoll&timeout=1&since=now', `?keys=${encodeURIComponent('['.repeat(int(200)))}`, '?open_revs=all', `?rev=${word()}`, '?limit=-1&skip=x'])}`,
			() => `/couch/${db()}/thread%3A01JFUZZ0000000000000000001/${word() || 'att'}`,
			() => `/couch/_session`,
			() => `/couch/${word()}/${word()}/${word()}`
		])();
	const headers = (): Record<string, string> => {
		const out: Record<string, string> = {};
		const auth = int(5);
		if (auth === 0 || auth === 1) out.cookie = cookie;
		if (auth === 2)
			out.authorization = `Basic ${Buffer.from(pick([`fuzzer:${PASSWORD}`, 'fuzzer:wrong', ':', 'x'])).toString('base64')}`;
		if (auth === 3) out.authorization = pick(['Bearer x.y.z', 'Bearer ', 'Basic !!!', 'praxis-hub:x:y', 'Digest x']);
		if (random() < 0.7)
			out['content-type'] = pick([
				'application/json',
				'application/json; charset=utf-8',
				'text/plain',
				'application/x-www-form-urlencoded',
				'multipart/form-data; boundary=x',
				'image/png',
				''
			]);
		if (random() < 0.3) out.origin = pick(['http://localhost', 'https://evil.example', 'null', 'http://localhost:1']);
		if (random() < 0.2) out['sec-fetch-site'] = pick(['same-origin', 'cross-site', 'same-site', 'none']);
		return out;
	};
	return () => ({
		method: pick(['GET', 'GET', 'POST', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH', 'COPY']),
		path: path(),
		headers: headers(),
		body: body()
	});
}

function summary(statuses: readonly number[]): string {
	const counts = new Map<number, number>();
	for (const s of statuses) counts.set(s, (counts.get(s) ?? 0) + 1);
	return [...counts]
		.sort((a, b) => a[0] - b[0])
		.map(([s, n]) => `${s}×${n}`)
		.join(' ');
}

describe('fuzz', () => {
	it(`answers ${REQUESTS} random requests below 500 (seed ${SEED})`, async () => {
		const next = generator(rng(SEED));
		const started = Date.now();
		for (let i = 0; i < REQUESTS; i++) {
			const { method, path, headers, body } = next();
			const withBody = method !== 'GET' && method !== 'HEAD' && body !== undefined;
			const what = `seed ${SEED} request ${i}: ${method} ${path.slice(0, 200)}`;
			let res: Response;
			try {
				res = await h.request(path, { method, headers, ...(withBody ? { body } : {}) });
			} catch (err) {
				throw new Error(`${what} threw: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
			}
			const text = method === 'HEAD' ? '' : await res.text();
			expect(text, what).not.toMatch(/\n\s+at .+:\d+:\d+|node_modules|\/work\//);
		}
		expect((await h.request('/api/health')).status).toBe(200);
		// still serving members (the fuzzer may have signed its own session out): a new one syncs
		const fresh = await h.register('afterfuzz');
		expect((await h.request('/couch/community', { headers: { cookie: fresh } })).status).toBe(200);
		expect(h.statuses.length).toBeGreaterThan(REQUESTS);
		console.log(`fuzz: ${REQUESTS} requests in ${Date.now() - started} ms; statuses ${summary(h.statuses)}`);
	}, 120_000);
});

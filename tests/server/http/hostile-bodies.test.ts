// Bodies an attacker sends: JSON nested thousands of levels deep is refused with 400 (it used
// to overflow the stack: 500), and an anonymous chunked upload is answered 401 before the
// server reads it (six of 45 MiB each used to be buffered, ~380 MB, before the 401).
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness';

let h: Harness;
let cookie: string;

beforeAll(async () => {
	h = createHarness({ logRequests: false });
	cookie = await h.register('deepa');
});
afterAll(() => h.close());

const nested = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);

describe('hostile bodies', () => {
	it('refuses JSON nested deeper than 64 levels with 400, everywhere', async () => {
		const deep = nested(5_000);
		const id = 'thread:01JDEEP0000000000000000000';
		const doc = `{"_id":"${id}","type":"thread","author":"deepa","createdAt":"2026-01-01T00:00:00.000Z","category":"general","title":"t","body":"b","tags":[],"x":${deep}}`;
		const cases: Array<[string, string, string]> = [
			['PUT', `/couch/community/${id}`, doc],
			['PUT', '/couch/community/_local/deepa~checkpoint', `{"x":${deep}}`],
			['POST', '/couch/community/_bulk_docs', `{"docs":[${doc}]}`],
			['POST', '/couch/community/_bulk_get', `{"docs":[{"id":${deep}}]}`],
			['POST', '/couch/community/_revs_diff', `{"a":${deep}}`],
			['POST', '/api/devices', `{"publicKey":${deep}}`],
			['POST', '/api/auth/login', `{"username":${deep}}`]
		];
		for (const [method, path, body] of cases) {
			const res = await h.request(path, { method, headers: { cookie, 'content-type': 'application/json' }, body });
			expect(res.status, `${method} ${path}`).toBe(400);
			expect(((await res.json()) as { reason: string }).reason).toMatch(/nested more than 64 levels/);
		}
		const query = await h.request(`/couch/community/_all_docs?keys=${encodeURIComponent(nested(1_000))}`, {
			headers: { cookie }
		});
		expect(query.status).toBe(400);
		// 64 levels are still fine where the shape allows them
		expect(
			(
				await h.request('/couch/community/_local/deepa~ok', {
					method: 'PUT',
					headers: { cookie, 'content-type': 'application/json' },
					body: `{"x":${nested(60)}}`
				})
			).status
		).toBe(201);
		expect(
			await h.storage
				.db('community')
				.get(id)
				.catch(() => null)
		).toBeNull();
	});

	it('answers an anonymous 45 MiB chunked upload with 401 before reading it', async () => {
		const base = await h.listen();
		const CHUNK = Buffer.alloc(64 * 1024, 0x20);
		const TOTAL = 45 * 1024 * 1024;
		const rssBefore = process.memoryUsage().rss;
		const outcomes = await Promise.all(
			Array.from(
				{ length: 6 },
				() =>
					new Promise<{ status: number; sent: number }>((resolve, reject) => {
						let sent = 0;
						let answered = false;
						const req = request(
							`${base}/couch/community/_bulk_docs`,
							{ method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } },
							(res) => {
								answered = true;
								res.resume();
								resolve({ status: res.statusCode ?? 0, sent });
								req.destroy();
							}
						);
						req.on('error', (err) => (answered ? undefined : reject(err)));
						const pump = () => {
							while (!answered && sent < TOTAL) {
								sent += CHUNK.length;
								if (!req.write(CHUNK)) return void req.once('drain', pump);
							}
							if (!answered) req.end();
						};
						pump();
					})
			)
		);
		for (const { status, sent } of outcomes) {
			expect(status).toBe(401);
			expect(sent).toBeLessThan(TOTAL); // answered while the upload was still going
		}
		expect(process.memoryUsage().rss - rssBefore).toBeLessThan(20 * 1024 * 1024);
		expect((await fetch(`${base}/api/health`)).status).toBe(200);
	});
});

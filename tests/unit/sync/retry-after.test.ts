// Reading a 429's Retry-After (src/lib/sync/retry-after.ts): PouchDB drops headers, so the wait
// travels in the answer's body to the replication error the controller classifies.
import { describe, expect, it } from 'vitest';
import { parseRetryAfter, withRetryAfter } from '../../../src/lib/sync/retry-after';

const answer = (status: number, body: string, headers: Record<string, string> = {}) =>
	new Response(body, { status, headers: { 'content-type': 'application/json', ...headers } });

describe('parseRetryAfter', () => {
	it('reads seconds or an HTTP date, within a second and an hour', () => {
		expect(parseRetryAfter('12')).toBe(12);
		expect(parseRetryAfter(' 0 ')).toBe(1);
		expect(parseRetryAfter('86400')).toBe(3600);
		const now = Date.parse('2026-12-03T10:00:00Z');
		expect(parseRetryAfter('Thu, 03 Dec 2026 10:00:30 GMT', now)).toBe(30);
		expect(parseRetryAfter(null)).toBeNull();
		expect(parseRetryAfter('soon')).toBeNull();
	});
});

describe('withRetryAfter', () => {
	it('copies the wait of a 429 into its body, and leaves every other answer alone', async () => {
		const body = JSON.stringify({ error: 'too_many_requests', reason: 'Slow down.' });
		const slowed = await withRetryAfter(async () => answer(429, body, { 'retry-after': '12' }))('http://x/couch');
		expect(slowed.status).toBe(429);
		expect(slowed.headers.get('retry-after')).toBe('12');
		expect(await slowed.json()).toEqual({ error: 'too_many_requests', reason: 'Slow down.', retryAfterSeconds: 12 });

		const plain = answer(201, '[]');
		expect(await withRetryAfter(async () => plain)('http://x/couch')).toBe(plain);
		const noHeader = answer(429, body);
		expect(await withRetryAfter(async () => noHeader)('http://x/couch')).toBe(noHeader);
	});
});

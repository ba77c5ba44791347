// Retry delays: exponential, jittered within [step/2, step], capped.
import { describe, expect, it } from 'vitest';
import { SYNC_BACKOFF_BASE_MS, SYNC_BACKOFF_MAX_MS, nextDelay } from '../../../src/lib/domain/backoff';

describe('nextDelay', () => {
	it('doubles the step per attempt', () => {
		expect(nextDelay(0, () => 0.999999)).toBe(SYNC_BACKOFF_BASE_MS);
		expect(nextDelay(1, () => 0.999999)).toBe(2 * SYNC_BACKOFF_BASE_MS);
		expect(nextDelay(4, () => 0.999999)).toBe(16 * SYNC_BACKOFF_BASE_MS);
	});

	it('jitters between half and all of the step', () => {
		expect(nextDelay(3, () => 0)).toBe(4 * SYNC_BACKOFF_BASE_MS);
		expect(nextDelay(3, () => 0.5)).toBe(6 * SYNC_BACKOFF_BASE_MS);
		const seen = new Set(Array.from({ length: 50 }, () => nextDelay(5)));
		expect(seen.size).toBeGreaterThan(1);
		for (const d of seen) {
			expect(d).toBeGreaterThanOrEqual(16 * SYNC_BACKOFF_BASE_MS);
			expect(d).toBeLessThanOrEqual(32 * SYNC_BACKOFF_BASE_MS);
		}
	});

	it('caps at a shorter maximum when given one (a hub retries its upstream within 30 s)', () => {
		expect(nextDelay(20, () => 0.999999, 30_000)).toBe(30_000);
		expect(nextDelay(4, () => 0.999999, 30_000)).toBe(16 * SYNC_BACKOFF_BASE_MS);
		expect(nextDelay(5, () => 0, 30_000)).toBe(15_000);
	});

	it('caps at SYNC_BACKOFF_MAX_MS, even for huge or odd attempts', () => {
		expect(nextDelay(20, () => 0.999999)).toBe(SYNC_BACKOFF_MAX_MS);
		expect(nextDelay(1e9, () => 1)).toBe(SYNC_BACKOFF_MAX_MS);
		expect(nextDelay(Number.POSITIVE_INFINITY, () => 0)).toBe(SYNC_BACKOFF_BASE_MS / 2);
		expect(nextDelay(-3, () => 0)).toBe(SYNC_BACKOFF_BASE_MS / 2);
	});
});

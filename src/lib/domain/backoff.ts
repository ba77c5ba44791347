// Retry delays for replication: exponential backoff with "full jitter" (a random delay between
// half and all of the exponential step), capped, so many devices coming back online at once
// do not hammer the server in lockstep.
export const SYNC_BACKOFF_BASE_MS = 1_000;
export const SYNC_BACKOFF_MAX_MS = 5 * 60_000;

/**
 * Delay before retry number `attempt` (0 for the first retry). `random` returns [0, 1).
 * The step doubles per attempt from SYNC_BACKOFF_BASE_MS up to `maxMs` (SYNC_BACKOFF_MAX_MS); the result
 * lies in [step / 2, step].
 */
export function nextDelay(
	attempt: number,
	random: () => number = Math.random,
	maxMs: number = SYNC_BACKOFF_MAX_MS
): number {
	const n = Number.isFinite(attempt) && attempt > 0 ? Math.floor(attempt) : 0;
	const step = Math.min(maxMs, SYNC_BACKOFF_BASE_MS * 2 ** Math.min(n, 30));
	const r = Math.min(Math.max(random(), 0), 1);
	return Math.round(step / 2 + (step / 2) * r);
}

// When the next try comes after a failed one: an exponential, jittered delay (domain/backoff.ts)
// per attempt, capped for a request that got no answer, and the one timer that waits for it.
import { nextDelay } from '../../domain/backoff';
import type { RetryCause } from './state';

/**
 * A request that got no answer says nothing about the server's load, so while offline the next
 * try comes at most this long after the last (the server's own outages back off to the full
 * SYNC_BACKOFF_MAX_MS).
 */
export const OFFLINE_RETRY_MAX_MS = 30_000;

/** The wait before retry number `attempt` (0 for the first) after a failure of kind `cause`. */
export function retryWait(
	cause: RetryCause | 'unauthorized' | 'suspended',
	attempt: number,
	delay: (attempt: number) => number = nextDelay
): number {
	return cause === 'offline' ? Math.min(delay(attempt), OFFLINE_RETRY_MAX_MS) : delay(attempt);
}

/** The attempt count since the last success, and the timer of the next try. */
export class Retry {
	#attempt = 0;
	#timer: ReturnType<typeof setTimeout> | null = null;
	readonly #delay: (attempt: number) => number;

	constructor(delay: (attempt: number) => number = (attempt) => nextDelay(attempt)) {
		this.#delay = delay;
	}

	/** Retries scheduled since the last success (or the last hint that the network is back). */
	get attempt(): number {
		return this.#attempt;
	}

	/** The wait the next retry would take after a failure of kind `cause`. */
	wait(cause: RetryCause | 'unauthorized' | 'suspended'): number {
		return retryWait(cause, this.#attempt, this.#delay);
	}

	/** Counts the attempt and calls `run` after `waitMs`. */
	schedule(waitMs: number, run: () => void): void {
		this.cancel();
		this.#attempt++;
		this.#timer = setTimeout(run, waitMs);
	}

	cancel(): void {
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = null;
	}

	/** A success, or a reason to believe the next try will be one: start from the short delays. */
	reset(): void {
		this.#attempt = 0;
	}
}

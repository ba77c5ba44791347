// Fixed-window counters in memory: how many failures (or attempts) a key has made in the
// current window, and how long until it may try again. Lost on restart, which is acceptable
// for slowing down password guessing.
export interface RateLimitOptions {
	/** Attempts allowed per window. */
	max: number;
	windowMs: number;
	now?: () => number;
}

export interface RateLimiter {
	/** Seconds to wait when `key` is over its limit, else 0. */
	retryAfterSeconds(key: string): number;
	/** Counts one attempt or failure against `key`. */
	hit(key: string): void;
	reset(key: string): void;
}

interface Window {
	count: number;
	resetAt: number;
}

/** Past this many keys, expired windows are swept on the next hit. */
const SWEEP_THRESHOLD = 10_000;

export function createRateLimiter({ max, windowMs, now = Date.now }: RateLimitOptions): RateLimiter {
	const windows = new Map<string, Window>();

	const current = (key: string): Window | undefined => {
		const w = windows.get(key);
		if (w && w.resetAt <= now()) {
			windows.delete(key);
			return undefined;
		}
		return w;
	};

	return {
		retryAfterSeconds(key) {
			const w = current(key);
			return w && w.count >= max ? Math.max(1, Math.ceil((w.resetAt - now()) / 1000)) : 0;
		},
		hit(key) {
			if (windows.size > SWEEP_THRESHOLD) {
				const t = now();
				for (const [k, w] of windows) if (w.resetAt <= t) windows.delete(k);
			}
			const w = current(key);
			if (w) w.count += 1;
			else windows.set(key, { count: 1, resetAt: now() + windowMs });
		},
		reset(key) {
			windows.delete(key);
		}
	};
}

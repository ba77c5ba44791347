// Per-member write limits of the sync gateway: token buckets held in memory (lost on restart,
// which only forgives a burst), one for documents written and one for direct messages. A bucket
// holds a minute's allowance and refills continuously. A batch bigger than the allowance still
// passes once the bucket is full, leaving it in debt: an offline backlog of 500 documents goes
// through at the average rate instead of never.
export interface WriteLimits {
	/** Documents a member may write through /couch per minute (0: no limit). */
	writesPerMinute: number;
	/** Direct messages (`message` documents in their own private database) per minute (0: no limit). */
	messagesPerMinute: number;
}

/** Enough for normal use and the demo: a long forum post is one document, a first sync pushes nothing. */
export const DEFAULT_WRITE_LIMITS: WriteLimits = { writesPerMinute: 120, messagesPerMinute: 30 };

const MINUTE_MS = 60_000;
/** Past this many members, buckets that refilled completely are forgotten on the next take. */
const SWEEP_THRESHOLD = 10_000;

interface Bucket {
	/** May be negative: the debt a large batch left. */
	tokens: number;
	at: number;
}

export interface TokenBuckets {
	/** Milliseconds until `key` may spend `count` (0: it may now). Takes nothing. */
	waitMs(key: string, count: number): number;
	/** Spends `count` from `key`'s bucket (call after waitMs said 0). */
	take(key: string, count: number): void;
}

/** Buckets of `perMinute` tokens per key; null when `perMinute` is 0 (no limit). */
export function createTokenBuckets(perMinute: number, now: () => number): TokenBuckets | null {
	if (perMinute <= 0) return null;
	const perMs = perMinute / MINUTE_MS;
	const buckets = new Map<string, Bucket>();

	const level = (key: string): number => {
		const b = buckets.get(key);
		return b ? Math.min(perMinute, b.tokens + (now() - b.at) * perMs) : perMinute;
	};

	return {
		waitMs(key, count) {
			const tokens = level(key);
			// a batch over the allowance waits for a full bucket, then goes into debt
			const needed = Math.min(count, perMinute);
			return tokens >= needed ? 0 : Math.ceil((needed - tokens) / perMs);
		},
		take(key, count) {
			if (count <= 0) return;
			if (buckets.size > SWEEP_THRESHOLD)
				for (const k of [...buckets.keys()]) if (level(k) >= perMinute) buckets.delete(k);
			buckets.set(key, { tokens: level(key) - count, at: now() });
		}
	};
}

/** What a request would write: documents, and of them direct messages. */
export interface WriteCount {
	docs: number;
	messages: number;
}

export type LimitVerdict = { ok: true } | { ok: false; retryAfterSeconds: number; reason: string };

export interface WriteLimiter {
	/** Counts the request against the member's buckets, or says how long to wait (nothing spent). */
	admit(member: string, count: WriteCount): LimitVerdict;
}

const inSeconds = (s: number): string => (s === 1 ? 'in 1 second' : `in ${s} seconds`);

/** The gateway's limiter; null when both limits are off. */
export function createWriteLimiter(limits: WriteLimits, now: () => number): WriteLimiter | null {
	const writes = createTokenBuckets(limits.writesPerMinute, now);
	const messages = createTokenBuckets(limits.messagesPerMinute, now);
	if (!writes && !messages) return null;
	return {
		admit(member, count) {
			const writeWait = writes?.waitMs(member, count.docs) ?? 0;
			const messageWait = count.messages > 0 ? (messages?.waitMs(member, count.messages) ?? 0) : 0;
			if (writeWait === 0 && messageWait === 0) {
				writes?.take(member, count.docs);
				messages?.take(member, count.messages);
				return { ok: true };
			}
			const retryAfterSeconds = Math.max(1, Math.ceil(Math.max(writeWait, messageWait) / 1000));
			const what =
				messageWait >= writeWait
					? `sending messages faster than this community allows (${limits.messagesPerMinute} messages a minute)`
					: `writing faster than this community allows (${limits.writesPerMinute} changes a minute)`;
			return {
				ok: false,
				retryAfterSeconds,
				reason: `You are ${what}. What you wrote waits on your device and is sent ${inSeconds(retryAfterSeconds)}.`
			};
		}
	};
}

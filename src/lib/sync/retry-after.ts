// Reading a server's "slow down": a 429 answer carries how long to wait in its Retry-After
// header, which PouchDB drops when it turns the answer into an error. A fetch wrapped here copies
// the wait into the answer's JSON body (`retryAfterSeconds`), so the replication error the sync
// controller receives says how long to wait (replication-error.ts).

type Fetch = typeof fetch;

/** Waits are kept between 1 second and an hour, whatever the header says. */
const MIN_WAIT_SECONDS = 1;
const MAX_WAIT_SECONDS = 3600;

/** Seconds from a Retry-After value (seconds, or an HTTP date); null when there is none or it is unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
	const raw = value?.trim();
	if (!raw) return null;
	const seconds = /^\d+$/.test(raw) ? Number(raw) : (Date.parse(raw) - now) / 1000;
	if (!Number.isFinite(seconds)) return null;
	return Math.min(MAX_WAIT_SECONDS, Math.max(MIN_WAIT_SECONDS, Math.ceil(seconds)));
}

/** `inner`, with the Retry-After of every 429 answer copied into its JSON body. */
export function withRetryAfter(inner: Fetch): Fetch {
	return async (input, init) => {
		const response = await inner(input, init);
		if (response.status !== 429) return response;
		const seconds = parseRetryAfter(response.headers.get('retry-after'));
		const body = (await response
			.clone()
			.json()
			.catch(() => null)) as Record<string, unknown> | null;
		if (seconds === null || body === null || typeof body !== 'object' || Array.isArray(body)) return response;
		return new Response(JSON.stringify({ ...body, retryAfterSeconds: seconds }), {
			status: response.status,
			statusText: response.statusText,
			headers: response.headers
		});
	};
}

// The member's private calendar subscription (server/calendar): one small JSON call each, made
// only when the member asks (it needs the network, unlike the rest of the events area).
export interface FeedResult {
	url?: string;
	error?: string;
}

async function call(method: 'POST' | 'DELETE'): Promise<Response | string> {
	try {
		return await fetch('/api/calendar/secret', { method, credentials: 'include' });
	} catch {
		return 'You are offline: the calendar link needs a connection.';
	}
}

async function reason(res: Response): Promise<string> {
	const body = (await res.json().catch(() => null)) as { reason?: string } | null;
	return body?.reason ?? `The server answered ${res.status}.`;
}

/** A new subscription URL (absolute); any previous one stops working. */
export async function newFeedUrl(): Promise<FeedResult> {
	const res = await call('POST');
	if (typeof res === 'string') return { error: res };
	if (!res.ok) return { error: await reason(res) };
	const body = (await res.json()) as { url: string };
	return { url: new URL(body.url, location.origin).href };
}

export async function revokeFeed(): Promise<FeedResult> {
	const res = await call('DELETE');
	if (typeof res === 'string') return { error: res };
	return res.ok ? {} : { error: await reason(res) };
}

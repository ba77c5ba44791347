// The member's private calendar subscription (server/calendar): one small JSON call each, made
// only when the member asks (it needs the network, unlike the rest of the events area).
import { apiPath } from './gateway';
import { t } from '../i18n';

export interface FeedResult {
	url?: string;
	error?: string;
}

async function call(method: 'POST' | 'DELETE', fetchFn: typeof fetch): Promise<Response | string> {
	try {
		return await fetchFn(apiPath('/calendar/secret'), { method, credentials: 'include' });
	} catch {
		return t('common:net.calendar.offline');
	}
}

async function reason(res: Response): Promise<string> {
	const body = (await res.json().catch(() => null)) as { reason?: string } | null;
	return body?.reason ?? t('common:net.answered', { status: res.status });
}

/** A new subscription URL (absolute, on `origin`); any previous one stops working. */
export async function newFeedUrl(fetchFn: typeof fetch = fetch, origin: string = location.origin): Promise<FeedResult> {
	const res = await call('POST', fetchFn);
	if (typeof res === 'string') return { error: res };
	if (!res.ok) return { error: await reason(res) };
	const body = (await res.json()) as { url: string };
	return { url: new URL(body.url, origin).href };
}

export async function revokeFeed(fetchFn: typeof fetch = fetch): Promise<FeedResult> {
	const res = await call('DELETE', fetchFn);
	if (typeof res === 'string') return { error: res };
	return res.ok ? {} : { error: await reason(res) };
}

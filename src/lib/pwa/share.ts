// What another app shared with Praxis (the manifest's share target opens /share?title=&text=&url=),
// and the prefill it gives the new-thread and new-resource forms. Everything here is untrusted
// text from outside: it is trimmed, cut to length, stripped of control characters and only ever
// shown as text or put in a form field the member edits before sending.

/** The longest values kept; the forms' own limits (title 200) and a generous body. */
export const SHARE_LIMITS = { title: 200, text: 10_000, url: 2_000 } as const;

export interface Shared {
	title: string;
	text: string;
	/** An http(s) address, or '' (anything else is dropped). */
	url: string;
}

// C0 controls except tab and newline, DEL, C1 controls, and the bidirectional overrides that
// could make shared text read differently from what it is.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

function clean(value: string | null, max: number): string {
	return (value ?? '').replace(/\r\n?/g, '\n').replace(CONTROLS, '').trim().slice(0, max).trim();
}

/** The address if it is an absolute http(s) URL, else ''. */
export function httpUrl(value: string): string {
	if (!/^https?:\/\//i.test(value) || /\s/.test(value)) return '';
	try {
		const url = new URL(value);
		return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : '';
	} catch {
		return '';
	}
}

/** What was shared, from the share page's query string. */
export function parseShared(params: URLSearchParams): Shared {
	const title = clean(params.get('title'), SHARE_LIMITS.title).replace(/\s+/g, ' ');
	let text = clean(params.get('text'), SHARE_LIMITS.text);
	let url = httpUrl(clean(params.get('url'), SHARE_LIMITS.url));
	// Many apps share a page's address as the text alone.
	if (!url && text && httpUrl(text) && text.length <= SHARE_LIMITS.url) {
		url = httpUrl(text);
		text = '';
	}
	return { title, text, url };
}

export const isEmpty = (shared: Shared): boolean => !shared.title && !shared.text && !shared.url;

function withQuery(path: string, values: Record<string, string>): string {
	const query = new URLSearchParams(Object.entries(values).filter(([, v]) => v !== '')).toString();
	return query ? `${path}?${query}` : path;
}

/** /forums/new with the shared title, and the text and address as the body. */
export function threadHref(shared: Shared): string {
	const body = [shared.text, shared.url].filter(Boolean).join('\n\n');
	return withQuery('/forums/new', { title: shared.title, body });
}

/** /library/new with the shared title and address as its link. */
export function resourceHref(shared: Shared): string {
	return withQuery('/library/new', { title: shared.title, link: shared.url });
}

/** One prefilled form field from the address bar: plain text, cut to `max` characters. */
export function prefill(params: URLSearchParams, name: string, max: number): string {
	return clean(params.get(name), max);
}

// Highlighted snippets for search results: a window of plain text around the first match,
// returned as segments (never HTML) so the UI can wrap hits in <mark> without injection risk.

export interface Segment {
	text: string;
	hit: boolean;
}

/** Markdown reduced to readable plain text: enough for snippets, not a renderer. */
export function plainText(markdown: string): string {
	return markdown
		.replace(/```[\s\S]*?```/g, ' ')
		.replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/<[^>]+>/g, ' ')
		.replace(/[*`~]+/g, '')
		.replace(/(^|\s)_+|_+(?=\s|[.,;:!?]|$)/g, '$1')
		.replace(/[#>|]+/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
}

/** A short plain-text excerpt of Markdown, cut at `maxChars` with an ellipsis: for lists and quotes. */
export function plainExcerpt(markdown: string, maxChars = 160): string {
	const plain = plainText(markdown);
	return plain.length > maxChars ? plain.slice(0, maxChars - 1).trimEnd() + '…' : plain;
}

function escapeRegExp(s: string): string {
	return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Cuts `text` to about `width` characters around the first occurrence of any term (terms are
 * matched case-insensitively at word starts, as the index matches prefixes) and marks every
 * occurrence inside the window.
 */
export function snippet(text: string, terms: readonly string[], width = 160): Segment[] {
	const plain = plainText(text);
	const words = terms.filter((t) => t.length > 0).map(escapeRegExp);
	if (words.length === 0) return [{ text: plain.slice(0, width), hit: false }];
	const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.join('|')})[\\p{L}\\p{N}]*`, 'giu');
	const first = pattern.exec(plain);
	pattern.lastIndex = 0;
	let start = first ? Math.max(0, first.index - Math.floor(width / 3)) : 0;
	if (start > 0) {
		const space = plain.indexOf(' ', start);
		if (space !== -1 && space < (first?.index ?? start)) start = space + 1;
	}
	const end = Math.min(plain.length, start + width);
	const window = plain.slice(start, end);
	const segments: Segment[] = [];
	if (start > 0) segments.push({ text: '… ', hit: false });
	let last = 0;
	for (const m of window.matchAll(pattern)) {
		if (m.index > last) segments.push({ text: window.slice(last, m.index), hit: false });
		segments.push({ text: m[0], hit: true });
		last = m.index + m[0].length;
	}
	if (last < window.length) segments.push({ text: window.slice(last), hit: false });
	if (end < plain.length) segments.push({ text: ' …', hit: false });
	return segments;
}

// The privacy page shows the notice's own first heading as the page title (one h1 per page),
// or "Privacy notice" when the operator's text starts without one.
export function splitTitle(markdown: string): { title: string; body: string } {
	const match = /^\s*#[ \t]+(.+?)[ \t#]*(?:\r?\n|$)/.exec(markdown);
	if (!match) return { title: 'Privacy notice', body: markdown };
	return { title: match[1].trim(), body: markdown.slice(match[0].length) };
}

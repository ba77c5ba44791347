// The privacy page shows the notice's own first heading as the page title (one h1 per page),
// or "Privacy notice" when the operator's text starts without one.
import { t } from '../../lib/i18n';

export function splitTitle(markdown: string): { title: string; body: string } {
	const match = /^\s*#[ \t]+(.+?)[ \t#]*(?:\r?\n|$)/.exec(markdown);
	if (!match) return { title: t('privacy:title'), body: markdown };
	return { title: match[1].trim(), body: markdown.slice(match[0].length) };
}

// Markdown → safe HTML for posts, threads and resources. marked parses (raw HTML in a post is
// shown as text, not interpreted), DOMPurify sanitizes, then links and images are made safe by
// url-policy.ts. DOMPurify needs a DOM, so render() runs in the browser only.
import { plainExcerpt } from '../search/snippet';
import { Marked } from 'marked';
import DOMPurify, { type Config } from 'dompurify';
import { classifyLink, isAllowedImage, EXTERNAL_REL } from './url-policy';
import { t } from '../i18n';

export { classifyLink, isAllowedImage, EXTERNAL_REL } from './url-policy';

const escapeHtml = (s: string): string =>
	s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const marked = new Marked({
	gfm: true,
	breaks: true,
	async: false,
	// Raw HTML typed in a post is displayed literally: forums are full of pasted snippets.
	renderer: { html: ({ text }) => escapeHtml(text) }
});

const PURIFY_CONFIG: Config & { RETURN_DOM_FRAGMENT: true } = {
	USE_PROFILES: { html: true },
	FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'object', 'embed', 'svg', 'math'],
	FORBID_ATTR: ['style', 'class', 'id', 'target'],
	RETURN_DOM_FRAGMENT: true
};

/** Makes links open safely and replaces images from elsewhere with a plain link to them. */
function secure(fragment: DocumentFragment, origin: string): void {
	for (const a of Array.from(fragment.querySelectorAll('a'))) {
		const href = a.getAttribute('href');
		const kind = href === null ? 'blocked' : classifyLink(href, origin);
		if (kind === 'blocked') a.removeAttribute('href');
		if (kind === 'external') {
			a.setAttribute('target', '_blank');
			a.setAttribute('rel', EXTERNAL_REL);
		}
	}
	for (const img of Array.from(fragment.querySelectorAll('img'))) {
		const src = img.getAttribute('src') ?? '';
		if (isAllowedImage(src, origin)) {
			img.setAttribute('loading', 'lazy');
			continue;
		}
		const label = img.getAttribute('alt') || t('components:markdown.image');
		const replacement = fragment.ownerDocument.createElement(classifyLink(src, origin) === 'blocked' ? 'span' : 'a');
		replacement.textContent = `[${label}]`;
		if (replacement instanceof HTMLAnchorElement) {
			replacement.href = src;
			replacement.target = '_blank';
			replacement.rel = EXTERNAL_REL;
		}
		img.replaceWith(replacement);
	}
}

/** Renders Markdown to sanitized HTML, safe to insert with {@html}. Browser only. */
export function render(markdown: string, origin: string = window.location.origin): string {
	const html = marked.parse(markdown, { async: false });
	const fragment = DOMPurify.sanitize(html, PURIFY_CONFIG);
	secure(fragment, origin);
	const box = document.createElement('div');
	box.append(fragment);
	return box.innerHTML;
}

/** A short plain-text excerpt of Markdown (no HTML), for lists and quotes. */
export const excerpt = plainExcerpt;

/** The Markdown a "Quote" action puts into a reply: the quoted text prefixed with "> ". */
export function quote(markdown: string, who: string): string {
	const lines = markdown
		.trim()
		.split('\n')
		.map((line) => `> ${line}`);
	return `> ${t('components:markdown.wrote', { who })}\n${lines.join('\n')}\n\n`;
}

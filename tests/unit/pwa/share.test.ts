// The share target's parsing: what another app sends is untrusted text, kept short and plain.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
	SHARE_LIMITS,
	httpUrl,
	isEmpty,
	parseShared,
	prefill,
	resourceHref,
	threadHref
} from '../../../src/lib/pwa/share';

const q = (values: Record<string, string>) => new URLSearchParams(values);

describe('parseShared', () => {
	it('keeps the title, text and an http(s) address, trimmed', () => {
		expect(
			parseShared(
				q({ title: '  Open data guide ', text: ' Worth a read.\r\nSecond line ', url: 'https://example.org/a?b=1' })
			)
		).toEqual({
			title: 'Open data guide',
			text: 'Worth a read.\nSecond line',
			url: 'https://example.org/a?b=1'
		});
	});

	it('is empty when nothing was shared', () => {
		const shared = parseShared(q({}));
		expect(shared).toEqual({ title: '', text: '', url: '' });
		expect(isEmpty(shared)).toBe(true);
	});

	it('drops an address that is not http(s)', () => {
		for (const url of [
			'javascript:alert(1)',
			'data:text/html,<b>x</b>',
			'file:///etc/passwd',
			'ftp://x.org/',
			'//x.org',
			'not a url'
		])
			expect(parseShared(q({ url })).url).toBe('');
		expect(httpUrl('http://example.org')).toBe('http://example.org/');
		expect(httpUrl('https://exa mple.org')).toBe('');
	});

	it('takes an address shared as the text alone as the address', () => {
		expect(parseShared(q({ text: ' https://example.org/page ' }))).toEqual({
			title: '',
			text: '',
			url: 'https://example.org/page'
		});
		expect(parseShared(q({ text: 'see https://example.org/page' })).url).toBe('');
	});

	it('cuts each value to its limit', () => {
		const shared = parseShared(
			q({ title: 'T'.repeat(500), text: 'x'.repeat(20_000), url: `https://e.org/${'p'.repeat(5000)}` })
		);
		expect(shared.title).toHaveLength(SHARE_LIMITS.title);
		expect(shared.text).toHaveLength(SHARE_LIMITS.text);
		expect(shared.url.length).toBeLessThanOrEqual(SHARE_LIMITS.url);
	});

	it('puts the title on one line and strips control and direction-override characters', () => {
		const shared = parseShared(q({ title: 'A\nB\tC', text: 'a\u0000b\u202Ec\u0007d\te' }));
		expect(shared.title).toBe('A B C');
		expect(shared.text).toBe('abcd\te');
	});

	it('keeps markup as the very characters shared, never as HTML', () => {
		const shared = parseShared(q({ title: '<img src=x onerror=alert(1)>', text: '<script>alert(1)</script>' }));
		expect(shared.title).toBe('<img src=x onerror=alert(1)>');
		expect(shared.text).toBe('<script>alert(1)</script>');
		// the page shows values as text only
		const page = readFileSync(new URL('../../../src/routes/share/+page.svelte', import.meta.url), 'utf8');
		expect(page).not.toContain('{@html');
		expect(page).toMatch(/translate="no"/);
	});
});

describe('the prefilled forms', () => {
	const shared = { title: 'Guide & notes', text: 'Read this', url: 'https://example.org/x?a=1&b=2' };

	it('opens a new thread with the title, and the text and address as its body', () => {
		const url = new URL(threadHref(shared), 'https://praxis.test');
		expect(url.pathname).toBe('/forums/new');
		expect(url.searchParams.get('title')).toBe('Guide & notes');
		expect(url.searchParams.get('body')).toBe('Read this\n\nhttps://example.org/x?a=1&b=2');
	});

	it('opens a library submission with the title and the address as its link', () => {
		const url = new URL(resourceHref(shared), 'https://praxis.test');
		expect(url.pathname).toBe('/library/new');
		expect(url.searchParams.get('title')).toBe('Guide & notes');
		expect(url.searchParams.get('link')).toBe('https://example.org/x?a=1&b=2');
		expect(resourceHref({ title: '', text: 'x', url: '' })).toBe('/library/new');
	});

	it('reads a prefilled field as plain text cut to length', () => {
		expect(prefill(q({ title: ` ${'a'.repeat(300)} ` }), 'title', 200)).toHaveLength(200);
		expect(prefill(q({}), 'body', 10)).toBe('');
	});
});

// The link and image policy applied to rendered posts (the DOM part is covered by tests/e2e/markdown).
import { describe, expect, it } from 'vitest';
import { classifyLink, isAllowedImage } from '../../../src/lib/markdown/url-policy';

const ORIGIN = 'https://praxis.example';

describe('classifyLink', () => {
	it('keeps same-origin and relative links internal', () => {
		expect(classifyLink('/forums', ORIGIN)).toBe('internal');
		expect(classifyLink('#top', ORIGIN)).toBe('internal');
		expect(classifyLink('https://praxis.example/x', ORIGIN)).toBe('internal');
	});

	it('marks other web, mail and phone links external', () => {
		expect(classifyLink('https://gov.example/a', ORIGIN)).toBe('external');
		expect(classifyLink('http://praxis.example/x', ORIGIN)).toBe('external');
		expect(classifyLink('mailto:a@b.example', ORIGIN)).toBe('external');
		expect(classifyLink('tel:+3212345', ORIGIN)).toBe('external');
	});

	it('blocks script, data and other schemes however they are spelled', () => {
		for (const href of [
			'javascript:alert(1)',
			'JaVaScRiPt:alert(1)',
			'  javascript:alert(1)',
			'java\tscript:alert(1)',
			'data:text/html,<script>alert(1)</script>',
			'vbscript:msgbox(1)',
			'file:///etc/passwd'
		]) {
			expect(classifyLink(href, ORIGIN), href).toBe('blocked');
		}
	});
});

describe('isAllowedImage', () => {
	it('allows same-origin and inline raster images', () => {
		expect(isAllowedImage('/icons/icon-192.png', ORIGIN)).toBe(true);
		expect(isAllowedImage('data:image/png;base64,iVBORw0KGgo=', ORIGIN)).toBe(true);
	});

	it('refuses images from elsewhere, SVG data and scripts', () => {
		expect(isAllowedImage('https://tracker.example/pixel.gif', ORIGIN)).toBe(false);
		expect(isAllowedImage('data:image/svg+xml;base64,PHN2Zz4=', ORIGIN)).toBe(false);
		expect(isAllowedImage('javascript:alert(1)', ORIGIN)).toBe(false);
	});
});

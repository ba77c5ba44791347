// Plain-text helpers of the markdown module: excerpts for lists and quotes for replies.
import { describe, expect, it } from 'vitest';
import { excerpt, quote } from '../../../src/lib/markdown/index';

describe('excerpt', () => {
	it('strips Markdown syntax and collapses whitespace', () => {
		expect(excerpt('# Title\n\nSome **bold** [link](https://x.example) text')).toBe('Title Some bold link text');
	});

	it('cuts long text with an ellipsis', () => {
		const out = excerpt('word '.repeat(100), 20);
		expect(out.length).toBeLessThanOrEqual(20);
		expect(out.endsWith('…')).toBe(true);
	});
});

describe('quote', () => {
	it('prefixes every line and names the author', () => {
		expect(quote('line one\nline two', 'Ada')).toBe('> **Ada** wrote:\n> line one\n> line two\n\n');
	});
});

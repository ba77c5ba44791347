import { describe, expect, it } from 'vitest';
import { plainText, snippet } from '../../../src/lib/search/snippet';

describe('snippet', () => {
	it('marks matches at word starts inside a window', () => {
		const text = `${'Intro words. '.repeat(30)}We moved permits online and permitting got faster. ${'Tail. '.repeat(40)}`;
		const segs = snippet(text, ['permit'], 80);
		expect(segs[0]).toEqual({ text: '… ', hit: false });
		expect(segs.filter((s) => s.hit).map((s) => s.text)).toEqual(['permits', 'permitting']);
		expect(segs.at(-1)).toEqual({ text: ' …', hit: false });
		expect(snippet('Unpermitted', ['permit']).some((s) => s.hit)).toBe(false);
	});

	it('reduces markdown and HTML to text', () => {
		expect(plainText('# Title\n\n[link](http://x) <b>bold</b> `code`')).toBe('Title link bold code');
	});

	it('treats terms as text, not patterns', () => {
		expect(snippet('a b c', ['(b)']).some((s) => s.hit)).toBe(false);
		expect(
			snippet('a .b c', ['.b'])
				.filter((s) => s.hit)
				.map((s) => s.text)
		).toEqual(['.b']);
		expect(() => snippet('x', ['[', '*'])).not.toThrow();
	});
});

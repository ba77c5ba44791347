import { describe, expect, it } from 'vitest';
import { MAX_COAUTHORS, parseCoauthors } from '../../../src/lib/domain/coauthors';

describe('parseCoauthors', () => {
	it('reads usernames separated by commas or spaces, once each, an @ allowed', () => {
		expect(parseCoauthors(' ben_m, @chloe  dan-o,ben_m ', 'ana')).toEqual({
			ok: true,
			names: ['ben_m', 'chloe', 'dan-o']
		});
		expect(parseCoauthors('', 'ana')).toEqual({ ok: true, names: [] });
	});

	it('refuses what is not a username, the author, and too many', () => {
		expect(parseCoauthors('ben, x', 'ana')).toMatchObject({
			ok: false,
			reason: expect.stringMatching(/^x is not a username/)
		});
		expect(parseCoauthors('ben ana', 'ana')).toMatchObject({
			ok: false,
			reason: expect.stringContaining('You are the author')
		});
		const many = Array.from({ length: MAX_COAUTHORS + 1 }, (_, i) => `member${i}`).join(' ');
		expect(parseCoauthors(many, 'ana')).toMatchObject({ ok: false, reason: `At most ${MAX_COAUTHORS} co-authors.` });
	});
});

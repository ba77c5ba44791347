// The privacy page takes the notice's first heading as its one h1.
import { describe, expect, it } from 'vitest';
import { splitTitle } from '../../../src/routes/privacy/title';

describe('splitTitle', () => {
	it('takes a leading "# Title" out of the text', () => {
		expect(splitTitle('# Privacy at Lund\n\nWe keep…')).toEqual({ title: 'Privacy at Lund', body: '\nWe keep…' });
		expect(splitTitle('\n#  Notice ##\r\nText')).toEqual({ title: 'Notice', body: 'Text' });
	});

	it('keeps a text without one whole, under the title "Privacy notice"', () => {
		expect(splitTitle('We keep…\n# Later heading')).toEqual({
			title: 'Privacy notice',
			body: 'We keep…\n# Later heading'
		});
		expect(splitTitle('## Section first')).toEqual({ title: 'Privacy notice', body: '## Section first' });
	});
});

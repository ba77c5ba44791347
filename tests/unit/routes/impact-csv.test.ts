import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { toCsv } from '../../../src/routes/impact/csv';

describe('the impact dashboard’s CSV', () => {
	it('holds the table as shown, quoted where needed', () => {
		const csv = toCsv(
			['Title', 'Uses', 'Mean rating'],
			[
				['Permits, faster', 3, 4.5],
				['The "plain" letter', 0, null]
			]
		);
		expect(csv).toBe('Title,Uses,Mean rating\r\n"Permits, faster",3,4.5\r\n"The ""plain"" letter",0,\r\n');
		expect(parse(csv)).toEqual([
			['Title', 'Uses', 'Mean rating'],
			['Permits, faster', '3', '4.5'],
			['The "plain" letter', '0', '']
		]);
	});

	it('keeps a member’s title from running as a spreadsheet formula, but not negative numbers', () => {
		expect(toCsv(['Title', 'Change'], [['=HYPERLINK("x")', -3]])).toBe('Title,Change\r\n"\'=HYPERLINK(""x"")",-3\r\n');
	});
});

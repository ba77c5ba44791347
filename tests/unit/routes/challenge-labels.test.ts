// The words the challenge screens show for a challenge's dates and places.
import { describe, expect, it } from 'vitest';
import { placeText, whenText } from '../../../src/routes/challenges/labels';

const dates = { opensAt: '2027-01-01T00:00:00.000Z', closesAt: '2027-01-14T12:00:00.000Z' };

describe('challenge labels', () => {
	it('says each state in words', () => {
		expect(whenText({ ...dates, status: 'open' })).toBe('Open until 14 January 2027');
		expect(whenText({ ...dates, status: 'upcoming' })).toBe('Opens on 1 January 2027, closes on 14 January 2027');
		expect(whenText({ ...dates, status: 'judging' })).toMatch(/^Closed on 14 January 2027/);
		expect(whenText({ ...dates, status: 'past', announcedAt: '2027-02-03T09:00:00.000Z' })).toBe(
			'Winners announced on 3 February 2027'
		);
	});
	it('names places', () => {
		expect([1, 2, 3, 4].map(placeText)).toEqual(['1st place', '2nd place', '3rd place', '4th place']);
	});
});

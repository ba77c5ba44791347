// The adoption rules every side shares: who counts once in the summary, its sentence, and when
// an adopter is due the reminder to report results.
import { describe, expect, it } from 'vitest';
import {
	adoptionReminder,
	practiceHref,
	reminderAt,
	reminderDue,
	summarizeAdoptions,
	summarySentence,
	type AdoptionFacts
} from '../../../src/lib/domain/adoptions';
import type { OutcomeFigure } from '../../../src/lib/domain/schemas';

const RESULT: OutcomeFigure = { metric: 'staff-hours-saved', label: 'Hours', value: 1200, unit: 'hours' };
let n = 0;
const adoption = (extra: Partial<AdoptionFacts> = {}): AdoptionFacts => ({
	id: `adoption:01JAAAAAAAAAAAAAAAAAAAAA${String(++n).padStart(2, '0')}`,
	author: 'ana',
	createdAt: '2026-01-01T00:00:00.000Z',
	practice: 'story:01JBBBBBBBBBBBBBBBBBBBBBB1',
	organization: 'Ghent',
	status: 'implemented',
	outcomes: [],
	...extra
});

describe('summarizeAdoptions', () => {
	it('counts organisations once by name, results once, statuses by the latest record', () => {
		const summary = summarizeAdoptions([
			adoption({ organization: 'City of Lyon', status: 'planning' }),
			adoption({ organization: '  city  of lyon', status: 'piloting', updatedAt: '2026-02-01T00:00:00.000Z' }),
			adoption({ organization: 'Ghent', outcomes: [RESULT] }),
			adoption({ organization: 'GHENT', outcomes: [RESULT] })
		]);
		expect(summary).toEqual({
			organisations: 2,
			withResults: 1,
			byStatus: { planning: 0, piloting: 1, implemented: 1, abandoned: 0 }
		});
	});

	it('says it in a sentence, singular and plural', () => {
		expect(summarySentence({ organisations: 0, withResults: 0 })).toBe(
			'No organisation has reported adopting this yet.'
		);
		expect(summarySentence({ organisations: 1, withResults: 1 })).toBe('Adopted by 1 organisation; 1 reports results');
		expect(summarySentence({ organisations: 4, withResults: 2 })).toBe('Adopted by 4 organisations; 2 report results');
		expect(summarySentence({ organisations: 3, withResults: 0 })).toBe(
			'Adopted by 3 organisations; no results reported yet'
		);
	});
});

describe('the reminder', () => {
	it('is due after 90 days by default, or the chosen delay', () => {
		expect(reminderAt(adoption())).toBe('2026-04-01T00:00:00.000Z');
		expect(reminderDue(adoption(), '2026-03-31T23:59:59.000Z')).toBe(false);
		expect(reminderDue(adoption(), '2026-04-01T00:00:00.000Z')).toBe(true);
		expect(reminderDue(adoption({ remindAfterDays: 30 }), '2026-01-31T00:00:00.000Z')).toBe(true);
	});

	it('is only for practices piloted or in use without results', () => {
		const later = '2027-01-01T00:00:00.000Z';
		expect(reminderDue(adoption({ status: 'piloting' }), later)).toBe(true);
		expect(reminderDue(adoption({ status: 'planning' }), later)).toBe(false);
		expect(reminderDue(adoption({ status: 'abandoned' }), later)).toBe(false);
		expect(reminderDue(adoption({ outcomes: [RESULT] }), later)).toBe(false);
	});

	it('names the practice and the organisation and links to the practice', () => {
		const a = adoption({ organization: 'Ghent' });
		expect(adoptionReminder(a, 'Open permits')).toMatchObject({
			id: `adoption:${a.id}`,
			kind: 'adoption',
			at: '2026-04-01T00:00:00.000Z',
			text: 'Time to report results: how is Open permits working at Ghent?',
			href: '/stories/01JBBBBBBBBBBBBBBBBBBBBBB1',
			source: a.id
		});
		expect(practiceHref('resource:01JBBBBBBBBBBBBBBBBBBBBBB1')).toBe('/library/01JBBBBBBBBBBBBBBBBBBBBBB1');
	});
});

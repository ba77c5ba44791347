// Local times in IANA zones → instants (across daylight-saving boundaries), and the .ics built
// from events parses with ical.js and carries the same instants.
import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { instantToZoned, zonedToInstant, formatRange, sameClock } from '../../../../src/lib/domain/zoned';
import { eventsToIcs, icsFileName, type CalendarEvent } from '../../../../src/lib/domain/ics';

describe('zonedToInstant', () => {
	it('converts either side of the EU autumn change (25 Oct 2026) and the US spring change (8 Mar 2026)', () => {
		expect(zonedToInstant('2026-10-24T09:00', 'Europe/Paris')).toBe('2026-10-24T07:00:00.000Z'); // CEST
		expect(zonedToInstant('2026-10-26T09:00', 'Europe/Paris')).toBe('2026-10-26T08:00:00.000Z'); // CET
		expect(zonedToInstant('2026-03-07T10:00', 'America/New_York')).toBe('2026-03-07T15:00:00.000Z'); // EST
		expect(zonedToInstant('2026-03-09T10:00', 'America/New_York')).toBe('2026-03-09T14:00:00.000Z'); // EDT
		expect(zonedToInstant('2026-06-01T12:00', 'UTC')).toBe('2026-06-01T12:00:00.000Z');
		expect(zonedToInstant('2026-06-01T12:00', 'Asia/Kolkata')).toBe('2026-06-01T06:30:00.000Z');
	});

	it('maps a skipped time after the gap and an ambiguous time to its first occurrence', () => {
		expect(zonedToInstant('2026-03-29T02:30', 'Europe/Paris')).toBe('2026-03-29T01:30:00.000Z'); // 03:30 CEST
		expect(zonedToInstant('2026-10-25T02:30', 'Europe/Paris')).toBe('2026-10-25T00:30:00.000Z'); // first 02:30 (CEST)
	});

	it('round-trips with instantToZoned', () => {
		for (const tz of ['Europe/Paris', 'America/New_York', 'Australia/Sydney', 'Pacific/Auckland']) {
			for (const local of ['2026-01-15T08:15', '2026-07-15T19:45', '2026-10-26T00:00']) {
				expect(instantToZoned(zonedToInstant(local, tz), tz)).toBe(local);
			}
		}
		expect(() => zonedToInstant('tomorrow', 'UTC')).toThrow(/local date/);
	});

	it('knows when two zones show the same clock time', () => {
		const winter = ['2026-12-07T12:00:00.000Z', '2026-12-07T13:00:00.000Z'];
		const summer = ['2026-07-07T12:00:00.000Z'];
		expect(sameClock('Europe/London', 'UTC', winter)).toBe(true);
		expect(sameClock('Europe/London', 'UTC', summer)).toBe(false);
		expect(sameClock('Europe/Paris', 'Europe/Berlin', [...winter, ...summer])).toBe(true);
		expect(sameClock('Europe/Paris', 'UTC', winter)).toBe(false);
		expect(sameClock('Not/AZone', 'UTC', winter)).toBe(false);
	});

	it('writes hours as the language does', () => {
		expect(formatRange('2026-12-07T09:00:00.000Z', '2026-12-07T13:00:00.000Z', 'UTC', 'en-US')).toMatch(
			/9:00 AM – 1:00 PM UTC$/
		);
	});

	it('formats a range in a zone with its abbreviation', () => {
		expect(formatRange('2026-10-24T07:00:00.000Z', '2026-10-24T09:00:00.000Z', 'Europe/Paris', 'en-GB')).toMatch(
			/24 Oct 2026, 09:00 – 11:00 (CEST|GMT\+2)/
		);
	});
});

function event(
	id: string,
	local: [string, string],
	timeZone: string,
	extra: Partial<CalendarEvent> = {}
): CalendarEvent {
	return {
		_id: `event:${id}`,
		title: `Event ${id}`,
		description: 'Bring *questions*.',
		start: zonedToInstant(local[0], timeZone),
		end: zonedToInstant(local[1], timeZone),
		timeZone,
		location: { venue: 'Town hall', address: '1 Main St, Lyon' },
		createdAt: '2026-01-01T00:00:00.000Z',
		...extra
	};
}

describe('eventsToIcs', () => {
	it('parses with ical.js and keeps the instants across a DST boundary and zones', () => {
		const events = [
			event('01JAAAAAAAAAAAAAAAAAAAAAA1', ['2026-10-24T09:00', '2026-10-24T11:00'], 'Europe/Paris'),
			event('01JAAAAAAAAAAAAAAAAAAAAAA2', ['2026-10-26T09:00', '2026-10-26T11:00'], 'Europe/Paris', {
				location: { online: 'https://meet.example/x' }
			}),
			event('01JAAAAAAAAAAAAAAAAAAAAAA3', ['2026-03-09T10:00', '2026-03-09T12:30'], 'America/New_York', {
				cancelled: true
			})
		];
		const text = eventsToIcs(events, { name: 'Test', origin: 'https://praxis.example' });
		expect(text.startsWith('BEGIN:VCALENDAR')).toBe(true);
		const vcal = new ICAL.Component(ICAL.parse(text));
		const parsed = vcal.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
		expect(parsed.map((e) => e.startDate.toJSDate().toISOString())).toEqual([
			'2026-03-09T14:00:00.000Z',
			'2026-10-24T07:00:00.000Z',
			'2026-10-26T08:00:00.000Z'
		]);
		expect(parsed.map((e) => e.endDate.toJSDate().toISOString())).toEqual([
			'2026-03-09T16:30:00.000Z',
			'2026-10-24T09:00:00.000Z',
			'2026-10-26T10:00:00.000Z'
		]);
		expect(parsed[1].summary).toBe('Event 01JAAAAAAAAAAAAAAAAAAAAAA1');
		expect(parsed[1].location).toBe('Town hall, 1 Main St, Lyon');
		expect(parsed[1].uid).toBe('01JAAAAAAAAAAAAAAAAAAAAAA1@praxis');
		expect(parsed[2].location).toBe('https://meet.example/x');
		expect(parsed[0].component.getFirstPropertyValue('status')).toBe('CANCELLED');
		expect(String(parsed[1].component.getFirstPropertyValue('url'))).toBe(
			'https://praxis.example/events/01JAAAAAAAAAAAAAAAAAAAAAA1'
		);
	});

	it('names the download after the title', () => {
		expect(icsFileName('Procurement Café: Q&A!')).toBe('praxis-procurement-cafe-q-a.ics');
	});
});

// The shared challenge decisions (src/lib/domain/challenges.ts): status at a time, entry,
// judging and winners refusals, and the ranking of entries.
import { describe, expect, it } from 'vitest';
import {
	challengeStatus,
	dayInWords,
	entryRefusal,
	judgingRefusal,
	rankEntries,
	winnersRefusal,
	type ChallengeFacts
} from '../../../src/lib/domain/challenges';

const C: ChallengeFacts = {
	_id: 'challenge:01JFCCCCCCCCCCCCCCCCCCCCCC',
	opensAt: '2027-01-01T00:00:00.000Z',
	closesAt: '2027-01-14T12:00:00.000Z',
	criteria: [{ name: 'Impact' }, { name: 'Reuse' }, { name: 'Cost' }],
	judges: ['rita']
};
const at = (s: string) => new Date(s);
const find = (id: string) => (id === C._id ? C : null);

describe('challengeStatus', () => {
	it('is upcoming, open, judging, then past once winners are announced', () => {
		expect(challengeStatus(C, at('2026-12-31T23:59:59Z'))).toBe('upcoming');
		expect(challengeStatus(C, at('2027-01-01T00:00:00Z'))).toBe('open');
		expect(challengeStatus(C, at('2027-01-14T12:00:00Z'))).toBe('judging');
		expect(challengeStatus({ ...C, announcedAt: '2027-02-01T00:00:00Z' }, at('2027-02-02T00:00:00Z'))).toBe('past');
	});
	it('writes days in words, in UTC', () => {
		expect(dayInWords('2027-01-14T23:30:00Z')).toBe('14 January 2027');
	});
});

describe('entryRefusal', () => {
	const during = at('2027-01-05T00:00:00Z');
	const after = at('2027-01-20T00:00:00Z');
	it('takes an entry while open and keeps an unchanged one at any time', () => {
		expect(entryRefusal(C._id, undefined, find, during)).toBeNull();
		expect(entryRefusal(C._id, C._id, find, after)).toBeNull();
	});
	it('refuses early, late, unknown and withdrawn-after-closing entries', () => {
		expect(entryRefusal(C._id, undefined, find, at('2026-12-01T00:00:00Z'))).toBe(
			'this challenge opens on 1 January 2027'
		);
		expect(entryRefusal(C._id, undefined, find, after)).toBe(
			'this challenge closed on 14 January 2027: it takes no more entries'
		);
		expect(entryRefusal('challenge:01JFDDDDDDDDDDDDDDDDDDDDDD', undefined, find, during)).toBe(
			'there is no such challenge'
		);
		expect(entryRefusal(undefined, C._id, find, after)).toBe('entries cannot be withdrawn once a challenge has closed');
		expect(entryRefusal(undefined, C._id, find, during)).toBeNull();
	});
});

describe('judgingRefusal and winnersRefusal', () => {
	const after = at('2027-01-20T00:00:00Z');
	const entry = 'story:01JFEEEEEEEEEEEEEEEEEEEEEE';
	it('judges after closing, an entry, every criterion', () => {
		const j = { entry, scores: [3, 4, 5] };
		expect(judgingRefusal(j, C, C._id, at('2027-01-10T00:00:00Z'))).toBe(
			'judging starts when the challenge closes on 14 January 2027'
		);
		expect(judgingRefusal(j, C, null, after)).toBe('this is not an entry of the challenge');
		expect(judgingRefusal({ entry, scores: [3] }, C, C._id, after)).toBe('score each of the 3 criteria');
		expect(judgingRefusal(j, C, C._id, after)).toBeNull();
		expect(judgingRefusal(j, { ...C, announcedAt: after.toISOString() }, C._id, after)).toMatch(/judging is over/);
	});
	it('announces winners after closing, only entries, and lets other edits pass', () => {
		const next = { ...C, winners: [{ entry, place: 1 }], announcedAt: after.toISOString() };
		const of = (e: string) => (e === entry ? C._id : null);
		expect(winnersRefusal(next, C, of, at('2027-01-10T00:00:00Z'))).toMatch(/after the challenge closes/);
		expect(winnersRefusal(next, C, () => null, after)).toBe('winners must be entries of the challenge');
		expect(winnersRefusal(next, C, of, after)).toBeNull();
		expect(winnersRefusal({ ...C, title: 'x' } as ChallengeFacts, C, of, at('2027-01-10T00:00:00Z'))).toBeNull();
	});
});

describe('rankEntries', () => {
	it('ranks by mean judges score, then votes, unjudged last', () => {
		const ranked = rankEntries([
			{ entry: 'story:a', scores: [], votes: 9 },
			{
				entry: 'story:b',
				scores: [
					[4, 4],
					[2, 2]
				],
				votes: 1
			},
			{ entry: 'story:c', scores: [[3, 3]], votes: 5 },
			{ entry: 'story:d', scores: [[5, 5]], votes: 0 }
		]);
		expect(ranked.map((r) => r.entry)).toEqual(['story:d', 'story:c', 'story:b', 'story:a']);
		expect(ranked[0]).toMatchObject({ meanScore: 5, judged: 1 });
		expect(ranked[3].meanScore).toBeNull();
	});
});

describe('winners notification', () => {
	it('tells the author of a winning entry, once per announcement', async () => {
		const { notificationsFor } = await import('../../../src/lib/domain/notifications');
		const doc = {
			_id: C._id,
			type: 'challenge',
			author: 'mod',
			title: 'Shorter queues',
			winners: [{ entry: 'story:01JFEEEEEEEEEEEEEEEEEEEEEE', place: 2 }],
			announcedAt: '2027-01-21T00:00:00.000Z'
		};
		const lookup = {
			get: async (id: string) => (id.startsWith('story:') ? { _id: id, author: 'ana' } : null),
			myRsvp: async () => null
		};
		const [row] = await notificationsFor(doc, 'ana', lookup);
		expect(row).toMatchObject({ kind: 'challenge', href: '/challenges/01JFCCCCCCCCCCCCCCCCCCCCCC' });
		expect(row.text).toContain('won place 2');
		expect(await notificationsFor(doc, 'bob', lookup)).toEqual([]);
	});
});

import { describe, expect, it } from 'vitest';
import {
	activeMentees,
	answerRefusal,
	mentorCapacityOf,
	mentorshipRefusal,
	mentorshipStatus,
	rankMentors,
	requestChangeRefusal,
	type AnswerFacts,
	type RequestFacts
} from '../../../src/lib/domain/mentors';
import { MENTOR_CAPACITY_DEFAULT } from '../../../src/lib/domain/schemas';

describe('rankMentors', () => {
	const candidates = [
		{ username: 'gen', mentor: true, expertise: ['open-data', 'procurement', 'cloud', 'gis', 'budget', 'hr'] },
		{ username: 'focus', mentor: true, expertise: ['Open Data', 'procurement'] },
		{ username: 'closed', mentor: false, expertise: ['open-data', 'procurement'] },
		{ username: 'me', mentor: true, expertise: ['open-data'] },
		{ username: 'other', mentor: true, expertise: ['cybersecurity'] },
		{ username: 'busy', mentor: true, expertise: ['open_data', 'procurement'], activeMentees: 3, capacity: 5 }
	];

	it('ranks by shared tags, favouring focused and less busy mentors, excluding self and closed', () => {
		const ranked = rankMentors('me', ['open-data', 'procurement'], candidates);
		expect(ranked.map((m) => m.username)).toEqual(['focus', 'busy', 'gen']);
		expect(ranked[0].shared).toEqual(['open-data', 'procurement']);
	});

	it('returns nobody when nothing overlaps', () => {
		expect(rankMentors('me', ['translation'], candidates)).toEqual([]);
	});
});

describe('rankMentors and capacity', () => {
	it('leaves out full mentors, with their own capacity or the default', () => {
		const candidates = [
			{ username: 'full', mentor: true, expertise: ['gis'], activeMentees: 2, capacity: 2 },
			{ username: 'room', mentor: true, expertise: ['gis'], activeMentees: 2, capacity: 5 },
			{ username: 'default', mentor: true, expertise: ['gis'], activeMentees: MENTOR_CAPACITY_DEFAULT }
		];
		expect(rankMentors('me', ['gis'], candidates).map((m) => m.username)).toEqual(['room']);
	});
});

describe('mentorship rules', () => {
	const open = { mentor: true };
	const req = (id: string, author: string, mentor: string, extra: Partial<RequestFacts> = {}): RequestFacts => ({
		_id: `mentorship:${id}`,
		author,
		mentor,
		...extra
	});
	const ans = (id: string, author: string, answer: string, extra: Partial<AnswerFacts> = {}): AnswerFacts => ({
		author,
		mentorship: `mentorship:${id}`,
		answer,
		...extra
	});
	const ask = (mentor: string) => ({ _id: 'mentorship:new', author: 'ben', mentor });

	it('derives the status, withdrawn first, only the named mentor answering', () => {
		expect(mentorshipStatus(req('1', 'ben', 'ana'), undefined)).toBe('requested');
		expect(mentorshipStatus(req('1', 'ben', 'ana'), ans('1', 'ana', 'accepted'))).toBe('active');
		expect(mentorshipStatus(req('1', 'ben', 'ana'), ans('1', 'eve', 'accepted'))).toBe('requested');
		expect(mentorshipStatus(req('1', 'ben', 'ana'), ans('1', 'ana', 'declined'))).toBe('declined');
		expect(mentorshipStatus(req('1', 'ben', 'ana', { completedAt: 'x' }), ans('1', 'ana', 'accepted'))).toBe(
			'completed'
		);
		expect(mentorshipStatus(req('1', 'ben', 'ana'), ans('1', 'ana', 'accepted', { completedAt: 'x' }))).toBe(
			'completed'
		);
		expect(mentorshipStatus(req('1', 'ben', 'ana', { withdrawnAt: 'x' }), ans('1', 'ana', 'accepted'))).toBe(
			'withdrawn'
		);
	});

	it('refuses a request to no member, to a member not open, or a second one going on', () => {
		const none = { requests: [], answers: [] };
		expect(mentorshipRefusal(ask('ghost'), { mentorProfile: null, ...none })).toBe('there is no member named ghost');
		expect(mentorshipRefusal(ask('ana'), { mentorProfile: {}, ...none })).toBe('ana is not open to mentoring');
		expect(mentorshipRefusal(ask('ana'), { mentorProfile: { mentor: false }, ...none })).toBe(
			'ana is not open to mentoring'
		);
		expect(mentorshipRefusal(ask('ana'), { mentorProfile: open, ...none })).toBeNull();
		const pending = { mentorProfile: open, requests: [req('1', 'ben', 'ana')], answers: [] };
		expect(mentorshipRefusal(ask('ana'), pending)).toBe('you already have a request to ana');
		const active = { ...pending, answers: [ans('1', 'ana', 'accepted')] };
		expect(mentorshipRefusal(ask('ana'), active)).toBe('you already have a request to ana');
		// another mentee, or another mentor, is no duplicate
		expect(mentorshipRefusal({ ...ask('ana'), author: 'cy' }, pending)).toBeNull();
		expect(mentorshipRefusal(ask('eve'), { ...pending, mentorProfile: open })).toBeNull();
	});

	it('accepts a new request after a declined, completed or withdrawn one', () => {
		for (const [requests, answers] of [
			[[req('1', 'ben', 'ana')], [ans('1', 'ana', 'declined')]],
			[[req('1', 'ben', 'ana', { completedAt: 'x' })], [ans('1', 'ana', 'accepted')]],
			[[req('1', 'ben', 'ana', { withdrawnAt: 'x' })], []]
		] as const) {
			expect(mentorshipRefusal(ask('ana'), { mentorProfile: open, requests, answers })).toBeNull();
		}
	});

	it('refuses a request to a full mentor (default capacity when unset)', () => {
		const accepted = ['a', 'b', 'c'].map((m, i) => req(String(i), m, 'ana'));
		const answers = accepted.map((_, i) => ans(String(i), 'ana', 'accepted'));
		expect(mentorshipRefusal(ask('ana'), { mentorProfile: open, requests: accepted, answers })).toBe(
			'ana is not taking more mentees right now'
		);
		expect(
			mentorshipRefusal(ask('ana'), { mentorProfile: { mentor: true, mentorCapacity: 4 }, requests: accepted, answers })
		).toBeNull();
		expect(activeMentees('ana', accepted, answers)).toBe(3);
		expect(mentorCapacityOf(null)).toBe(MENTOR_CAPACITY_DEFAULT);
	});

	it('refuses accepting when full or a withdrawn request, never declining a live one', () => {
		const requests = [req('1', 'ben', 'ana'), req('2', 'cy', 'ana')];
		const answers = [ans('1', 'ana', 'accepted')];
		const facts = { mentorProfile: { mentor: true, mentorCapacity: 1 }, requests, answers };
		expect(answerRefusal({ answer: 'accepted' }, requests[1], facts)).toBe(
			'you already mentor 1 member, your limit: raise it in your profile to accept more'
		);
		expect(answerRefusal({ answer: 'declined' }, requests[1], facts)).toBeNull();
		// answering again the request already counted does not count it twice
		expect(answerRefusal({ answer: 'accepted' }, requests[0], facts)).toBeNull();
		const withdrawn = req('3', 'dee', 'ana', { withdrawnAt: 'x' });
		expect(answerRefusal({ answer: 'declined' }, withdrawn, facts)).toBe('this request was withdrawn');
	});

	it('keeps the mentor of a request and a withdrawal final', () => {
		const stored = req('1', 'ben', 'ana');
		expect(requestChangeRefusal({ ...stored, mentor: 'eve' }, stored)).toMatch(/cannot change/);
		expect(requestChangeRefusal({ ...stored, withdrawnAt: 'x' }, stored)).toBeNull();
		expect(requestChangeRefusal(stored, { ...stored, withdrawnAt: 'x' })).toMatch(/stays withdrawn/);
	});
});

import { describe, expect, it } from 'vitest';
import { rankMentors } from '../../../src/lib/domain/mentors';

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

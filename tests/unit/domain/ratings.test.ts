// Derived peer ratings: averages, counts and the "highest rated" score are computed from rating
// documents; ids name the resource and the member; the permission rules enforce that.
import { describe, expect, it } from 'vitest';
import { ratingId, ratingScore, summarizeRatings, useId } from '../../../src/lib/domain/ratings';
import { authorizeCommunityWrite } from '../../../src/lib/domain/permissions';
import { validateCommunityDoc } from '../../../src/lib/domain/validate';

const R = 'resource:01JCCCCCCCCCCCCCCCCCCCCCC1';

describe('summarizeRatings', () => {
	it('is empty with no ratings', () => {
		expect(summarizeRatings([])).toEqual({ average: null, count: 0, histogram: [0, 0, 0, 0, 0] });
	});
	it('averages to one decimal and counts per value', () => {
		const s = summarizeRatings([
			{ author: 'a', value: 5 },
			{ author: 'b', value: 4 },
			{ author: 'c', value: 4 }
		]);
		expect(s).toEqual({ average: 4.3, count: 3, histogram: [0, 0, 0, 2, 1] });
	});
	it('counts one rating per author and ignores values outside 1–5', () => {
		const s = summarizeRatings([
			{ author: 'a', value: 1 },
			{ author: 'a', value: 5 },
			{ author: 'b', value: 7 },
			{ author: 'c', value: 2.5 }
		]);
		expect(s).toMatchObject({ average: 5, count: 1 });
	});
});

describe('ratingScore', () => {
	it('ranks many good ratings above a single perfect one', () => {
		const single = ratingScore({ average: 5, count: 1 });
		const many = ratingScore({ average: 4.8, count: 40 });
		expect(many).toBeGreaterThan(single);
		expect(ratingScore({ average: null, count: 0 })).toBe(3);
	});
});

describe('rating and use ids and permissions', () => {
	const alice = { name: 'alice', roles: ['member'] as const };
	const rating = (id: string, value = 4) => ({
		_id: id,
		type: 'rating',
		author: 'alice',
		createdAt: '2026-01-01T00:00:00.000Z',
		resource: R,
		value
	});
	it('names the resource ulid and the member', () => {
		expect(ratingId(R, 'alice')).toBe('rating:01JCCCCCCCCCCCCCCCCCCCCCC1:alice');
		expect(useId(R, 'bob')).toBe('use:01JCCCCCCCCCCCCCCCCCCCCCC1:bob');
	});
	it('allows a rating whose id names its author, refuses one naming someone else', () => {
		expect(authorizeCommunityWrite({ ...alice, roles: [...alice.roles] }, rating(ratingId(R, 'alice')), null)).toEqual({
			ok: true
		});
		const other = authorizeCommunityWrite({ ...alice, roles: [...alice.roles] }, rating(ratingId(R, 'bob')), null);
		expect(other.ok).toBe(false);
	});
	it('validates values 1–5 only', () => {
		expect(validateCommunityDoc(rating(ratingId(R, 'alice'), 5)).ok).toBe(true);
		expect(validateCommunityDoc(rating(ratingId(R, 'alice'), 6)).ok).toBe(false);
		expect(validateCommunityDoc(rating(ratingId(R, 'alice'), 0)).ok).toBe(false);
	});
	it('lets only moderators and reviewers write collections', () => {
		const doc = {
			_id: 'collection:open-data',
			type: 'collection',
			author: 'alice',
			createdAt: '2026-01-01T00:00:00.000Z',
			title: 'Open data',
			intro: '',
			items: []
		};
		expect(validateCommunityDoc(doc).ok).toBe(true);
		expect(authorizeCommunityWrite({ name: 'alice', roles: ['member'] }, doc, null).ok).toBe(false);
		expect(authorizeCommunityWrite({ name: 'alice', roles: ['reviewer'] }, doc, null).ok).toBe(true);
		expect(authorizeCommunityWrite({ name: 'bob', roles: ['reviewer'] }, { ...doc, author: 'alice' }, doc).ok).toBe(
			true
		);
		expect(authorizeCommunityWrite({ name: 'bob', roles: ['member'] }, { ...doc, author: 'alice' }, doc).ok).toBe(
			false
		);
	});
});

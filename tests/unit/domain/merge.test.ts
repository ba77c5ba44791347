// Conflict choice and merge: the tie-break rule and tag union.
import { describe, expect, it } from 'vitest';
import { compareVersions, differingFields, latestVersion, mergeVersions } from '../../../src/lib/domain/merge';

const base = {
	_id: 'thread:01JAAAAAAAAAAAAAAAAAAAAAA1',
	type: 'thread',
	author: 'alice',
	createdAt: '2026-01-01T00:00:00.000Z',
	category: 'general'
};

describe('merge', () => {
	it('prefers the later updatedAt', () => {
		const a = { ...base, _rev: '3-zzz', title: 'A', updatedAt: '2026-01-02T00:00:00.000Z' };
		const b = { ...base, _rev: '2-aaa', title: 'B', updatedAt: '2026-01-03T00:00:00.000Z' };
		expect(latestVersion([a, b]).title).toBe('B');
		expect(mergeVersions([a, b]).title).toBe('B');
	});

	it('falls back to createdAt, then revision generation, then revision id', () => {
		const never = { ...base, _rev: '1-a', title: 'never edited' };
		const edited = { ...base, _rev: '2-a', title: 'edited', updatedAt: '2026-01-01T00:00:01.000Z' };
		expect(latestVersion([edited, never]).title).toBe('edited');
		const same = '2026-01-05T00:00:00.000Z';
		const g2 = { ...base, _rev: '2-fff', updatedAt: same, title: 'g2' };
		const g3 = { ...base, _rev: '3-aaa', updatedAt: same, title: 'g3' };
		expect(latestVersion([g3, g2]).title).toBe('g3');
		const h1 = { ...base, _rev: '3-abc', updatedAt: same, title: 'abc' };
		const h2 = { ...base, _rev: '3-abd', updatedAt: same, title: 'abd' };
		expect(latestVersion([h2, h1]).title).toBe('abd');
		expect(latestVersion([h1, h2]).title).toBe('abd');
		expect(compareVersions(h1, h1)).toBe(0);
	});

	it('unions tags, latest first, capped at 10, and drops revision fields', () => {
		const a = { ...base, _rev: '2-a', tags: ['x', 'y'], updatedAt: '2026-01-02T00:00:00.000Z', _conflicts: ['2-b'] };
		const b = { ...base, _rev: '2-b', tags: ['z', 'x'], updatedAt: '2026-01-03T00:00:00.000Z' };
		const merged = mergeVersions([a, b]);
		expect(merged.tags).toEqual(['z', 'x', 'y']);
		expect(merged._rev).toBeUndefined();
		expect(merged._conflicts).toBeUndefined();
		expect(merged.updatedAt).toBe('2026-01-03T00:00:00.000Z');
		const many = { ...base, _rev: '2-c', tags: Array.from({ length: 12 }, (_, i) => `t${i}`) };
		expect((mergeVersions([many, a]).tags as string[]).length).toBe(10);
	});

	it('is independent of the order versions are given', () => {
		const a = { ...base, _rev: '2-a', title: 'A', tags: ['a'], updatedAt: '2026-01-02T00:00:00.000Z' };
		const b = { ...base, _rev: '2-b', title: 'B', tags: ['b'], updatedAt: '2026-01-02T00:00:00.000Z' };
		expect(mergeVersions([a, b])).toEqual(mergeVersions([b, a]));
	});

	it('lists the content fields that differ', () => {
		const a = { ...base, _rev: '2-a', title: 'A', body: 'same', updatedAt: '1' };
		const b = { ...base, _rev: '2-b', title: 'B', body: 'same', updatedAt: '2' };
		expect(differingFields([a, b])).toEqual(['title']);
	});
});

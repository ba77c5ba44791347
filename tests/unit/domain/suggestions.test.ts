// The suggestion box's pure rules: status words, the two sorts, which votes count, and the
// author's notification for each moderator's answer (also through notificationsFor).
import { describe, expect, it } from 'vitest';
import {
	STATUS_WORDS,
	countedVotes,
	sortSuggestions,
	suggestionNotification
} from '../../../src/lib/domain/suggestions';
import { notificationsFor } from '../../../src/lib/domain/notifications';

const ID = 'suggestion:01JFSSSSSSSSSSSSSSSSSSSS01';
const doc = (extra: Record<string, unknown> = {}) => ({
	_id: ID,
	type: 'suggestion',
	author: 'alice',
	createdAt: '2026-11-01T00:00:00.000Z',
	area: 'platform',
	title: 'A dark theme',
	body: 'Easier at night.',
	status: 'planned',
	response: { text: 'In spring.', by: 'mod', at: '2026-11-03T10:00:00.000Z' },
	...extra
});
const lookup = { get: async () => null, myRsvp: async () => null };

describe('suggestion words and sorts', () => {
	it('names every status in words', () => {
		expect(Object.values(STATUS_WORDS)).toEqual(['Open', 'Under consideration', 'Planned', 'Done', 'Declined']);
	});

	it('sorts by votes, then the newest, then the later id', () => {
		const rows = [
			{ id: 'suggestion:A', status: 'open', createdAt: '2026-01-01', votes: 2 },
			{ id: 'suggestion:B', status: 'done', createdAt: '2026-01-03', votes: 2 },
			{ id: 'suggestion:C', status: 'open', createdAt: '2026-01-02', votes: 5 },
			{ id: 'suggestion:D', status: 'open', createdAt: '2026-01-03', votes: 2 }
		] as const;
		expect(sortSuggestions(rows, 'votes').map((r) => r.id.slice(11))).toEqual(['C', 'D', 'B', 'A']);
		expect(sortSuggestions(rows, 'status').map((r) => r.id.slice(11))).toEqual(['C', 'D', 'A', 'B']);
		expect(rows[0].id).toBe('suggestion:A');
	});

	it('counts up-votes from members other than the author', () => {
		const votes = [
			{ author: 'alice', value: 1 },
			{ author: 'bob', value: 1 },
			{ author: 'carol', value: -1 },
			{ author: 'dave', value: 1 }
		];
		expect(countedVotes(votes, 'alice')).toBe(2);
	});
});

describe('suggestion notifications', () => {
	it('tells the author of the status a moderator set, one row per answer', async () => {
		const row = suggestionNotification(doc(), 'alice');
		expect(row).toEqual({
			id: `suggestion:${ID}@2026-11-03T10:00:00.000Z`,
			kind: 'suggestion',
			at: '2026-11-03T10:00:00.000Z',
			actor: 'mod',
			text: 'marked your suggestion “A dark theme” as planned',
			message: { key: 'suggestion.planned', params: { title: 'A dark theme', status: 'planned' } },
			href: '/suggestions/01JFSSSSSSSSSSSSSSSSSSSS01',
			source: ID
		});
		expect(await notificationsFor(doc(), 'alice', lookup)).toEqual([row]);
		const later = doc({ status: 'considering', response: { text: '', by: 'mod', at: '2026-11-04T00:00:00.000Z' } });
		expect((await notificationsFor(later, 'alice', lookup))[0]).toMatchObject({
			id: `suggestion:${ID}@2026-11-04T00:00:00.000Z`,
			text: 'marked your suggestion “A dark theme” as under consideration'
		});
	});

	it('says nothing before an answer, to other members, or for one’s own answer', async () => {
		expect(await notificationsFor(doc({ status: 'open', response: undefined }), 'alice', lookup)).toEqual([]);
		expect(await notificationsFor(doc(), 'bob', lookup)).toEqual([]);
		expect(await notificationsFor(doc({ author: 'mod' }), 'mod', lookup)).toEqual([]);
	});
});

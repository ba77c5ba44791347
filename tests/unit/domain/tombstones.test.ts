// What a deleted document keeps (src/lib/domain/tombstones.ts): type, author, creation time and
// the references that place it; never a body, a title or a profile field.
import { describe, expect, it } from 'vitest';
import { tombstoneOf } from '../../../src/lib/domain/tombstones';

const createdAt = '2026-01-01T00:00:00.000Z';

describe('tombstoneOf', () => {
	it('keeps what places a post, a thread, a vote', () => {
		const post = {
			_id: 'post:1',
			_rev: '3-a',
			type: 'post',
			author: 'ines',
			createdAt,
			thread: 'thread:1',
			replyTo: 'post:0',
			body: 'Secret',
			updatedAt: createdAt
		};
		expect(tombstoneOf(post)).toEqual({
			_id: 'post:1',
			_deleted: true,
			type: 'post',
			author: 'ines',
			createdAt,
			thread: 'thread:1',
			replyTo: 'post:0'
		});
		const thread = {
			_id: 'thread:1',
			type: 'thread',
			author: 'ines',
			createdAt,
			category: 'roads',
			title: 'Title',
			body: 'Body',
			tags: ['a']
		};
		expect(tombstoneOf(thread)).toEqual({
			_id: 'thread:1',
			_deleted: true,
			type: 'thread',
			author: 'ines',
			createdAt,
			category: 'roads'
		});
		expect(
			tombstoneOf({ _id: 'vote:thread:1:ines', type: 'vote', author: 'ines', createdAt, target: 'thread:1', value: 1 })
		).toEqual({
			_id: 'vote:thread:1:ines',
			_deleted: true,
			type: 'vote',
			author: 'ines',
			createdAt,
			target: 'thread:1'
		});
	});

	it('keeps nothing of a profile but who it was', () => {
		const profile = {
			_id: 'profile:ines',
			type: 'profile',
			author: 'ines',
			createdAt,
			displayName: 'Ines D.',
			organization: 'Town hall',
			bio: 'Roads',
			mentor: true
		};
		expect(tombstoneOf(profile)).toEqual({
			_id: 'profile:ines',
			_deleted: true,
			type: 'profile',
			author: 'ines',
			createdAt
		});
	});

	it('drops attachments and revision fields, and omits fields the document lacks', () => {
		const file = {
			_id: 'file:1',
			_rev: '1-a',
			_revisions: { start: 1, ids: ['a'] },
			type: 'file',
			author: 'ines',
			createdAt,
			name: 'plan.pdf',
			_attachments: { file: {} }
		};
		expect(tombstoneOf(file)).toEqual({ _id: 'file:1', _deleted: true, type: 'file', author: 'ines', createdAt });
		expect(
			tombstoneOf({ _id: 'post:2', type: 'post', author: 'ines', createdAt, thread: 'thread:1', body: 'x' })
		).not.toHaveProperty('replyTo');
	});
});

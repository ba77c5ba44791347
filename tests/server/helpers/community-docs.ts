// Valid community documents for tests, one factory per type.
import { docId } from '../../../src/lib/domain/ids';

const now = () => new Date().toISOString();

export function category(author: string, slug = 'general') {
	return { _id: `category:${slug}`, type: 'category', author, createdAt: now(), name: slug, description: '', order: 1 };
}

export function thread(author: string, fields: Record<string, unknown> = {}) {
	return {
		_id: docId('thread'),
		type: 'thread',
		author,
		createdAt: now(),
		category: 'general',
		title: 'A thread',
		body: 'Body',
		tags: [],
		...fields
	};
}

export function post(author: string, threadId: string, fields: Record<string, unknown> = {}) {
	return { _id: docId('post'), type: 'post', author, createdAt: now(), thread: threadId, body: 'A reply', ...fields };
}

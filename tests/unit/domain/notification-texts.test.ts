// Notification texts read as sentences, and one post gives one notice.
import { describe, expect, it } from 'vitest';
import { notificationsFor } from '../../../src/lib/domain/notifications';

const THREAD = 'thread:01JTTTTTTTTTTTTTTTTTTTTT01';
const RESOURCE = 'resource:01JRRRRRRRRRRRRRRRRRRRRR01';
const docs: Record<string, Record<string, unknown>> = {
	[THREAD]: { _id: THREAD, type: 'thread', author: 'alice', title: 'Cloud exit clauses' },
	[RESOURCE]: { _id: RESOURCE, type: 'resource', author: 'alice', title: 'Open data checklist' }
};
const lookup = { get: async (id: string) => docs[id] ?? null, myRsvp: async () => null };

describe('notification texts', () => {
	it('names a reviewer’s decision on a resource in words', async () => {
		const review = (verdict: string) => ({
			_id: `review:01JVVVVVVVVVVVVVVVVVVVV${verdict.length}0`,
			type: 'review',
			author: 'maria',
			createdAt: '2026-11-01T00:00:00.000Z',
			resource: RESOURCE,
			verdict
		});
		const texts = await Promise.all(
			['approve', 'changes', 'reject'].map(async (v) => (await notificationsFor(review(v), 'alice', lookup))[0]?.text)
		);
		expect(texts).toEqual([
			'approved and published your resource “Open data checklist”',
			'asked for changes to your resource “Open data checklist”',
			'did not accept your resource “Open data checklist”'
		]);
	});

	it('gives one notice for a reply in my thread that also mentions me', async () => {
		const post = (body: string) => ({
			_id: 'post:01JPPPPPPPPPPPPPPPPPPPPP01',
			type: 'post',
			author: 'bob',
			createdAt: '2026-11-01T00:00:00.000Z',
			thread: THREAD,
			body
		});
		const both = await notificationsFor(post('Thanks @alice, see clause 4.'), 'alice', lookup);
		expect(both.map((n) => [n.kind, n.text])).toEqual([['reply', 'replied in “Cloud exit clauses” and mentioned you']]);
		const mentionOnly = await notificationsFor(post('Ask @carol about it.'), 'carol', lookup);
		expect(mentionOnly.map((n) => [n.kind, n.text])).toEqual([['mention', 'mentioned you in “Cloud exit clauses”']]);
	});
});

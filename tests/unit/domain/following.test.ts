// What a member follows: the level that applies to a thread, the document's bounds, and the
// notifications each level gives.
import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { followingOf, levelOf, NO_FOLLOWING, withLevel, type Following } from '../../../src/lib/domain/following';
import { followingSchema, MAX_FOLLOWED } from '../../../src/lib/domain/schemas';
import { notificationsFor, type NotifyLookup } from '../../../src/lib/domain/notifications';

const THREAD = 'thread:01JTTTTTTTTTTTTTTTTTTTTT01';
const OTHER = 'thread:01JTTTTTTTTTTTTTTTTTTTTT02';
const thread = {
	_id: THREAD,
	type: 'thread',
	author: 'alice',
	category: 'procurement',
	tags: ['cloud'],
	title: 'Exit clauses'
};
const category = { _id: 'category:procurement', type: 'category', name: 'Procurement' };
const docs: Record<string, Record<string, unknown>> = { [THREAD]: thread, 'category:procurement': category };

const following = (f: Partial<Following>): Following => ({ ...followingOf(null), ...f });
const lookupWith = (f: Following): NotifyLookup => ({
	get: async (id) => docs[id] ?? null,
	myRsvp: async () => null,
	following: async () => f
});
const post = (author: string, body = 'A new idea.', replyTo?: string) => ({
	_id: 'post:01JPPPPPPPPPPPPPPPPPPPPP01',
	type: 'post',
	author,
	createdAt: '2026-11-01T00:00:00.000Z',
	thread: THREAD,
	body,
	...(replyTo ? { replyTo } : {})
});
const kinds = async (doc: Record<string, unknown>, me: string, f: Following) =>
	(await notificationsFor(doc, me, lookupWith(f))).map((n) => n.kind);

describe('level resolution', () => {
	const facts = { id: THREAD, category: 'procurement', tags: ['cloud', 'law'], author: 'alice' };
	it('is normal by default, and watching for the thread’s author', () => {
		expect(levelOf(NO_FOLLOWING, facts, 'bob')).toBe('normal');
		expect(levelOf(NO_FOLLOWING, facts, 'alice')).toBe('watching');
	});
	it('takes the thread’s own level over its tags’, and its tags’ over its category’s', () => {
		const f = following({ categories: { procurement: 'muted' } });
		expect(levelOf(f, facts, 'bob')).toBe('muted');
		const tagged = withLevel(f, 'tags', 'law', 'tracking');
		expect(levelOf(tagged, facts, 'bob')).toBe('tracking');
		expect(levelOf(withLevel(tagged, 'threads', THREAD, 'watching'), facts, 'bob')).toBe('watching');
		// the member's own thread they muted stays muted
		expect(levelOf(withLevel(NO_FOLLOWING, 'threads', THREAD, 'muted'), facts, 'alice')).toBe('muted');
	});
	it('prefers watching among several tags, and forgets a removed choice', () => {
		const f = following({ tags: { cloud: 'muted', law: 'watching' } });
		expect(levelOf(f, facts, 'bob')).toBe('watching');
		expect(levelOf(withLevel(f, 'tags', 'law', null), facts, 'bob')).toBe('muted');
	});
});

describe('the following document', () => {
	const doc = (f: Record<string, unknown>) => ({
		_id: 'following:bob',
		type: 'following',
		author: 'bob',
		createdAt: '2026-11-01T00:00:00.000Z',
		categories: {},
		tags: {},
		threads: {},
		...f
	});
	it('accepts the four levels', () => {
		expect(
			v.safeParse(followingSchema, doc({ categories: { procurement: 'watching' }, threads: { [THREAD]: 'muted' } }))
				.success
		).toBe(true);
	});
	it('refuses an unknown level, a malformed key, another member’s id and too many entries', () => {
		expect(v.safeParse(followingSchema, doc({ categories: { procurement: 'loud' } })).success).toBe(false);
		expect(v.safeParse(followingSchema, doc({ threads: { 'post:01JPPPPPPPPPPPPPPPPPPPPP01': 'muted' } })).success).toBe(
			false
		);
		expect(v.safeParse(followingSchema, doc({ _id: 'following:carol' })).success).toBe(false);
		const many = Object.fromEntries(Array.from({ length: MAX_FOLLOWED + 1 }, (_, i) => [`tag-${i}`, 'watching']));
		expect(v.safeParse(followingSchema, doc({ tags: many })).success).toBe(false);
	});
});

describe('notifications by level', () => {
	it('normal: only replies to me and mentions', async () => {
		expect(await kinds(post('carol'), 'bob', NO_FOLLOWING)).toEqual([]);
		expect(await kinds(post('carol', 'Ask @bob.'), 'bob', NO_FOLLOWING)).toEqual(['mention']);
	});
	it('watching: every new reply, and a new thread in a watched category', async () => {
		const f = following({ categories: { procurement: 'watching' } });
		const rows = await notificationsFor(post('carol'), 'bob', lookupWith(f));
		expect(rows.map((n) => [n.kind, n.text, n.message?.key])).toEqual([
			['following', 'posted a new reply in “Exit clauses”', 'following:row.reply']
		]);
		const started = await notificationsFor({ ...thread, createdAt: '2026-11-01T00:00:00.000Z' }, 'bob', lookupWith(f));
		expect(started.map((n) => [n.kind, n.text])).toEqual([['following', 'started “Exit clauses” in Procurement']]);
		// a mention says so once, not twice
		expect(await kinds(post('carol', 'Ask @bob.'), 'bob', f)).toEqual(['mention']);
	});
	it('tracking: no notification', async () => {
		const f = following({ tags: { cloud: 'tracking' } });
		expect(await kinds(post('carol'), 'bob', f)).toEqual([]);
		expect(await kinds(thread, 'bob', f)).toEqual([]);
	});
	it('muted: a muted category still lets replies and mentions through; a muted thread nothing', async () => {
		const mutedCategory = following({ categories: { procurement: 'muted' } });
		expect(await kinds(post('carol', 'Ask @bob.'), 'bob', mutedCategory)).toEqual(['mention']);
		expect(await kinds(post('carol'), 'bob', mutedCategory)).toEqual([]);
		const mutedThread = following({ threads: { [THREAD]: 'muted' } });
		expect(await kinds(post('carol', 'Ask @bob.'), 'bob', mutedThread)).toEqual([]);
		// the author's own thread, muted: replies no longer notify
		expect(await kinds(post('carol'), 'alice', mutedThread)).toEqual([]);
		expect(await kinds(post('carol'), 'alice', NO_FOLLOWING)).toEqual(['reply']);
		expect(await kinds(post('carol'), 'alice', following({ threads: { [OTHER]: 'muted' } }))).toEqual(['reply']);
	});
});

import { describe, expect, it } from 'vitest';
import { validateCommunityDoc } from '../../../src/lib/domain/validate';

const T = '01JD0000000000000000000000';
const now = '2026-11-25T10:00:00.000Z';
const thread = {
	_id: `thread:${T}`,
	type: 'thread',
	author: 'ana',
	createdAt: now,
	category: 'open-data',
	title: 'Portals',
	body: 'Hi',
	tags: ['open-data']
};

describe('validateCommunityDoc', () => {
	it('accepts a valid thread and keeps PouchDB fields', () => {
		expect(validateCommunityDoc({ ...thread, _rev: '1-abc' }).ok).toBe(true);
	});

	it('refuses a thread without a title, with a readable reason', () => {
		const r = validateCommunityDoc({ ...thread, title: '   ' });
		expect(r).toEqual({ ok: false, reason: expect.stringContaining('title') });
	});

	it('refuses unknown types, non-objects and mismatched ids', () => {
		expect(validateCommunityDoc({ ...thread, type: 'spell' })).toMatchObject({
			ok: false,
			reason: expect.stringContaining('unknown document type')
		});
		expect(validateCommunityDoc([1])).toMatchObject({ ok: false });
		expect(validateCommunityDoc({ ...thread, _id: `post:${T}` })).toMatchObject({
			ok: false,
			reason: expect.stringContaining('_id')
		});
		expect(validateCommunityDoc({ ...thread, _id: 'thread:not-a-ulid' })).toMatchObject({ ok: false });
	});

	it('limits tags, bodies and enumerations', () => {
		expect(validateCommunityDoc({ ...thread, tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }).ok).toBe(false);
		expect(validateCommunityDoc({ ...thread, tags: ['Bad Tag'] }).ok).toBe(false);
		expect(validateCommunityDoc({ ...thread, body: 'x'.repeat(100_001) }).ok).toBe(false);
		const vote = {
			_id: `vote:thread:${T}:ana`,
			type: 'vote',
			author: 'ana',
			createdAt: now,
			target: `thread:${T}`,
			value: 2
		};
		expect(validateCommunityDoc(vote).ok).toBe(false);
		expect(validateCommunityDoc({ ...vote, value: -1 }).ok).toBe(true);
	});

	it('validates posts and their references', () => {
		const post = {
			_id: `post:${T}`,
			type: 'post',
			author: 'ben',
			createdAt: now,
			thread: `thread:${T}`,
			body: 'Thanks'
		};
		expect(validateCommunityDoc(post).ok).toBe(true);
		expect(validateCommunityDoc({ ...post, body: '' }).ok).toBe(false);
		expect(validateCommunityDoc({ ...post, thread: 'category:x' }).ok).toBe(false);
		expect(validateCommunityDoc({ ...post, replyTo: `post:${T}` }).ok).toBe(true);
		expect(validateCommunityDoc({ ...post, createdAt: 'yesterday' }).ok).toBe(false);
	});
});

describe('events and RSVPs', () => {
	const event = {
		_id: `event:${T}`,
		type: 'event',
		author: 'ana',
		createdAt: now,
		kind: 'meetup',
		title: 'Open data meetup',
		description: 'Bring a laptop',
		start: '2026-12-01T17:00:00.000Z',
		end: '2026-12-01T19:00:00.000Z',
		timeZone: 'Europe/Lisbon',
		location: { venue: 'Village hall' },
		organisers: ['ana'],
		tags: [],
		capacity: 20
	};
	it('accepts a valid event and refuses bad zones, reversed times and capacities', () => {
		expect(validateCommunityDoc(event).ok).toBe(true);
		expect(validateCommunityDoc({ ...event, timeZone: 'Mars/Olympus' })).toMatchObject({
			ok: false,
			reason: expect.stringContaining('time zone')
		});
		expect(validateCommunityDoc({ ...event, end: '2026-12-01T16:00:00.000Z' })).toMatchObject({
			ok: false,
			reason: expect.stringContaining('end')
		});
		expect(validateCommunityDoc({ ...event, capacity: 0 }).ok).toBe(false);
		expect(validateCommunityDoc({ ...event, location: { online: 'javascript:alert(1)' } }).ok).toBe(false);
	});
	it('checks RSVPs', () => {
		const rsvp = {
			_id: `rsvp:${T}:ben`,
			type: 'rsvp',
			author: 'ben',
			createdAt: now,
			event: `event:${T}`,
			status: 'going'
		};
		expect(validateCommunityDoc(rsvp).ok).toBe(true);
		expect(validateCommunityDoc({ ...rsvp, status: 'yes' }).ok).toBe(false);
	});
});

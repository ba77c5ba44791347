import { describe, expect, it } from 'vitest';
import { authorizeCommunityWrite, type Actor } from '../../../src/lib/domain/permissions';

const ana: Actor = { name: 'ana', roles: ['member'] };
const ben: Actor = { name: 'ben', roles: ['member'] };
const mod: Actor = { name: 'mo', roles: ['member', 'moderator'] };
const rev: Actor = { name: 'rita', roles: ['member', 'reviewer'] };
const admin: Actor = { name: 'root', roles: ['admin'] };

const thread = { _id: 'thread:1', type: 'thread', author: 'ana' };
const resource = { _id: 'resource:1', type: 'resource', author: 'ana', status: 'submitted' };

describe('authorizeCommunityWrite', () => {
	it('requires the writer to be the author on create', () => {
		expect(authorizeCommunityWrite(ana, thread, null).ok).toBe(true);
		expect(authorizeCommunityWrite(ben, thread, null)).toMatchObject({
			ok: false,
			reason: expect.stringContaining('author')
		});
	});

	it('lets only the author or a moderator change or delete', () => {
		expect(authorizeCommunityWrite(ana, { ...thread }, thread).ok).toBe(true);
		expect(authorizeCommunityWrite(ben, { ...thread, author: 'ben' }, thread).ok).toBe(false);
		expect(authorizeCommunityWrite(ben, { ...thread, _deleted: true }, thread).ok).toBe(false);
		expect(authorizeCommunityWrite(mod, { ...thread, _deleted: true }, thread).ok).toBe(true);
		expect(authorizeCommunityWrite(mod, { ...thread, author: 'mo' }, thread)).toMatchObject({
			ok: false,
			reason: expect.stringContaining('author')
		});
		expect(authorizeCommunityWrite(admin, { ...thread }, thread).ok).toBe(true);
	});

	it('keeps categories to moderators and reviews to reviewers', () => {
		expect(authorizeCommunityWrite(ana, { _id: 'category:x', type: 'category', author: 'ana' }, null).ok).toBe(false);
		expect(authorizeCommunityWrite(mod, { _id: 'category:x', type: 'category', author: 'mo' }, null).ok).toBe(true);
		expect(authorizeCommunityWrite(ana, { _id: 'review:1', type: 'review', author: 'ana' }, null).ok).toBe(false);
		expect(authorizeCommunityWrite(rev, { _id: 'review:1', type: 'review', author: 'rita' }, null).ok).toBe(true);
	});

	it('lets only reviewers publish', () => {
		expect(authorizeCommunityWrite(ana, { ...resource, status: 'published' }, null).ok).toBe(false);
		expect(authorizeCommunityWrite(ana, { ...resource, status: 'published' }, resource).ok).toBe(false);
		expect(authorizeCommunityWrite(rev, { ...resource, status: 'published' }, resource).ok).toBe(true);
		const published = { ...resource, status: 'published' };
		expect(authorizeCommunityWrite(ana, { ...published }, published).ok).toBe(false);
		expect(authorizeCommunityWrite(ana, { ...resource, status: 'submitted' }, published).ok).toBe(true);
	});

	it('ties votes and profiles to their member', () => {
		expect(
			authorizeCommunityWrite(ana, { _id: 'vote:thread:1:ana', type: 'vote', author: 'ana', target: 'thread:1' }, null)
				.ok
		).toBe(true);
		expect(
			authorizeCommunityWrite(ana, { _id: 'vote:thread:1:ben', type: 'vote', author: 'ana', target: 'thread:1' }, null)
				.ok
		).toBe(false);
		expect(authorizeCommunityWrite(ana, { _id: 'profile:ben', type: 'profile', author: 'ana' }, null).ok).toBe(false);
		const profile = { _id: 'profile:ana', type: 'profile', author: 'ana' };
		expect(authorizeCommunityWrite(mod, { ...profile }, profile).ok).toBe(false);
	});

	it('refuses a change of type', () => {
		expect(authorizeCommunityWrite(ana, { ...thread, type: 'post' }, thread).ok).toBe(false);
	});
});

describe('events', () => {
	const event = { _id: 'event:1', type: 'event', author: 'ana', organisers: ['ana', 'ben'] };
	it('lets organisers edit, moderators mark official, and members RSVP for themselves', () => {
		expect(authorizeCommunityWrite(ben, { ...event }, event).ok).toBe(true);
		expect(authorizeCommunityWrite({ name: 'cy', roles: ['member'] }, { ...event }, event).ok).toBe(false);
		expect(authorizeCommunityWrite(ana, { ...event, official: true }, event).ok).toBe(false);
		expect(authorizeCommunityWrite(mod, { ...event, official: true }, event).ok).toBe(true);
		expect(authorizeCommunityWrite(ana, { ...event, official: true }, null).ok).toBe(false);
		expect(
			authorizeCommunityWrite(ben, { _id: 'rsvp:1:ben', type: 'rsvp', author: 'ben', event: 'event:1' }, null).ok
		).toBe(true);
		expect(
			authorizeCommunityWrite(ben, { _id: 'rsvp:1:ana', type: 'rsvp', author: 'ben', event: 'event:1' }, null).ok
		).toBe(false);
	});
});

describe('co-authors', () => {
	const story = { _id: 'story:1', type: 'story', author: 'ana', status: 'draft', coauthors: ['ben'] };

	it('edit and submit a story or resource with its author', () => {
		expect(authorizeCommunityWrite(ben, { ...story, status: 'submitted' }, story).ok).toBe(true);
		const shared = { ...resource, status: 'returned', coauthors: ['ben'] };
		expect(authorizeCommunityWrite(ben, { ...shared, status: 'submitted' }, shared).ok).toBe(true);
	});

	it('neither delete it, name other co-authors, publish it, nor edit what they do not write', () => {
		expect(authorizeCommunityWrite(ben, { _id: 'story:1', _deleted: true }, story)).toEqual({
			ok: false,
			reason: 'only the author or a moderator may change or delete this document'
		});
		expect(authorizeCommunityWrite(ben, { ...story, coauthors: ['ben', 'rita'] }, story).ok).toBe(false);
		const reviewing = { ...story, coauthors: ['rita'] };
		expect(authorizeCommunityWrite(rev, { ...reviewing, status: 'published' }, reviewing).ok).toBe(false);
		expect(authorizeCommunityWrite(ben, { ...resource, status: 'submitted' }, resource).ok).toBe(false);
	});
});

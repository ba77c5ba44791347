// Pure parts of events and people: attendance / mentorship permissions (incl. the related-doc
// check the server runs), @mention parsing, notification derivation, mentorship state, and the
// projection of private documents (a message to someone else never lands in my tables).
import { describe, expect, it } from 'vitest';
import {
	authorizeCommunityWrite,
	authorizeRelated,
	relatedIdOf,
	type Actor,
	type DocFacts
} from '../../../../src/lib/domain/permissions';
import { validateCommunityDoc } from '../../../../src/lib/domain/validate';
import { mentionsIn, notificationsFor, type NotifyLookup } from '../../../../src/lib/domain/notifications';
import { mentorshipState } from '../../../../src/lib/store/people/mentorship';
import { communityRow, privateRow } from '../../../../src/lib/store/events/projection';

const E = '01JDAAAAAAAAAAAAAAAAAAAAA1';
const M = '01JDAAAAAAAAAAAAAAAAAAAAA2';
const ana: Actor = { name: 'ana', roles: ['member'] };
const ben: Actor = { name: 'ben', roles: ['member'] };
const event = { _id: `event:${E}`, type: 'event', author: 'ana', organisers: ['ana', 'org'] };
const at = '2026-05-01T10:00:00.000Z';

describe('attendance and mentorship permissions', () => {
	const attendance = {
		_id: `attendance:${E}:ben`,
		type: 'attendance',
		author: 'ana',
		createdAt: at,
		event: `event:${E}`,
		member: 'ben',
		attended: true
	};
	it('attendance: valid id, written by an organiser of the event', () => {
		expect(validateCommunityDoc(attendance).ok).toBe(true);
		expect(authorizeCommunityWrite(ana, attendance, null).ok).toBe(true);
		expect(authorizeCommunityWrite(ana, { ...attendance, _id: `attendance:${E}:cyd` }, null).ok).toBe(false);
		expect(relatedIdOf(attendance)).toBe(`event:${E}`);
		expect(authorizeRelated(ana, attendance, event).ok).toBe(true);
		expect(authorizeRelated(ben, { ...attendance, author: 'ben' }, event)).toMatchObject({
			ok: false,
			reason: expect.stringContaining('organisers')
		});
		expect(authorizeRelated(ana, attendance, null).ok).toBe(false);
		// another organiser may correct it (author stays)
		const org: Actor = { name: 'org', roles: ['member'] };
		const corrected: DocFacts = { ...attendance };
		expect(authorizeCommunityWrite(org, corrected, attendance).ok).toBe(true);
		expect(authorizeRelated(org, corrected, event).ok).toBe(true);
	});

	it('attendance: removed only by an organiser of the event or a moderator', () => {
		const tombstone: DocFacts = { _id: attendance._id, _deleted: true };
		expect(relatedIdOf(tombstone)).toBe(`event:${E}`);
		expect(authorizeRelated(ana, tombstone, event).ok).toBe(true);
		expect(authorizeRelated(ben, tombstone, event)).toMatchObject({
			ok: false,
			reason: expect.stringContaining('organisers')
		});
		expect(authorizeRelated(ben, tombstone, null).ok).toBe(false);
		expect(authorizeRelated({ name: 'mo', roles: ['moderator'] }, tombstone, null).ok).toBe(true);
		// other deletions depend on no other document
		expect(relatedIdOf({ _id: `mentorship-answer:${M}`, _deleted: true })).toBeNull();
	});

	it('mentorship: not to oneself; only the mentor asked answers', () => {
		const request = {
			_id: `mentorship:${M}`,
			type: 'mentorship',
			author: 'ben',
			createdAt: at,
			mentor: 'ana',
			goals: 'Learn procurement'
		};
		const answer = {
			_id: `mentorship-answer:${M}`,
			type: 'mentorship-answer',
			author: 'ana',
			createdAt: at,
			mentorship: `mentorship:${M}`,
			answer: 'accepted'
		};
		expect(validateCommunityDoc(request).ok && validateCommunityDoc(answer).ok).toBe(true);
		expect(authorizeCommunityWrite(ben, request, null).ok).toBe(true);
		expect(authorizeCommunityWrite(ana, { ...request, author: 'ana' }, null).ok).toBe(false);
		expect(authorizeRelated(ana, answer, request).ok).toBe(true);
		expect(authorizeRelated(ben, { ...answer, author: 'ben' }, request).ok).toBe(false);
		expect(
			authorizeCommunityWrite(ana, { ...answer, _id: 'mentorship-answer:01JDAAAAAAAAAAAAAAAAAAAAA9' }, null).ok
		).toBe(false);
		expect(validateCommunityDoc({ ...request, _id: `message:${M}`, type: 'message' }).ok).toBe(false); // messages never in community
	});

	it('mentorship state counts only the named mentor’s answer', () => {
		const req = { id: `mentorship:${M}`, author: 'ben', mentor: 'ana', goals: 'x', createdAt: at, rev: '1-a' };
		const ans = {
			id: `mentorship-answer:${M}`,
			mentorship: req.id,
			author: 'ana',
			answer: 'accepted' as const,
			createdAt: at,
			rev: '1-b'
		};
		expect(mentorshipState(req, undefined)).toBe('requested');
		expect(mentorshipState(req, { ...ans, author: 'mallory' })).toBe('requested');
		expect(mentorshipState(req, ans)).toBe('active');
		expect(mentorshipState(req, { ...ans, answer: 'declined' })).toBe('declined');
		expect(mentorshipState({ ...req, completedAt: at }, ans)).toBe('completed');
		expect(mentorshipState(req, { ...ans, completedAt: at })).toBe('completed');
	});
});

describe('notifications', () => {
	it('parses @mentions outside code', () => {
		expect([...mentionsIn('Hi @ana and @ben_2, mail x@ana.org, `@cyd` ```\n@dan\n```')].sort()).toEqual([
			'ana',
			'ben_2'
		]);
	});

	const docs: Record<string, Record<string, unknown>> = {
		'thread:T': { _id: 'thread:T', type: 'thread', author: 'ana', title: 'Exit clauses' },
		'post:P0': { _id: 'post:P0', type: 'post', author: 'ana', thread: 'thread:X' },
		'thread:X': { _id: 'thread:X', type: 'thread', author: 'cyd', title: 'Other' },
		'resource:R': { _id: 'resource:R', type: 'resource', author: 'ana', title: 'Guide' },
		[`mentorship:${M}`]: { _id: `mentorship:${M}`, type: 'mentorship', author: 'ana', mentor: 'ben' }
	};
	const lookup = (rsvp: string | null = null): NotifyLookup => ({
		get: async (id) => docs[id] ?? null,
		myRsvp: async () => rsvp
	});

	it('derives replies, quotes, mentions, reviews, mentorship, messages and event changes for me only', async () => {
		const kinds = async (doc: Record<string, unknown>, rsvp: string | null = null) =>
			(await notificationsFor(doc, 'ana', lookup(rsvp))).map((n) => n.kind);
		expect(
			await kinds({ _id: 'post:P1', type: 'post', author: 'ben', createdAt: at, thread: 'thread:T', body: 'hi' })
		).toEqual(['reply']);
		expect(
			await kinds({
				_id: 'post:P2',
				type: 'post',
				author: 'ben',
				createdAt: at,
				thread: 'thread:X',
				replyTo: 'post:P0',
				body: 'yes @ana'
			})
		).toEqual(['reply']);
		expect(
			await kinds({ _id: 'post:P3', type: 'post', author: 'ana', createdAt: at, thread: 'thread:T', body: '@ana' })
		).toEqual([]);
		expect(
			await kinds({ _id: 'post:P4', type: 'post', author: 'ben', createdAt: at, thread: 'thread:X', body: 'no' })
		).toEqual([]);
		expect(
			await kinds({
				_id: 'review:V',
				type: 'review',
				author: 'rita',
				createdAt: at,
				resource: 'resource:R',
				verdict: 'approve'
			})
		).toEqual(['review']);
		expect(
			await kinds({
				_id: `mentorship:${E}`,
				type: 'mentorship',
				author: 'ben',
				createdAt: at,
				mentor: 'ana',
				goals: 'g'
			})
		).toEqual(['mentorship']);
		expect(
			await kinds({
				_id: `mentorship-answer:${M}`,
				type: 'mentorship-answer',
				author: 'ben',
				createdAt: at,
				mentorship: `mentorship:${M}`,
				answer: 'accepted'
			})
		).toEqual(['mentorship']);
		expect(
			await kinds({
				_id: `mentorship-answer:${M}`,
				type: 'mentorship-answer',
				author: 'eve',
				createdAt: at,
				mentorship: `mentorship:${M}`,
				answer: 'accepted'
			})
		).toEqual([]);
		expect(
			await kinds({ _id: 'message:1', type: 'message', author: 'ben', createdAt: at, to: 'ana', body: 'hello' })
		).toEqual(['message']);
		const changed = { _id: `event:${E}`, type: 'event', author: 'org', createdAt: at, updatedAt: at, title: 'Meetup' };
		expect(await kinds(changed, 'going')).toEqual(['event']);
		expect(await kinds(changed, 'not-going')).toEqual([]);
		expect(await kinds({ ...changed, updatedAt: undefined }, 'going')).toEqual([]);
	});
});

describe('projection of private documents', () => {
	it('keeps messages of mine only, and my own private profile only', () => {
		const msg = { _id: `message:${M}`, type: 'message', author: 'ben', createdAt: at, to: 'ana', body: 'hi' };
		expect(privateRow(msg, 'ana')).toMatchObject({ table: 'messages', row: { peer: 'ben', from: 'ben' } });
		expect(privateRow(msg, 'cyd')).toBeNull();
		expect(
			privateRow({ _id: 'profile-private:ana', type: 'profile-private', author: 'ana', createdAt: at, bio: 'x' }, 'ana')
		).toMatchObject({ table: 'privateProfile', row: { bio: 'x' } });
		expect(
			privateRow({ _id: 'profile-private:ben', type: 'profile-private', author: 'ben', createdAt: at, bio: 'x' }, 'ana')
		).toBeNull();
		expect(communityRow({ _id: `event:${E}`, type: 'event', author: 'ana', createdAt: at, kind: 'nope' })).toBeNull();
	});
});

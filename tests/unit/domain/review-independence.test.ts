// Review independence (permissions.ts): nobody reviews, publishes or returns a resource they
// wrote, as its author or a co-author, whatever their roles; co-authors are named by the author.
import { describe, expect, it } from 'vitest';
import {
	authorizeCommunityWrite,
	authorizeRelated,
	isWriterOf,
	mayReview,
	relatedIdOf,
	type Actor,
	type DocFacts
} from '../../../src/lib/domain/permissions';

const rita: Actor = { name: 'rita', roles: ['member', 'reviewer'] };
const remy: Actor = { name: 'remy', roles: ['member', 'reviewer'] };
const mo: Actor = { name: 'mo', roles: ['member', 'moderator'] };
const root: Actor = { name: 'root', roles: ['admin'] };
const ana: Actor = { name: 'ana', roles: ['member'] };

const SELF_REVIEW = 'you cannot review a resource you wrote: another reviewer must';
const SELF_DECISION = 'you cannot publish or return a resource you wrote: another reviewer must decide';

const submitted = { _id: 'resource:1', type: 'resource', author: 'rita', status: 'submitted', coauthors: ['ana'] };
const review = (author: string) => ({ _id: 'review:1', type: 'review', author, resource: 'resource:1' });

describe('review independence', () => {
	it('names the resource a review depends on', () => {
		expect(relatedIdOf(review('remy'))).toBe('resource:1');
	});

	it('refuses a review by the author or a co-author, accepts another reviewer', () => {
		expect(authorizeRelated(rita, review('rita'), submitted)).toEqual({ ok: false, reason: SELF_REVIEW });
		const byCoauthor = { ...submitted, author: 'ana', coauthors: ['rita'] };
		expect(authorizeRelated(rita, review('rita'), byCoauthor)).toEqual({ ok: false, reason: SELF_REVIEW });
		expect(authorizeRelated(remy, review('remy'), submitted).ok).toBe(true);
		// an admin holds every role but is no more independent of what they wrote
		expect(authorizeRelated(root, review('root'), { ...submitted, author: 'root' }).ok).toBe(false);
	});

	it('refuses creating a resource published or returned, for everyone', () => {
		for (const actor of [ana, rita, mo, root]) {
			for (const status of ['published', 'returned']) {
				const doc = { ...submitted, author: actor.name, status };
				expect(authorizeCommunityWrite(actor, doc, null)).toEqual({ ok: false, reason: SELF_DECISION });
			}
			expect(authorizeCommunityWrite(actor, { ...submitted, author: actor.name, status: 'draft' }, null).ok).toBe(true);
		}
	});

	it('refuses the author or a co-author deciding, in the stored or the new revision', () => {
		expect(authorizeCommunityWrite(rita, { ...submitted, status: 'published' }, submitted)).toEqual({
			ok: false,
			reason: SELF_DECISION
		});
		expect(authorizeCommunityWrite(rita, { ...submitted, status: 'returned' }, submitted).ok).toBe(false);
		const anaWrote = { ...submitted, author: 'ana', coauthors: ['rita'] };
		expect(authorizeCommunityWrite(rita, { ...anaWrote, status: 'published' }, anaWrote)).toEqual({
			ok: false,
			reason: SELF_DECISION
		});
		// dropping oneself while deciding does not help
		expect(authorizeCommunityWrite(rita, { ...anaWrote, coauthors: [], status: 'published' }, anaWrote).ok).toBe(false);
		expect(authorizeCommunityWrite(remy, { ...submitted, status: 'published' }, submitted).ok).toBe(true);
		expect(authorizeCommunityWrite(remy, { ...submitted, status: 'returned' }, submitted).ok).toBe(true);
	});

	it('lets only the author (or a moderator) name co-authors', () => {
		const plain = { _id: 'resource:1', type: 'resource', author: 'ana', status: 'submitted' };
		expect(authorizeCommunityWrite(ana, { ...plain, coauthors: ['rita'] }, plain).ok).toBe(true);
		expect(authorizeCommunityWrite(rita, { ...plain, coauthors: ['rita'] }, plain)).toEqual({
			ok: false,
			reason: 'only the author names the co-authors of a resource'
		});
		expect(authorizeCommunityWrite(mo, { ...plain, coauthors: ['ben'] }, plain).ok).toBe(true);
		// the order of names is no change
		const two = { ...plain, coauthors: ['ben', 'rita'] };
		expect(authorizeCommunityWrite(remy, { ...two, coauthors: ['rita', 'ben'], status: 'returned' }, two).ok).toBe(
			true
		);
	});

	it('keeps a published resource out of its writers’ hands, whatever their roles', () => {
		const published = { _id: 'resource:1', type: 'resource', author: 'mo', status: 'published', coauthors: ['rita'] };
		const reason = 'a published resource changes only through review: submit the change instead';
		const edited: DocFacts & { title: string } = { ...published, title: 'x' };
		expect(authorizeCommunityWrite(mo, edited, published)).toEqual({ ok: false, reason });
		expect(authorizeCommunityWrite(rita, edited, published)).toEqual({ ok: false, reason });
		expect(authorizeCommunityWrite(mo, { ...published, coauthors: [] }, published).ok).toBe(false);
		expect(authorizeCommunityWrite(mo, { ...published, status: 'submitted' }, published).ok).toBe(true);
		// curators who did not write it still correct it in place
		expect(authorizeCommunityWrite(remy, edited, published).ok).toBe(true);
		expect(authorizeCommunityWrite(root, edited, published).ok).toBe(true);
	});

	it('tells screens who may review', () => {
		expect(isWriterOf('ana', submitted)).toBe(true);
		expect(isWriterOf('remy', submitted, null)).toBe(false);
		expect(mayReview(rita, submitted)).toBe(false);
		expect(mayReview(remy, submitted)).toBe(true);
		expect(mayReview(ana, { ...submitted, author: 'x', coauthors: [] })).toBe(false);
	});
});

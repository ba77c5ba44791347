// Every community document type × role × create/update/delete, pushed through the gateway and
// compared with the shared rules in src/lib/domain/permissions.ts (authorizeCommunityWrite,
// then authorizeRelated on the document relatedIdOf names), so the gateway and the rules the
// devices apply can never drift apart. Each case runs on a fresh store holding the same
// documents: a category, a thread, a resource, an event organised by alice and a mentorship
// request from bob to alice, plus (for updates and deletions) the document itself by alice.
import { afterEach, describe, expect, it } from 'vitest';
import { createCouchHarness, USERS, type CouchHarness } from '../helpers/couch-harness';
import {
	authorizeCommunityWrite,
	authorizeRelated,
	relatedIdOf,
	type Actor,
	type DocFacts
} from '../../../src/lib/domain/permissions';
import { profileId, rsvpId, voteId } from '../../../src/lib/domain/ids';
import { ratingId, useId } from '../../../src/lib/domain/ratings';
import type { Role } from '../../../src/lib/domain/schemas';
import { validateCommunityDoc } from '../../../src/lib/domain/validate';

const AT = '2026-05-01T10:00:00.000Z';
const TH = 'thread:01JWAXX0000000000000000001';
const RS = 'resource:01JWAXX0000000000000000002';
const EV = 'event:01JWAXX0000000000000000003';
const MS = 'mentorship:01JWAXX0000000000000000004';

type Doc = Record<string, unknown> & { _id: string };

const event = (author: string): Doc => ({
	_id: EV,
	type: 'event',
	author,
	createdAt: AT,
	kind: 'meetup',
	title: 'Meetup',
	description: '',
	start: AT,
	end: AT,
	timeZone: 'UTC',
	location: { venue: 'Hall' },
	organisers: [author],
	tags: []
});
const mentorship = (author: string): Doc => ({
	_id: MS,
	type: 'mentorship',
	author,
	createdAt: AT,
	mentor: author === 'alice' ? 'bob' : 'alice',
	goals: 'Procurement'
});
const resource = (author: string): Doc => ({
	_id: RS,
	type: 'resource',
	author,
	createdAt: AT,
	kind: 'guide',
	title: 'Guide',
	summary: '',
	body: '',
	tags: [],
	status: 'submitted'
});

/** A valid document of each type by `a` (ids that name their author are built from it). */
const FIXTURES: Record<string, (a: string) => Doc> = {
	category: (a) => ({
		_id: 'category:walk',
		type: 'category',
		author: a,
		createdAt: AT,
		name: 'Walk',
		description: '',
		order: 9
	}),
	thread: (a) => ({
		_id: 'thread:01JWAXX00000000000000000T1',
		type: 'thread',
		author: a,
		createdAt: AT,
		category: 'general',
		title: 'T',
		body: 'B',
		tags: []
	}),
	post: (a) => ({
		_id: 'post:01JWAXX00000000000000000P1',
		type: 'post',
		author: a,
		createdAt: AT,
		thread: TH,
		body: 'Reply'
	}),
	resource: (a) => ({ ...resource(a), _id: 'resource:01JWAXX00000000000000000R1' }),
	review: (a) => ({
		_id: 'review:01JWAXX00000000000000000V1',
		type: 'review',
		author: a,
		createdAt: AT,
		resource: RS,
		verdict: 'approve',
		comments: ''
	}),
	comment: (a) => ({
		_id: 'comment:01JWAXX00000000000000000C1',
		type: 'comment',
		author: a,
		createdAt: AT,
		target: TH,
		body: 'Note'
	}),
	vote: (a) => ({ _id: voteId(TH, a), type: 'vote', author: a, createdAt: AT, target: TH, value: 1 }),
	profile: (a) => ({ _id: profileId(a), type: 'profile', author: a, createdAt: AT, displayName: a }),
	event: (a) => ({ ...event(a), _id: 'event:01JWAXX00000000000000000E1' }),
	rsvp: (a) => ({ _id: rsvpId(EV, a), type: 'rsvp', author: a, createdAt: AT, event: EV, status: 'going' }),
	rating: (a) => ({ _id: ratingId(RS, a), type: 'rating', author: a, createdAt: AT, resource: RS, value: 4 }),
	use: (a) => ({ _id: useId(RS, a), type: 'use', author: a, createdAt: AT, resource: RS, how: 'file' }),
	collection: (a) => ({
		_id: 'collection:walk',
		type: 'collection',
		author: a,
		createdAt: AT,
		title: 'Walk',
		intro: '',
		items: []
	}),
	attendance: (a) => ({
		_id: `attendance:${EV.slice(6)}:bob`,
		type: 'attendance',
		author: a,
		createdAt: AT,
		event: EV,
		member: 'bob',
		attended: true
	}),
	mentorship: (a) => ({ ...mentorship(a), _id: 'mentorship:01JWAXX00000000000000000M1' }),
	'mentorship-answer': (a) => ({
		_id: `mentorship-answer:${MS.slice(11)}`,
		type: 'mentorship-answer',
		author: a,
		createdAt: AT,
		mentorship: MS,
		answer: 'accepted'
	}),
	device: (a) => ({
		_id: 'device:01JWAXX00000000000000000D1',
		type: 'device',
		author: a,
		createdAt: AT,
		publicKey: 'A'.repeat(43),
		expiresAt: AT,
		issuer: 'x',
		certSig: 'A'.repeat(86)
	}),
	revocation: (a) => ({
		_id: 'revocation:01JWAXX00000000000000000D1',
		type: 'revocation',
		author: a,
		createdAt: AT,
		device: 'device:01JWAXX00000000000000000D1',
		revokedBy: a
	})
};

/** Who wrote the stored version: the mentor answers, alice (an organiser) records attendance. */
const OWNER: Record<string, string> = {
	'mentorship-answer': 'alice',
	review: 'rita',
	category: 'mod',
	collection: 'mod'
};
const ACTORS = ['alice', 'bob', 'mod', 'rita'] as const;
const actor = (name: string): Actor => ({ name, roles: USERS[name].roles as Role[] });

let h: CouchHarness | null = null;
afterEach(async () => {
	await h?.close();
	h = null;
});

async function freshStore(existing: Doc | null): Promise<CouchHarness> {
	const harness = createCouchHarness();
	const base: Doc[] = [
		{
			_id: 'category:general',
			type: 'category',
			author: 'mod',
			createdAt: AT,
			name: 'General',
			description: '',
			order: 1
		},
		{ _id: TH, type: 'thread', author: 'bob', createdAt: AT, category: 'general', title: 'Target', body: '', tags: [] },
		resource('bob'),
		event('alice'),
		mentorship('bob')
	];
	await harness.storage.db('community').bulkDocs(existing ? [...base, existing] : base);
	return harness;
}

async function push(
	harness: CouchHarness,
	user: string,
	doc: Doc
): Promise<{ ok?: boolean; error?: string; reason?: string }> {
	const res = await harness.request('/couch/community/_bulk_docs', {
		method: 'POST',
		user,
		body: JSON.stringify({ docs: [doc] })
	});
	expect(res.status).toBe(201);
	return ((await res.json()) as Array<{ ok?: boolean; error?: string; reason?: string }>)[0];
}

async function expected(harness: CouchHarness, who: Actor, next: Doc, prev: Doc | null): Promise<boolean> {
	const first = authorizeCommunityWrite(who, next as DocFacts, prev as DocFacts | null);
	if (!first.ok) return false;
	const relatedId = relatedIdOf(next as DocFacts);
	if (!relatedId) return true;
	const related = (await harness.storage
		.db('community')
		.get(relatedId)
		.catch(() => null)) as DocFacts | null;
	return authorizeRelated(who, next as DocFacts, related).ok;
}

describe('gateway and shared permission rules', () => {
	it('walks valid documents of every type', () => {
		for (const [type, make] of Object.entries(FIXTURES))
			expect(validateCommunityDoc(make('alice')), type).toMatchObject({ ok: true });
	});

	it('agree on every type × role × create, update and delete', async () => {
		const mismatches: string[] = [];
		const outcomes = { allowed: 0, refused: 0 };
		for (const [type, make] of Object.entries(FIXTURES)) {
			for (const name of ACTORS) {
				const who = actor(name);
				const stored = { ...make(OWNER[type] ?? 'alice') };
				const cases: Array<[string, Doc | null, (rev: string) => Doc]> = [
					['create', null, () => make(name)],
					['update', stored, (rev) => ({ ...stored, _rev: rev })],
					['delete', stored, (rev) => ({ _id: stored._id, _rev: rev, _deleted: true })]
				];
				for (const [op, existing, build] of cases) {
					h = await freshStore(existing);
					const rev = existing ? ((await h.storage.db('community').get(existing._id)) as { _rev: string })._rev : '';
					const next = build(rev);
					const prev = existing ? ((await h.storage.db('community').get(existing._id)) as Doc) : null;
					const want = await expected(h, who, next, prev);
					const got = await push(h, name, next);
					outcomes[got.ok ? 'allowed' : 'refused']++;
					if (Boolean(got.ok) !== want)
						mismatches.push(
							`${type} ${op} by ${name}: rules ${want ? 'allow' : 'refuse'}, gateway ${got.ok ? 'allowed' : `refused (${got.reason})`}`
						);
					await h.close();
					h = null;
				}
			}
		}
		expect(mismatches).toEqual([]);
		// the walk exercises both outcomes widely (it is not all one way)
		expect(outcomes.allowed).toBeGreaterThan(50);
		expect(outcomes.refused).toBeGreaterThan(50);
	}, 120_000);
});

// Moderators' actions (POST /api/moderation/actions): each one's effect on `community`, on the
// member, on the flags and in the audit log; and what is refused, with its reason, never a 500.
import { afterEach, describe, expect, it } from 'vitest';
import { flagId, userDbName } from '../../../src/lib/domain/ids';
import { API_BODY_LIMIT_BYTES } from '../../../server/app';
import {
	act,
	api,
	communityDoc,
	couch,
	createWorld,
	flag,
	grant,
	postDoc,
	publish,
	queue,
	threadDoc,
	type ModWorld
} from './support';

let w: ModWorld | null = null;
afterEach(async () => {
	await w?.h.close();
	w = null;
});

const flagOf = async (world: ModWorld, member: string, target: string) =>
	(await couch(world, member, `${userDbName(member)}/${encodeURIComponent(flagId(target, member))}`)).body;

async function flaggedThread(world: ModWorld) {
	const thread = await publish(world, 'ana', threadDoc(world, 'ana'));
	await flag(world, 'ben', thread._id);
	await flag(world, 'cara', thread._id, { reason: 'off-topic' });
	return thread;
}

describe('moderators act on an item', () => {
	it('hides and unhides: the moderation document, the decision on flags, the audit entry', async () => {
		w = await createWorld();
		const thread = await flaggedThread(w);
		const at = new Date(w.now.ms).toISOString();
		const hidden = await act(w, 'mod', { target: thread._id, action: 'hide', reason: 'Personal attack' });
		expect(hidden.status).toBe(200);
		expect(hidden.body).toMatchObject({
			ok: true,
			entry: { actor: 'mod', action: 'hide', target: thread._id, reason: 'Personal attack', at }
		});
		expect(await communityDoc(w, `moderation:${thread._id}`)).toMatchObject({
			type: 'moderation',
			author: 'praxis',
			target: thread._id,
			hidden: { reason: 'Personal attack', at, by: 'mod' }
		});
		// decided: out of the queue, and each flagger's own flag says what came of it
		expect(await queue(w)).toEqual([]);
		expect((await flagOf(w, 'ben', thread._id)).decision).toEqual({ action: 'hidden', at });
		expect((await flagOf(w, 'cara', thread._id)).decision).toEqual({ action: 'hidden', at });

		expect((await act(w, 'mod', { target: thread._id, action: 'unhide' })).status).toBe(200);
		expect((await communityDoc(w, `moderation:${thread._id}`))?.hidden).toBeUndefined();
		const log = (await api(w, 'mod', '/log')).body.entries as Array<Record<string, unknown>>;
		expect(log.map((e) => e.action)).toEqual(['unhide', 'hide']);
	});

	it('dismisses flags without hiding anything a moderator decided', async () => {
		w = await createWorld();
		const thread = await flaggedThread(w);
		await act(w, 'mod', { target: thread._id, action: 'hide', reason: 'Confidential data' });
		await flag(w, 'dan', thread._id);
		expect((await act(w, 'root', { target: thread._id, action: 'dismiss' })).status).toBe(200);
		expect((await communityDoc(w, `moderation:${thread._id}`))?.hidden).toMatchObject({ by: 'mod' });
		expect((await flagOf(w, 'dan', thread._id)).decision).toMatchObject({ action: 'dismissed' });
		expect((await flagOf(w, 'ben', thread._id)).decision).toMatchObject({ action: 'hidden' });
	});

	it('deletes an item as the server, but never a profile', async () => {
		w = await createWorld();
		const thread = await publish(w, 'ana', threadDoc(w, 'ana'));
		const post = await publish(w, 'ana', postDoc(w, 'ana', thread._id));
		await flag(w, 'ben', post._id);
		const deleted = await act(w, 'mod', { target: post._id, action: 'delete', reason: 'Spam link' });
		expect(deleted.body).toMatchObject({ ok: true, entry: { action: 'delete', details: { kind: 'post' } } });
		expect(await communityDoc(w, post._id)).toBeNull();
		expect((await couch(w, 'ben', `community/${post._id}`)).status).toBe(404);
		expect((await flagOf(w, 'ben', post._id)).decision).toMatchObject({ action: 'deleted' });

		const profile = await act(w, 'mod', { target: 'profile:ana', action: 'delete', reason: 'Fake' });
		expect(profile.status).toBe(400);
		expect(profile.body).toEqual({ error: 'bad_request', reason: 'profiles are not deleted: hide a profile instead' });
		expect(await communityDoc(w, 'profile:ana')).not.toBeNull();
	});

	it('locks, moves and pins threads only', async () => {
		w = await createWorld();
		const thread = await flaggedThread(w);
		const post = await publish(w, 'ana', postDoc(w, 'ana', thread._id));

		expect((await act(w, 'mod', { target: thread._id, action: 'lock', reason: 'Going in circles' })).status).toBe(200);
		expect((await communityDoc(w, `moderation:${thread._id}`))?.locked).toMatchObject({
			reason: 'Going in circles',
			by: 'mod'
		});
		expect((await flagOf(w, 'ben', thread._id)).decision).toMatchObject({ action: 'locked' });

		const moved = await act(w, 'mod', { target: thread._id, action: 'move', category: 'procurement' });
		expect(moved.body).toMatchObject({ ok: true, entry: { details: { category: 'procurement', from: 'general' } } });
		const rewritten = await communityDoc(w, thread._id);
		expect(rewritten).toMatchObject({
			category: 'procurement',
			author: 'ana',
			updatedAt: new Date(w.now.ms).toISOString()
		});
		expect((rewritten?.signature as { device?: string }).device).toMatch(/^server:/);
		// the author can still edit the moved thread
		const edit = await couch(w, 'ana', `community/${thread._id}`, 'PUT', {
			...threadDoc(w, 'ana'),
			...Object.fromEntries(Object.entries(rewritten!).filter(([k]) => k !== 'signature')),
			title: 'Better title'
		});
		expect(edit.status).toBe(201);

		expect((await act(w, 'mod', { target: thread._id, action: 'move', category: 'nowhere' })).body).toEqual({
			error: 'not_found',
			reason: 'there is no category nowhere'
		});
		expect((await act(w, 'mod', { target: thread._id, action: 'move' })).status).toBe(400);

		expect((await act(w, 'mod', { target: thread._id, action: 'pin' })).status).toBe(200);
		expect((await communityDoc(w, `moderation:${thread._id}`))?.pinned).toBe(true);
		expect((await act(w, 'mod', { target: thread._id, action: 'unpin' })).status).toBe(200);
		expect((await communityDoc(w, `moderation:${thread._id}`))?.pinned).toBe(false);
		expect((await act(w, 'mod', { target: thread._id, action: 'unlock' })).status).toBe(200);
		expect((await communityDoc(w, `moderation:${thread._id}`))?.locked).toBeUndefined();

		for (const action of ['lock', 'unlock', 'move', 'pin', 'unpin']) {
			const res = await act(w, 'mod', { target: post._id, action, reason: 'x', category: 'general' });
			expect(res.status).toBe(400);
			expect(res.body.reason).toMatch(/^only threads can be/);
		}
	});

	it('suspends the author until a date; moderators cannot suspend moderators or themselves', async () => {
		w = await createWorld();
		const thread = await flaggedThread(w);
		const suspended = await act(w, 'mod', {
			target: thread._id,
			action: 'suspend',
			reason: 'Repeated harassment',
			until: '2026-12-20'
		});
		expect(suspended.body).toMatchObject({
			ok: true,
			entry: {
				action: 'suspend',
				target: 'member:ana',
				reason: 'Repeated harassment',
				details: { item: thread._id, until: '2026-12-20' }
			}
		});
		expect((await w.h.auth.users.get('ana'))?.suspended).toEqual({
			at: new Date(w.now.ms).toISOString(),
			by: 'mod',
			reason: 'Repeated harassment',
			until: '2026-12-20T00:00:00.000Z'
		});
		expect((await flagOf(w, 'ben', thread._id)).decision).toMatchObject({ action: 'suspended' });
		// her devices still read, and hear why her writes are refused
		expect((await couch(w, 'ana', 'community')).status).toBe(200);
		const write = await couch(w, 'ana', 'community/_bulk_docs', 'POST', { docs: [] });
		expect(write.status).toBe(403);
		expect(write.body).toMatchObject({ error: 'suspended', reason: expect.stringContaining('Repeated harassment') });

		for (const until of [undefined, '2026-12-03', '2026-12-02', '2028-01-01', '2026-13-01', 'next week']) {
			const res = await act(w, 'mod', { target: 'profile:ben', action: 'suspend', reason: 'x', until });
			expect(res.status, String(until)).toBe(400);
			expect(res.body.reason).toMatch(/a date such as/);
		}
		const self = await act(w, 'mod', { target: 'profile:mod', action: 'suspend', reason: 'x', until: '2026-12-10' });
		expect(self.body).toEqual({ error: 'forbidden', reason: 'you cannot suspend yourself' });
		await grant(w.h, 'dan', 'moderator');
		const colleague = await act(w, 'mod', {
			target: 'profile:dan',
			action: 'suspend',
			reason: 'x',
			until: '2026-12-10'
		});
		expect(colleague.status).toBe(403);
		expect(colleague.body.reason).toBe('only administrators suspend moderators');
		const byAdmin = await act(w, 'root', {
			target: 'profile:dan',
			action: 'suspend',
			reason: 'x',
			until: '2026-12-10'
		});
		expect(byAdmin.status).toBe(200);
		expect(
			(await act(w, 'mod', { target: 'profile:root', action: 'suspend', reason: 'x', until: '2026-12-10' })).status
		).toBe(403);
	});
});

describe('what /api/moderation/actions refuses', () => {
	it('answers 4xx with a reason, never 500', async () => {
		w = await createWorld();
		const thread = await publish(w, 'ana', threadDoc(w, 'ana'));
		const cases: Array<[unknown, number, RegExp]> = [
			['{not json', 400, /not valid JSON/],
			['', 400, /needs a JSON body/],
			[[], 400, /send \{target, action/],
			[{ target: thread._id, action: 'ban' }, 400, /action must be one of/],
			[{ target: 'category:general', action: 'hide', reason: 'x' }, 400, /target must be/],
			[{ target: thread._id, action: 'hide' }, 400, /a reason is needed to hide/],
			[{ target: thread._id, action: 'delete', reason: '  ' }, 400, /a reason is needed to delete/],
			[{ target: thread._id, action: 'hide', reason: 'x'.repeat(501) }, 400, /at most 500 characters/],
			[{ target: thread._id, action: 'hide', reason: 7 }, 400, /at most 500 characters/],
			[{ target: 'thread:01JBBBBBBBBBBBBBBBBBBBBBBB', action: 'hide', reason: 'x' }, 404, /does not exist/],
			[{ target: 'profile:nobody', action: 'hide', reason: 'x' }, 404, /does not exist/]
		];
		for (const [body, status, reason] of cases) {
			const res = await act(w, 'mod', body as Record<string, unknown>);
			expect(res.status, JSON.stringify(body)).toBe(status);
			expect(res.body.reason, JSON.stringify(body)).toMatch(reason);
		}
		const huge = await act(w, 'mod', { target: thread._id, action: 'hide', reason: 'x'.repeat(API_BODY_LIMIT_BYTES) });
		expect(huge.status).toBe(413);
		expect((await act(w, 'ana', { target: thread._id, action: 'hide', reason: 'x' })).status).toBe(403);
		expect((await api(w, null, '/actions', 'POST', { target: thread._id, action: 'dismiss' })).status).toBe(401);
		expect(w.h.statuses.every((s) => s < 500)).toBe(true);
	});
});

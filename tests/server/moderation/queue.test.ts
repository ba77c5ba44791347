// The moderation queue (GET /api/moderation/queue): flagged items, oldest first, with what
// moderators need to decide, including items deleted since they were flagged.
import { afterEach, describe, expect, it } from 'vitest';
import { userDbName } from '../../../src/lib/domain/ids';
import {
	act,
	api,
	bulk,
	couch,
	createWorld,
	flag,
	postDoc,
	publish,
	queue,
	resourceDoc,
	threadDoc,
	tick,
	type ModWorld
} from './support';

let w: ModWorld | null = null;
afterEach(async () => {
	await w?.h.close();
	w = null;
});

describe('the moderation queue', () => {
	it('lists each flagged item once, oldest first, with its flags and state', async () => {
		w = await createWorld({ autoHideFlags: 10 });
		const thread = await publish(w, 'ana', threadDoc(w, 'ana', { category: 'procurement', title: 'Tender rules' }));
		const post = await publish(w, 'ben', postDoc(w, 'ben', thread._id, { body: 'x'.repeat(400) }));
		const resource = await publish(w, 'cara', resourceDoc(w, 'cara'));

		const t0 = new Date(w.now.ms).toISOString();
		await flag(w, 'cara', post._id, { reason: 'off-topic' });
		tick(w);
		await flag(w, 'dan', thread._id, { reason: 'other', text: 'Shares a colleague’s phone number' });
		tick(w);
		await flag(w, 'ana', post._id, { reason: 'harassment' });
		tick(w);
		await flag(w, 'ben', 'profile:eve', { reason: 'spam' });
		tick(w);
		await flag(w, 'dan', resource._id);
		await act(w, 'mod', { target: thread._id, action: 'pin' });
		await w.h.auth.users.setSuspension('ben', {
			at: t0,
			by: 'root',
			reason: 'Spam',
			until: '2027-01-01T00:00:00.000Z'
		});

		const items = await queue(w);
		expect(items.map((i) => i.target)).toEqual([post._id, thread._id, 'profile:eve', resource._id]);
		expect(items[0]).toEqual({
			target: post._id,
			kind: 'post',
			author: 'ben',
			title: 'Reply in Tender rules',
			excerpt: `${'x'.repeat(279)}…`,
			href: `/forums/t/${thread._id.slice('thread:'.length)}#${post._id.slice('post:'.length)}`,
			category: 'procurement',
			count: 2,
			flags: [
				{ member: 'cara', reason: 'off-topic', at: t0 },
				{ member: 'ana', reason: 'harassment', at: expect.any(String) }
			],
			firstFlaggedAt: t0,
			authorSuspended: { until: '2027-01-01T00:00:00.000Z', reason: 'Spam' }
		});
		expect((items[0]!.excerpt as string).length).toBeLessThanOrEqual(280);
		expect(items[1]).toMatchObject({
			kind: 'thread',
			author: 'ana',
			title: 'Tender rules',
			href: `/forums/t/${thread._id.slice('thread:'.length)}`,
			category: 'procurement',
			count: 1,
			flags: [{ member: 'dan', reason: 'other', text: 'Shares a colleague’s phone number' }],
			pinned: true
		});
		expect(items[1]).not.toHaveProperty('authorSuspended');
		expect(items[2]).toMatchObject({ kind: 'profile', author: 'eve', title: 'eve', href: '/people/eve' });
		expect(items[3]).toMatchObject({
			kind: 'resource',
			author: 'cara',
			title: 'Procurement checklist',
			excerpt: 'A checklist for small purchases.',
			href: `/library/${resource._id.slice('resource:'.length)}`
		});
	});

	it('still shows an item deleted since it was flagged, so it can be dismissed', async () => {
		w = await createWorld();
		const thread = await publish(w, 'ana', threadDoc(w, 'ana'));
		await flag(w, 'ben', thread._id);
		const stored = (await couch(w, 'ana', `community/${thread._id}`)).body;
		await bulk(w, 'ana', 'community', [{ ...stored, _deleted: true }]);

		const [item] = await queue(w);
		expect(item).toMatchObject({ target: thread._id, title: '(deleted)', author: 'ana', count: 1 });
		// nothing but a dismissal makes sense for it now
		expect((await act(w, 'mod', { target: thread._id, action: 'hide', reason: 'Rude' })).status).toBe(404);
		const dismissed = await act(w, 'mod', { target: thread._id, action: 'dismiss' });
		expect(dismissed.status).toBe(200);
		expect(await queue(w)).toEqual([]);
		const flagInBen = await couch(w, 'ben', `${userDbName('ben')}/${encodeURIComponent(`flag:${thread._id}:ben`)}`);
		expect(flagInBen.body.decision).toMatchObject({ action: 'dismissed' });
	});

	it('is open to administrators and moderators only', async () => {
		w = await createWorld();
		expect((await api(w, 'root', '/queue')).status).toBe(200);
		expect((await api(w, 'mod', '/queue')).body).toEqual({ items: [] });
		expect((await api(w, 'ana', '/queue')).body).toMatchObject({ error: 'forbidden' });
		expect((await api(w, null, '/queue')).body).toMatchObject({ error: 'unauthorized' });
	});
});

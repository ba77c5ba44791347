// Locked threads (server/moderation/lock-rule.ts): the gateway refuses new replies with the
// moderators' reason, stores the rest of the same batch, and lets replies be edited and
// moderators reply.
import { afterEach, describe, expect, it } from 'vitest';
import { act, bulk, communityDoc, createWorld, postDoc, publish, threadDoc, type ModWorld } from './support';
import { certifyTestDevice } from '../helpers/signing';

let w: ModWorld | null = null;
afterEach(async () => {
	await w?.h.close();
	w = null;
});

describe('a locked thread', () => {
	it('refuses a new reply with the reason and stores the valid documents of the batch', async () => {
		w = await createWorld();
		const thread = await publish(w, 'ana', threadDoc(w, 'ana'));
		const open = await publish(w, 'ana', threadDoc(w, 'ana'));
		const earlier = await publish(w, 'ben', postDoc(w, 'ben', thread._id));
		expect(
			(await act(w, 'mod', { target: thread._id, action: 'lock', reason: 'The question is answered' })).status
		).toBe(200);

		const reply = postDoc(w, 'ben', thread._id);
		const elsewhere = postDoc(w, 'ben', open._id);
		const newThread = threadDoc(w, 'ben');
		const stored = (await communityDoc(w, earlier._id))!;
		const edit = { ...stored, body: 'Corrected: we use the intranet and a shared drive.' };
		const answers = await bulk(w, 'ben', 'community', [reply, elsewhere, newThread, edit]);
		expect(answers[0]).toEqual({
			id: reply._id,
			error: 'forbidden',
			reason: 'this thread is locked by moderators: The question is answered'
		});
		expect(answers.slice(1).map((a) => a.ok)).toEqual([true, true, true]);
		expect(await communityDoc(w, reply._id)).toBeNull();
		expect(await communityDoc(w, elsewhere._id)).not.toBeNull();
		expect((await communityDoc(w, earlier._id))?.body).toMatch(/^Corrected/);

		// moderators and administrators may still reply; after unlocking, everyone may
		expect((await bulk(w, 'mod', 'community', [postDoc(w, 'mod', thread._id)]))[0]).toMatchObject({ ok: true });
		expect((await bulk(w, 'root', 'community', [postDoc(w, 'root', thread._id)]))[0]).toMatchObject({ ok: true });
		await act(w, 'mod', { target: thread._id, action: 'unlock' });
		expect((await bulk(w, 'ben', 'community', [postDoc(w, 'ben', thread._id)]))[0]).toMatchObject({ ok: true });
	});

	it('refuses a single PUT of a new reply with 403 and the reason', async () => {
		w = await createWorld();
		const thread = await publish(w, 'ana', threadDoc(w, 'ana'));
		await act(w, 'mod', { target: thread._id, action: 'lock', reason: 'Heated' });
		const reply = postDoc(w, 'ana', thread._id);
		const res = await w.h.request(`/couch/community/${reply._id}`, {
			method: 'PUT',
			headers: { cookie: w.cookies.ana!, 'content-type': 'application/json' },
			body: JSON.stringify(reply)
		});
		expect(res.status).toBe(403);
		expect(await res.json()).toMatchObject({
			error: 'forbidden',
			reason: 'this thread is locked by moderators: Heated'
		});
	});

	it('refuses a new reply relayed by a meetup hub, and stores the rest of its batch', async () => {
		w = await createWorld();
		const enrolled = await w.h.post('/api/admin/hubs', { name: 'village-hall' }, { cookie: w.cookies.root! });
		expect(enrolled.status).toBe(201);
		const { credential } = (await enrolled.json()) as { credential: string };
		const device = await certifyTestDevice(w.h, w.cookies.ben!);
		const thread = await publish(w, 'ana', threadDoc(w, 'ana'));
		const open = await publish(w, 'ana', threadDoc(w, 'ana'));
		await act(w, 'mod', { target: thread._id, action: 'lock', reason: 'Off topic for weeks' });

		const reply = await device.signRevision(postDoc(w, 'ben', thread._id));
		const elsewhere = await device.signRevision(postDoc(w, 'ben', open._id));
		const res = await w.h.request('/couch/community/_bulk_docs', {
			method: 'POST',
			headers: { authorization: `Bearer ${credential}`, 'content-type': 'application/json' },
			body: JSON.stringify({ docs: [reply, elsewhere], new_edits: false })
		});
		expect(res.status).toBe(201);
		expect(await res.json()).toEqual([
			{ id: reply._id, error: 'forbidden', reason: 'this thread is locked by moderators: Off topic for weeks' }
		]);
		expect(await communityDoc(w, reply._id)).toBeNull();
		expect(await communityDoc(w, elsewhere._id)).not.toBeNull();
	});

	it('refuses what members write as moderation documents', async () => {
		w = await createWorld();
		const thread = await publish(w, 'ana', threadDoc(w, 'ana'));
		const forged = {
			_id: `moderation:${thread._id}`,
			type: 'moderation',
			author: 'mod',
			createdAt: new Date(w.now.ms).toISOString(),
			target: thread._id,
			pinned: true
		};
		const [answer] = await bulk(w, 'mod', 'community', [forged]);
		expect(answer).toMatchObject({ error: 'forbidden', reason: expect.stringMatching(/only the server writes/) });
	});
});

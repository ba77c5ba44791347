// Members' flags (server/moderation/flag-rule.ts, judged by server/couch/write.ts): what the
// gateway refuses and why, who can read a flag, the moderators' own copy, withdrawal, and
// automatic hiding after flags from enough different members.
import { afterEach, describe, expect, it } from 'vitest';
import { docId, flagId, userDbName } from '../../../src/lib/domain/ids';
import { MODERATION_DB } from '../../../server/moderation/records';
import { AUDIT_DB } from '../../../server/moderation/audit';
import { PASSWORD } from '../support/harness';
import {
	act,
	api,
	bulk,
	communityDoc,
	couch,
	createWorld,
	flag,
	flagDoc,
	postDoc,
	publish,
	queue,
	threadDoc,
	tick,
	type ModWorld
} from './support';

let w: ModWorld | null = null;
afterEach(async () => {
	await w?.h.close();
	w = null;
});

async function moderatorsRecord(world: ModWorld, id: string) {
	try {
		return (await world.h.storage.db(MODERATION_DB).get(id)) as Record<string, unknown>;
	} catch {
		return null;
	}
}

describe('flags written by members', () => {
	it('refuses each wrong flag with its reason and stores the valid one of the same batch', async () => {
		w = await createWorld();
		const thread = await publish(w, 'ana', threadDoc(w, 'ana'));
		const anaPost = await publish(w, 'ana', postDoc(w, 'ana', thread._id));
		const gone = await publish(w, 'cara', threadDoc(w, 'cara'));
		const stored = (await couch(w, 'cara', `community/${gone._id}`)).body;
		await bulk(w, 'cara', 'community', [{ ...stored, _deleted: true }]);
		const benThread = await publish(w, 'ben', threadDoc(w, 'ben'));

		const docs = [
			flagDoc(w, 'ben', thread._id, { reason: 'rude' }),
			flagDoc(w, 'ben', anaPost._id, { reason: 'other' }),
			flagDoc(w, 'ana', thread._id, { _id: flagId(thread._id, 'ben') }),
			flagDoc(w, 'cara', anaPost._id),
			flagDoc(w, 'ben', docId('thread')),
			flagDoc(w, 'ben', gone._id),
			flagDoc(w, 'ben', benThread._id),
			flagDoc(w, 'ben', 'profile:ben'),
			flagDoc(w, 'ben', thread._id, { reason: 'harassment' })
		];
		const answers = await bulk(w, 'ben', userDbName('ben'), docs);
		const reasons = answers.map((a) => a.reason ?? 'ok');
		expect(answers.slice(0, 8).every((a) => a.error === 'forbidden')).toBe(true);
		expect(reasons[0]).toMatch(/reason must be one of spam, harassment, off-topic, confidential, other/);
		expect(reasons[1]).toBe('say what is wrong when the reason is "other"');
		expect(reasons[2]).toBe('a flag id must be flag:{target id}:{your username}');
		expect(reasons[3]).toBe('you can only flag in your own name, from your own account');
		expect(reasons[4]).toBe('this item does not exist any more (or never did), so it cannot be flagged');
		expect(reasons[5]).toBe('this item does not exist any more (or never did), so it cannot be flagged');
		expect(reasons[6]).toBe('you cannot flag what you wrote');
		expect(reasons[7]).toBe('you cannot flag your own profile');
		expect(answers[8]).toMatchObject({ ok: true });

		// a single write answers 403 with the same reason
		const put = await couch(
			w,
			'ana',
			`${userDbName('ana')}/${encodeURIComponent(flagId(anaPost._id, 'ana'))}`,
			'PUT',
			flagDoc(w, 'ana', anaPost._id)
		);
		expect(put.status).toBe(403);
		expect(put.body).toMatchObject({ error: 'forbidden', reason: 'you cannot flag what you wrote' });
	});

	it('accepts "other" with a text, and a profile of someone else', async () => {
		w = await createWorld();
		// registering wrote ana's profile
		expect(await flag(w, 'ben', 'profile:ana', { reason: 'other', text: 'Pretends to be a minister' })).toMatchObject({
			ok: true
		});
		expect(await moderatorsRecord(w, flagId('profile:ana', 'ben'))).toMatchObject({
			target: 'profile:ana',
			member: 'ben',
			reason: 'other',
			text: 'Pretends to be a minister',
			status: 'open'
		});
	});

	it('keeps a flag readable by its author and moderators only, never in community', async () => {
		w = await createWorld();
		const thread = await publish(w, 'ana', threadDoc(w, 'ana'));
		expect(await flag(w, 'ben', thread._id)).toMatchObject({ ok: true });
		const id = encodeURIComponent(flagId(thread._id, 'ben'));

		expect((await couch(w, 'ben', `${userDbName('ben')}/${id}`)).status).toBe(200);
		expect((await couch(w, 'cara', `community/${id}`)).status).toBe(404);
		expect((await couch(w, 'cara', `${userDbName('ben')}/${id}`)).status).toBe(403);
		expect((await couch(w, 'ana', `${userDbName('ben')}/${id}`)).status).toBe(403);
		expect((await couch(w, 'mod', `${userDbName('ben')}/${id}`)).status).toBe(403);
		// the moderators' databases are not served by the gateway at all
		for (const db of [MODERATION_DB, AUDIT_DB]) expect((await couch(w, 'root', `${db}/_all_docs`)).status).toBe(404);
		expect(await communityDoc(w, flagId(thread._id, 'ben'))).toBeNull();

		expect((await api(w, 'cara', '/queue')).status).toBe(403);
		expect((await api(w, 'cara', '/log')).status).toBe(403);
		expect((await api(w, null, '/queue')).body).toMatchObject({ error: 'unauthorized' });
		expect((await api(w, null, '/queue')).status).toBe(401);
		expect((await api(w, null, '/log')).status).toBe(401);
		const items = await queue(w);
		expect(items.map((i) => i.target)).toEqual([thread._id]);
	});

	it("copies a flag for moderators once: the member's later edits do not change it", async () => {
		w = await createWorld();
		const thread = await publish(w, 'ana', threadDoc(w, 'ana'));
		const answer = await flag(w, 'ben', thread._id, { reason: 'spam' });
		tick(w);
		const edited = { ...flagDoc(w, 'ben', thread._id, { reason: 'off-topic' }), _rev: answer.rev };
		const [again] = await bulk(w, 'ben', userDbName('ben'), [edited]);
		expect(again).toMatchObject({ ok: true });
		expect(await moderatorsRecord(w, flagId(thread._id, 'ben'))).toMatchObject({ reason: 'spam', status: 'open' });
	});

	it('judges and copies flags replicated from a device (new_edits=false) the same way', async () => {
		w = await createWorld();
		const thread = await publish(w, 'ana', threadDoc(w, 'ana'));
		const own = await publish(w, 'ben', threadDoc(w, 'ben'));
		const good = { ...flagDoc(w, 'ben', thread._id), _rev: '1-a1b2c3d4e5f60718293a4b5c6d7e8f90' };
		const mine = { ...flagDoc(w, 'ben', own._id), _rev: '1-0f1e2d3c4b5a69788796a5b4c3d2e1f0' };
		const res = await couch(w, 'ben', `${userDbName('ben')}/_bulk_docs`, 'POST', {
			docs: [good, mine],
			new_edits: false
		});
		expect(res.status).toBe(201);
		expect(res.body).toEqual([{ id: mine._id, error: 'forbidden', reason: 'you cannot flag what you wrote' }]);
		expect((await queue(w)).map((i) => i.target)).toEqual([thread._id]);
		const withdrawn = {
			_id: good._id,
			_rev: '2-ffeeddccbbaa99887766554433221100',
			_deleted: true,
			_revisions: { start: 2, ids: ['ffeeddccbbaa99887766554433221100', 'a1b2c3d4e5f60718293a4b5c6d7e8f90'] }
		};
		await couch(w, 'ben', `${userDbName('ben')}/_bulk_docs`, 'POST', { docs: [withdrawn], new_edits: false });
		expect(await queue(w)).toEqual([]);
	});

	it('takes a flag the member withdraws out of the queue', async () => {
		w = await createWorld();
		const thread = await publish(w, 'ana', threadDoc(w, 'ana'));
		const answer = await flag(w, 'ben', thread._id);
		expect(await queue(w)).toHaveLength(1);
		const id = flagId(thread._id, 'ben');
		const [removed] = await bulk(w, 'ben', userDbName('ben'), [{ _id: id, _rev: answer.rev, _deleted: true }]);
		expect(removed).toMatchObject({ ok: true });
		expect(await queue(w)).toEqual([]);
		expect(await moderatorsRecord(w, id)).toBeNull();
	});
});

describe('a flag after a decision', () => {
	it('stays decided when edited, and comes back to the queue when withdrawn and made again', async () => {
		w = await createWorld();
		const thread = await publish(w, 'ana', threadDoc(w, 'ana'));
		await flag(w, 'ben', thread._id);
		expect((await act(w, 'mod', { target: thread._id, action: 'dismiss' })).status).toBe(200);
		const id = flagId(thread._id, 'ben');
		const path = `${userDbName('ben')}/${encodeURIComponent(id)}`;
		const decided = (await couch(w, 'ben', path)).body;
		expect(decided.decision).toMatchObject({ action: 'dismissed' });

		tick(w);
		const [edited] = await bulk(w, 'ben', userDbName('ben'), [{ ...decided, text: 'Still a sales pitch' }]);
		expect(edited).toMatchObject({ ok: true });
		expect(await queue(w)).toEqual([]);

		const [removed] = await bulk(w, 'ben', userDbName('ben'), [{ _id: id, _rev: edited!.rev, _deleted: true }]);
		expect(removed).toMatchObject({ ok: true });
		expect(await moderatorsRecord(w, id)).toMatchObject({ status: 'decided' });
		tick(w);
		expect(await flag(w, 'ben', thread._id, { reason: 'harassment' })).toMatchObject({ ok: true });
		expect((await queue(w)).map((i) => i.flags)).toEqual([
			[expect.objectContaining({ member: 'ben', reason: 'harassment' })]
		]);
	});
});

describe('automatic hiding', () => {
	it('hides an item after flags from three different members, until a moderator decides', async () => {
		w = await createWorld();
		const thread = await publish(w, 'ana', threadDoc(w, 'ana'));
		const post = await publish(w, 'ana', postDoc(w, 'ana', thread._id));
		const first = await flag(w, 'ben', post._id);
		// the same member again (an edit of their one flag) does not count twice
		const again = { ...flagDoc(w, 'ben', post._id, { reason: 'harassment' }), _rev: first.rev };
		expect((await bulk(w, 'ben', userDbName('ben'), [again]))[0]).toMatchObject({ ok: true });
		expect(await flag(w, 'cara', post._id)).toMatchObject({ ok: true });
		expect(await communityDoc(w, `moderation:${post._id}`)).toBeNull();

		tick(w);
		expect(await flag(w, 'dan', post._id)).toMatchObject({ ok: true });
		const doc = await communityDoc(w, `moderation:${post._id}`);
		expect(doc).toMatchObject({
			type: 'moderation',
			author: 'praxis',
			target: post._id,
			hidden: {
				reason: 'Hidden automatically after 3 flags, until a moderator decides',
				at: new Date(w.now.ms).toISOString(),
				auto: true
			}
		});
		expect((doc?.signature as { device?: string } | undefined)?.device).toMatch(/^server:/);
		const log = await api(w, 'mod', '/log');
		expect(log.body.entries).toEqual([
			expect.objectContaining({ actor: 'praxis', action: 'auto-hide', target: post._id })
		]);
		const [item] = await queue(w);
		expect(item).toMatchObject({ target: post._id, count: 3, hidden: { auto: true } });

		// a dismissal lifts the automatic hide; the next flags count from there
		expect((await act(w, 'mod', { target: post._id, action: 'dismiss' })).status).toBe(200);
		expect((await communityDoc(w, `moderation:${post._id}`))?.hidden).toBeUndefined();
		tick(w);
		expect(await flag(w, 'eve', post._id)).toMatchObject({ ok: true });
		expect((await communityDoc(w, `moderation:${post._id}`))?.hidden).toBeUndefined();
	});

	it('follows the configured number of flags', async () => {
		w = await createWorld({ autoHideFlags: 2 });
		const thread = await publish(w, 'ana', threadDoc(w, 'ana'));
		await flag(w, 'ben', thread._id);
		expect(await communityDoc(w, `moderation:${thread._id}`)).toBeNull();
		await flag(w, 'cara', thread._id);
		expect((await communityDoc(w, `moderation:${thread._id}`))?.hidden).toMatchObject({
			reason: 'Hidden automatically after 2 flags, until a moderator decides',
			auto: true
		});
	});
});

describe('a deleted account', () => {
	it('takes its flags out of the moderators’ records, and their records stop naming it', async () => {
		w = await createWorld();
		const anaThread = await publish(w, 'ana', threadDoc(w, 'ana'));
		const benThread = await publish(w, 'ben', threadDoc(w, 'ben'));
		expect((await flag(w, 'ben', anaThread._id)).ok).toBe(true);
		expect((await flag(w, 'cara', benThread._id)).ok).toBe(true);
		expect(await moderatorsRecord(w, flagId(benThread._id, 'cara'))).toMatchObject({ targetAuthor: 'ben' });

		const res = await w.h.post('/api/account/delete', { password: PASSWORD }, { cookie: w.cookies.ben! });
		expect(res.status).toBe(200);

		expect(await moderatorsRecord(w, flagId(anaThread._id, 'ben'))).toBeNull();
		const kept = await moderatorsRecord(w, flagId(benThread._id, 'cara'));
		expect(kept).toMatchObject({ member: 'cara', status: 'open' });
		expect(kept).not.toHaveProperty('targetAuthor');
	});
});

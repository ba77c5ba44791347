// A signed revision sent again is refused (server/couch/write.ts bindRevisions): a signature
// covers the parent revision it was made on, and a signed revision is stored under the digest of
// its signature. So an earlier revision, member- or server-signed, cannot come back over a later
// one: not as a child of the current revision, not as a new branch beside its old place (which
// would undo a deletion), not through a PUT. A genuine concurrent edit is still kept as a conflict.
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness';
import { COMMUNITY_DB } from '../../../src/lib/domain/ids';
import {
	canonicalBytes,
	revisionHash,
	toBase64Url,
	withSignedRevision,
	type RevisionHistory
} from '../../../src/lib/domain/signing';
import { serverSigner } from '../../../server/devices/server-key';
import { seedCategories } from '../../../server/seed';
import { certifyTestDevice, type TestDevice } from '../helpers/signing';
import { post, thread } from '../helpers/community-docs';

let h: Harness | null = null;
afterEach(async () => {
	await h?.close();
	h = null;
});

type Doc = Record<string, unknown> & { _id: string; _rev: string };
type Result = { id: string; ok?: boolean; rev?: string; error?: string; reason?: string };

async function setup() {
	h = createHarness();
	await seedCategories(h.storage, new Date(), await serverSigner(h.auth.signingKey()));
	const ana = await h.register('ana');
	const ben = await h.register('ben');
	const mod = await h.register('mod');
	await h.auth.users.updateRoles('mod', (roles) => [...roles, 'moderator']);
	h.auth.invalidate('mod');
	const devices = {
		ana: await certifyTestDevice(h, ana),
		ben: await certifyTestDevice(h, ben),
		mod: await certifyTestDevice(h, mod)
	};
	return { h, cookies: { ana, ben, mod }, devices };
}

async function bulk(h: Harness, cookie: string, docs: unknown[], newEdits: boolean): Promise<Result[]> {
	const res = await h.post(`/couch/${COMMUNITY_DB}/_bulk_docs`, { docs, new_edits: newEdits }, { cookie });
	expect(res.status).toBe(201);
	return (await res.json()) as Result[];
}

/** The stored revision of `id` with its history (what a replicator reads). */
async function stored(
	h: Harness,
	id: string,
	rev?: string
): Promise<Doc & { _revisions: RevisionHistory; _deleted?: boolean }> {
	return (await h.storage.db(COMMUNITY_DB).get(id, { revs: true, ...(rev ? { rev } : {}) })) as unknown as Doc & {
		_revisions: RevisionHistory;
	};
}

/** The document's leaves: winner first, then conflicts. */
async function leaves(h: Harness, id: string): Promise<string[]> {
	const all = (await h.storage.db(COMMUNITY_DB).get(id, { open_revs: 'all' })) as unknown as Array<{
		ok: { _rev: string };
	}>;
	return all.map((l) => l.ok._rev).sort();
}

/** Writes `doc` signed by `device` through a PUT on top of `rev` (new_edits=true), as a member would. */
async function put(
	h: Harness,
	cookie: string,
	device: TestDevice,
	doc: Record<string, unknown>,
	rev?: string
): Promise<Result> {
	const body = await device.sign({ ...withoutMeta(doc), ...(rev ? { _rev: rev } : {}) });
	const res = await h.request(`/couch/${COMMUNITY_DB}/${encodeURIComponent(String(doc._id))}`, {
		method: 'PUT',
		headers: { cookie, 'content-type': 'application/json' },
		body: JSON.stringify(body)
	});
	const answer = (await res.json()) as Result;
	expect(res.status, JSON.stringify(answer)).toBe(201);
	return answer;
}

function withoutMeta(doc: Record<string, unknown>): Record<string, unknown> {
	const { _rev: _, _revisions: __, signature: ___, ...content } = doc;
	return content;
}

/** `old` (a stored revision, signature and all) sent again as the child of `parent`, under revision id `hash`. */
function childOf(old: Record<string, unknown>, parent: RevisionHistory, hash: string): Record<string, unknown> {
	const { _revisions: _, ...body } = old;
	return {
		...body,
		_rev: `${parent.start + 1}-${hash}`,
		_revisions: { start: parent.start + 1, ids: [hash, ...parent.ids] }
	};
}

/** `old` sent again as a new branch from its own parent (or as a new first revision), under `hash`. */
function besideItself(
	old: Record<string, unknown> & { _revisions: RevisionHistory },
	hash: string
): Record<string, unknown> {
	const { start, ids } = old._revisions;
	return { ...old, _rev: `${start}-${hash}`, _revisions: { start, ids: [hash, ...ids.slice(1)] } };
}

/** Every way of sending `old` again over the current revision `current`: all must change nothing. */
async function replays(
	old: Record<string, unknown> & { _revisions: RevisionHistory },
	current: { _revisions: RevisionHistory }
) {
	const own = await revisionHash(String((old.signature as { sig: string }).sig));
	return {
		overCurrentFakeId: childOf(old, current._revisions, 'f00d'.repeat(8)),
		overCurrentOwnId: childOf(old, current._revisions, own),
		branchFakeId: besideItself(old, 'beef'.repeat(8)),
		asItself: old
	};
}

async function expectAllRefused(
	h: Harness,
	cookie: string,
	id: string,
	sent: Record<string, Record<string, unknown>>,
	winner: string
) {
	const before = await leaves(h, id);
	for (const [how, doc] of Object.entries(sent)) {
		const results = await bulk(h, cookie, [doc], false);
		if (how === 'asItself')
			expect(results, how).toEqual([]); // a revision the server has: nothing to do
		else
			expect(results, how).toMatchObject([
				{ id, error: 'forbidden', reason: expect.stringMatching(/signature|revision/) }
			]);
		expect(await leaves(h, id), how).toEqual(before);
		const now = (await h.storage.db(COMMUNITY_DB).get(id, { open_revs: 'all' })) as unknown as Array<{
			ok: { _rev: string; _deleted?: boolean };
		}>;
		const live = now.filter((l) => !l.ok._deleted);
		if (live.length) expect((await stored(h, id))._rev, how).toBe(winner);
		else expect(before, how).toContain(winner); // still deleted: nothing came back
	}
}

describe('replayed revisions', () => {
	it('refuses an earlier revision of a thread sent again over its edit', async () => {
		const { h, cookies, devices } = await setup();
		const t = thread('ana', { title: 'First version' });
		const created = await put(h, cookies.ana, devices.ana, t);
		const first = await stored(h, t._id);
		const edited = await put(h, cookies.ana, devices.ana, { ...t, title: 'Corrected' }, created.rev);
		const current = await stored(h, t._id);
		expect(current).toMatchObject({ _rev: edited.rev, title: 'Corrected' });
		await expectAllRefused(h, cookies.ben, t._id, await replays(first, current), String(edited.rev));
		// and through a PUT: on top of the current revision the signature names another parent
		const res = await h.request(`/couch/${COMMUNITY_DB}/${t._id}`, {
			method: 'PUT',
			headers: { cookie: cookies.ben, 'content-type': 'application/json' },
			body: JSON.stringify({ ...withoutMeta(first), signature: first.signature, _rev: edited.rev })
		});
		expect(res.status).toBe(403);
		expect((await stored(h, t._id)).title).toBe('Corrected');
	});

	it('refuses a thread its author deleted being brought back', async () => {
		const { h, cookies, devices } = await setup();
		const t = thread('ana');
		const created = await put(h, cookies.ana, devices.ana, t);
		const first = await stored(h, t._id);
		const tombstone = {
			_id: t._id,
			_deleted: true,
			type: 'thread',
			author: 'ana',
			createdAt: t.createdAt,
			category: 'general'
		};
		const deleted = await put(h, cookies.ana, devices.ana, tombstone, created.rev);
		await expect(h.storage.db(COMMUNITY_DB).get(t._id)).rejects.toMatchObject({ status: 404 });
		const gone = await stored(h, t._id, deleted.rev);
		await expectAllRefused(h, cookies.ben, t._id, await replays(first, gone), String(deleted.rev));
		await expect(h.storage.db(COMMUNITY_DB).get(t._id)).rejects.toMatchObject({ status: 404 });
		// a PUT of the old body without a revision (as over a deleted document) is refused too
		const res = await h.request(`/couch/${COMMUNITY_DB}/${t._id}`, {
			method: 'PUT',
			headers: { cookie: cookies.ben, 'content-type': 'application/json' },
			body: JSON.stringify({ ...withoutMeta(first), signature: first.signature })
		});
		expect(res.status).toBe(403);
		await expect(h.storage.db(COMMUNITY_DB).get(t._id)).rejects.toMatchObject({ status: 404 });
	});

	it('refuses a post a moderator redacted getting its text back', async () => {
		const { h, cookies, devices } = await setup();
		const t = thread('ana');
		await put(h, cookies.ana, devices.ana, t);
		const p = post('ben', t._id, { body: 'Something abusive' });
		const created = await put(h, cookies.ben, devices.ben, p);
		const first = await stored(h, p._id);
		const redacted = await put(
			h,
			cookies.mod,
			devices.mod,
			{ ...p, body: 'Removed by a moderator.', updatedAt: new Date().toISOString() },
			created.rev
		);
		await expectAllRefused(h, cookies.ben, p._id, await replays(first, await stored(h, p._id)), String(redacted.rev));
		expect((await stored(h, p._id)).body).toBe('Removed by a moderator.');
	});

	it('refuses a server-signed profile and a category a moderator renamed being sent back', async () => {
		const { h, cookies, devices } = await setup();
		const profile = await stored(h, 'profile:ana');
		expect(profile.signature).toMatchObject({ device: expect.stringMatching(/^server:/), parent: null });
		const edited = await put(
			h,
			cookies.ana,
			devices.ana,
			{ ...profile, bio: 'Planner in a rural district.', updatedAt: new Date().toISOString() },
			profile._rev
		);
		await expectAllRefused(
			h,
			cookies.ben,
			'profile:ana',
			await replays(profile, await stored(h, 'profile:ana')),
			String(edited.rev)
		);
		expect((await stored(h, 'profile:ana')).bio).toBe('Planner in a rural district.');

		const category = await stored(h, 'category:general');
		const renamed = await put(h, cookies.mod, devices.mod, { ...category, name: 'General questions' }, category._rev);
		await expectAllRefused(
			h,
			cookies.ben,
			'category:general',
			await replays(category, await stored(h, 'category:general')),
			String(renamed.rev)
		);
		expect((await stored(h, 'category:general')).name).toBe('General questions');
	});

	it('refuses a revision signed without naming its parent (as earlier versions signed)', async () => {
		const { h, cookies, devices } = await setup();
		const t = thread('ana');
		const sig = await crypto.subtle.sign({ name: 'Ed25519' }, devices.ana.keys.privateKey, canonicalBytes(t));
		const unbound = { ...t, signature: { device: devices.ana.certificate._id, sig: toBase64Url(sig) } };
		const asReplicated = {
			...unbound,
			_rev: `1-${await revisionHash(toBase64Url(sig))}`,
			_revisions: { start: 1, ids: [await revisionHash(toBase64Url(sig))] }
		};
		expect(await bulk(h, cookies.ana, [asReplicated], false)).toMatchObject([
			{ error: 'forbidden', reason: expect.stringMatching(/earlier version of Praxis/) }
		]);
		expect(await bulk(h, cookies.ana, [unbound], true)).toMatchObject([
			{ error: 'forbidden', reason: expect.stringMatching(/earlier version of Praxis/) }
		]);
		await expect(h.storage.db(COMMUNITY_DB).get(t._id)).rejects.toMatchObject({ status: 404 });
	});

	it('keeps a genuine offline edit made beside a newer one as a conflict', async () => {
		const { h, cookies, devices } = await setup();
		const t = thread('ana', { body: 'Draft' });
		const mine = await devices.ana.signRevision(t);
		expect(await bulk(h, cookies.ana, [mine], false)).toEqual([]);
		// ana's laptop (offline) and a moderator (online) both edit the first revision
		const laptop = await certifyTestDevice(h, cookies.ana);
		const offline = await laptop.signRevision({ ...t, body: 'Edited on the train' }, mine._revisions);
		const online = await devices.mod.signRevision({ ...t, body: 'Tidied by a moderator' }, mine._revisions);
		expect(await bulk(h, cookies.mod, [online], false)).toEqual([]);
		expect(await bulk(h, cookies.ana, [offline], false)).toEqual([]);
		expect(await leaves(h, t._id)).toEqual([offline._rev, online._rev].sort());
		const winner = (await h.storage.db(COMMUNITY_DB).get(t._id, { conflicts: true })) as unknown as {
			_conflicts?: string[];
		};
		expect(winner._conflicts).toHaveLength(1);
		// the author resolves it by deleting the losing leaf, signed as its child
		const loser = winner._conflicts![0];
		const loserDoc = await stored(h, t._id, loser);
		const deletion = await devices.ana.signRevision(
			{ _id: t._id, _deleted: true, type: 'thread', author: 'ana', createdAt: t.createdAt, category: 'general' },
			loserDoc._revisions
		);
		expect(await bulk(h, cookies.ana, [deletion], false)).toEqual([]);
		expect(
			((await h.storage.db(COMMUNITY_DB).get(t._id, { conflicts: true })) as unknown as { _conflicts?: string[] })
				._conflicts
		).toBeUndefined();
	});

	it('answers 409 to a signed PUT on a revision that is not current, and keeps signed revision ids', async () => {
		const { h, cookies, devices } = await setup();
		const t = thread('ana');
		const created = await put(h, cookies.ana, devices.ana, t);
		const first = await stored(h, t._id);
		expect(first._rev).toBe(`1-${await revisionHash(String((first.signature as { sig: string }).sig))}`);
		await put(h, cookies.ana, devices.ana, { ...t, title: 'Second' }, created.rev);
		const stale = await devices.ana.sign({ ...t, title: 'Third', _rev: created.rev });
		const res = await h.request(`/couch/${COMMUNITY_DB}/${t._id}`, {
			method: 'PUT',
			headers: { cookie: cookies.ana, 'content-type': 'application/json' },
			body: JSON.stringify(stale)
		});
		expect(res.status).toBe(409);
		expect(await res.json()).toMatchObject({ error: 'conflict' });
		expect((await stored(h, t._id)).title).toBe('Second');
		// a signed revision whose id is not its signature's digest is refused even as a first revision
		const other = await devices.ana.sign(thread('ana'));
		const wrongId = await withSignedRevision(other, null);
		expect(
			await bulk(h, cookies.ana, [{ ...wrongId, _rev: '1-abc', _revisions: { start: 1, ids: ['abc'] } }], false)
		).toMatchObject([{ error: 'forbidden', reason: expect.stringMatching(/revision id does not match/) }]);
	});
});

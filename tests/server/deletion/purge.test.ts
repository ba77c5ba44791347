// What an account deletion removes (server/deletion/purge.ts): the private database, sessions, hub
// tokens and device certificates, email and calendar settings, the profile (a server-signed
// deletion another member's replication brings), with deleteContributions everything the member
// wrote, and, after compaction, the deleted bodies themselves. A deletion cut short is resumed.
import { afterEach, describe, expect, it } from 'vitest';
import PouchDB from 'pouchdb';
import type { Harness } from '../support/harness';
import { COMMUNITY_DB, userDbName } from '../../../src/lib/domain/ids';
import { FILES_DB } from '../../../src/lib/domain/files';
import { canonicalBytes, checkSignedRevision, fromBase64Url, SIGNED_ALGORITHM } from '../../../src/lib/domain/signing';
import { serverSigner } from '../../../server/devices/server-key';
import { createSignatureVerifier, rolesFromUsers } from '../../../server/devices/verify';
import { createEmailStore } from '../../../server/mail/addresses';
import { createCalendarSecrets } from '../../../server/calendar/secrets';
import { CompactionScheduler, type Timers } from '../../../server/compaction/scheduler';
import { resumeAccountDeletions } from '../../../server/deletion/purge';
import { USERS_DB } from '../../../server/storage/index';
import { community, deleteAccount, PASSWORD } from './setup';

let h: Harness | null = null;
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
	await h?.close();
	h = null;
});

type Stored = Record<string, unknown> & { _id: string; _rev: string; _deleted?: boolean };

async function read(db: PouchDB.Database, id: string, options: PouchDB.Core.GetOptions = {}): Promise<Stored | number> {
	return db.get(id, options).then(
		(doc) => doc as unknown as Stored,
		(err: { status: number }) => err.status
	);
}

/** The deleted revision of `id` (its tombstone), read by revision. */
async function tombstone(db: PouchDB.Database, id: string): Promise<Stored> {
	const rev = (await db.allDocs({ keys: [id] })).rows[0] as { value?: { rev: string; deleted?: boolean } };
	expect(rev.value?.deleted, `${id} deleted`).toBe(true);
	return (await db.get(id, { rev: rev.value!.rev, revs: true })) as unknown as Stored;
}

/** Ben's device: a replica of `community` pulled over a real socket with his session cookie. */
function replicaOf(url: string, cookie: string): { local: PouchDB.Database; pull(): Promise<void> } {
	const local = new PouchDB(`deletion-replica-${process.pid}-${Date.now()}-${Math.random()}`, { adapter: 'memory' });
	cleanups.push(() => local.destroy());
	const remote = new PouchDB(`${url}/couch/${COMMUNITY_DB}`, {
		skip_setup: true,
		fetch: (input: string | Request, init?: RequestInit) => {
			const headers = new Headers(init?.headers);
			headers.set('cookie', cookie);
			return PouchDB.fetch(input, { ...init, headers });
		}
	} as PouchDB.Configuration.RemoteDatabaseConfiguration);
	return { local, pull: async () => void (await local.replicate.from(remote)) };
}

describe('deleting an account', () => {
	it('removes the private database, sessions, hub tokens, certificates, email and calendar; keeps a tombstone of the account', async () => {
		const c = await community();
		h = c.h;
		const emails = createEmailStore(h.storage);
		await emails.setPending('ines', 'ines@example.org', new Date());
		const keptLink = await emails.setPending('ines', 'ines@work.example', new Date());
		await emails.setPending('ben', 'ben@example.org', new Date());
		await createCalendarSecrets(h.storage).regenerate('ines');
		const hub = (await (
			await h.request('/api/auth/hub-token', { method: 'POST', headers: { cookie: c.cookies.ines } })
		).json()) as { token: string };
		await h.storage.db(userDbName('ines')).put({
			_id: 'profile-private:ines',
			type: 'profile-private',
			author: 'ines',
			createdAt: new Date().toISOString(),
			bio: 'Only me'
		});
		expect(await h.storage.exists(userDbName('ines'))).toBe(true);

		expect((await deleteAccount(h, c.cookies.ines, { password: PASSWORD })).status).toBe(200);

		expect(await h.storage.exists(userDbName('ines'))).toBe(false);
		const account = (await h.storage.db(USERS_DB).get('user:ines')) as Record<string, unknown>;
		expect(Object.keys(account).sort()).toEqual(['_id', '_rev', 'createdAt', 'deletedAt', 'name', 'type']);
		expect(await h.auth.users.get('ines')).toBeNull();
		expect(await h.auth.users.deleted('ines')).toMatchObject({ name: 'ines' });
		// the account's earlier revision (with its password hash) is compacted away
		const history = (await h.storage.db(USERS_DB).get('user:ines', { revs_info: true })) as {
			_revs_info: Array<{ rev: string; status: string }>;
		};
		for (const earlier of history._revs_info.slice(1))
			expect(await read(h.storage.db(USERS_DB), 'user:ines', { rev: earlier.rev })).toBe(404);

		expect(await emails.get('ines')).toBeNull();
		expect(await emails.confirm(keptLink, new Date())).toBeNull();
		const links = await h.storage
			.db(USERS_DB)
			.allDocs({ include_docs: true, startkey: 'email-token:', endkey: 'email-token:\ufff0' });
		expect(links.rows.map((row) => (row.doc as { name?: string }).name)).toEqual(['ben']);
		expect(await emails.get('ben')).toMatchObject({ pending: { address: 'ben@example.org' } });
		expect(await createCalendarSecrets(h.storage).has('ines')).toBe(false);

		expect(await h.auth.sessions.list('ines')).toEqual([]);
		const jti = (JSON.parse(Buffer.from(hub.token.split('.')[1], 'base64url').toString()) as { jti: string }).jti;
		expect(await h.auth.revokedTokenIds()).toContain(jti);
		const revocation = await read(
			h.storage.db(COMMUNITY_DB),
			`revocation:${c.devices.ines.certificate._id.slice('device:'.length)}`
		);
		expect(revocation).toMatchObject({ type: 'revocation', device: c.devices.ines.certificate._id });
		// ben's device is untouched
		expect(
			await read(h.storage.db(COMMUNITY_DB), `revocation:${c.devices.ben.certificate._id.slice('device:'.length)}`)
		).toBe(404);
	});

	it('deletes the profile with a server-signed tombstone that another member’s replication brings; contributions stay', async () => {
		const c = await community();
		h = c.h;
		const url = await h.listen();
		const ben = replicaOf(url, c.cookies.ben);
		await ben.pull();
		expect(await read(ben.local, 'profile:ines')).toMatchObject({ displayName: 'ines' });

		expect((await deleteAccount(h, c.cookies.ines, { password: PASSWORD })).status).toBe(200);
		await ben.pull();
		expect(await read(ben.local, 'profile:ines')).toBe(404);
		const gone = await tombstone(ben.local, 'profile:ines');
		expect(Object.keys(gone).sort()).toEqual([
			'_deleted',
			'_id',
			'_rev',
			'_revisions',
			'author',
			'createdAt',
			'signature',
			'type'
		]);
		// bound to the revision it deletes and signed by the server: a hub or device verifies it
		expect(await checkSignedRevision(gone)).toEqual({ ok: true });
		const signer = await serverSigner(h.auth.signingKey());
		expect((gone.signature as { device: string }).device).toBe(`server:${signer.kid}`);
		const sig = fromBase64Url((gone.signature as { sig: string }).sig)!;
		expect(await crypto.subtle.verify(SIGNED_ALGORITHM, signer.publicKey, sig, canonicalBytes(gone))).toBe(true);

		for (const id of [c.ines.thread, c.ines.post, c.ines.vote])
			expect(await read(ben.local, id), id).toMatchObject({ author: 'ines' });
		expect(await read(h.storage.db(FILES_DB), c.ines.file)).toMatchObject({ author: 'ines' });
	});

	it('with deleteContributions, deletes every document and file the member wrote, keeping what places them', async () => {
		const c = await community();
		h = c.h;
		const res = await deleteAccount(h, c.cookies.ines, { password: PASSWORD, deleteContributions: true });
		expect(await res.json()).toEqual({ ok: true, deletedContributions: 4 });
		const db = h.storage.db(COMMUNITY_DB);
		expect(await tombstone(db, c.ines.thread)).toMatchObject({ type: 'thread', author: 'ines', category: 'general' });
		const post = await tombstone(db, c.ines.post);
		expect(post).toMatchObject({ type: 'post', author: 'ines', thread: c.ben.thread });
		expect(post.body).toBeUndefined();
		expect(await tombstone(db, c.ines.vote)).toMatchObject({ type: 'vote', target: c.ben.thread });
		expect(await tombstone(h.storage.db(FILES_DB), c.ines.file)).not.toHaveProperty('_attachments');
		for (const id of [c.ben.thread, c.ben.post, c.ben.vote])
			expect(await read(db, id), id).toMatchObject({ author: 'ben' });
		expect(await read(db, 'category:general')).toMatchObject({ type: 'category' });
		expect(await read(db, c.devices.ines.certificate._id)).toMatchObject({ type: 'device' });
	});

	it('deletes every leaf of a conflicted document, and an old revision sent again cannot bring it back', async () => {
		const c = await community();
		h = c.h;
		const db = h.storage.db(COMMUNITY_DB);
		const stored = (await db.get(c.ines.thread, { revs: true })) as unknown as Stored & {
			_revisions: { start: number; ids: string[] };
		};
		const { _rev: _, _revisions: __, signature: ___, ...content } = stored;
		// an offline edit on another device, in conflict with the stored first revision's sibling
		const editA = await c.devices.ines.signRevision({ ...content, title: 'Edited here' }, stored._revisions);
		const editB = await c.devices.ines.signRevision({ ...content, title: 'Edited there' }, stored._revisions);
		const pushed = await h.post(
			`/couch/${COMMUNITY_DB}/_bulk_docs`,
			{ docs: [editA, editB], new_edits: false },
			{ cookie: c.cookies.ines }
		);
		expect(await pushed.json()).toEqual([]);
		expect(((await db.get(c.ines.thread, { conflicts: true })) as { _conflicts?: string[] })._conflicts).toHaveLength(
			1
		);

		expect((await deleteAccount(h, c.cookies.ines, { password: PASSWORD, deleteContributions: true })).status).toBe(
			200
		);
		const leaves = (await db.get(c.ines.thread, { open_revs: 'all' })) as unknown as Array<{ ok: Stored }>;
		expect(leaves.map((leaf) => leaf.ok._deleted)).toEqual([true, true]);

		// ben replays ines's old first revision and an edit: the store already has them, nothing changes
		const replay = await h.post(
			`/couch/${COMMUNITY_DB}/_bulk_docs`,
			{ docs: [stored, editA], new_edits: false },
			{ cookie: c.cookies.ben }
		);
		expect(replay.status).toBe(201);
		expect(await read(db, c.ines.thread)).toBe(404);
	});

	it('delivers no message to a deleted member: their private database does not come back', async () => {
		const c = await community();
		h = c.h;
		expect((await deleteAccount(h, c.cookies.ines, { password: PASSWORD })).status).toBe(200);
		const message = {
			_id: 'message:01JF0000000000000000000000',
			type: 'message',
			author: 'ben',
			createdAt: new Date().toISOString(),
			to: 'ines',
			body: 'Are you still there?'
		};
		const res = await h.post(`/couch/${userDbName('ben')}/_bulk_docs`, { docs: [message] }, { cookie: c.cookies.ben });
		expect(res.status).toBe(201);
		expect(await h.storage.exists(userDbName('ines'))).toBe(false);
	});

	it('is noticed by the community’s compaction scheduler, after which the deleted bodies are gone', async () => {
		const c = await community();
		h = c.h;
		const planned: Array<() => void> = [];
		const timers: Timers = { set: (fn) => planned.push(fn), clear: () => undefined };
		const scheduler = new CompactionScheduler({
			storage: h.storage,
			dbName: COMMUNITY_DB,
			timers,
			log: () => undefined
		});
		scheduler.start();
		cleanups.push(() => scheduler.stop());
		await scheduler.run('manual'); // after the start's own compaction
		const before = scheduler.runs;
		const db = h.storage.db(COMMUNITY_DB);
		const postRev = ((await db.get(c.ines.post)) as Stored)._rev;
		const edits = planned.length;

		expect((await deleteAccount(h, c.cookies.ines, { password: PASSWORD, deleteContributions: true })).status).toBe(
			200
		);
		await expect.poll(() => planned.length).toBeGreaterThan(edits);
		for (const run of planned.splice(edits)) run(); // the edit timer, and any nightly one
		await scheduler.run('manual');
		expect(scheduler.runs).toBeGreaterThan(before + 1);
		expect(await read(db, c.ines.post, { rev: postRev })).toBe(404);
	});

	it('finishes at the next start a deletion the process did not complete', async () => {
		const c = await community();
		h = c.h;
		await h.auth.users.markDeleted('ines', new Date(), { contributions: true });
		expect(await h.auth.users.pendingDeletions()).toHaveLength(1);
		const verifier = createSignatureVerifier({
			storage: h.storage,
			clock: () => new Date(),
			rolesOf: rolesFromUsers(h.auth.users),
			serverKeys: async () =>
				new Map([[h!.auth.signingKey().kid, (await serverSigner(h!.auth.signingKey())).publicKey]])
		});
		const done = await resumeAccountDeletions({
			storage: h.storage,
			auth: h.auth,
			verifier,
			emails: createEmailStore(h.storage),
			clock: () => new Date()
		});
		expect(done).toEqual(['ines']);
		expect(await h.auth.users.pendingDeletions()).toEqual([]);
		expect(await read(h.storage.db(COMMUNITY_DB), c.ines.thread)).toBe(404);
		expect(await read(h.storage.db(COMMUNITY_DB), 'profile:ines')).toBe(404);
		expect(await h.storage.exists(userDbName('ines'))).toBe(false);
		expect((await h.request('/api/auth/session', { headers: { cookie: c.cookies.ines } })).status).toBe(401);
	});
});

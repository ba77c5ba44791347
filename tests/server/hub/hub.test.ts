// A meetup hub and its upstream over real sockets: members' signed documents written on the hub
// (with hub tokens) reach the upstream, a second member sees them through the hub, documents
// altered or forged on the hub are refused by the upstream, the hub keeps verifying tokens with
// the upstream stopped, a revoked hub gets 401, and the hub's CORS answers only the upstream.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
	exportPublicKey,
	generateDeviceKeys,
	signDoc,
	withSignedRevision,
	type DeviceCertificate,
	type RevisionHistory
} from '../../../src/lib/domain/signing';
import { docId } from '../../../src/lib/domain/ids';
import { seedCategories } from '../../../server/seed';
import { serverSigner } from '../../../server/devices/server-key';
import {
	has,
	localDb,
	login,
	register,
	remoteWithBearer,
	startHub,
	startUpstream,
	waitFor,
	type Node
} from './support';
import type { Hub } from '../../../server/hub/index';

let upstream: Node;
let hub: Node & { hub: Hub };
let credential: string;
const members: Record<string, { cookie: string; hubToken: string; keys: CryptoKeyPair; cert: DeviceCertificate }> = {};

async function member(name: string, registered = true) {
	const cookie = registered ? await register(upstream.base, name) : await login(upstream.base, name);
	const keys = await generateDeviceKeys();
	const certRes = await fetch(`${upstream.base}/api/devices`, {
		method: 'POST',
		headers: { cookie, 'content-type': 'application/json' },
		body: JSON.stringify({ publicKey: await exportPublicKey(keys.publicKey) })
	});
	expect(certRes.status).toBe(201);
	const { certificate } = (await certRes.json()) as { certificate: DeviceCertificate };
	const tokenRes = await fetch(`${upstream.base}/api/auth/hub-token`, { method: 'POST', headers: { cookie } });
	const { token } = (await tokenRes.json()) as { token: string };
	members[name] = { cookie, hubToken: token, keys, cert: certificate };
}

const now = () => new Date().toISOString();

beforeAll(async () => {
	upstream = await startUpstream();
	await seedCategories(upstream.storage, new Date(), await serverSigner(upstream.praxis.auth.signingKey()));
	await member('ana');
	await member('ben');
	// a moderator: granted before the hub's first contact, so the hub knows the role offline
	await register(upstream.base, 'mia');
	await upstream.praxis.auth.users.updateRoles('mia', (roles) => [...roles, 'moderator']);
	upstream.praxis.auth.invalidate('mia');
	await member('mia', false);
	const enrolled = await upstream.praxis.hubs.enrol('hall');
	if (!('credential' in enrolled)) throw new Error(enrolled.refused);
	credential = enrolled.credential;
	hub = await startHub(upstream.base, credential);
	await hub.hub.start();
	await waitFor(
		'certificates and categories on the hub',
		async () => (await has(hub.storage, members.ben.cert._id)) && (await has(hub.storage, 'category:general'))
	);
}, 60_000);

afterAll(async () => {
	await hub?.close();
	await upstream?.close();
});

describe('meetup hub', () => {
	it('relays a member’s signed documents to the upstream, and a second member reads them via the hub', async () => {
		const { keys, cert, hubToken } = members.ana;
		const thread = await signDoc(
			{
				_id: docId('thread'),
				type: 'thread',
				author: 'ana',
				createdAt: now(),
				category: 'general',
				title: 'From the hall',
				body: 'Hello',
				tags: []
			},
			cert._id,
			keys.privateKey
		);
		const post = await signDoc(
			{ _id: docId('post'), type: 'post', author: 'ana', createdAt: now(), thread: thread._id, body: 'First!' },
			cert._id,
			keys.privateKey
		);
		const device = localDb();
		await device.bulkDocs(await Promise.all([thread, post].map((d) => withSignedRevision(d, null))), {
			new_edits: false
		});
		const push = await device.replicate.to(remoteWithBearer(hub.base, hubToken));
		expect(push).toMatchObject({ ok: true, docs_written: 2, doc_write_failures: 0 });

		await waitFor('the post on the upstream', () => has(upstream.storage, post._id));
		const stored = (await upstream.storage.db('community').get(post._id)) as unknown as Record<string, unknown>;
		expect(stored).toMatchObject({ author: 'ana', body: 'First!', signature: post.signature });

		const other = localDb();
		const pull = await other.replicate.from(remoteWithBearer(hub.base, members.ben.hubToken));
		expect(pull.ok).toBe(true);
		expect(await other.get(post._id)).toMatchObject({ body: 'First!' });
		await device.destroy();
		await other.destroy();
	});

	it('lets the upstream refuse documents altered or forged on the hub', async () => {
		const { keys, cert } = members.ana;
		const thread = await signDoc(
			{
				_id: docId('thread'),
				type: 'thread',
				author: 'ana',
				createdAt: now(),
				category: 'general',
				title: 'Honest',
				body: 'Original',
				tags: []
			},
			cert._id,
			keys.privateKey
		);
		const forged = await signDoc(
			{
				_id: docId('thread'),
				type: 'thread',
				author: 'ben',
				createdAt: now(),
				category: 'general',
				title: 'Forged for ben',
				body: 'x',
				tags: []
			},
			cert._id,
			keys.privateKey
		);
		const unsigned = {
			_id: docId('thread'),
			type: 'thread',
			author: 'ana',
			createdAt: now(),
			category: 'general',
			title: 'Unsigned',
			body: 'x',
			tags: []
		};
		const cert2 = { ...members.ben.cert, _id: 'device:01ARZ3NDEKTSV4RRFFQ69G5FAV', author: 'ana' }; // a certificate the hub made up
		const selfIssued = await signDoc(
			{
				_id: docId('thread'),
				type: 'thread',
				author: 'ana',
				createdAt: now(),
				category: 'general',
				title: 'Self-issued',
				body: 'x',
				tags: []
			},
			cert2._id,
			keys.privateKey
		);
		const control = await signDoc(
			{
				_id: docId('thread'),
				type: 'thread',
				author: 'ana',
				createdAt: now(),
				category: 'general',
				title: 'Control',
				body: 'x',
				tags: []
			},
			cert._id,
			keys.privateKey
		);
		// A malicious hub writes straight into its own store, then replicates as usual.
		const db = hub.storage.db('community');
		for (const doc of [{ ...thread, body: 'Altered by the hub' }, forged, selfIssued, control])
			await db.bulkDocs([await withSignedRevision(doc, null)], { new_edits: false });
		await db.put(unsigned);
		await waitFor('the control document on the upstream', () => has(upstream.storage, control._id));
		for (const id of [thread._id, forged._id, unsigned._id, selfIssued._id])
			expect(await has(upstream.storage, id), id).toBe(false);
		await waitFor('the refusals counted', async () => hub.hub.replication()!.status().push.docsRefused >= 4);
		const reasons = hub.logs.filter((l) => l.includes('upstream refused')).join('\n');
		expect(reasons).toContain('altered');
		expect(reasons).toContain('does not belong to the author');
		expect(reasons).toContain('not signed');
	});

	it("relays a moderator's edit of a member's post, and refuses the same edit signed by a plain member", async () => {
		expect(hub.hub.state.roles().get('mia')).toEqual(['member', 'moderator']);
		const sign = <T extends Record<string, unknown>>(name: string, doc: T) =>
			signDoc(doc, members[name].cert._id, members[name].keys.privateKey);
		const thread = await sign('ana', {
			_id: docId('thread'),
			type: 'thread',
			author: 'ana',
			createdAt: now(),
			category: 'general',
			title: 'To moderate',
			body: 'x',
			tags: []
		});
		const anaDevice = localDb();
		await anaDevice.bulkDocs([await withSignedRevision(thread, null)], { new_edits: false });
		expect(await anaDevice.replicate.to(remoteWithBearer(hub.base, members.ana.hubToken))).toMatchObject({
			docs_written: 1,
			doc_write_failures: 0
		});
		await waitFor('the thread on the upstream', () => has(upstream.storage, thread._id));
		const stored = await hub.storage.db('community').get<object>(thread._id);

		// the edit as a device makes it after pulling the thread: revision 2 on top of the stored one
		const parent: RevisionHistory = { start: 1, ids: [stored._rev.split('-')[1]] };
		const edit = { ...thread, body: 'Moderated', updatedAt: now() };
		const signedEdit = async (name: string) =>
			withSignedRevision(
				await signDoc(edit, members[name].cert._id, members[name].keys.privateKey, stored._rev),
				parent
			);
		const benDevice = localDb();
		await benDevice.bulkDocs([await signedEdit('ben')], { new_edits: false } as PouchDB.Core.BulkDocsOptions);
		const refused = await benDevice.replicate.to(remoteWithBearer(hub.base, members.ben.hubToken));
		expect(refused).toMatchObject({ docs_written: 0, doc_write_failures: 1 });
		expect(String((refused.errors[0] as { message?: string }).message)).toMatch(
			/ben may not make this change: only the author or a moderator/
		);

		const miaDevice = localDb();
		await miaDevice.bulkDocs([await signedEdit('mia')], { new_edits: false } as PouchDB.Core.BulkDocsOptions);
		expect(await miaDevice.replicate.to(remoteWithBearer(hub.base, members.mia.hubToken))).toMatchObject({
			docs_written: 1,
			doc_write_failures: 0
		});
		await waitFor(
			'the moderated thread on the upstream',
			async () =>
				((await upstream.storage.db('community').get(thread._id)) as unknown as { body: string }).body === 'Moderated'
		);
		const upstreamDoc = (await upstream.storage.db('community').get(thread._id)) as unknown as Record<string, unknown>;
		expect(upstreamDoc).toMatchObject({
			author: 'ana',
			body: 'Moderated',
			signature: { device: members.mia.cert._id }
		});
		for (const db of [anaDevice, benDevice, miaDevice]) await db.destroy();
	});

	it('refuses writes a hub would author itself', async () => {
		const auth = { authorization: `Bearer ${credential}`, 'content-type': 'application/json' };
		const put = await fetch(`${upstream.base}/couch/community/thread:01ARZ3NDEKTSV4RRFFQ69G5FAV`, {
			method: 'PUT',
			headers: auth,
			body: '{}'
		});
		expect(put.status).toBe(403);
		const userdb = await fetch(`${upstream.base}/couch/userdb-616e61/_bulk_docs`, {
			method: 'POST',
			headers: auth,
			body: JSON.stringify({ docs: [] })
		});
		expect(userdb.status).toBe(403);
		const bad = await fetch(`${upstream.base}/couch/community/_bulk_docs`, {
			method: 'POST',
			headers: auth,
			body: 'nope'
		});
		expect(bad.status).toBe(400);
	});

	it('keeps the upstream keys and revocations and serves CORS to the upstream origin only', async () => {
		const state = JSON.parse(readFileSync(join(hub.dataDir, 'hub-state.json'), 'utf8')) as {
			keys: unknown[];
			upstream: string;
			roles: unknown;
		};
		expect(state.upstream).toBe(upstream.base);
		expect(state.keys).toHaveLength(1);
		expect(state.roles).toEqual({ mia: ['member', 'moderator'] }); // privileged members only
		const preflight = await fetch(`${hub.base}/couch/community/_bulk_docs`, {
			method: 'OPTIONS',
			headers: {
				origin: upstream.base,
				'access-control-request-method': 'POST',
				'access-control-request-headers': 'authorization, content-type',
				'access-control-request-private-network': 'true'
			}
		});
		expect(preflight.status).toBe(204);
		expect(preflight.headers.get('access-control-allow-origin')).toBe(upstream.base);
		expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');
		expect(preflight.headers.get('access-control-allow-private-network')).toBe('true');
		expect(preflight.headers.get('access-control-allow-headers')).toMatch(/authorization/i);
		const foreign = await fetch(`${hub.base}/api/hub`, { headers: { origin: 'https://evil.example' } });
		expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
		const ok = await fetch(`${hub.base}/api/hub`, { headers: { origin: upstream.base } });
		expect(ok.headers.get('access-control-allow-origin')).toBe(upstream.base);
		expect(((await ok.json()) as { name: unknown }).name).toBe('hall'); // the name attendees see
		expect((await fetch(`${hub.base}/api/auth/login`, { method: 'POST' })).status).toBe(403);
	});

	it("answers a browser opening the hub's own pages with the landing page, linking the member's Praxis", async () => {
		// the hub answers itself (the central server may be unreachable from the hall)
		for (const path of ['/', '/login', '/forums']) {
			const page = await fetch(`${hub.base}${path}`, { headers: { accept: 'text/html' }, redirect: 'manual' });
			expect(page.status).toBe(200);
			expect(await page.text()).toContain(`href="${upstream.base}/hub?connect=${encodeURIComponent(hub.base)}"`);
		}
		// the API and files are not pages
		expect((await fetch(`${hub.base}/api/hub`, { headers: { accept: 'text/html' }, redirect: 'manual' })).status).toBe(
			200
		);
		expect((await fetch(`${hub.base}/favicon.svg`, { redirect: 'manual' })).status).not.toBe(302);
	});

	it('starts a waiting upstream link at once for an attendee, never for an anonymous caller', async () => {
		const sync = (headers: Record<string, string> = {}) =>
			fetch(`${hub.base}/api/hub/sync`, { method: 'POST', headers });
		const anonymous = await sync();
		expect(anonymous.status).toBe(401);
		expect(await anonymous.json()).toMatchObject({ error: 'unauthorized' });
		expect((await sync({ authorization: 'Bearer not-a-token' })).status).toBe(401);

		const asAna = await sync({ authorization: `Bearer ${members.ana.hubToken}` });
		expect(asAna.status).toBe(200);
		const body = (await asAna.json()) as { ok: boolean; started: boolean; replication: Record<string, unknown> };
		// whether a direction was waiting depends on the link's moment; the answer says which, and how it is
		expect(body.ok).toBe(true);
		expect(typeof body.started).toBe('boolean');
		expect(body.replication).toMatchObject({
			pull: { state: expect.any(String) },
			push: { state: expect.any(String) }
		});
	});

	it('accepts central session tokens too, until the upstream lists them as revoked (with the hub tokens of that session)', async () => {
		const sessionToken = members.ben.cookie.split('=')[1];
		const asBen = { headers: { authorization: `Bearer ${sessionToken}` } };
		const benHub = { headers: { authorization: `Bearer ${members.ben.hubToken}` } };
		expect((await fetch(`${hub.base}/api/auth/session`, asBen)).status).toBe(200);
		expect((await fetch(`${hub.base}/api/auth/session`, benHub)).status).toBe(200);
		expect(
			(await fetch(`${upstream.base}/api/auth/logout`, { method: 'POST', headers: { cookie: members.ben.cookie } }))
				.status
		).toBe(200);
		expect(await hub.hub.state.refresh()).toBe(true);
		expect((await fetch(`${hub.base}/api/auth/session`, asBen)).status).toBe(401);
		// Signing out a device ends the hub token it was given as well.
		expect((await fetch(`${hub.base}/api/auth/session`, benHub)).status).toBe(401);
		expect(
			(await fetch(`${hub.base}/api/auth/session`, { headers: { authorization: `Bearer ${members.ana.hubToken}` } }))
				.status
		).toBe(200);
	});

	it('gives a revoked hub 401, and keeps verifying members offline once the upstream is gone', async () => {
		expect(
			(await fetch(`${upstream.base}/couch/community`, { headers: { authorization: `Bearer ${credential}` } })).status
		).toBe(200);
		expect(await upstream.praxis.hubs.revoke('hall')).toBe(true);
		expect(
			(await fetch(`${upstream.base}/couch/community`, { headers: { authorization: `Bearer ${credential}` } })).status
		).toBe(401);
		expect(
			(await fetch(`${upstream.base}/api/auth/revocations`, { headers: { authorization: `Bearer ${credential}` } }))
				.status
		).toBe(401);

		await upstream.close();
		const session = await fetch(`${hub.base}/api/auth/session`, {
			headers: { authorization: `Bearer ${members.ana.hubToken}` }
		});
		expect(session.status).toBe(200);
		expect(await session.json()).toMatchObject({ user: { name: 'ana', roles: ['member'] } });
		expect(
			(await fetch(`${hub.base}/api/auth/session`, { headers: { authorization: 'Bearer not-a-token' } })).status
		).toBe(401);
		expect(
			(await fetch(`${hub.base}/couch/community`, { headers: { authorization: `Bearer ${members.ana.hubToken}` } }))
				.status
		).toBe(200);
		expect(existsSync(join(hub.dataDir, 'hub-state.json'))).toBe(true);
	});
});

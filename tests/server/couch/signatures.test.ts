// Gateway enforcement of verified authorship (server/couch/write.ts, issue 7): with
// requireSignatures on (PRAXIS_REQUIRE_SIGNATURES=1), community documents pushed to /couch must
// carry a valid signature of their author; unsigned, altered and forged ones are refused with
// `forbidden` and the reason. Off (this session's default), unsigned documents still pass.
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness';
import { COMMUNITY_DB } from '../../../src/lib/domain/ids';
import { serverSigner } from '../../../server/devices/server-key';
import { createSignatureVerifier } from '../../../server/devices/verify';
import { seedCategories } from '../../../server/seed';
import { certifyTestDevice, signAsTestServer } from '../helpers/signing';
import { category, post, thread } from '../helpers/community-docs';

let h: Harness | null = null;
afterEach(async () => {
	await h?.close();
	h = null;
});

async function setup(required: boolean) {
	const before = process.env.PRAXIS_REQUIRE_SIGNATURES;
	process.env.PRAXIS_REQUIRE_SIGNATURES = required ? '1' : '0';
	try {
		h = createHarness();
	} finally {
		if (before === undefined) delete process.env.PRAXIS_REQUIRE_SIGNATURES;
		else process.env.PRAXIS_REQUIRE_SIGNATURES = before;
	}
	const signer = await serverSigner(h.auth.signingKey());
	await seedCategories(h.storage, new Date(), signer);
	const ana = await h.register('ana');
	const ben = await h.register('ben');
	return { h, ana, ben, anaDevice: await certifyTestDevice(h, ana), benDevice: await certifyTestDevice(h, ben), signer };
}

async function bulk(h: Harness, cookie: string, docs: unknown[], newEdits = true) {
	const res = await h.post(`/couch/${COMMUNITY_DB}/_bulk_docs`, { docs, new_edits: newEdits }, { cookie });
	expect(res.status).toBe(201);
	return (await res.json()) as Array<{ id: string; ok?: boolean; rev?: string; error?: string; reason?: string }>;
}

describe('gateway signature enforcement', () => {
	it('accepts signed documents and refuses unsigned, altered and forged ones (flag on)', async () => {
		const { h, ana, anaDevice, benDevice } = await setup(true);
		const t = thread('ana', { category: 'general' });
		const signed = await anaDevice.sign(t);
		const unsigned = thread('ana');
		const altered = { ...(await anaDevice.sign(thread('ana'))), body: 'changed after signing' };
		const forged = await benDevice.sign(thread('ana')); // ben's key, ana named as author
		const results = await bulk(h, ana, [signed, unsigned, altered, forged]);
		expect(results[0]).toMatchObject({ id: t._id, ok: true });
		expect(results[1]).toMatchObject({ error: 'forbidden', reason: 'the document is not signed' });
		expect(results[2]).toMatchObject({ error: 'forbidden', reason: expect.stringMatching(/altered after signing/) });
		expect(results[3]).toMatchObject({ error: 'forbidden', reason: 'the signing device does not belong to the author' });
		expect((await h.storage.db(COMMUNITY_DB).allDocs({ keys: [unsigned._id, altered._id, forged._id] })).rows.every((r) => 'error' in r)).toBe(true);

		// a single PUT answers 403 with the reason
		const p = post('ana', t._id);
		const put = await h.request(`/couch/${COMMUNITY_DB}/${encodeURIComponent(p._id)}`, { method: 'PUT', headers: { cookie: ana, 'content-type': 'application/json' }, body: JSON.stringify(p) });
		expect(put.status).toBe(403);
		expect(await put.json()).toMatchObject({ error: 'forbidden', reason: 'the document is not signed' });
	});

	it('verifies edits and signed tombstones, refuses an unsigned deletion and a revoked device', async () => {
		const { h, ana, anaDevice } = await setup(true);
		const t = await anaDevice.sign(thread('ana'));
		const [created] = await bulk(h, ana, [t]);
		const edited = await anaDevice.sign({ ...t, _rev: created.rev, title: 'Edited', updatedAt: new Date().toISOString() });
		const [afterEdit] = await bulk(h, ana, [edited]);
		expect(afterEdit).toMatchObject({ ok: true });
		const bare = await bulk(h, ana, [{ _id: t._id, _rev: afterEdit.rev, _deleted: true, type: 'thread', author: 'ana', createdAt: t.createdAt, category: 'general' }]);
		expect(bare[0]).toMatchObject({ error: 'forbidden', reason: 'the document is not signed' });
		const tombstone = await anaDevice.sign({ _id: t._id, _rev: afterEdit.rev, _deleted: true, type: 'thread', author: 'ana', createdAt: t.createdAt, category: 'general' });
		expect((await bulk(h, ana, [tombstone]))[0]).toMatchObject({ ok: true });

		const del = await h.request(`/api/devices/${encodeURIComponent(anaDevice.certificate._id)}`, { method: 'DELETE', headers: { cookie: ana } });
		expect(del.status).toBe(200);
		const late = await bulk(h, ana, [await anaDevice.sign(thread('ana'))]);
		expect(late[0]).toMatchObject({ error: 'forbidden', reason: expect.stringMatching(/revoked/) });
	});

	it('keeps server-signed documents (seeds) verifying, and refuses a server signature over altered content', async () => {
		const { h, signer } = await setup(true);
		const verifier = createSignatureVerifier({ storage: h.storage, serverKeys: async () => new Map([[signer.kid, signer.publicKey]]) });
		const seeded = (await h.storage.db(COMMUNITY_DB).allDocs({ include_docs: true, startkey: 'category:', endkey: 'category:\ufff0' })).rows;
		expect(seeded.length).toBeGreaterThan(0);
		for (const row of seeded) expect((await verifier.verify(row.doc as unknown as Record<string, unknown>)).ok).toBe(true);
		const cat = await signAsTestServer(h.auth, category('praxis', 'extra'));
		expect((await verifier.verify({ ...cat, name: 'Altered' })).ok).toBe(false);
	});

	it('accepts a document another member signed, relayed by a device, as its signing member', async () => {
		const { h, ana, ben, benDevice } = await setup(true);
		const bens = await benDevice.sign({ ...thread('ben'), _rev: '1-abc', _revisions: { start: 1, ids: ['abc'] } });
		const res = await bulk(h, ana, [bens], false); // as a replicator pushes: new_edits=false
		expect(res).toEqual([]);
		expect(await h.storage.db(COMMUNITY_DB).get(bens._id)).toMatchObject({ author: 'ben', _rev: '1-abc' });
		// still judged as ben: ana cannot relay ben's edit of a category (ben is no moderator)
		const cat = await benDevice.sign({ ...category('ben', 'bens-own'), _rev: '1-def', _revisions: { start: 1, ids: ['def'] } });
		const refused = await bulk(h, ana, [cat], false);
		expect(refused[0]).toMatchObject({ id: 'category:bens-own', error: 'forbidden' });
		void ben;
	});

	it('lets unsigned documents through when the flag is off (this session’s default)', async () => {
		const { h, ana, benDevice } = await setup(false);
		expect((await bulk(h, ana, [thread('ana')]))[0]).toMatchObject({ ok: true });
		// relays still work (signed by ben, pushed by ana's device); forgeries are still refused
		const relayed = await benDevice.sign(thread('ben'));
		const forged = { ...(await benDevice.sign(thread('ben'))), body: 'altered' };
		const results = await bulk(h, ana, [relayed, forged, thread('ben')]);
		expect(results[0]).toMatchObject({ ok: true });
		expect(results[1]).toMatchObject({ error: 'forbidden' });
		expect(results[2]).toMatchObject({ error: 'forbidden', reason: expect.stringMatching(/author must be the signed-in member/) });
	});
});

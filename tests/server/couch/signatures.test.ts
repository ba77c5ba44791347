// Gateway enforcement of verified authorship (server/couch/write.ts): with
// requireSignatures on (the default; PRAXIS_REQUIRE_SIGNATURES=0 turns it off), community
// documents pushed to /couch must carry a valid signature of their author (or of a member allowed
// to make the change); unsigned, altered and forged ones are refused with `forbidden` and the
// reason. Off, unsigned documents still pass.
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness';
import { COMMUNITY_DB } from '../../../src/lib/domain/ids';
import { fileSha256, FILES_DB } from '../../../src/lib/domain/files';
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
	h = createHarness({ requireSignatures: required });
	const signer = await serverSigner(h.auth.signingKey());
	await seedCategories(h.storage, new Date(), signer);
	const ana = await h.register('ana');
	const ben = await h.register('ben');
	return {
		h,
		ana,
		ben,
		anaDevice: await certifyTestDevice(h, ana),
		benDevice: await certifyTestDevice(h, ben),
		signer
	};
}

async function bulk(h: Harness, cookie: string, docs: unknown[], newEdits = true, db = COMMUNITY_DB) {
	const res = await h.post(`/couch/${db}/_bulk_docs`, { docs, new_edits: newEdits }, { cookie });
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
		expect(results[3]).toMatchObject({
			error: 'forbidden',
			reason: expect.stringMatching(
				/^the signing device does not belong to the author, and ben may not make this change: author must be/
			)
		});
		expect(
			(await h.storage.db(COMMUNITY_DB).allDocs({ keys: [unsigned._id, altered._id, forged._id] })).rows.every(
				(r) => 'error' in r
			)
		).toBe(true);

		// a single PUT answers 403 with the reason
		const p = post('ana', t._id);
		const put = await h.request(`/couch/${COMMUNITY_DB}/${encodeURIComponent(p._id)}`, {
			method: 'PUT',
			headers: { cookie: ana, 'content-type': 'application/json' },
			body: JSON.stringify(p)
		});
		expect(put.status).toBe(403);
		expect(await put.json()).toMatchObject({ error: 'forbidden', reason: 'the document is not signed' });
	});

	it('verifies edits and signed tombstones, refuses an unsigned deletion and a revoked device', async () => {
		const { h, ana, anaDevice } = await setup(true);
		const t = await anaDevice.sign(thread('ana'));
		const [created] = await bulk(h, ana, [t]);
		const edited = await anaDevice.sign({
			...t,
			_rev: created.rev,
			title: 'Edited',
			updatedAt: new Date().toISOString()
		});
		const [afterEdit] = await bulk(h, ana, [edited]);
		expect(afterEdit).toMatchObject({ ok: true });
		const bare = await bulk(h, ana, [
			{
				_id: t._id,
				_rev: afterEdit.rev,
				_deleted: true,
				type: 'thread',
				author: 'ana',
				createdAt: t.createdAt,
				category: 'general'
			}
		]);
		expect(bare[0]).toMatchObject({ error: 'forbidden', reason: 'the document is not signed' });
		const tombstone = await anaDevice.sign({
			_id: t._id,
			_rev: afterEdit.rev,
			_deleted: true,
			type: 'thread',
			author: 'ana',
			createdAt: t.createdAt,
			category: 'general'
		});
		expect((await bulk(h, ana, [tombstone]))[0]).toMatchObject({ ok: true });

		const del = await h.request(`/api/devices/${encodeURIComponent(anaDevice.certificate._id)}`, {
			method: 'DELETE',
			headers: { cookie: ana }
		});
		expect(del.status).toBe(200);
		const late = await bulk(h, ana, [await anaDevice.sign(thread('ana'))]);
		expect(late[0]).toMatchObject({ error: 'forbidden', reason: expect.stringMatching(/revoked/) });
	});

	it('keeps server-signed documents (seeds) verifying, and refuses a server signature over altered content', async () => {
		const { h, signer } = await setup(true);
		const verifier = createSignatureVerifier({
			storage: h.storage,
			serverKeys: async () => new Map([[signer.kid, signer.publicKey]])
		});
		const seeded = (
			await h.storage.db(COMMUNITY_DB).allDocs({ include_docs: true, startkey: 'category:', endkey: 'category:\ufff0' })
		).rows;
		expect(seeded.length).toBeGreaterThan(0);
		for (const row of seeded)
			expect((await verifier.verify(row.doc as unknown as Record<string, unknown>)).ok).toBe(true);
		const cat = await signAsTestServer(h.auth, category('praxis', 'extra'));
		expect((await verifier.verify({ ...cat, name: 'Altered' })).ok).toBe(false);
	});

	it('accepts a document another member signed, relayed by a device, as its signing member', async () => {
		const { h, ana, ben, benDevice } = await setup(true);
		const bens = await benDevice.signRevision(thread('ben'));
		const res = await bulk(h, ana, [bens], false); // as a replicator pushes: new_edits=false
		expect(res).toEqual([]);
		expect(await h.storage.db(COMMUNITY_DB).get(bens._id)).toMatchObject({ author: 'ben', _rev: bens._rev });
		// still judged as ben: ana cannot relay ben's edit of a category (ben is no moderator)
		const cat = await benDevice.signRevision(category('ben', 'bens-own'));
		const refused = await bulk(h, ana, [cat], false);
		expect(refused[0]).toMatchObject({ id: 'category:bens-own', error: 'forbidden' });
		void ben;
	});

	it('lets unsigned documents through when the flag is off (PRAXIS_REQUIRE_SIGNATURES=0)', async () => {
		const { h, ana, benDevice } = await setup(false);
		expect((await bulk(h, ana, [thread('ana')]))[0]).toMatchObject({ ok: true });
		// relays still work (signed by ben, pushed by ana's device); forgeries are still refused
		const relayed = await benDevice.sign(thread('ben'));
		const forged = { ...(await benDevice.sign(thread('ben'))), body: 'altered' };
		const results = await bulk(h, ana, [relayed, forged, thread('ben')]);
		expect(results[0]).toMatchObject({ ok: true });
		expect(results[1]).toMatchObject({ error: 'forbidden' });
		expect(results[2]).toMatchObject({
			error: 'forbidden',
			reason: expect.stringMatching(/author must be the signed-in member/)
		});
	});

	it("accepts a moderator's edit and deletion of a member's post signed by the moderator's device, refuses a plain member's", async () => {
		const { h, ana, anaDevice, benDevice } = await setup(true);
		const mod = await h.register('mod');
		await h.auth.users.updateRoles('mod', (roles) => [...roles, 'moderator']);
		h.auth.invalidate('mod');
		const modDevice = await certifyTestDevice(h, mod);
		const t = await anaDevice.sign(thread('ana'));
		const p = await anaDevice.sign(post('ana', t._id));
		const created = await bulk(h, ana, [t, p]);
		expect(created.every((r) => r.ok)).toBe(true);

		const edit = { ...p, _rev: created[1].rev, body: 'Edited by a moderator', updatedAt: new Date().toISOString() };
		// a plain member's device signing the same edit is refused, with who and why
		const byBen = await bulk(h, ana, [await benDevice.sign(edit)]);
		expect(byBen[0]).toEqual({
			id: p._id,
			error: 'forbidden',
			reason:
				'the signing device does not belong to the author, and ben may not make this change: only the author or a moderator may change or delete this document'
		});
		// the moderator pushing their own signed edit
		const [edited] = await bulk(h, mod, [await modDevice.sign(edit)]);
		expect(edited).toMatchObject({ id: p._id, ok: true });
		const stored = (await h.storage.db(COMMUNITY_DB).get(p._id)) as Record<string, unknown>;
		expect(stored).toMatchObject({
			author: 'ana',
			body: 'Edited by a moderator',
			signature: { device: modDevice.certificate._id }
		});
		// the same edit relayed by ana's device (pulled from a hub) is judged as the moderator
		const tombstone = await modDevice.sign({
			_id: t._id,
			_rev: created[0].rev,
			_deleted: true,
			type: 'thread',
			author: 'ana',
			createdAt: t.createdAt,
			category: 'general'
		});
		expect((await bulk(h, ana, [tombstone]))[0]).toMatchObject({ id: t._id, ok: true });
		// once the moderator loses the role, their device's signature no longer covers others' posts
		await h.auth.users.updateRoles('mod', (roles) => roles.filter((r) => r !== 'moderator'));
		h.auth.invalidate('mod');
		const again = await bulk(h, ana, [await modDevice.sign({ ...edit, _rev: edited.rev, body: 'Again' })]);
		expect(again[0]).toMatchObject({
			error: 'forbidden',
			reason: expect.stringMatching(/mod may not make this change: only the author or a moderator/)
		});
	});

	describe('library files', () => {
		const bytes = Buffer.from('%PDF-1.4\nA signed guide\n');
		const fileFields = async (author: string, id = 'file:01JEEEEEEEEEEEEEEEEEEEEEE1') => ({
			_id: id,
			type: 'file',
			author,
			createdAt: new Date().toISOString(),
			name: 'guide.pdf',
			contentType: 'application/pdf',
			size: bytes.length,
			sha256: await fileSha256(new Uint8Array(bytes))
		});
		const withContent = <T extends object>(doc: T, content: Buffer = bytes) => ({
			...doc,
			_attachments: { file: { content_type: 'application/pdf', data: content.toString('base64') } }
		});

		it('accepts a file signed over its content digest, refuses tampered content, unsigned or undigested files', async () => {
			const { h, ana, anaDevice, benDevice } = await setup(true);
			const good = withContent(await anaDevice.sign(await fileFields('ana')));
			const tampered = withContent(
				await anaDevice.sign(await fileFields('ana', 'file:01JEEEEEEEEEEEEEEEEEEEEEE2')),
				Buffer.from('%PDF-1.4\nSomething else\n')
			);
			const unsigned = withContent(await fileFields('ana', 'file:01JEEEEEEEEEEEEEEEEEEEEEE3'));
			const { sha256: _, ...undigestedFields } = await fileFields('ana', 'file:01JEEEEEEEEEEEEEEEEEEEEEE4');
			const undigested = withContent(await anaDevice.sign(undigestedFields));
			const byBen = withContent(await benDevice.sign(await fileFields('ana', 'file:01JEEEEEEEEEEEEEEEEEEEEEE5')));
			const results = await bulk(h, ana, [good, tampered, unsigned, undigested, byBen], true, FILES_DB);
			expect(results[0]).toMatchObject({ id: good._id, ok: true });
			expect(results[1]).toMatchObject({
				error: 'forbidden',
				reason: 'the file content does not match its signed sha256 (altered after signing?)'
			});
			expect(results[2]).toMatchObject({ error: 'forbidden', reason: 'the document is not signed' });
			expect(results[3]).toMatchObject({
				error: 'forbidden',
				reason: 'a signed file needs its sha256, so the signature covers its content'
			});
			expect(results[4]).toMatchObject({
				error: 'forbidden',
				reason: expect.stringMatching(/does not belong to the author/)
			});
			const stored = (await h.storage.db(FILES_DB).allDocs({ keys: results.slice(1).map((r) => r.id) })).rows;
			expect(stored.every((r) => 'error' in r)).toBe(true);

			// replacing the stored file's bytes through the attachment route keeps the old signature: refused
			const put = await h.request(`/couch/${FILES_DB}/${good._id}/file?rev=${results[0].rev}`, {
				method: 'PUT',
				headers: { cookie: ana, 'content-type': 'application/pdf' },
				body: new Uint8Array(Buffer.from('%PDF-1.4\nSwapped\n'))
			});
			expect(put.status).toBe(403);
			expect(await put.json()).toMatchObject({ reason: expect.stringMatching(/does not match its signed sha256/) });
			// a signed edit of the fields that leaves the attachment as a stub is checked against the stored bytes
			const { _attachments: stub } = (await h.storage.db(FILES_DB).get(good._id)) as { _attachments: object };
			const rename = {
				...(await anaDevice.sign({ ...(await fileFields('ana')), createdAt: good.createdAt, name: 'renamed.pdf' })),
				_rev: results[0].rev,
				_attachments: stub
			};
			expect((await bulk(h, ana, [rename], true, FILES_DB))[0]).toMatchObject({ ok: true });
		});

		it('takes unsigned files when signatures are not required (PRAXIS_REQUIRE_SIGNATURES=0)', async () => {
			const { h, ana } = await setup(false);
			expect((await bulk(h, ana, [withContent(await fileFields('ana'))], true, FILES_DB))[0]).toMatchObject({
				ok: true
			});
		});
	});
});

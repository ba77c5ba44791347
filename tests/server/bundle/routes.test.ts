// POST /api/bundles (server/bundle/routes.ts): a member opens an updates file on the server through
// the web; documents are applied as their signing member; a tampered file gets 400 with the reason.
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness';
import { COMMUNITY_DB } from '../../../src/lib/domain/ids';
import { writeBundle } from '../../../src/lib/bundle/index';
import { serverSigner } from '../../../server/devices/server-key';
import { seedCategories } from '../../../server/seed';
import { certifyTestDevice } from '../helpers/signing';
import { thread } from '../helpers/community-docs';

let h: Harness | null = null;
afterEach(async () => {
	await h?.close();
	h = null;
});

describe('POST /api/bundles', () => {
	it('applies a member bundle, re-opening changes nothing, refuses tampering and anonymous callers', async () => {
		h = createHarness();
		await seedCategories(h.storage, new Date(), await serverSigner(h.auth.signingKey()));
		const ana = await h.register('ana');
		const ben = await h.register('ben');
		const device = await certifyTestDevice(h, ana);
		const t = await device.signRevision(thread('ana'));
		const bytes = await writeBundle(
			[{ ...device.certificate, _rev: '1-cc' }, t],
			{ author: 'ana', since: null, created: new Date().toISOString(), device: device.certificate._id },
			(b) => crypto.subtle.sign({ name: 'Ed25519' }, device.keys.privateKey, b)
		);
		const upload = (body: Uint8Array<ArrayBuffer>, headers: Record<string, string> = {}) =>
			h!.request('/api/bundles', { method: 'POST', headers: { 'content-type': 'application/gzip', ...headers }, body });

		expect((await upload(bytes)).status).toBe(401);
		const first = await upload(bytes, { cookie: ben }); // the uploader does not matter: ana signed it
		expect(first.status).toBe(200);
		expect(await first.json()).toEqual({
			ok: true,
			received: 2,
			stored: 2,
			held: 0,
			refused: [],
			from: 'ana',
			summary: '2 new, 0 already here.'
		});
		expect(await h.storage.db(COMMUNITY_DB).get(t._id)).toMatchObject({ author: 'ana', _rev: t._rev });
		const info = await h.storage.db(COMMUNITY_DB).info();
		const again = await upload(bytes, { cookie: ben });
		expect(again.status).toBe(200);
		// the same file again: nothing new, nothing refused
		expect(await again.json()).toEqual({
			ok: true,
			received: 2,
			stored: 0,
			held: 2,
			refused: [],
			from: 'ana',
			summary: 'Nothing new: all 2 documents were already here.'
		});
		expect((await h.storage.db(COMMUNITY_DB).info()).doc_count).toBe(info.doc_count);

		// a byte changed or the end cut off in copying: damaged, not "the wrong kind of file"
		const bad = bytes.slice();
		bad[Math.floor(bad.length / 2)] ^= 0x40;
		const refused = await upload(bad, { cookie: ana });
		expect(refused.status).toBe(400);
		expect(await refused.json()).toMatchObject({
			error: 'bad_request',
			reason: expect.stringMatching(/^The file is damaged/)
		});
		const cut = await upload(bytes.slice(0, bytes.length - 10), { cookie: ana });
		expect(await cut.json()).toMatchObject({
			error: 'bad_request',
			reason: expect.stringMatching(/^The file is damaged: it was cut short/)
		});
		const other = await upload(new TextEncoder().encode('name,region\nAna,North') as Uint8Array<ArrayBuffer>, {
			cookie: ana
		});
		expect(await other.json()).toMatchObject({
			error: 'bad_request',
			reason: expect.stringMatching(/not a Praxis updates file/)
		});
		expect((await upload(new Uint8Array(0), { cookie: ana })).status).toBe(400);
		expect((await h.storage.db(COMMUNITY_DB).info()).doc_count).toBe(info.doc_count);
	});

	it("applies a moderator's signed edit of a member's thread from a bundle, and skips the same edit by a plain member", async () => {
		h = createHarness();
		await seedCategories(h.storage, new Date(), await serverSigner(h.auth.signingKey()));
		const ana = await h.register('ana');
		const ben = await h.register('ben');
		const mod = await h.register('mod');
		await h.auth.users.updateRoles('mod', (roles) => [...roles, 'moderator']);
		const [anaDevice, benDevice, modDevice] = [
			await certifyTestDevice(h, ana),
			await certifyTestDevice(h, ben),
			await certifyTestDevice(h, mod)
		];
		const original = await anaDevice.signRevision(thread('ana'));
		await h.storage.db(COMMUNITY_DB).bulkDocs([original], { new_edits: false });
		const { _rev: _, _revisions: __, signature: ___, ...content } = original;
		const edit = { ...content, body: 'Edited from the hall', updatedAt: new Date().toISOString() };
		const modEdit = await modDevice.signRevision(edit, original._revisions);
		const bundle = async (device: typeof modDevice, name: string) =>
			writeBundle(
				[
					{ ...device.certificate, _rev: '1-cc' },
					name === 'mod' ? modEdit : await device.signRevision(edit, original._revisions)
				],
				{ author: name, since: null, created: new Date().toISOString(), device: device.certificate._id },
				(b) => crypto.subtle.sign({ name: 'Ed25519' }, device.keys.privateKey, b)
			);
		const upload = async (body: Uint8Array<ArrayBuffer>) =>
			(
				await h!.request('/api/bundles', {
					method: 'POST',
					headers: { 'content-type': 'application/gzip', cookie: ana },
					body
				})
			).json();

		expect(await upload(await bundle(benDevice, 'ben'))).toMatchObject({
			ok: true,
			stored: 1,
			held: 0,
			summary: '1 new, 0 already here, 1 refused (the reason is given for each).',
			refused: [
				{
					id: original._id,
					reason: expect.stringMatching(/ben may not make this change: only the author or a moderator/)
				}
			]
		});
		expect(await h.storage.db(COMMUNITY_DB).get(original._id)).toMatchObject({ _rev: original._rev });
		expect(await upload(await bundle(modDevice, 'mod'))).toMatchObject({ ok: true, refused: [] });
		expect(await h.storage.db(COMMUNITY_DB).get(original._id)).toMatchObject({
			_rev: modEdit._rev,
			author: 'ana',
			body: 'Edited from the hall',
			signature: { device: modDevice.certificate._id }
		});
	});
});

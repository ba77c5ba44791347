// A community for account deletion tests: ines (whose account is deleted) and ben, each with a
// certified device, a thread by each, replies across, votes, and ines's library file.
import { expect } from 'vitest';
import { createHarness, PASSWORD, type Harness, type HarnessOptions } from '../support/harness';
import { COMMUNITY_DB, docId, voteId } from '../../../src/lib/domain/ids';
import { FILES_DB, fileSha256 } from '../../../src/lib/domain/files';
import { serverSigner } from '../../../server/devices/server-key';
import { seedCategories } from '../../../server/seed';
import { certifyTestDevice, type TestDevice } from '../helpers/signing';
import { post, thread } from '../helpers/community-docs';

export { PASSWORD };

export interface Community {
	h: Harness;
	cookies: { ines: string; ben: string };
	devices: { ines: TestDevice; ben: TestDevice };
	/** ids of documents written by each member */
	ines: { thread: string; post: string; vote: string; file: string };
	ben: { thread: string; post: string; vote: string };
}

/** Writes signed first revisions through the gateway (new_edits=false), as the app's replication does. */
export async function push(
	h: Harness,
	cookie: string,
	device: TestDevice,
	docs: Array<Record<string, unknown>>
): Promise<void> {
	const signed = await Promise.all(docs.map((doc) => device.signRevision(doc)));
	const res = await h.post(`/couch/${COMMUNITY_DB}/_bulk_docs`, { docs: signed, new_edits: false }, { cookie });
	expect(res.status).toBe(201);
	expect(await res.json()).toEqual([]);
}

/** A small PNG: a library file's bytes. */
const PNG = Buffer.from(
	'89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201ffa1b5e40000000049454e44ae426082',
	'hex'
);

async function fileDoc(author: string): Promise<Record<string, unknown>> {
	return {
		_id: docId('file'),
		type: 'file',
		author,
		createdAt: new Date().toISOString(),
		name: 'plan.png',
		contentType: 'image/png',
		size: PNG.length,
		sha256: await fileSha256(new Uint8Array(PNG)),
		_attachments: { file: { content_type: 'image/png', data: PNG.toString('base64') } }
	};
}

export async function community(options: HarnessOptions = {}): Promise<Community> {
	const h = createHarness(options);
	await seedCategories(h.storage, new Date(), await serverSigner(h.auth.signingKey()));
	const cookies = { ines: await h.register('ines'), ben: await h.register('ben') };
	const devices = { ines: await certifyTestDevice(h, cookies.ines), ben: await certifyTestDevice(h, cookies.ben) };
	const inesThread = thread('ines', { title: 'Permits in winter' });
	const benThread = thread('ben', { title: 'Road salt' });
	const inesPost = post('ines', benThread._id, { body: 'We pre-wet it.' });
	const benPost = post('ben', inesThread._id, { body: 'Same here.' });
	const now = new Date().toISOString();
	const inesVote = {
		_id: voteId(benThread._id, 'ines'),
		type: 'vote',
		author: 'ines',
		createdAt: now,
		target: benThread._id,
		value: 1
	};
	const benVote = {
		_id: voteId(inesThread._id, 'ben'),
		type: 'vote',
		author: 'ben',
		createdAt: now,
		target: inesThread._id,
		value: 1
	};
	await push(h, cookies.ines, devices.ines, [inesThread, inesPost, inesVote]);
	await push(h, cookies.ben, devices.ben, [benThread, benPost, benVote]);
	const file = await fileDoc('ines');
	const stored = await h.post(
		`/couch/${FILES_DB}/_bulk_docs`,
		{ docs: [await devices.ines.sign(file)] },
		{ cookie: cookies.ines }
	);
	expect(await stored.json()).toMatchObject([{ ok: true }]);
	return {
		h,
		cookies,
		devices,
		ines: { thread: inesThread._id, post: inesPost._id, vote: inesVote._id, file: String(file._id) },
		ben: { thread: benThread._id, post: benPost._id, vote: benVote._id }
	};
}

/** POST /api/account/delete as the member whose session `cookie` is given. */
export function deleteAccount(
	h: Harness,
	cookie: string,
	body: unknown,
	headers: Record<string, string> = {}
): Promise<Response> {
	return h.post('/api/account/delete', body, { cookie, ...headers });
}

/** Every document of `db` (leaves' winners, deleted ones included) by id: `{rev, deleted}`. */
export async function revisions(
	h: Harness,
	db = COMMUNITY_DB
): Promise<Map<string, { rev: string; deleted: boolean; author?: unknown }>> {
	const res = await h.storage.db(db).changes({ include_docs: true, style: 'main_only' });
	return new Map(
		res.results.map((r) => [
			r.id,
			{
				rev: r.changes[0].rev,
				deleted: r.deleted === true,
				author: (r.doc as { author?: unknown } | undefined)?.author
			}
		])
	);
}

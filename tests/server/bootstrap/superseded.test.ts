// The bootstrap snapshot never serves a revision that an edit or deletion has superseded since it
// was built: hide a bio, fetch the snapshot at once, and the old bio is not in it; replicating from
// the snapshot's seq brings the current profile (a tail after the snapshot's parts brings it to a
// new member).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { createHarness, type Harness } from '../support/harness';
import { certifyTestDevice, type TestDevice } from '../helpers/signing';
import { seedCategories } from '../../../server/seed';
import { post, thread } from '../helpers/community-docs';
import { parseSnapshot } from './support';

const URL = '/api/bootstrap/community';
const OLD_BIO = 'OLD BIO: ring me on 0612 345 678';
let h: Harness;
let ana: string;
let reader: string;
let device: TestDevice;

beforeEach(async () => {
	h = createHarness();
	await seedCategories(h.storage, new Date());
	ana = await h.register('ana');
	reader = await h.register('reader');
	device = await certifyTestDevice(h, ana);
});
afterEach(() => h.close());

async function put(doc: Record<string, unknown>): Promise<string> {
	const res = await h.request(`/couch/community/${encodeURIComponent(String(doc._id))}`, {
		method: 'PUT',
		headers: { cookie: ana, 'content-type': 'application/json' },
		body: JSON.stringify(await device.sign(doc))
	});
	expect(res.status, await res.clone().text()).toBe(201);
	return ((await res.json()) as { rev: string }).rev;
}

const snapshot = async (query = '') => {
	const text = await (await h.request(URL + query, { headers: { cookie: reader } })).text();
	return { text, ...parseSnapshot(text) };
};

describe('the bootstrap snapshot after an edit', () => {
	it('holds no bio that was hidden after it was built, and the changes since its seq bring the profile', async () => {
		const profile = (await h.storage.db('community').get('profile:ana')) as Record<string, unknown>;
		const shown = await put({ ...profile, bio: OLD_BIO, updatedAt: new Date().toISOString() });
		const before = await snapshot();
		expect(before.text).toContain(OLD_BIO);

		const { bio: _hidden, ...rest } = { ...profile, _rev: shown, bio: OLD_BIO };
		void _hidden;
		const hidden = await put({ ...rest, updatedAt: new Date().toISOString() });
		const after = await snapshot();
		expect(after.text).not.toContain(OLD_BIO);
		// the same snapshot, rewritten where it held the profile, and a tail with its current revision
		expect(after.header.seq).toBe((await h.storage.db('community').info()).update_seq);
		expect(after.header.parts).toBe(before.header.parts + 1);
		expect(after.header.docs).toBe(before.header.docs);
		expect(after.parts.at(-1)?.docs.map((d) => `${d._id} ${d._rev}`)).toEqual([`profile:ana ${hidden}`]);
		// resuming that snapshot from any part, in any encoding, is rewritten too
		const resumed = await h.request(`${URL}?seq=${before.header.seq}&from=0`, {
			headers: { cookie: reader, 'accept-encoding': 'gzip' }
		});
		expect(gunzipSync(new Uint8Array(await resumed.arrayBuffer())).toString()).not.toContain(OLD_BIO);
		const plain = await snapshot(`?seq=${before.header.seq}&from=0`);
		expect(plain.text).not.toContain(OLD_BIO);

		const changes = await h.request(`/couch/community/_changes?since=${before.header.seq}&include_docs=true`, {
			headers: { cookie: reader }
		});
		const { results } = (await changes.json()) as { results: Array<{ id: string; doc: Record<string, unknown> }> };
		expect(results.find((r) => r.id === 'profile:ana')?.doc).toMatchObject({ _rev: hidden, displayName: 'ana' });
		expect(results.find((r) => r.id === 'profile:ana')?.doc).not.toHaveProperty('bio');
	});

	it('holds no post text edited or deleted after it was built', async () => {
		const t = thread('ana');
		await put(t);
		const edited = post('ana', t._id, { body: 'FIRST DRAFT of the reply' });
		const gone = post('ana', t._id, { body: 'A REPLY later deleted' });
		const editedRev = await put(edited);
		const goneRev = await put(gone);
		const gzip = { cookie: reader, 'accept-encoding': 'gzip' };
		await h.request(URL, { headers: gzip }); // a compressed range is kept for the next member
		expect((await snapshot()).text).toContain('FIRST DRAFT');

		await put({ ...edited, _rev: editedRev, body: 'Second draft', updatedAt: new Date().toISOString() });
		await put({
			_id: gone._id,
			_rev: goneRev,
			_deleted: true,
			type: 'post',
			author: 'ana',
			createdAt: gone.createdAt,
			thread: t._id
		});
		const after = await snapshot();
		expect(after.text).not.toContain('FIRST DRAFT');
		expect(after.text).not.toContain('later deleted');
		const compressed = await h.request(URL, { headers: gzip });
		const decoded = gunzipSync(new Uint8Array(await compressed.arrayBuffer())).toString();
		expect(decoded).not.toContain('FIRST DRAFT');
		expect(
			parseSnapshot(decoded)
				.parts.flatMap((p) => p.docs)
				.some((d) => d._id === t._id)
		).toBe(true); // untouched documents stay
	});
});

// Signed writes on a device (pouch/signed-revisions.ts): every revision the store writes is the
// one its signature names (what the server checks), and `put`'s answers are kept: 409 on a stale
// or unknown `_rev` or over a live document, a new document over a deleted one continues it.
import { describe, expect, it } from 'vitest';
import PouchDB from 'pouchdb';
import memory from 'pouchdb-adapter-memory';
import { checkSignedRevision, generateDeviceKeys, signDoc } from '../../../../src/lib/domain/signing';
import { putSigned, type SignFor } from '../../../../src/lib/pouch/signed-revisions';

PouchDB.plugin(memory);

async function setup() {
	const db = new PouchDB(`signed-revisions-${process.pid}-${Math.random()}`, { adapter: 'memory' });
	const keys = await generateDeviceKeys();
	const sign: SignFor = (doc, parent) => signDoc(doc, 'device:01J0000000000000000000000D', keys.privateKey, parent);
	return { db, sign };
}

async function placed(db: PouchDB.Database, id: string, rev: string) {
	const doc = (await db.get(id, { rev, revs: true })) as unknown as Record<string, unknown>;
	return checkSignedRevision(doc);
}

describe('signed writes into a replica', () => {
	it('stores each revision under the id its signature fixes, bound to its parent', async () => {
		const { db, sign } = await setup();
		const first = await putSigned(db, { _id: 'thread:a', type: 'thread', title: 'One' }, sign);
		expect(first).toMatch(/^1-[0-9a-f]{32}$/);
		expect(await placed(db, 'thread:a', first)).toEqual({ ok: true });
		const second = await putSigned(db, { _id: 'thread:a', _rev: first, type: 'thread', title: 'Two' }, sign);
		expect(second).toMatch(/^2-/);
		expect(await placed(db, 'thread:a', second)).toEqual({ ok: true });
		expect((await db.get('thread:a')) as unknown).toMatchObject({ title: 'Two', signature: { parent: first } });

		// the same content again is a different revision: its parent differs
		const third = await putSigned(db, { _id: 'thread:a', _rev: second, type: 'thread', title: 'One' }, sign);
		expect(third.split('-')[1]).not.toBe(first.split('-')[1]);
	});

	it('answers 409 like put does, and continues a deleted document', async () => {
		const { db, sign } = await setup();
		const first = await putSigned(db, { _id: 'vote:x', type: 'vote', value: 1 }, sign);
		await expect(putSigned(db, { _id: 'vote:x', type: 'vote', value: -1 }, sign)).rejects.toMatchObject({
			status: 409
		});
		await expect(putSigned(db, { _id: 'vote:x', _rev: '1-0000', type: 'vote', value: -1 }, sign)).rejects.toMatchObject(
			{ status: 409 }
		);
		const gone = await putSigned(db, { _id: 'vote:x', _rev: first, _deleted: true, type: 'vote' }, sign);
		await expect(db.get('vote:x')).rejects.toMatchObject({ status: 404 });
		const again = await putSigned(db, { _id: 'vote:x', type: 'vote', value: 1 }, sign);
		expect(again).toMatch(/^3-/);
		expect(await db.get('vote:x', { revs: true })).toMatchObject({
			value: 1,
			signature: { parent: gone },
			_revisions: { start: 3 }
		});
		expect(await placed(db, 'vote:x', again)).toEqual({ ok: true });
	});

	it('writes one revision at a time per document: two edits at once do not branch', async () => {
		const { db, sign } = await setup();
		const first = await putSigned(db, { _id: 'post:a', type: 'post', body: 'x' }, sign);
		const outcomes = await Promise.allSettled([
			putSigned(db, { _id: 'post:a', _rev: first, type: 'post', body: 'y' }, sign),
			putSigned(db, { _id: 'post:a', _rev: first, type: 'post', body: 'z' }, sign)
		]);
		expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
		expect(((await db.get('post:a', { conflicts: true })) as { _conflicts?: string[] })._conflicts).toBeUndefined();
	});

	it('is a plain put when the device cannot sign yet', async () => {
		const { db } = await setup();
		const rev = await putSigned(db, { _id: 'thread:u', type: 'thread' }, async () => null);
		expect(await db.get('thread:u')).toMatchObject({ _rev: rev });
		expect((await db.get('thread:u')) as unknown).not.toHaveProperty('signature');
	});
});

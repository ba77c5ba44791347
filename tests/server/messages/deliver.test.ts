// Acceptance: a message written to the sender's private database reaches the recipient's private
// database through the server, and a third member can read neither (all through /couch).
import { afterEach, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { createHarness, type Harness } from '../support/harness';
import { userDbName } from '../../../src/lib/domain/ids';
import { outgoingMessages } from '../../../server/messages/deliver';

let harness: Harness | null = null;
afterEach(async () => {
	await harness?.close();
	harness = null;
});

function message(from: string, to: string, body = 'Hello, could we talk about procurement?') {
	return { _id: `message:${ulid()}`, type: 'message', author: from, createdAt: new Date().toISOString(), to, body };
}

async function couch(h: Harness, cookie: string, path: string, init: { method?: string; body?: unknown } = {}) {
	const res = await h.request(`/couch/${path}`, {
		method: init.method ?? 'GET',
		headers: { cookie, 'content-type': 'application/json' },
		...(init.body === undefined ? {} : { body: JSON.stringify(init.body) })
	});
	return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('direct messages through /couch', () => {
	it('delivers to the recipient only; a third member reads neither copy', async () => {
		harness = createHarness();
		const [ana, ben, cyd] = [
			await harness.register('anna'),
			await harness.register('ben'),
			await harness.register('cyd')
		];
		const msg = message('anna', 'ben');

		const pushed = await couch(harness, ana, `${userDbName('anna')}/_bulk_docs`, {
			method: 'POST',
			body: { docs: [msg] }
		});
		expect(pushed.status).toBe(201);

		const inbox = await couch(harness, ben, `${userDbName('ben')}/${encodeURIComponent(msg._id)}`);
		expect(inbox.status).toBe(200);
		expect(inbox.body).toMatchObject({ body: msg.body, author: 'anna', to: 'ben' });
		const changes = await couch(harness, ben, `${userDbName('ben')}/_changes?include_docs=true`);
		expect(JSON.stringify(changes.body)).toContain(msg._id);

		for (const db of [userDbName('anna'), userDbName('ben')]) {
			expect((await couch(harness, cyd, `${db}/${encodeURIComponent(msg._id)}`)).status).toBe(403);
			expect((await couch(harness, cyd, `${db}/_changes`)).status).toBe(403);
		}
		expect((await couch(harness, cyd, `${userDbName('cyd')}/${encodeURIComponent(msg._id)}`)).status).toBe(404);
		// never in the community database
		const community = await couch(harness, ana, `community/${encodeURIComponent(msg._id)}`, {
			method: 'PUT',
			body: msg
		});
		expect(community.status).toBe(403);
	});

	it('a single-document PUT delivers too, and pushing again does not duplicate or fail', async () => {
		harness = createHarness();
		const [ana, ben] = [await harness.register('anna'), await harness.register('ben')];
		const msg = message('anna', 'ben');
		const put = await couch(harness, ana, `${userDbName('anna')}/${encodeURIComponent(msg._id)}`, {
			method: 'PUT',
			body: msg
		});
		expect(put.status).toBe(201);
		const again = await couch(harness, ana, `${userDbName('anna')}/_bulk_docs`, {
			method: 'POST',
			body: { docs: [{ ...msg, _rev: put.body.rev }] }
		});
		expect(again.status).toBe(201);
		const all = await couch(harness, ben, `${userDbName('ben')}/_all_docs`);
		expect((all.body.rows as unknown[]).length).toBe(1);
	});

	it('does not deliver a message forged in another sender’s name, to oneself, or to a non-member', async () => {
		harness = createHarness();
		const [ana, ben] = [await harness.register('anna'), await harness.register('ben')];
		const forged = message('cyd', 'ben');
		const self = message('anna', 'anna');
		const nobody = message('anna', 'nobody');
		const res = await couch(harness, ana, `${userDbName('anna')}/_bulk_docs`, {
			method: 'POST',
			body: { docs: [forged, self, nobody] }
		});
		expect(res.status).toBe(201);
		const all = await couch(harness, ben, `${userDbName('ben')}/_all_docs`);
		expect(all.body.rows).toEqual([]);
		expect(await harness.storage.exists(userDbName('nobody'))).toBe(false);
	});

	it('outgoingMessages keeps only valid messages by the sender to someone else', () => {
		const ok = message('anna', 'ben');
		expect(
			outgoingMessages('anna', [
				ok,
				{ ...ok, _id: 'message:x' },
				{ ...message('anna', 'ben'), _deleted: true },
				{ _id: 'note:1', type: 'note' }
			]).map((m) => m._id)
		).toEqual([ok._id]);
	});
});

// Direct messages through a meetup hub, device to device (src/lib/sync/hub-mail.ts over the hub's
// real routes, server/hub/mail.ts, in process): a message written offline is sealed to the
// recipient's certified box key, left on the hub, opened and checked by the recipient's device,
// shown once in the conversation (also after the central server's copy arrives), and the sender
// sees it delivered. A message whose signature does not hold is never shown.
import { afterEach, describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { ulid } from 'ulid';
import {
	canonicalJSON,
	generateDeviceKeys,
	signCertificate,
	signDoc,
	type DeviceCertificate
} from '../../../src/lib/domain/signing';
import { messageAssociatedData, seal } from '../../../src/lib/domain/sealed';
import { startHubMail, type HubMail } from '../../../src/lib/sync/hub-mail';
import { createHubMailRoutes } from '../../../server/hub/mail';
import { createStorage } from '../../../server/storage/index';
import type { AuthService } from '../../../server/auth/types';
import { closeTestStores, openTestStore, uniqueName, type TestStore } from '../store/support';

const server = await generateDeviceKeys();
const serverKeys = async () => new Map([['k1', server.publicKey]]);
const running: HubMail[] = [];

afterEach(async () => {
	running.splice(0).forEach((m) => m.stop());
	await closeTestStores();
});

/** The hub's mail routes in process; a bearer token is simply the member's name here. */
function fakeHub() {
	const storage = createStorage({ kind: 'memory', memoryPrefix: uniqueName('hubmail') });
	const auth: AuthService = {
		authenticate: async (req) => {
			const name = req.headers.get('authorization')?.replace(/^Bearer /, '');
			return name ? { name, roles: ['member'] } : null;
		}
	};
	const app = new Hono().route('/api/hub/mail', createHubMailRoutes({ storage, auth }));
	return {
		fetchAs: (name: string): typeof fetch => {
			return async (input, init) => {
				const headers = new Headers(init?.headers);
				headers.set('authorization', `Bearer ${name}`);
				return app.fetch(new Request(String(input), { ...init, headers }));
			};
		}
	};
}

/** A certificate with the store's signing and box keys, put into every given replica. */
async function certify(store: TestStore, all: TestStore[]): Promise<DeviceCertificate> {
	const now = new Date();
	const cert = await signCertificate(
		{
			_id: `device:${ulid()}`,
			type: 'device',
			author: store.member.name,
			createdAt: now.toISOString(),
			publicKey: await store.signing!.publicKey(),
			boxKey: await store.signing!.boxPublicKey(),
			expiresAt: new Date(now.getTime() + 30 * 86_400_000).toISOString(),
			issuer: 'k1'
		},
		server.privateKey
	);
	for (const s of all) await s.replica.community.put(cert);
	await store.signing!.certify(cert);
	return cert;
}

function mailOf(store: TestStore, hub: ReturnType<typeof fakeHub>): HubMail {
	const mail = startHubMail({
		replica: store.replica,
		hubUrl: 'http://hub.test',
		fetch: hub.fetchAs(store.member.name),
		serverKeys,
		roundMs: 60_000
	});
	running.push(mail);
	return mail;
}

describe('messages through a hub', () => {
	it('reaches the recipient sealed and checked, once, and tells the sender', async () => {
		const ana = await openTestStore({ name: uniqueName('ana') });
		const ben = await openTestStore({ name: uniqueName('ben') });
		await certify(ana, [ana, ben]);
		await certify(ben, [ana, ben]);
		const hub = fakeHub();
		const id = await ana.people.sendMessage(ben.member.name, 'See you at the side door');
		const pending = await ana.people.conversation(ben.member.name);
		expect(pending).toMatchObject([{ id, pending: true, hub: null }]);

		const anaMail = mailOf(ana, hub);
		expect(await anaMail.round()).toMatchObject({ sent: 1 });
		// left once per connection: the next round does not send it again
		expect(await anaMail.round()).toMatchObject({ sent: 0 });

		const benMail = mailOf(ben, hub);
		expect(await benMail.round()).toMatchObject({ received: 1, unreadable: 0 });
		const received = await ben.people.conversation(ana.member.name);
		expect(received).toMatchObject([
			{ id, from: ana.member.name, body: 'See you at the side door', pending: false, hub: 'received' }
		]);
		expect((await ben.people.conversations())[0]).toMatchObject({ peer: ana.member.name, unread: 1 });
		// and a notification, the one the server's copy would give
		expect((await ben.people.notifications()).map((n) => n.id)).toContain(`message:${id}`);
		await ben.people.markConversationRead(ana.member.name);
		expect((await ben.people.conversations())[0]).toMatchObject({ unread: 0 });

		expect(await anaMail.round()).toMatchObject({ delivered: 1 });
		expect(await ana.people.conversation(ben.member.name)).toMatchObject([{ id, pending: true, hub: 'delivered' }]);

		// the central server's copy arrives later: the conversation still shows it once
		const original = await ana.replica.private.get(id);
		const { _rev: _r, ...copy } = original as unknown as Record<string, unknown>;
		await ben.replica.private.put(copy as { _id: string });
		await ben.replica.projected();
		const after = await ben.people.conversation(ana.member.name);
		expect(after.map((m) => m.id)).toEqual([id]);
		expect(after[0].hub).toBeNull();
	});

	it('never shows a message whose signature does not hold, or one sealed for another conversation', async () => {
		const ana = await openTestStore({ name: uniqueName('ana') });
		const ben = await openTestStore({ name: uniqueName('ben') });
		const eve = await openTestStore({ name: uniqueName('eve') });
		const anaCert = await certify(ana, [ana, ben, eve]);
		const benCert = await certify(ben, [ana, ben, eve]);
		await certify(eve, [ana, ben, eve]);
		const hub = fakeHub();
		// eve writes as if ana, signed with a key that is not ana's certified one
		const forger = await generateDeviceKeys();
		const messageId = `message:${ulid()}`;
		const forged = await signDoc(
			{
				_id: messageId,
				type: 'message',
				author: ana.member.name,
				createdAt: new Date().toISOString(),
				to: ben.member.name,
				body: 'Send me your password'
			},
			anaCert._id,
			forger.privateKey,
			null
		);
		const recipients = [{ device: benCert._id, boxKey: benCert.boxKey! }];
		// the hub names eve as the sender (her token), so the box must say eve: it says ana inside
		const box = await seal(
			new TextEncoder().encode(canonicalJSON(forged)),
			recipients,
			messageAssociatedData(messageId, eve.member.name, ben.member.name)
		);
		const res = await hub.fetchAs(eve.member.name)('http://hub.test/api/hub/mail', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ messages: [{ id: messageId, to: ben.member.name, box }] })
		});
		expect(res.status).toBe(200);
		// and a hub that injects one in ana's name: it opens, names ana, but ana's key never signed it
		const injectedId = `message:${ulid()}`;
		const injected = await signDoc({ ...forged, _id: injectedId }, anaCert._id, forger.privateKey, null);
		const injectedBox = await seal(
			new TextEncoder().encode(canonicalJSON(injected)),
			recipients,
			messageAssociatedData(injectedId, ana.member.name, ben.member.name)
		);
		await hub.fetchAs(ana.member.name)('http://hub.test/api/hub/mail', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ messages: [{ id: injectedId, to: ben.member.name, box: injectedBox }] })
		});
		expect(await mailOf(ben, hub).round()).toMatchObject({ received: 0, unreadable: 2 });
		const log = await ben.listSyncLog();
		expect(log.map((l) => l.message).join('\n')).toMatch(/could not be checked: the signature does not match/);
		expect(await ben.people.conversations()).toEqual([]);
	});

	it('leaves nothing for a recipient whose devices are not known here', async () => {
		const ana = await openTestStore({ name: uniqueName('ana') });
		await certify(ana, [ana]);
		await ana.people.sendMessage('stranger', 'Hello');
		expect(await mailOf(ana, fakeHub()).round()).toMatchObject({ sent: 0 });
	});
});

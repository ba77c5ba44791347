// Direct messages through a meetup hub (server/hub/mail.ts): the sender's device leaves a box
// sealed to the recipient's certified box keys, the recipient fetches, opens and acknowledges
// it, the sender sees it delivered. The hub's process never holds the words: its files on disk
// do not contain them at any point. And every request the routes must refuse is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ulid } from 'ulid';
import {
	canonicalJSON,
	exportPublicKey,
	generateDeviceKeys,
	signDoc,
	verifyDocSignature,
	type DeviceCertificate
} from '../../../src/lib/domain/signing';
import {
	exportBoxKey,
	generateBoxKeys,
	messageAssociatedData,
	openSealed,
	seal,
	type SealedBox
} from '../../../src/lib/domain/sealed';
import { seedCategories } from '../../../server/seed';
import { serverSigner } from '../../../server/devices/server-key';
import { HUB_MAIL_DB, MAIL_LIMITS, hubMailFigures } from '../../../server/hub/mail';
import { has, register, startHub, startUpstream, waitFor, type Node } from './support';
import type { Hub } from '../../../server/hub/index';

let upstream: Node;
let hub: Node & { hub: Hub };
interface Member {
	hubToken: string;
	keys: CryptoKeyPair;
	box: CryptoKeyPair;
	cert: DeviceCertificate;
}
const members: Record<string, Member> = {};
const SECRET = 'The allotment rota moves to Tuesdays, ask Nadia for the key';

async function member(name: string): Promise<void> {
	const cookie = await register(upstream.base, name);
	const keys = await generateDeviceKeys();
	const box = await generateBoxKeys();
	const res = await fetch(`${upstream.base}/api/devices`, {
		method: 'POST',
		headers: { cookie, 'content-type': 'application/json' },
		body: JSON.stringify({
			publicKey: await exportPublicKey(keys.publicKey),
			boxKey: await exportBoxKey(box.publicKey)
		})
	});
	expect(res.status).toBe(201);
	const { certificate } = (await res.json()) as { certificate: DeviceCertificate };
	const tokenRes = await fetch(`${upstream.base}/api/auth/hub-token`, { method: 'POST', headers: { cookie } });
	members[name] = { hubToken: ((await tokenRes.json()) as { token: string }).token, keys, box, cert: certificate };
}

function mail(token: string | null, path = '', init: RequestInit = {}): Promise<Response> {
	const headers = new Headers(init.headers);
	if (token) headers.set('authorization', `Bearer ${token}`);
	if (init.body !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json');
	return fetch(`${hub.base}/api/hub/mail${path}`, { ...init, headers });
}

const associated = messageAssociatedData;

/** A message `from` signed on their device and sealed to `to`'s device. */
async function sealedMessage(from: string, to: string, body = SECRET) {
	const id = `message:${ulid()}`;
	const doc = await signDoc(
		{ _id: id, type: 'message', author: from, createdAt: new Date().toISOString(), to, body },
		members[from].cert._id,
		members[from].keys.privateKey,
		null
	);
	const box = await seal(
		new TextEncoder().encode(canonicalJSON(doc)),
		[{ device: members[to].cert._id, boxKey: members[to].cert.boxKey! }],
		associated(id, from, to)
	);
	return { id, doc, box };
}

/** Every byte the hub wrote under its data folder (its LevelDB databases included). */
function filesUnder(dir: string): Buffer[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? filesUnder(path) : [readFileSync(path)];
	});
}
const hubHolds = (text: string) => filesUnder(hub.dataDir).some((bytes) => bytes.includes(Buffer.from(text)));

beforeAll(async () => {
	upstream = await startUpstream();
	await seedCategories(upstream.storage, new Date(), await serverSigner(upstream.praxis.auth.signingKey()));
	await member('ana');
	await member('ben');
	await member('cyd');
	const enrolled = await upstream.praxis.hubs.enrol('hall');
	if (!('credential' in enrolled)) throw new Error(enrolled.refused);
	hub = await startHub(upstream.base, enrolled.credential, undefined, { onDisk: true });
	await hub.hub.start();
	await waitFor('certificates on the hub', async () => has(hub.storage, members.ben.cert._id));
}, 60_000);

afterAll(async () => {
	await hub?.close();
	await upstream?.close();
});

describe('messages through the hub', () => {
	it('delivers a sealed message the hub cannot read, and tells the sender', async () => {
		const { id, doc, box } = await sealedMessage('ana', 'ben');
		const sent = await mail(members.ana.hubToken, '', {
			method: 'POST',
			body: JSON.stringify({ messages: [{ id, to: 'ben', box }] })
		});
		expect(sent.status).toBe(200);
		expect(await sent.json()).toEqual({ results: [{ id, state: 'waiting' }] });
		// stored, sealed: the words are nowhere in the hub's files
		expect(hubHolds(box.ct.slice(0, 40))).toBe(true);
		expect(hubHolds(SECRET)).toBe(false);
		expect(hubHolds('allotment')).toBe(false);

		// a third member sees nothing of it; the sender sees it waiting
		const cyd = (await (await mail(members.cyd.hubToken)).json()) as { inbox: unknown[]; sent: unknown[] };
		expect(cyd).toEqual({ inbox: [], sent: [] });
		const anaView = (await (await mail(members.ana.hubToken)).json()) as { inbox: unknown[]; sent: unknown[] };
		expect(anaView).toEqual({ inbox: [], sent: [{ id, to: 'ben', state: 'waiting' }] });

		const inbox = (await (await mail(members.ben.hubToken)).json()) as {
			inbox: Array<{ id: string; from: string; to: string; box: SealedBox }>;
		};
		expect(inbox.inbox.map((m) => [m.id, m.from])).toEqual([[id, 'ana']]);
		const opened = await openSealed(
			inbox.inbox[0].box,
			members.ben.cert._id,
			members.ben.box.privateKey,
			associated(id, 'ana', 'ben')
		);
		const received = JSON.parse(new TextDecoder().decode(opened!)) as Record<string, unknown>;
		expect(received).toEqual(doc);
		const keys = new Map([
			[members.ana.cert.issuer, (await serverSigner(upstream.praxis.auth.signingKey())).publicKey]
		]);
		const verdict = await verifyDocSignature(received, async () => members.ana.cert, {
			serverKeys: keys,
			revoked: new Set(),
			now: new Date()
		});
		expect(verdict).toMatchObject({ ok: true, signer: 'ana' });

		// only the recipient acknowledges
		const wrong = await mail(members.cyd.hubToken, '/ack', { method: 'POST', body: JSON.stringify({ ids: [id] }) });
		expect(await wrong.json()).toEqual({ acknowledged: 0 });
		const ack = await mail(members.ben.hubToken, '/ack', { method: 'POST', body: JSON.stringify({ ids: [id] }) });
		expect(await ack.json()).toEqual({ acknowledged: 1 });
		const after = (await (await mail(members.ana.hubToken)).json()) as { sent: Array<{ state: string }> };
		expect(after.sent).toMatchObject([{ id, to: 'ben', state: 'delivered' }]);
		expect(((await (await mail(members.ben.hubToken)).json()) as { inbox: unknown[] }).inbox).toEqual([]);
		// what the organiser's page counts
		expect(await hubMailFigures(hub.storage)).toEqual({ passed: 1, waiting: 0 });
		// once read, the database keeps only the receipt (no revision with the sealed box); the
		// words were never in the hub's files
		const receipt = await hub.storage.db(HUB_MAIL_DB).get(`mail:${id}`, { revs_info: true });
		expect(receipt).not.toHaveProperty('box');
		const older = receipt._revs_info!.filter((r) => r.rev !== receipt._rev);
		for (const r of older)
			await expect(hub.storage.db(HUB_MAIL_DB).get(`mail:${id}`, { rev: r.rev })).rejects.toThrow();
		expect(hubHolds(SECRET)).toBe(false);
		// and the hub never passes messages on to the central server or its community database
		expect(await has(hub.storage, id)).toBe(false);
		expect(await has(upstream.storage, id)).toBe(false);
	});

	it('finds words the hub did store (the check above can fail)', async () => {
		await hub.storage.db(HUB_MAIL_DB).put({ _id: 'control', note: 'plain words a hub could read' });
		expect(hubHolds('plain words a hub could read')).toBe(true);
		await hub.storage.db(HUB_MAIL_DB).remove(await hub.storage.db(HUB_MAIL_DB).get('control'));
	});

	it('keeps a message sent twice once, and refuses another member’s id', async () => {
		const { id, box } = await sealedMessage('ana', 'ben', 'twice');
		const body = JSON.stringify({ messages: [{ id, to: 'ben', box }] });
		for (let i = 0; i < 2; i++) {
			const res = await mail(members.ana.hubToken, '', { method: 'POST', body });
			expect(await res.json()).toEqual({ results: [{ id, state: 'waiting' }] });
		}
		const hijack = await mail(members.cyd.hubToken, '', {
			method: 'POST',
			body: JSON.stringify({ messages: [{ id, to: 'ben', box }] })
		});
		expect(((await hijack.json()) as { results: Array<{ error?: string }> }).results[0].error).toBe('forbidden');
		const inbox = (await (await mail(members.ben.hubToken)).json()) as { inbox: Array<{ id: string; from: string }> };
		expect(inbox.inbox.filter((m) => m.id === id)).toEqual([expect.objectContaining({ id, from: 'ana' })]);
	});

	it('refuses callers without a hub token, forms, bad messages and oversized requests', async () => {
		const { id, box } = await sealedMessage('ana', 'ben', 'refusals');
		const good = { id, to: 'ben', box };
		expect((await mail(null)).status).toBe(401);
		expect((await mail(null, '', { method: 'POST', body: JSON.stringify({ messages: [good] }) })).status).toBe(401);
		expect((await mail('not-a-token')).status).toBe(401);
		// a form from another page cannot post here
		const form = await mail(members.ana.hubToken, '', {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: 'messages=1'
		});
		expect(form.status).toBe(415);
		const bad = async (message: unknown) => {
			const res = await mail(members.ana.hubToken, '', {
				method: 'POST',
				body: JSON.stringify({ messages: [message] })
			});
			expect(res.status).toBe(200);
			return ((await res.json()) as { results: Array<{ error?: string; reason?: string }> }).results[0];
		};
		expect(await bad({ ...good, id: 'message:nope' })).toMatchObject({ error: 'forbidden' });
		expect(await bad({ ...good, id: 'post:' + ulid() })).toMatchObject({ error: 'forbidden' });
		expect(await bad({ ...good, to: 'ana' })).toMatchObject({ error: 'forbidden' });
		expect(await bad({ ...good, to: 'Not A Name!' })).toMatchObject({ error: 'forbidden' });
		expect(await bad({ ...good, box: { ...box, keys: [] } })).toMatchObject({ error: 'forbidden' });
		expect(await bad({ ...good, box: 'plain text' })).toMatchObject({ error: 'forbidden' });
		expect(await bad({ ...good, box: { ...box, ct: 'A'.repeat(MAIL_LIMITS.BOX_BYTES) } })).toMatchObject({
			reason: expect.stringMatching(/KiB/)
		});
		expect(await bad(null)).toMatchObject({ error: 'forbidden' });
		for (const body of ['{}', '[]', 'not json', JSON.stringify({ messages: Array(21).fill(good) })]) {
			const res = await mail(members.ana.hubToken, '', { method: 'POST', body });
			expect(res.status, body.slice(0, 20)).toBe(400);
		}
		// in process: over a socket the server answers before the body is sent, and closes
		const huge = await hub.praxis.app.fetch(
			new Request(`${hub.base}/api/hub/mail`, {
				method: 'POST',
				headers: { authorization: `Bearer ${members.ana.hubToken}`, 'content-type': 'application/json' },
				body: JSON.stringify({ messages: [{ ...good, pad: 'x'.repeat(MAIL_LIMITS.REQUEST_BYTES) }] })
			})
		);
		expect(huge.status).toBe(413);
		for (const body of ['{"ids": "x"}', '{"ids": ["post:1"]}', 'nope']) {
			const res = await mail(members.ben.hubToken, '/ack', { method: 'POST', body });
			expect(res.status).toBe(400);
		}
		expect((await mail(null, '/ack', { method: 'POST', body: '{"ids":[]}' })).status).toBe(401);
		// nothing refused was stored
		const inbox = (await (await mail(members.ben.hubToken)).json()) as { inbox: Array<{ id: string }> };
		expect(inbox.inbox.some((m) => m.id === id)).toBe(false);
	});

	it('is not a database anyone can reach through /couch', async () => {
		const res = await fetch(`${hub.base}/couch/${HUB_MAIL_DB}/_all_docs`, {
			headers: { authorization: `Bearer ${members.ben.hubToken}` }
		});
		expect(res.status).toBe(404);
	});
});

// Places through a meetup hub: the hub decides nothing (it writes no place documents), the
// upstream orders the answers it relays as it receives them, and the places come back to the
// hub's members with the upstream's signature.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	exportPublicKey,
	generateDeviceKeys,
	signDoc,
	withSignedRevision,
	type DeviceCertificate
} from '../../../src/lib/domain/signing';
import { COMMUNITY_DB, placeId, rsvpId } from '../../../src/lib/domain/ids';
import { has, localDb, register, remoteWithBearer, startHub, startUpstream, waitFor, type Node } from '../hub/support';
import type { Hub } from '../../../server/hub/index';

const E = '01JCPAC0000000000000000002';
const EVENT = `event:${E}`;

let upstream: Node;
let hub: Node & { hub: Hub };
const members: Record<string, { cookie: string; hubToken: string; keys: CryptoKeyPair; cert: DeviceCertificate }> = {};

async function member(name: string): Promise<void> {
	const cookie = await register(upstream.base, name);
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

const sign = (name: string, doc: Record<string, unknown>) =>
	signDoc(doc, members[name].cert._id, members[name].keys.privateKey);

/** Pushes `doc`, signed by `name`'s device, through the hub as a member's device replicates. */
async function pushViaHub(name: string, doc: Record<string, unknown>): Promise<void> {
	const device = localDb();
	await device.bulkDocs([await withSignedRevision(await sign(name, doc), null)], { new_edits: false });
	const push = await device.replicate.to(remoteWithBearer(hub.base, members[name].hubToken));
	expect(push).toMatchObject({ ok: true, docs_written: 1, doc_write_failures: 0 });
	await device.destroy();
}

const rsvp = (who: string, createdAt: string) => ({
	_id: rsvpId(EVENT, who),
	type: 'rsvp',
	author: who,
	createdAt,
	event: EVENT,
	status: 'going'
});

beforeAll(async () => {
	upstream = await startUpstream();
	for (const name of ['org', 'ana', 'ben']) await member(name);
	const event = await sign('org', {
		_id: EVENT,
		type: 'event',
		author: 'org',
		createdAt: new Date().toISOString(),
		kind: 'meetup',
		title: 'Hall meetup',
		description: '',
		start: '2026-12-20T09:00:00.000Z',
		end: '2026-12-20T10:00:00.000Z',
		timeZone: 'UTC',
		location: { venue: 'Hall' },
		organisers: ['org'],
		tags: [],
		capacity: 1
	});
	const res = await fetch(`${upstream.base}/couch/${COMMUNITY_DB}/${encodeURIComponent(EVENT)}`, {
		method: 'PUT',
		headers: { cookie: members.org.cookie, 'content-type': 'application/json' },
		body: JSON.stringify(event)
	});
	expect(res.status).toBe(201);
	const enrolled = await upstream.praxis.hubs.enrol('hall');
	if (!('credential' in enrolled)) throw new Error(enrolled.refused);
	hub = await startHub(upstream.base, enrolled.credential);
	await hub.hub.start();
	await waitFor('the event on the hub', () => has(hub.storage, EVENT));
}, 60_000);

afterAll(async () => {
	await hub?.close();
	await upstream?.close();
});

describe('places through a meetup hub', () => {
	it('orders relayed answers as the upstream receives them; the hub writes no place', async () => {
		const upstreamDb = upstream.storage.db(COMMUNITY_DB);
		const placeOf = async (who: string) =>
			(await upstreamDb.get(placeId(EVENT, who))) as unknown as Record<string, unknown> & {
				signature: { device: string };
			};

		await pushViaHub('ben', rsvp('ben', '2026-12-01T10:00:00.000Z'));
		await waitFor('ben placed by the upstream', () => has(upstream.storage, placeId(EVENT, 'ben')));
		expect(await placeOf('ben')).toMatchObject({ state: 'place', author: 'praxis' });

		// made "earlier" on ana's device, received later
		await pushViaHub('ana', rsvp('ana', '2026-12-01T09:00:00.000Z'));
		await waitFor('ana placed by the upstream', () => has(upstream.storage, placeId(EVENT, 'ana')));
		expect(await placeOf('ana')).toMatchObject({ state: 'waiting', position: 1 });
		expect(await placeOf('ben')).toMatchObject({ state: 'place' });

		// the places reach the hub as the upstream signed them
		const kid = upstream.praxis.auth.signingKey().kid;
		expect((await placeOf('ana')).signature.device).toBe(`server:${kid}`);
		await waitFor('the places on the hub', () => has(hub.storage, placeId(EVENT, 'ana')));
		const onHub = (await hub.storage.db(COMMUNITY_DB).get(placeId(EVENT, 'ana'))) as unknown as {
			_rev: string;
			signature: { device: string };
		};
		expect(onHub.signature.device).toBe(`server:${kid}`);
		expect(onHub._rev).toBe((await placeOf('ana'))._rev);
	});
});

// File exchange between two devices with no network at all (src/lib/bundle): a signed bundle
// carries one member's writes to another device, importing twice changes nothing, and any
// tampering (a changed line, a changed header, a corrupt file) refuses the bundle whole.
import { afterEach, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { generateDeviceKeys, signCertificate, type DeviceCertificate } from '../../../src/lib/domain/signing';
import {
	certificateFinder,
	exportBundle,
	importBundle,
	revokedIn,
	type BundleTrust
} from '../../../src/lib/bundle/index';
import type { TestStore as Store } from '../store/support';
import { closeTestStores, openTestStore, uniqueName } from '../store/support';
import { docId } from '../../../src/lib/domain/ids';

afterEach(closeTestStores);

const server = await generateDeviceKeys();
const serverKeys = new Map([['k1', server.publicKey]]);

/** What the server does for a device: a certificate, stored in the replica as a pull would. */
async function certifyStore(store: Store, peers: Store[] = []): Promise<DeviceCertificate> {
	const now = new Date();
	const cert = await signCertificate(
		{
			_id: `device:${ulid()}`,
			type: 'device',
			author: store.member.name,
			createdAt: now.toISOString(),
			publicKey: await store.signing!.publicKey(),
			expiresAt: new Date(now.getTime() + 86_400_000 * 30).toISOString(),
			issuer: 'k1'
		},
		server.privateKey
	);
	for (const s of [store, ...peers]) await s.replica.community.put(cert);
	await store.signing!.certify(cert);
	return cert;
}

async function trustOf(store: Store): Promise<BundleTrust> {
	return {
		serverKeys,
		revoked: await revokedIn(store.replica.community),
		now: new Date(),
		findCertificate: certificateFinder(store.replica.community)
	};
}

async function save(store: Store, since: string | null = null) {
	const cert = (await store.signing!.certificate())!;
	return exportBundle({
		db: store.replica.community,
		author: store.member.name,
		device: cert._id,
		sign: async (bytes) => (await store.signing!.signBytes(bytes))!.sig,
		since
	});
}

async function gunzip(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
	return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).text();
}
async function gzip(text: string): Promise<Uint8Array<ArrayBuffer>> {
	return new Uint8Array(
		await new Response(new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer()
	);
}

async function twoDevices() {
	const ana = await openTestStore({ name: uniqueName('ana'), roles: ['moderator'] });
	const ben = await openTestStore({ name: uniqueName('ben') });
	await certifyStore(ana);
	await certifyStore(ben);
	await ana.putDocument({
		_id: 'category:general',
		type: 'category',
		author: ana.member.name,
		createdAt: new Date().toISOString(),
		name: 'General',
		description: '',
		order: 1
	});
	const thread = await ana.createThread({
		category: 'general',
		title: 'Met at the hall',
		body: 'Notes from the meetup',
		tags: ['meetup']
	});
	return { ana, ben, thread };
}

describe('bundle exchange with no network', () => {
	it('carries signed writes from one device to another; importing twice changes nothing', async () => {
		const { ana, ben, thread } = await twoDevices();
		const file = await save(ana);
		expect(file.count).toBe(3); // ana's certificate, the category, the thread

		const first = await importBundle(ben.replica.community, file.bytes, await trustOf(ben));
		expect(first).toMatchObject({ ok: true, skipped: [] });
		expect(first.ok && first.added).toBe(3);
		expect(first.ok && first.held).toBe(0);
		await ben.projected();
		expect((await ben.getThread(thread))?.title).toBe('Met at the hall');
		const before = await ben.replica.community.info();
		const again = await importBundle(ben.replica.community, file.bytes, await trustOf(ben));
		expect(again).toMatchObject({ ok: true, added: 0, held: 3, skipped: [] });
		expect((await ben.replica.community.info()).doc_count).toBe(before.doc_count);

		// and back: ben's reply, only what changed since ana's bundle
		const since = new Date().toISOString();
		const reply = await ben.reply({ thread, body: 'Thanks for the notes' });
		const back = await save(ben, since);
		const outcome = await importBundle(ana.replica.community, back.bytes, await trustOf(ana));
		expect(outcome).toMatchObject({ ok: true, skipped: [] });
		await ana.projected();
		expect((await ana.listPosts(thread)).map((p) => p.id)).toContain(reply);
		const got = (await ana.replica.community.get(reply, { revs: true })) as { _rev: string };
		expect(got._rev).toBe(((await ben.replica.community.get(reply)) as { _rev: string })._rev);
	});

	it('refuses a tampered bundle whole, with the reason', async () => {
		const { ana, ben, thread } = await twoDevices();
		const file = await save(ana);
		const text = await gunzip(file.bytes);

		const changedLine = await gzip(text.replace('Notes from the meetup', 'Notes from the MEETUP'));
		expect(await importBundle(ben.replica.community, changedLine, await trustOf(ben))).toEqual({
			ok: false,
			reason: expect.stringMatching(/changed after it was saved/)
		});

		const [headerLine, ...rest] = text.split('\n');
		const header = JSON.parse(headerLine) as Record<string, unknown>;
		const rehashed = await gzip([JSON.stringify({ ...header, author: ben.member.name }), ...rest].join('\n'));
		expect(await importBundle(ben.replica.community, rehashed, await trustOf(ben))).toEqual({
			ok: false,
			reason: expect.stringMatching(/own signature fails/)
		});

		const corrupt = file.bytes.slice();
		corrupt[corrupt.length - 12] ^= 0xff;
		expect(await importBundle(ben.replica.community, corrupt, await trustOf(ben))).toMatchObject({ ok: false });
		expect(
			await importBundle(
				ben.replica.community,
				new TextEncoder().encode('hello') as Uint8Array<ArrayBuffer>,
				await trustOf(ben)
			)
		).toEqual({ ok: false, reason: expect.stringMatching(/cannot be read/) });
		// a document nested thousands of levels deep (it would overflow the checks after parsing)
		const deep = await gzip(`${headerLine}\n{"_id":"x","a":${'['.repeat(5_000)}${']'.repeat(5_000)}}`);
		expect(await importBundle(ben.replica.community, deep, await trustOf(ben))).toEqual({
			ok: false,
			reason: expect.stringMatching(/nested too deeply/)
		});

		await expect(ben.replica.community.get(thread)).rejects.toMatchObject({ status: 404 });
	});

	it('leaves out documents whose signature fails and says why', async () => {
		const { ana, ben } = await twoDevices();
		// a document written before ana's device existed is unsigned: it does not travel verified
		const unsigned = docId('thread');
		await ana.replica.community.put({
			_id: unsigned,
			type: 'thread',
			author: ana.member.name,
			createdAt: new Date().toISOString(),
			category: 'general',
			title: 'Unsigned',
			body: 'x',
			tags: []
		});
		const outcome = await importBundle(ben.replica.community, (await save(ana)).bytes, await trustOf(ben));
		expect(outcome.ok && outcome.skipped, JSON.stringify(outcome)).toEqual([
			{ id: unsigned, reason: 'the document is not signed' }
		]);
	});
});

// The hub's own pages over real sockets: the landing page (in the browser's language, with the
// join link for this hub), the organiser's page behind the printed code (never a member's hub
// token), its CSRF and rate-limit refusals, the evening's figures and upstream sentence, updates
// files opened and saved through the organiser's session, and the figures once the central
// server is gone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	exportPublicKey,
	generateDeviceKeys,
	signDoc,
	withSignedRevision,
	type DeviceCertificate
} from '../../../src/lib/domain/signing';
import { docId } from '../../../src/lib/domain/ids';
import { readBundle, writeBundle } from '../../../src/lib/bundle/index';
import { hubJoinLink } from '../../../src/lib/domain/hub-link';
import { seedCategories } from '../../../server/seed';
import { serverSigner } from '../../../server/devices/server-key';
import { ORGANISER_WRONG_CODES_MAX } from '../../../server/hub/organiser/access';
import type { OrganiserStatus } from '../../../server/hub/organiser/status';
import type { Hub } from '../../../server/hub/index';
import { has, localDb, register, remoteWithBearer, startHub, startUpstream, waitFor, type Node } from './support';

let upstream: Node;
let hub: Node & { hub: Hub };
let credential: string;
let cookie = '';
const ana = {} as { hubToken: string; keys: CryptoKeyPair; cert: DeviceCertificate };

const now = () => new Date().toISOString();
const thread = (author: string, title: string) => ({
	_id: docId('thread'),
	type: 'thread',
	author,
	createdAt: now(),
	category: 'general',
	title,
	body: 'From the hall',
	tags: []
});

async function organiserFetch(path: string, init: RequestInit = {}): Promise<Response> {
	const headers = new Headers(init.headers);
	if (cookie && !headers.has('cookie')) headers.set('cookie', cookie);
	return fetch(`${hub.base}${path}`, { ...init, headers, redirect: 'manual' });
}

const signIn = (code: string, headers: Record<string, string> = {}) =>
	organiserFetch('/hub', {
		method: 'POST',
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			origin: hub.base,
			cookie: '',
			...headers
		},
		body: new URLSearchParams({ code }).toString()
	});

async function status(): Promise<OrganiserStatus> {
	const res = await organiserFetch('/api/hub/organiser/status');
	expect(res.status).toBe(200);
	return (await res.json()) as OrganiserStatus;
}

async function signedBundle(docs: Array<Record<string, unknown>>): Promise<Uint8Array<ArrayBuffer>> {
	return writeBundle(docs as never, { author: 'ana', since: null, created: now(), device: ana.cert._id }, (b) =>
		crypto.subtle.sign({ name: 'Ed25519' }, ana.keys.privateKey, b)
	);
}

const upload = (bytes: Uint8Array<ArrayBuffer>, headers: Record<string, string> = {}) =>
	organiserFetch('/api/bundles', {
		method: 'POST',
		headers: { 'content-type': 'application/octet-stream', origin: hub.base, ...headers },
		body: bytes
	});

beforeAll(async () => {
	upstream = await startUpstream();
	await seedCategories(upstream.storage, new Date(), await serverSigner(upstream.praxis.auth.signingKey()));
	const session = await register(upstream.base, 'ana');
	ana.keys = await generateDeviceKeys();
	const certRes = await fetch(`${upstream.base}/api/devices`, {
		method: 'POST',
		headers: { cookie: session, 'content-type': 'application/json' },
		body: JSON.stringify({ publicKey: await exportPublicKey(ana.keys.publicKey) })
	});
	ana.cert = ((await certRes.json()) as { certificate: DeviceCertificate }).certificate;
	const tokenRes = await fetch(`${upstream.base}/api/auth/hub-token`, { method: 'POST', headers: { cookie: session } });
	ana.hubToken = ((await tokenRes.json()) as { token: string }).token;
	const enrolled = await upstream.praxis.hubs.enrol('hall');
	if (!('credential' in enrolled)) throw new Error(enrolled.refused);
	credential = enrolled.credential;
	hub = await startHub(upstream.base, credential);
	await hub.hub.start();
	await waitFor('the certificate on the hub', () => has(hub.storage, ana.cert._id));
}, 60_000);

afterAll(async () => {
	await hub?.close();
	await upstream?.close();
});

describe('the hub’s landing page', () => {
	it('explains the hub and links to the join link for this hub’s own address', async () => {
		const res = await fetch(`${hub.base}/`, { headers: { accept: 'text/html' } });
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/^text\/html/);
		const html = await res.text();
		const host = new URL(upstream.base).host;
		expect(html).toContain('<html lang="en">');
		expect(html).toContain(`<h1>Meetup hub for ${host}</h1>`);
		expect(html).toContain(`href="${hubJoinLink(upstream.base, hub.base)}">Open my Praxis and connect</a>`);
		expect(html).toContain(`<code translate="no">${hub.base}</code>`);
		expect(html).toContain('href="/hub">Organiser’s page</a>');
		expect(html).not.toMatch(/<script|password/i);
		// any other page path too, but not files or the API
		expect(await (await fetch(`${hub.base}/forums/general`, { headers: { accept: 'text/html' } })).text()).toContain(
			'Open my Praxis and connect'
		);
		expect((await fetch(`${hub.base}/favicon.ico`, { headers: { accept: 'text/html' } })).status).toBe(404);
		expect(await (await fetch(`${hub.base}/api/health`, { headers: { accept: 'text/html' } })).json()).toMatchObject({
			ok: true
		});
		expect((await fetch(`${hub.base}/hub/hub.css`)).headers.get('content-type')).toMatch(/^text\/css/);
	});

	it('speaks French to a French browser', async () => {
		const res = await fetch(`${hub.base}/`, {
			headers: { accept: 'text/html', 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.5' }
		});
		const html = await res.text();
		expect(html).toContain('<html lang="fr">');
		expect(html).toContain('Relais de rencontre pour');
		expect(html).toContain('Ouvrir mon Praxis et me connecter');
		// the app's own menu names
		expect(html).toContain('sous Relais');
		expect(html).toContain('ouvrez Échange');
	});
});

describe('the organiser’s page', () => {
	it('asks for the code and opens nothing without it, nor with a member’s hub token', async () => {
		const form = await (await fetch(`${hub.base}/hub`, { headers: { accept: 'text/html' } })).text();
		expect(form).toContain('<label for="code">Organiser code</label>');
		expect(form).toContain('Open the organiser’s page</button>');
		expect(form).not.toContain('role="status"');
		expect((await fetch(`${hub.base}/api/hub/organiser/status`)).status).toBe(401);
		const bearer = { authorization: `Bearer ${ana.hubToken}` };
		expect((await fetch(`${hub.base}/api/hub/organiser/status`, { headers: bearer })).status).toBe(401);
		expect((await fetch(`${hub.base}/api/hub/organiser/sync`, { method: 'POST', headers: bearer })).status).toBe(401);
		expect((await fetch(`${hub.base}/api/hub/organiser/export`, { headers: bearer })).status).toBe(401);
		const page = await (await fetch(`${hub.base}/hub`, { headers: { ...bearer, accept: 'text/html' } })).text();
		expect(page).toContain('Organiser code');
		// the hub's own token check still takes the member's token where it should
		expect((await fetch(`${hub.base}/api/auth/session`, { headers: bearer })).status).toBe(200);
	});

	it('refuses a wrong code with a sentence, a cross-site form and a form of another type', async () => {
		const wrong = await signIn('AAAA-AAAA-AAAA');
		expect(wrong.status).toBe(401);
		expect(wrong.headers.get('set-cookie')).toBeNull();
		expect(await wrong.text()).toContain('That is not the organiser code.');
		const crossSite = await signIn(hub.hub.organiserAccess.code, { origin: 'http://evil.example' });
		expect(crossSite.status).toBe(403);
		expect(crossSite.headers.get('set-cookie')).toBeNull();
		const typed = await organiserFetch('/hub', {
			method: 'POST',
			headers: { 'content-type': 'text/plain', origin: hub.base },
			body: `code=${hub.hub.organiserAccess.code}`
		});
		expect(typed.status).toBe(415);
		expect(typed.headers.get('set-cookie')).toBeNull();
	});

	it('opens with the printed code (typed loosely) or the hub credential, in a strict HttpOnly cookie', async () => {
		expect(hub.hub.organiserAccess.code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
		const byCredential = await signIn(credential);
		expect(byCredential.status).toBe(303);
		const res = await signIn(` ${hub.hub.organiserAccess.code.toLowerCase().replace(/-/g, ' ')} `);
		expect(res.status).toBe(303);
		expect(res.headers.get('location')).toBe('/hub');
		const set = res.headers.get('set-cookie') ?? '';
		expect(set).toMatch(/^praxis_hub_organiser=[\w-]{40,};/);
		expect(set).toContain('HttpOnly');
		expect(set).toContain('SameSite=Strict');
		expect(set).toContain('Max-Age=43200');
		cookie = set.split(';')[0];
		const page = await (await organiserFetch('/hub', { headers: { accept: 'text/html' } })).text();
		expect(page).toContain('<h1>Organiser’s page</h1>');
		expect(page).toContain('<div id="live" role="status">');
		expect(page).toContain('<script src="/hub/organiser.js" defer></script>');
		expect(page).toContain('Sync now</button>');
		expect(page).toContain('<label for="bundle-file">Updates file (.praxis)</label>');
		expect(page).not.toMatch(/<script>(?!<)/);
		// the credential works as a Bearer for scripts
		expect(
			(await fetch(`${hub.base}/api/hub/organiser/status`, { headers: { authorization: `Bearer ${credential}` } }))
				.status
		).toBe(200);
	});

	it('counts attendees, what they brought and what went up, and says the central server is up to date', async () => {
		const docs = await Promise.all(
			[thread('ana', 'One'), thread('ana', 'Two')].map(async (d) =>
				withSignedRevision(await signDoc(d, ana.cert._id, ana.keys.privateKey), null)
			)
		);
		const device = localDb();
		await device.bulkDocs(docs, { new_edits: false });
		const push = await device.replicate.to(remoteWithBearer(hub.base, ana.hubToken));
		expect(push.docs_written).toBe(2);
		await device.destroy();
		await waitFor(
			'both threads on the upstream',
			async () => (await has(upstream.storage, docs[1]._id)) && (await has(upstream.storage, docs[0]._id))
		);
		const host = new URL(upstream.base).host;
		await waitFor('the hub up to date', async () => (await status()).upstream.state === 'up-to-date');
		const s = await status();
		expect(s.attendees).toEqual([{ name: 'ana', displayName: expect.any(String) }]);
		expect(s.received).toBe(2);
		expect(s.relayed).toBe(2);
		expect(s.text.relayed).toBe('2 documents sent up to the central server.');
		expect(s.waiting).toBe(0);
		expect(s.text.upstream).toBe(`Connected to the central server ${host}; everything is up to date.`);
		expect(s.text.attendees).toBe('1 attendee connected now:');
		expect(s.text.received).toBe('2 documents received from attendees this evening.');
		const html = await (await organiserFetch('/hub', { headers: { accept: 'text/html' } })).text();
		expect(html).toContain('2 documents received from attendees this evening.');
		expect(html).toContain('everything is up to date');
	});

	it('asks the link to try now, refusing cross-site and wrongly typed cookie writes', async () => {
		const ok = await organiserFetch('/api/hub/organiser/sync', { method: 'POST', headers: { origin: hub.base } });
		expect(ok.status).toBe(200);
		expect(await ok.json()).toMatchObject({ ok: true, started: expect.any(Boolean) });
		const crossSite = await organiserFetch('/api/hub/organiser/sync', {
			method: 'POST',
			headers: { origin: 'http://evil.example' }
		});
		expect(crossSite.status).toBe(403);
		const plain = await organiserFetch('/api/hub/organiser/sync', {
			method: 'POST',
			headers: { origin: hub.base, 'content-type': 'text/plain' },
			body: 'now'
		});
		expect(plain.status).toBe(403);
	});

	it('opens an updates file through the organiser’s session: new, already here, refused, then nothing new, then damaged', async () => {
		const mine = await withSignedRevision(
			await signDoc(thread('ana', 'On a stick'), ana.cert._id, ana.keys.privateKey),
			null
		);
		// signed by ana's device but claiming ben wrote it
		const forged = await withSignedRevision(
			await signDoc(thread('ben', 'Not mine'), ana.cert._id, ana.keys.privateKey),
			null
		);
		const heldDoc = (await hub.storage.db('community').get('category:general', { revs: true })) as Record<
			string,
			unknown
		>;
		const bytes = await signedBundle([mine, forged, heldDoc]);
		expect((await upload(bytes, { cookie: '' })).status).toBe(401);
		expect((await upload(bytes, { origin: 'http://evil.example' })).status).toBe(403);
		const first = await upload(bytes);
		expect(first.status).toBe(200);
		const report = (await first.json()) as {
			stored: number;
			held: number;
			refused: Array<{ id: string; reason: string }>;
		};
		expect(report).toMatchObject({ ok: true, received: 3, stored: 1, held: 1 });
		expect(report.refused).toEqual([{ id: forged._id, reason: expect.any(String) }]);
		// the refused document is refused again; a file of what is already here brings nothing new
		expect(await (await upload(bytes)).json()).toMatchObject({ stored: 0, held: 2, refused: [{ id: forged._id }] });
		const again = await upload(await signedBundle([mine, heldDoc]));
		expect(await again.json()).toMatchObject({
			stored: 0,
			summary: 'Nothing new: all 2 documents were already here.'
		});
		const bad = bytes.slice();
		bad[Math.floor(bad.length / 2)] ^= 0x40;
		const damaged = await upload(bad);
		expect(damaged.status).toBe(400);
		expect(await damaged.json()).toMatchObject({ reason: expect.stringMatching(/^The file is damaged/) });
		// what a file brought counts as received
		expect((await status()).received).toBe(3);
	});

	it('saves everything on the hub as a dated updates file the bundle reader opens', async () => {
		const res = await organiserFetch('/api/hub/organiser/export');
		expect(res.status).toBe(200);
		expect(res.headers.get('content-disposition')).toMatch(
			/^attachment; filename="praxis-hub-\d{4}-\d{2}-\d{2}\.praxis"$/
		);
		const bytes = new Uint8Array(await res.arrayBuffer());
		const parsed = await readBundle(bytes);
		if (!parsed.ok) throw new Error(parsed.reason);
		const ids = parsed.docs.map((d) => d._id);
		expect(ids).toContain('category:general');
		expect(ids).toContain(ana.cert._id);
		// the hub trusts its own signature: opening its file again changes nothing
		const back = await upload(bytes);
		expect(await back.json()).toMatchObject({ stored: 0, summary: expect.stringMatching(/^Nothing new/) });
	});

	it('says the central server is unreachable, how many documents wait and when it tries next', async () => {
		await upstream.close();
		const doc = await withSignedRevision(
			await signDoc(thread('ana', 'While offline'), ana.cert._id, ana.keys.privateKey),
			null
		);
		const device = localDb();
		await device.bulkDocs([doc], { new_edits: false });
		await device.replicate.to(remoteWithBearer(hub.base, ana.hubToken));
		await device.destroy();
		await waitFor(
			'the hub to notice',
			async () => {
				const s = await status();
				return s.upstream.state === 'unreachable' && s.waiting === 1;
			},
			40_000
		);
		const s = await status();
		const host = new URL(upstream.base).host;
		expect(s.text.upstream).toBe(`The central server ${host} is unreachable; 1 document is waiting to go up.`);
		expect(s.text.nextTry).toMatch(/^Next try at \d\d:\d\d:\d\d \(in \d+ s\)\.$/);
		const fr = (await (
			await organiserFetch('/api/hub/organiser/status', { headers: { 'accept-language': 'fr' } })
		).json()) as OrganiserStatus;
		expect(fr.text.upstream).toBe(`Le serveur central ${host} est injoignable ; 1 document attend d’être envoyé.`);
	}, 60_000);

	it('slows down wrong codes from one address', async () => {
		let last: Response | null = null;
		for (let i = 0; i <= ORGANISER_WRONG_CODES_MAX; i++) last = await signIn('WRONG-CODE');
		expect(last!.status).toBe(429);
		expect(last!.headers.get('retry-after')).toMatch(/^\d+$/);
		expect(await last!.text()).toMatch(/Too many wrong codes from this device\. Try again in \d+ minutes?\./);
		// even the right code waits now
		expect((await signIn(hub.hub.organiserAccess.code)).status).toBe(429);
	});
});

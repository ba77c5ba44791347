// /api/devices: device certificates for members' signing keys.
//   POST   /api/devices        {publicKey, boxKey?, label?} → 201 {certificate}   (a `device:{ulid}` doc;
//                              boxKey: the ECDH key messages relayed by a hub are sealed to)
//                              at most DEVICE_CERTS_PER_DAY a member per 24 h, then 429
//   GET    /api/devices        → {certificates: [{...certificate, revoked}], session?: {device, challenge}}
//   POST   /api/devices/{id}/session  {signature} → {ok}: this session's device signs with {id}
//   DELETE /api/devices/{id}   owner, moderator or admin → {revocation} (a server-signed `revocation:{device ulid}`)
// A session records the certificate its device signs with (server/auth/sessions.ts), so signing
// out that device revokes the certificate too: at certification, or, for a device certified in
// an earlier session, when the device proves it holds the key by signing the session's challenge.
// Certificates and revocations go into `community`, so every device and hub can verify them;
// only the server writes them (permissions.ts refuses them to everyone else).
import { Hono, type Context } from 'hono';
import { encodeTime, ulid } from 'ulid';
import { COMMUNITY_DB, deviceId, idKey, idRange, ULID_PATTERN } from '../../src/lib/domain/ids';
import { isModerator } from '../../src/lib/domain/permissions';
import { importPublicKey, signCertificate, type DeviceCertificate } from '../../src/lib/domain/signing';
import { sessionLinkBytes } from '../../src/lib/domain/session-link';
import { importBoxKey } from '../../src/lib/domain/sealed';
import type { Storage } from '../storage/index';
import type { PraxisAuth } from '../auth/service';
import type { SessionUser } from '../auth/types';
import { clientAddress, type AddressOf } from '../http/client-address';
import { readJson } from '../http/json';
import { serverSigner } from './server-key';
import { asCertificate, type SignatureVerifier } from './verify';
import { findCertificate, revokeCertificate } from './revoke';
import { sessionChallenge, verifyLinkSignature } from './session-link';
import { refusal } from '../../src/lib/domain/account-errors';

export { REVOCATION_AUTHOR } from './revoke';
export const DEVICE_CERT_TTL_MS = 365 * 24 * 60 * 60 * 1000;
const MAX_LABEL_CHARS = 80;
/**
 * Certificates one member may get in 24 hours: a new phone, a reinstall or a cleared browser
 * each need one, but a script certifying hundreds fills every device's replica (certificates are
 * community documents nobody but the server removes).
 */
export const DEVICE_CERTS_PER_DAY = 10;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface DeviceRoutesDeps {
	storage: Storage;
	auth: PraxisAuth;
	verifier: SignatureVerifier;
	clock?: () => Date;
	addressOf?: AddressOf;
}

type NewDevice = { publicKey: string; boxKey?: string; label?: string };

function parseNewDevice(body: unknown): NewDevice | string {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'send a JSON object {publicKey, label?}';
	const { publicKey, boxKey, label } = body as Record<string, unknown>;
	if (typeof publicKey !== 'string') return 'publicKey must be the base64url raw Ed25519 public key';
	if (boxKey !== undefined && typeof boxKey !== 'string')
		return 'boxKey must be the base64url raw ECDH P-256 public key';
	if (label !== undefined && (typeof label !== 'string' || label.length > MAX_LABEL_CHARS))
		return `label must be text of at most ${MAX_LABEL_CHARS} characters`;
	return { publicKey, ...(boxKey ? { boxKey } : {}), ...(label ? { label } : {}) };
}

const deviceIdOf = (param: string): string | null => {
	const id = idKey('device', param);
	return ULID_PATTERN.test(id) ? id : null;
};

export function createDeviceRoutes(deps: DeviceRoutesDeps): Hono {
	const { storage, auth, verifier } = deps;
	const clock = deps.clock ?? (() => new Date());
	const addressOf = deps.addressOf ?? clientAddress;
	const db = () => storage.db(COMMUNITY_DB);
	const app = new Hono();

	async function member(c: Context): Promise<SessionUser | Response> {
		const user = await auth.authenticate(c.req.raw, addressOf(c));
		if (!user)
			return c.json(
				{ error: 'unauthorized', reason: 'sign in to manage your devices', ...refusal('notSignedIn') },
				401
			);
		c.header('cache-control', 'no-store');
		return user;
	}

	/** The member's certificates issued since `since` (ms), oldest first: ids are ULIDs, in time order. */
	async function certifiedSince(name: string, since: number): Promise<DeviceCertificate[]> {
		const res = await db().allDocs({
			include_docs: true,
			startkey: deviceId(encodeTime(Math.max(0, since), 10)),
			endkey: idRange('device').endkey
		});
		return res.rows
			.map((row) => asCertificate(row.doc))
			.filter(
				(cert): cert is DeviceCertificate =>
					cert !== null && cert.author === name && Date.parse(cert.createdAt) >= since
			);
	}

	app.post('/', async (c) => {
		const user = await member(c);
		if (user instanceof Response) return user;
		const input = parseNewDevice(await readJson(c));
		if (typeof input === 'string')
			return c.json({ error: 'bad_request', reason: input, ...refusal('badRequest') }, 400);
		if (!(await importPublicKey(input.publicKey)))
			return c.json(
				{
					error: 'bad_request',
					reason: 'publicKey is not a raw 32-byte Ed25519 public key in base64url',
					...refusal('badRequest')
				},
				400
			);
		if (input.boxKey !== undefined && !(await importBoxKey(input.boxKey)))
			return c.json(
				{
					error: 'bad_request',
					reason: 'boxKey is not a raw 65-byte ECDH P-256 public key in base64url',
					...refusal('badRequest')
				},
				400
			);
		const now = clock();
		const recent = await certifiedSince(user.name, now.getTime() - DAY_MS);
		if (recent.length >= DEVICE_CERTS_PER_DAY) {
			const retryAfter = Math.max(1, Math.ceil((Date.parse(recent[0].createdAt) + DAY_MS - now.getTime()) / 1000));
			c.header('retry-after', String(retryAfter));
			return c.json(
				{
					error: 'too_many_requests',
					reason: `${DEVICE_CERTS_PER_DAY} devices were certified for this account in the last 24 hours; try again later, or revoke the devices you no longer use`,
					...refusal('tooManyDevices', { perDay: DEVICE_CERTS_PER_DAY })
				},
				429
			);
		}
		const signer = await serverSigner(auth.signingKey());
		const unsigned = {
			_id: deviceId(ulid(now.getTime())),
			type: 'device' as const,
			author: user.name,
			createdAt: now.toISOString(),
			publicKey: input.publicKey,
			expiresAt: new Date(now.getTime() + DEVICE_CERT_TTL_MS).toISOString(),
			issuer: signer.kid,
			...(input.boxKey ? { boxKey: input.boxKey } : {}),
			...(input.label ? { label: input.label } : {})
		};
		const certificate = await signCertificate(unsigned, signer.privateKey);
		await db().put(certificate);
		const session = await auth.sessionOf(c.req.raw);
		if (session) await auth.sessions.linkDevice(session, certificate._id);
		return c.json({ certificate }, 201);
	});

	app.get('/', async (c) => {
		const user = await member(c);
		if (user instanceof Response) return user;
		const res = await db().allDocs({ include_docs: true, ...idRange('device') });
		const revoked = await verifier.revoked();
		const certificates = res.rows
			.map((row) => asCertificate(row.doc))
			.filter((cert): cert is DeviceCertificate => cert !== null && cert.author === user.name)
			.map((cert) => ({ ...cert, revoked: revoked.has(cert._id) }));
		const session = await auth.sessionOf(c.req.raw);
		const linked = session ? ((await auth.sessions.get(session.sub, session.jti))?.device ?? null) : null;
		return c.json({
			certificates,
			...(session ? { session: { device: linked, challenge: sessionChallenge(session.jti) } } : {})
		});
	});

	app.post('/:id/session', async (c) => {
		const user = await member(c);
		if (user instanceof Response) return user;
		const session = await auth.sessionOf(c.req.raw);
		if (!session) return c.json({ error: 'bad_request', reason: 'only a signed-in session can name its device' }, 400);
		const id = deviceIdOf(c.req.param('id'));
		const body = (await readJson(c)) as { signature?: unknown } | null;
		if (!id || typeof body?.signature !== 'string')
			return c.json({ error: 'bad_request', reason: 'send {signature} for a device:{ulid}' }, 400);
		const cert = await findCertificate(storage, deviceId(id));
		if (!cert || cert.author !== user.name)
			return c.json({ error: 'not_found', reason: `no device certificate device:${id} of yours` }, 404);
		if ((await verifier.revoked()).has(cert._id))
			return c.json({ error: 'forbidden', reason: 'this device certificate was revoked' }, 403);
		if (!(await verifyLinkSignature(cert, sessionLinkBytes(cert._id, sessionChallenge(session.jti)), body.signature))) {
			return c.json({ error: 'forbidden', reason: 'the signature is not this device’s' }, 403);
		}
		await auth.sessions.linkDevice(session, cert._id);
		return c.json({ ok: true });
	});

	app.delete('/:id', async (c) => {
		const user = await member(c);
		if (user instanceof Response) return user;
		const id = deviceIdOf(c.req.param('id'));
		if (!id) return c.json({ error: 'bad_request', reason: 'a device id is device:{ulid}' }, 400);
		const cert = await findCertificate(storage, deviceId(id));
		if (!cert)
			return c.json(
				{ error: 'not_found', reason: `no device certificate device:${id}`, ...refusal('deviceGone') },
				404
			);
		if (cert.author !== user.name && !isModerator(user)) {
			return c.json(
				{
					error: 'forbidden',
					reason: 'only its owner, a moderator or an admin may revoke a device',
					...refusal('notDeviceOwner')
				},
				403
			);
		}
		return c.json({ revocation: await revokeCertificate({ storage, auth, verifier, clock }, cert, user.name) });
	});

	return app;
}

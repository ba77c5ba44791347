// Device certification: while the central server is reachable, make sure this device's
// signing key has a valid certificate — register the public key with POST /api/devices on first
// use, again when the certificate expires within a day or was revoked (then with a new key). The
// store signs every write with it (store/signing); pending unsigned writes are signed at once.
import { toBase64Url, type DeviceCertificate } from '../domain/signing';
import { sessionLinkBytes } from '../domain/session-link';
import type { StoreSigning } from '../store/index';
import { deviceLabelOf } from './devices';
import { errorMessage } from '../domain/errors';
import { t } from '../i18n';

/** Re-register when less than this is left on the certificate. */
export const CERT_RENEW_BEFORE_MS = 24 * 60 * 60 * 1000;

export type DeviceOutcome =
	| { ok: true; certificate: DeviceCertificate; registered: boolean; signedPending: number }
	/** `status`: the server's HTTP status when it answered (401: the session is gone). */
	| { ok: false; reason: string; status?: number };

/**
 * Whether a document may be pushed to a server that requires signatures: one this device has not
 * signed yet (written before its certificate arrived) stays local, pending, until signPending
 * writes it again signed — a new revision, which the live push then sends.
 */
export function isSignedDoc(doc: unknown): boolean {
	const signature = (doc as { signature?: unknown } | null)?.signature;
	return typeof signature === 'object' && signature !== null;
}

/** The error a sync stops with while the device has no certificate (retried with backoff). */
export function uncertifiedError(outcome: { reason: string; status?: number }): Error & { status?: number } {
	const error: Error & { status?: number } = new Error(t('common:net.hub.uncertified', { reason: outcome.reason }));
	if (outcome.status !== undefined) error.status = outcome.status;
	return error;
}

interface ListedCert {
	_id?: unknown;
	revoked?: unknown;
}

async function json(response: Response): Promise<Record<string, unknown> | null> {
	const body: unknown = await response.json().catch(() => null);
	return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : null;
}

/**
 * Is the stored certificate still usable (unexpired, and not in the server's revoked list)? When
 * it is, and the server does not know yet that this session's device signs with it (a sign-in on
 * a device certified earlier), the device tells it, proving it holds the key.
 */
async function stillValid(
	cert: DeviceCertificate,
	signing: StoreSigning,
	apiBase: string,
	fetchFn: typeof fetch,
	now: number
): Promise<boolean> {
	if (Date.parse(cert.expiresAt) - now < CERT_RENEW_BEFORE_MS) return false;
	const response = await fetchFn(`${apiBase}/devices`, {
		credentials: 'include',
		headers: { accept: 'application/json' }
	});
	if (!response.ok) return true; // cannot tell: keep signing; the server refuses if revoked
	const body = await json(response);
	const listed = body?.certificates;
	const mine = Array.isArray(listed) ? (listed as ListedCert[]).find((c) => c._id === cert._id) : undefined;
	if (!mine || mine.revoked === true) return false;
	const session = body?.session as { device?: unknown; challenge?: unknown } | undefined;
	if (session && session.device !== cert._id && typeof session.challenge === 'string')
		await linkSession(cert, session.challenge, signing, apiBase, fetchFn);
	return true;
}

/** Best effort: without the link, signing this device out elsewhere leaves its certificate valid. */
async function linkSession(
	cert: DeviceCertificate,
	challenge: string,
	signing: StoreSigning,
	apiBase: string,
	fetchFn: typeof fetch
): Promise<void> {
	const signed = await signing.signBytes(sessionLinkBytes(cert._id, challenge));
	if (!signed || signed.device !== cert._id) return;
	await fetchFn(`${apiBase}/devices/${encodeURIComponent(cert._id)}/session`, {
		method: 'POST',
		credentials: 'include',
		headers: { 'content-type': 'application/json', accept: 'application/json' },
		body: JSON.stringify({ signature: toBase64Url(signed.sig) })
	}).catch(() => undefined);
}

/**
 * Ensures `signing` holds a valid certificate from the server at `apiBase` (e.g. origin + '/api').
 * Never throws: network or server failures come back as `{ok: false, reason}`.
 */
export async function ensureDeviceCertificate(
	signing: StoreSigning,
	apiBase: string,
	fetchFn: typeof fetch = fetch,
	now = Date.now()
): Promise<DeviceOutcome> {
	try {
		const current = await signing.certificate();
		const boxKey = await signing.boxPublicKey();
		const valid = current !== null && (await stillValid(current, signing, apiBase, fetchFn, now));
		// pending writes signed before revisions were bound to their parent are signed again
		if (valid && current.boxKey === boxKey)
			return { ok: true, certificate: current, registered: false, signedPending: await signing.signPending() };
		// revoked or expiring: a new key, a new certificate; a valid one without this device's box
		// key (issued before sealed messages) is issued again for the same signing key
		if (current && !valid) await signing.reset();
		const response = await fetchFn(`${apiBase}/devices`, {
			method: 'POST',
			credentials: 'include',
			headers: { 'content-type': 'application/json', accept: 'application/json' },
			body: JSON.stringify({
				publicKey: await signing.publicKey(),
				boxKey: await signing.boxPublicKey(),
				label: deviceLabel()
			})
		});
		const body = await json(response);
		if (!response.ok)
			return {
				ok: false,
				reason: typeof body?.reason === 'string' ? body.reason : `the server answered ${response.status}`,
				status: response.status
			};
		const certificate = body?.certificate as DeviceCertificate | undefined;
		if (!certificate || typeof certificate._id !== 'string')
			return { ok: false, reason: t('common:net.hub.noCertificate') };
		const signedPending = await signing.certify(certificate);
		return { ok: true, certificate, registered: true, signedPending };
	} catch (err) {
		return { ok: false, reason: errorMessage(err) };
	}
}

function deviceLabel(): string {
	const agent =
		typeof navigator === 'object' && typeof navigator.userAgent === 'string' ? navigator.userAgent : undefined;
	return deviceLabelOf(agent).slice(0, 80);
}

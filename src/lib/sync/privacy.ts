// The privacy notice and the member's consent (/api/privacy): the notice anyone may read, whether
// the signed-in member read its current version, and "I have read it". Answers are checked with
// the shared schemas (domain/privacy.ts); failures come back as a sentence to show.
import * as v from 'valibot';
import { consentStateSchema, privacyNoticeSchema, type ConsentState, type PrivacyNotice } from '../domain/privacy';
import { apiPath } from './gateway';
import { t } from '../i18n';

type Fetch = typeof fetch;
export type Answer<T> = { ok: true; value: T } | { ok: false; offline: boolean; status: number; reason: string };

const API = apiPath('/privacy');
const offlineReason = (): string => t('common:net.privacy.offline');

/** The server's reason, as a sentence. */
function sentence(reason: string): string {
	const text = reason.charAt(0).toUpperCase() + reason.slice(1);
	return /[.!?]$/.test(text) ? text : `${text}.`;
}

async function call<T>(
	path: string,
	schema: v.GenericSchema<unknown, T>,
	init: RequestInit,
	fetchFn: Fetch
): Promise<Answer<T>> {
	let response: Response;
	try {
		response = await fetchFn(`${API}${path}`, {
			credentials: 'include',
			...init,
			headers: { accept: 'application/json', ...init.headers }
		});
	} catch {
		return { ok: false, offline: true, status: 0, reason: offlineReason() };
	}
	const body = (await response.json().catch(() => null)) as unknown;
	if (!response.ok) {
		const reason = (body as { reason?: unknown } | null)?.reason;
		const offline = response.status === 502 || response.status === 503 || response.status === 504;
		return {
			ok: false,
			offline,
			status: response.status,
			reason: offline
				? offlineReason()
				: sentence(typeof reason === 'string' ? reason : t('common:net.answeredBare', { status: response.status }))
		};
	}
	const parsed = v.safeParse(schema, body);
	if (!parsed.success)
		return { ok: false, offline: false, status: response.status, reason: t('common:net.unexpected') };
	return { ok: true, value: parsed.output };
}

export function fetchPrivacyNotice(fetchFn: Fetch = fetch): Promise<Answer<PrivacyNotice>> {
	return call('', privacyNoticeSchema, { method: 'GET' }, fetchFn);
}

/** Whether the signed-in member read the current notice (401 when not signed in). */
export function fetchConsentState(fetchFn: Fetch = fetch): Promise<Answer<ConsentState>> {
	return call('/consent', consentStateSchema, { method: 'GET' }, fetchFn);
}

/** "I have read it": records that the member read this version (409: it changed again meanwhile). */
export function recordConsent(
	version: string,
	fetchFn: Fetch = fetch
): Promise<Answer<{ version: string; consentedAt: string }>> {
	const schema = v.object({ version: v.string(), consentedAt: v.string() });
	return call(
		'/consent',
		schema,
		{ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ version }) },
		fetchFn
	);
}

// Classifying replication errors by what actually happened, never by navigator.onLine (hall
// Wi-Fi without internet, captive portals and meetup LANs all leave it true):
// - 'unauthorized': a 401, the session is gone (ask to sign in again, never retry blindly);
// - 'offline': the request did not get an answer at all (no network, blocked, nothing listening);
// - 'unreachable': something answered, but not the server (502/503/504, a proxy's or a captive
//   portal's page instead of JSON);
// - 'throttled': a 429, the server asked this device to slow down: wait as long as it said
//   (`waitMs`, from Retry-After: retry-after.ts) and send again; nothing is wrong;
// - 'suspended': a 403 `suspended`, the member's account is suspended: their writes wait on the
//   device, with the server's reason, until the suspension ends;
// - 'error': the server answered with an error worth showing.
import { t } from '../i18n';

export type ErrorKind = 'unauthorized' | 'offline' | 'unreachable' | 'throttled' | 'suspended' | 'error';

const GATEWAY_STATUSES = new Set([502, 503, 504]);

/** Without a Retry-After, a 429 waits this long. */
export const THROTTLED_DEFAULT_WAIT_MS = 30_000;

export interface ClassifiedError {
	kind: ErrorKind;
	reason: string;
	/** How long the server asked to wait ('throttled' only). */
	waitMs?: number;
}

export function classifyError(err: unknown): ClassifiedError {
	const e = (typeof err === 'object' && err !== null ? err : {}) as {
		status?: unknown;
		name?: unknown;
		error?: unknown;
		reason?: unknown;
		message?: unknown;
		retryAfterSeconds?: unknown;
	};
	const reason =
		typeof e.reason === 'string' && e.reason
			? e.reason
			: typeof e.message === 'string' && e.message
				? e.message
				: String(err);
	if (e.status === 401 || e.name === 'unauthorized')
		return { kind: 'unauthorized', reason: t('common:net.sessionExpired') };
	if (e.status === 429) {
		const seconds = typeof e.retryAfterSeconds === 'number' ? e.retryAfterSeconds : null;
		return { kind: 'throttled', reason, waitMs: seconds === null ? THROTTLED_DEFAULT_WAIT_MS : seconds * 1000 };
	}
	if (e.status === 403 && (e.name === 'suspended' || e.error === 'suspended')) return { kind: 'suspended', reason };
	if (typeof e.status === 'number' && GATEWAY_STATUSES.has(e.status))
		return { kind: 'unreachable', reason: t('common:net.notAnswering') };
	// PouchDB reports a body that is not JSON (a portal's login page) as a SyntaxError or bad_request
	if (err instanceof SyntaxError || /Unexpected token|not valid JSON|JSON\.parse/i.test(reason)) {
		return { kind: 'unreachable', reason: t('common:net.somethingElse') };
	}
	if (
		err instanceof TypeError ||
		e.status === 0 ||
		e.name === 'AbortError' ||
		/failed to fetch|fetch failed|network|ECONNREFUSED|ECONNRESET|ETIMEDOUT/i.test(reason)
	) {
		return { kind: 'offline', reason: t('common:net.noConnection') };
	}
	return { kind: 'error', reason };
}

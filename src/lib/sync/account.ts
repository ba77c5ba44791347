// The member's account on the home server: changing the password, setting one with a reset code,
// the signed-in devices and signing one out, giving a reset code (moderators, admins), and
// deleting the account.
// Every call answers {ok: true, ...} or {ok: false, reason} with words a member can act on.
import type {
	AccountDeletionAnswer,
	AccountDeletionRequest,
	IssuedResetCode,
	ListedSession,
	PasswordChangeRequest,
	PasswordResetRequest,
	PasswordSetAnswer
} from '../domain/account-api';

export type Answer<T> =
	({ ok: true } & T) | { ok: false; reason: string; status: number; advice?: string[]; code?: AccountErrorCode };

import { apiPath } from './gateway';
import { t } from '../i18n';
import { accountErrorCode, accountErrorOr } from '../i18n/error-words';
import { passwordWords } from '../i18n/password-words';
import type { AccountErrorCode } from '../domain/account-errors';

type Fetch = typeof fetch;

const unreachable = (): string => t('common:net.account.unreachable');

async function call<T>(path: string, init: RequestInit, fetchFn: Fetch): Promise<Answer<T>> {
	let response: Response;
	try {
		response = await fetchFn(apiPath(path), {
			credentials: 'include',
			headers: init.body
				? { 'content-type': 'application/json', accept: 'application/json' }
				: { accept: 'application/json' },
			...init
		});
	} catch {
		return { ok: false, reason: unreachable(), status: 0 };
	}
	const body = (await response.json().catch(() => null)) as (T & { reason?: unknown; advice?: unknown }) | null;
	if (response.ok && body) return { ok: true, ...body };
	if (response.status === 502 || response.status === 503 || response.status === 504)
		return { ok: false, reason: unreachable(), status: response.status };
	const reason = accountErrorOr(
		body,
		typeof body?.reason === 'string' ? sentence(body.reason) : t('common:net.answered', { status: response.status })
	);
	const advice = Array.isArray(body?.advice)
		? body.advice.filter((a): a is string => typeof a === 'string').map(passwordWords)
		: undefined;
	const code = accountErrorCode(body);
	return { ok: false, reason, status: response.status, ...(advice ? { advice } : {}), ...(code ? { code } : {}) };
}

/** Server reasons start in lower case when they are fragments ("sign in to …"). */
function sentence(text: string): string {
	const capital = text.charAt(0).toUpperCase() + text.slice(1);
	return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

export function changePassword(
	request: PasswordChangeRequest,
	fetchFn: Fetch = fetch
): Promise<Answer<PasswordSetAnswer>> {
	return call('/auth/password', { method: 'POST', body: JSON.stringify(request) }, fetchFn);
}

export function resetPassword(
	request: PasswordResetRequest,
	fetchFn: Fetch = fetch
): Promise<Answer<PasswordSetAnswer>> {
	return call('/auth/reset', { method: 'POST', body: JSON.stringify(request) }, fetchFn);
}

export async function listSessions(fetchFn: Fetch = fetch): Promise<Answer<{ sessions: ListedSession[] }>> {
	const answer = await call<{ sessions: unknown }>('/auth/sessions', { method: 'GET' }, fetchFn);
	if (!answer.ok) return answer;
	const sessions = Array.isArray(answer.sessions) ? answer.sessions.filter(isListedSession) : [];
	return { ok: true, sessions };
}

function isListedSession(value: unknown): value is ListedSession {
	const v = value as Partial<ListedSession> | null;
	return (
		!!v &&
		typeof v.id === 'string' &&
		typeof v.current === 'boolean' &&
		typeof v.createdAt === 'string' &&
		typeof v.lastSeenAt === 'string'
	);
}

export function endSession(id: string, fetchFn: Fetch = fetch): Promise<Answer<{ revokedDevice?: string }>> {
	return call(`/auth/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' }, fetchFn);
}

export function issueResetCode(username: string, fetchFn: Fetch = fetch): Promise<Answer<IssuedResetCode>> {
	return call(`/moderation/members/${encodeURIComponent(username)}/reset-code`, { method: 'POST' }, fetchFn);
}

/** Deletes the signed-in member's account on the server (the caller then removes it from the device). */
export function deleteAccount(
	request: AccountDeletionRequest,
	fetchFn: Fetch = fetch
): Promise<Answer<AccountDeletionAnswer>> {
	return call('/account/delete', { method: 'POST', body: JSON.stringify(request) }, fetchFn);
}

// "Download my data": asks the server for the member's ZIP (GET /api/account/export) and hands
// it back with the file name the server chose, or a sentence saying why not.

export type Download = { ok: true; blob: Blob; filename: string } | { ok: false; reason: string };

const FALLBACK_NAME = 'praxis-data.zip';

/** The file name of a `Content-Disposition: attachment; filename="…"` header. */
export function attachmentName(header: string | null): string {
	const match = /filename="([^"]+)"/.exec(header ?? '');
	return match && /^[\w.-]+$/.test(match[1]) ? match[1] : FALLBACK_NAME;
}

export async function downloadMyData(fetchFn: Fetch = fetch): Promise<Download> {
	let response: Response;
	try {
		response = await fetchFn(apiPath('/account/export'), {
			credentials: 'include',
			headers: { accept: 'application/zip' }
		});
	} catch {
		return {
			ok: false,
			reason: t('common:net.account.exportOffline')
		};
	}
	if (response.ok) {
		try {
			return {
				ok: true,
				blob: await response.blob(),
				filename: attachmentName(response.headers.get('content-disposition'))
			};
		} catch {
			return { ok: false, reason: t('common:net.account.exportCut') };
		}
	}
	if (response.status === 401) return { ok: false, reason: t('common:net.account.exportExpired') };
	const body = (await response.json().catch(() => null)) as { reason?: unknown } | null;
	if (typeof body?.reason === 'string')
		return {
			ok: false,
			reason: accountErrorOr(body, body.reason.charAt(0).toUpperCase() + body.reason.slice(1) + '.')
		};
	return {
		ok: false,
		reason: t('common:net.account.exportFailed', { status: response.status })
	};
}

// The member's email address and digest (/api/account/email, server/mail/routes.ts). Online
// only; every call answers {ok: true, …} or {ok: false, reason} in plain words.
import { apiPath } from './gateway';
import { t } from '../i18n';

export type DigestFrequency = 'off' | 'daily' | 'weekly';

export interface EmailState {
	/** Whether this server sends email at all (its operator set it up). */
	mail: boolean;
	address: string | null;
	confirmed: boolean;
	/** An address waiting for its confirmation link. */
	pending: string | null;
	digest: DigestFrequency;
}

export type EmailAnswer<T> = ({ ok: true } & T) | { ok: false; reason: string };

// a function: the interface language loads after this module
const unreachable = () => t('account:sync.emailUnreachable');

async function call<T>(path: string, init: RequestInit = {}): Promise<EmailAnswer<T>> {
	try {
		const headers: Record<string, string> = { accept: 'application/json' };
		if (init.body !== undefined) headers['content-type'] = 'application/json';
		const response = await fetch(apiPath(`/account/email${path}`), { credentials: 'include', ...init, headers });
		const body = (await response.json().catch(() => null)) as (T & { reason?: unknown }) | null;
		if (response.ok && body) return { ok: true, ...body };
		const reason =
			typeof body?.reason === 'string'
				? body.reason
				: response.status >= 500
					? unreachable()
					: t('account:sync.answered', { status: response.status });
		return { ok: false, reason: reason.charAt(0).toUpperCase() + reason.slice(1) + (/[.!?]$/.test(reason) ? '' : '.') };
	} catch {
		return { ok: false, reason: unreachable() };
	}
}

export const emailState = () => call<EmailState>('');
export const setEmail = (address: string) =>
	call<{ pending: string }>('', { method: 'PUT', body: JSON.stringify({ address }) });
export const removeEmail = () => call<object>('', { method: 'DELETE' });
export const setDigest = (frequency: DigestFrequency) =>
	call<{ digest: DigestFrequency }>('/digest', { method: 'PUT', body: JSON.stringify({ frequency }) });
export const confirmEmail = (token: string) =>
	call<{ name: string }>('/confirm', { method: 'POST', body: JSON.stringify({ token }) });

/** Whether this server emails reset links (GET /api/auth/forgot). */
export async function resetByEmailAvailable(): Promise<boolean> {
	try {
		const response = await fetch(apiPath('/auth/forgot'), { headers: { accept: 'application/json' } });
		return response.ok && ((await response.json()) as { mail?: unknown }).mail === true;
	} catch {
		return false;
	}
}

/** Asks for a reset link by email; the answer is the same whether or not the account has an address. */
export async function askResetLink(username: string): Promise<EmailAnswer<{ message: string }>> {
	try {
		const response = await fetch(apiPath('/auth/forgot'), {
			method: 'POST',
			headers: { 'content-type': 'application/json', accept: 'application/json' },
			body: JSON.stringify({ username })
		});
		const body = (await response.json().catch(() => null)) as { message?: unknown; reason?: unknown } | null;
		if (response.ok && typeof body?.message === 'string') return { ok: true, message: body.message };
		const reason =
			typeof body?.reason === 'string' ? body.reason : t('account:sync.answered', { status: response.status });
		return { ok: false, reason: reason.charAt(0).toUpperCase() + reason.slice(1) + (/[.!?]$/.test(reason) ? '' : '.') };
	} catch {
		return { ok: false, reason: t('account:sync.resetLinkUnreachable') };
	}
}

// The member's email address and digest (/api/account/email, server/mail/routes.ts). Online
// only; every call answers {ok: true, …} or {ok: false, reason} in plain words.
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

const UNREACHABLE = 'Email settings can be changed when the server can be reached.';

async function call<T>(path: string, init: RequestInit = {}): Promise<EmailAnswer<T>> {
	try {
		const headers: Record<string, string> = { accept: 'application/json' };
		if (init.body !== undefined) headers['content-type'] = 'application/json';
		const response = await fetch(`/api/account/email${path}`, { credentials: 'include', ...init, headers });
		const body = (await response.json().catch(() => null)) as (T & { reason?: unknown }) | null;
		if (response.ok && body) return { ok: true, ...body };
		const reason = typeof body?.reason === 'string' ? body.reason : response.status >= 500 ? UNREACHABLE : `The server answered ${response.status}.`;
		return { ok: false, reason: reason.charAt(0).toUpperCase() + reason.slice(1) + (/[.!?]$/.test(reason) ? '' : '.') };
	} catch {
		return { ok: false, reason: UNREACHABLE };
	}
}

export const emailState = () => call<EmailState>('');
export const setEmail = (address: string) => call<{ pending: string }>('', { method: 'PUT', body: JSON.stringify({ address }) });
export const removeEmail = () => call<object>('', { method: 'DELETE' });
export const setDigest = (frequency: DigestFrequency) => call<{ digest: DigestFrequency }>('/digest', { method: 'PUT', body: JSON.stringify({ frequency }) });
export const confirmEmail = (token: string) => call<{ name: string }>('/confirm', { method: 'POST', body: JSON.stringify({ token }) });

// Server session helpers: the only code calling /api/auth. Every call tells "offline" (no answer
// from the server) apart from "unauthorized" (the server said 401) and other refusals.
import type { Member } from '../store/types';
import { apiPath } from './gateway';
import { t } from '../i18n';
import { accountErrorCode, accountErrorWords } from '../i18n/error-words';
import type { AccountErrorCode } from '../domain/account-errors';

export type AuthResult =
	| { ok: true; member: Member }
	| {
			ok: false;
			kind: 'offline' | 'unauthorized' | 'refused';
			status: number;
			reason: string;
			/** The refusal's stable code (src/lib/domain/account-errors.ts), when it has one. */
			code?: AccountErrorCode;
	  };

type Fetch = typeof fetch;

export interface RegisterInput {
	username: string;
	password: string;
	displayName: string;
	organization?: string;
	/** Ticked "I have read the privacy notice": the server refuses a registration without it. */
	privacyConsent: true;
	/** The version of the notice the person was shown (GET /api/privacy). */
	privacyVersion?: string;
}

const API = apiPath('/auth');

async function call(path: string, init: RequestInit, fetchFn: Fetch): Promise<AuthResult> {
	let response: Response;
	try {
		response = await fetchFn(`${API}${path}`, {
			credentials: 'include',
			headers: init.body
				? { 'content-type': 'application/json', accept: 'application/json' }
				: { accept: 'application/json' },
			...init
		});
	} catch {
		return { ok: false, kind: 'offline', status: 0, reason: t('common:net.auth.unreachable') };
	}
	const body = await response.json().catch(() => null);
	if (response.ok) {
		const member = readMember(body);
		if (member) return { ok: true, member };
		return { ok: false, kind: 'refused', status: response.status, reason: t('common:net.unexpected') };
	}
	const reason = accountErrorWords(body) ?? readReason(body) ?? t('common:net.answered', { status: response.status });
	const code = accountErrorCode(body);
	const coded = code ? { code } : {};
	if (response.status === 401) return { ok: false, kind: 'unauthorized', status: 401, reason, ...coded };
	// A gateway or proxy error means the server itself is not reachable.
	if (response.status === 502 || response.status === 503 || response.status === 504) {
		return { ok: false, kind: 'offline', status: response.status, reason };
	}
	return { ok: false, kind: 'refused', status: response.status, reason, ...coded };
}

function readMember(body: unknown): Member | null {
	const user = (body as { user?: unknown } | null)?.user as Record<string, unknown> | undefined;
	if (!user || typeof user.name !== 'string' || !Array.isArray(user.roles)) return null;
	return {
		name: user.name,
		roles: user.roles.filter((r): r is Member['roles'][number] => typeof r === 'string') as Member['roles'],
		displayName: typeof user.displayName === 'string' ? user.displayName : user.name
	};
}

function readReason(body: unknown): string | null {
	if (!body || typeof body !== 'object') return null;
	const { reason, error } = body as { reason?: unknown; error?: unknown };
	if (typeof reason === 'string' && reason) return reason;
	if (typeof error === 'string' && error) return error;
	return null;
}

export function register(input: RegisterInput, fetchFn: Fetch = fetch): Promise<AuthResult> {
	return call('/register', { method: 'POST', body: JSON.stringify(input) }, fetchFn);
}

export function login(username: string, password: string, fetchFn: Fetch = fetch): Promise<AuthResult> {
	return call('/login', { method: 'POST', body: JSON.stringify({ username, password }) }, fetchFn);
}

/** Resolves true when the server ended the session (or had none), false when offline. */
export async function logout(fetchFn: Fetch = fetch): Promise<boolean> {
	try {
		const response = await fetchFn(`${API}/logout`, { method: 'POST', credentials: 'include' });
		return response.ok || response.status === 401;
	} catch {
		return false;
	}
}

export function fetchSession(fetchFn: Fetch = fetch): Promise<AuthResult> {
	return call('/session', { method: 'GET' }, fetchFn);
}

// Shared by /login and /register: the message for a failed auth call, and where to go after.
import type { AuthResult } from '$lib/sync';
import { t } from '$lib/i18n';

export function authError(result: Extract<AuthResult, { ok: false }>): string {
	if (result.kind === 'offline') {
		return t('common:auth.offline');
	}
	return result.reason;
}

/** Only same-app paths are followed after sign-in, never another origin. */
export function nextPath(url: URL): string {
	const next = url.searchParams.get('next');
	return next && next.startsWith('/') && !next.startsWith('//') ? next : '/forums';
}

// Shared by /login and /register: the message for a failed auth call, and where to go after.
import type { AuthResult } from '$lib/sync';

export function authError(result: Extract<AuthResult, { ok: false }>): string {
	if (result.kind === 'offline') {
		return 'You are offline. Signing in on a device for the first time needs a connection; try again when you are online.';
	}
	return result.reason;
}

/** Only same-app paths are followed after sign-in, never another origin. */
export function nextPath(url: URL): string {
	const next = url.searchParams.get('next');
	return next && next.startsWith('/') && !next.startsWith('//') ? next : '/forums';
}

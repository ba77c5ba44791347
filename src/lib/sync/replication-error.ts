// Classifying replication errors: a 401 means the session is gone (ask to sign in again, never
// retry blindly); a failed fetch means the server is unreachable; anything else is an error
// with a reason worth showing.
export type ErrorKind = 'unauthorized' | 'unreachable' | 'error';

export function classifyError(err: unknown): { kind: ErrorKind; reason: string } {
	const e = (typeof err === 'object' && err !== null ? err : {}) as { status?: unknown; name?: unknown; reason?: unknown; message?: unknown };
	const reason = typeof e.reason === 'string' && e.reason ? e.reason : typeof e.message === 'string' && e.message ? e.message : String(err);
	if (e.status === 401 || e.name === 'unauthorized') return { kind: 'unauthorized', reason: 'Your session has expired: sign in again.' };
	if (err instanceof TypeError || e.status === 0 || e.status === 502 || e.status === 503 || e.status === 504 || /fetch|network|ECONNREFUSED/i.test(reason)) {
		return { kind: 'unreachable', reason: 'The server cannot be reached.' };
	}
	return { kind: 'error', reason };
}

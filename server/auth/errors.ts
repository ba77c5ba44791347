// The refusals the account code throws, turned into `{error, reason, ...details}` answers by
// the routes (server/auth/routes.ts asHttpError).
/** An expected refusal, turned into `{error, reason}` with this status by the routes. */
export class AuthError extends Error {
	constructor(
		readonly status: 400 | 401 | 403 | 404 | 409 | 429,
		readonly error: string,
		readonly reason: string,
		readonly retryAfterSeconds?: number,
		/** More fields for the answer's body (`field`, `advice`). */
		readonly details?: Record<string, unknown>
	) {
		super(reason);
	}
}

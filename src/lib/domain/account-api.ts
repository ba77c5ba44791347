// The shapes of the account endpoints (server/auth/account-routes.ts), for both sides.

/** POST /api/auth/password */
export interface PasswordChangeRequest {
	current: string;
	next: string;
	/** End every other session of the member (this one continues under a fresh cookie). */
	signOutOthers?: boolean;
}

/** POST /api/auth/reset */
export interface PasswordResetRequest {
	username: string;
	code: string;
	password: string;
}

/** The answer to a change or a reset. */
export interface PasswordSetAnswer {
	ok: true;
	/** How many sessions were ended. */
	signedOut: number;
}

/** One entry of GET /api/auth/sessions. */
export interface ListedSession {
	/** The session id (for DELETE /api/auth/sessions/{id}). */
	id: string;
	/** The session this request came with. */
	current: boolean;
	createdAt: string;
	/** When the session last reached the server (kept to within a few minutes). */
	lastSeenAt: string;
	/** The browser's User-Agent at sign-in. */
	agent?: string;
	/** The device certificate its device signs with. */
	device?: string;
	deviceLabel?: string;
}

/** POST /api/moderation/members/{name}/reset-code (moderators and admins), /api/admin/… (admins) */
export interface IssuedResetCode {
	username: string;
	code: string;
	expiresAt: string;
}

/** POST /api/account/delete */
export interface AccountDeletionRequest {
	/** The member's password, typed again. */
	password: string;
	/** Also delete every community document and library file the member wrote. */
	deleteContributions?: boolean;
}

/** The answer to an account deletion. */
export interface AccountDeletionAnswer {
	ok: true;
	/** How many of the member's documents and files were deleted (0 unless asked). */
	deletedContributions: number;
}

/**
 * The `error` of a 401 answered to the credentials of a deleted account (sign-in, a session
 * cookie, Basic credentials): the member's devices remove the account's data when they see it.
 */
export const ACCOUNT_DELETED = 'account_deleted';
export const ACCOUNT_DELETED_REASON = 'This account was deleted.';

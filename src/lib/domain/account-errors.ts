// The stable codes of the account endpoints' refusals (sign-in, registration, passwords, reset
// codes, sessions, account deletion, data download), shared by the server, which sends one as
// `code` beside its English `error` and `reason`, and the client, which says it in the member's
// language (src/lib/i18n/error-words.ts). The `reason` sentence stays as it was for outside
// readers; a code, once published, keeps its meaning. Table: docs/security.md.

/** Each code with the HTTP status it comes with and what it means. */
export const ACCOUNT_ERROR_CODES = {
	badRequest: { status: 400, meaning: 'the request is not the JSON object the endpoint reads' },
	usernameRequired: { status: 400, meaning: 'no username was given' },
	usernameInvalid: { status: 400, meaning: 'the username is not 3 to 32 of a-z, 0-9, "_" and "-"' },
	passwordRequired: { status: 400, meaning: 'no password was given' },
	passwordTooLong: { status: 400, meaning: 'the password is longer than {max} characters' },
	weakPassword: { status: 400, meaning: 'the new password is refused: {rule} says by which rule, `advice` what helps' },
	samePassword: { status: 400, meaning: 'the new password is the current one' },
	currentPasswordRequired: { status: 400, meaning: 'the current password was not given' },
	displayNameRequired: { status: 400, meaning: 'no display name was given' },
	displayNameTooLong: { status: 400, meaning: 'the display name is longer than {max} characters' },
	organizationTooLong: { status: 400, meaning: 'the organisation is not text of at most {max} characters' },
	privacyConsentMissing: { status: 400, meaning: 'the privacy notice was not ticked as read' },
	privacyVersionInvalid: { status: 400, meaning: 'privacyVersion is not a version of the notice' },
	privacyChanged: { status: 409, meaning: 'the privacy notice changed while it was being read' },
	usernameReserved: { status: 409, meaning: 'the server keeps this username {username} for itself' },
	usernameTaken: { status: 409, meaning: 'another member has the username {username}' },
	tooManyAccounts: { status: 429, meaning: 'too many new accounts from this address' },
	wrongCredentials: { status: 401, meaning: 'no account has this username and password' },
	tooManyAttempts: { status: 429, meaning: 'too many failed sign-ins: wait {minutes} min' },
	accountDeleted: { status: 401, meaning: 'the account was deleted' },
	accountSuspended: { status: 403, meaning: 'the account is suspended ({until}) for {why}' },
	suspendedNoHub: { status: 403, meaning: 'a suspended member gets no meetup hub token' },
	notSignedIn: { status: 401, meaning: 'the request carries no valid session' },
	wrongCurrentPassword: { status: 403, meaning: 'the current password typed is not right' },
	wrongPassword: { status: 403, meaning: 'the password typed to delete the account is not right' },
	resetCodeRequired: { status: 400, meaning: 'no reset code was given' },
	badResetLink: { status: 403, meaning: 'the reset code does not match the username' },
	resetCodeExpired: { status: 403, meaning: 'the reset code is older than 24 hours' },
	resetCodeUsed: { status: 403, meaning: 'the reset code was used already' },
	tooManyResetAttempts: { status: 429, meaning: 'too many wrong reset codes: wait {minutes} min' },
	notModerator: { status: 403, meaning: 'only moderators and administrators give reset codes' },
	noSuchMember: { status: 404, meaning: 'no member is named {username}' },
	adminOnlyReset: { status: 403, meaning: 'only an administrator gives a moderator or administrator a code' },
	sessionGone: { status: 404, meaning: 'the session to end is not signed in any more' },
	onlyAdmin: { status: 403, meaning: 'the last administrator cannot delete their account' },
	deletionUnderWay: { status: 409, meaning: 'the account is being deleted already' },
	tooManyDevices: { status: 429, meaning: '{perDay} devices were certified in the last 24 hours' },
	deviceGone: { status: 404, meaning: 'no such device certificate' },
	notDeviceOwner: { status: 403, meaning: 'only its owner, a moderator or an admin revokes a device' },
	tooManyExports: { status: 429, meaning: 'data downloaded {perHour} times this hour: wait {minutes} min' }
} as const satisfies Record<string, { status: number; meaning: string }>;

export type AccountErrorCode = keyof typeof ACCOUNT_ERROR_CODES;

/** Values the member's language needs to say a refusal (a name, a number of minutes). */
export type AccountErrorParams = Record<string, string | number>;

/** What an account refusal adds to its `{error, reason}` body. */
export type AccountRefusal = {
	code: AccountErrorCode;
	params?: AccountErrorParams;
};

export function isAccountErrorCode(value: unknown): value is AccountErrorCode {
	return typeof value === 'string' && Object.hasOwn(ACCOUNT_ERROR_CODES, value);
}

/** The body fields for a refusal: `{code}` and, when given, `{params}`. */
export function refusal(code: AccountErrorCode, params?: AccountErrorParams): AccountRefusal {
	return params ? { code, params } : { code };
}

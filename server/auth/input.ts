// Checks of the account fields a person types, with reasons they can act on.
import { USERNAME_PATTERN } from '../../src/lib/domain/ids';
import { PASSWORD_MAX_CHARS, verdictMessage } from '../../src/lib/domain/password-rules';
import { judgePassword } from '../../src/lib/domain/password-strength';
import { refusal, type AccountErrorCode, type AccountRefusal } from '../../src/lib/domain/account-errors';
import { AuthError } from './errors';
import type { SessionClaims } from './tokens';

/** Names the server uses itself (seeded categories are authored by "praxis"). */
export const RESERVED_USERNAMES: ReadonlySet<string> = new Set(['praxis', 'system', 'anonymous']);
export const DISPLAY_NAME_MAX_CHARS = 80;
export const ORGANIZATION_MAX_CHARS = 120;

export interface RegisterInput {
	username: string;
	password: string;
	displayName: string;
	organization?: string;
	/** Ticked "I have read the privacy notice": registration needs it. */
	privacyConsent: true;
	/** The notice version the person read (GET /api/privacy); the current one when absent. */
	privacyVersion?: string;
}

export type Field = keyof RegisterInput;
type Failed = { ok: false; field?: Field; reason: string; refusal: AccountRefusal };
export type Parsed<T> = { ok: true; value: T } | Failed;

const fail = (field: Field | undefined, reason: string, why: AccountRefusal): Failed => ({
	ok: false,
	field,
	reason,
	refusal: why
});

/** The code of checkUsername's refusal. */
const usernameCode = (username: unknown): AccountErrorCode =>
	typeof username === 'string' && username.length > 0 ? 'usernameInvalid' : 'usernameRequired';

/** The code of checkPassword's refusal. */
export const passwordRefusal = (password: unknown): AccountRefusal =>
	typeof password === 'string' && password.length > 0
		? refusal('passwordTooLong', { max: PASSWORD_MAX_CHARS })
		: refusal('passwordRequired');

export function checkUsername(username: unknown): string | null {
	if (typeof username !== 'string' || username.length === 0) return 'a username is required';
	if (!USERNAME_PATTERN.test(username)) {
		return 'usernames are 3 to 32 characters of lower-case letters a-z, digits, "_" and "-"';
	}
	return null;
}

/**
 * Whether a new password is text of an acceptable size; its strength is judged after the rate
 * limits (requireStrongPassword), as the estimator costs CPU.
 */
export function checkPassword(password: unknown): string | null {
	if (typeof password !== 'string' || password.length === 0) return 'a password is required';
	if (password.length > PASSWORD_MAX_CHARS) return `passwords are at most ${PASSWORD_MAX_CHARS} characters`;
	return null;
}

/** Who the member is about to choose a password as: the estimator tries these words first. */
export interface PasswordOwner {
	name: string;
	displayName?: string;
	organization?: string;
}

/** Throws a 400 naming the request's `field`, with the estimator's advice, for a weak password. */
export function requireStrongPassword(password: string, owner: PasswordOwner, field = 'password'): void {
	const verdict = judgePassword(password, {
		username: owner.name,
		personal: [owner.displayName ?? '', owner.organization ?? '']
	});
	if (!verdict.ok)
		throw new AuthError(400, 'bad_request', verdictMessage(verdict), undefined, {
			field,
			advice: verdict.advice,
			...refusal('weakPassword', verdict.reason ? { rule: verdict.reason } : undefined)
		});
}

/** What identifies a browser session at sign-in (kept in its record). */
export interface SessionMeta {
	/** The User-Agent header. */
	agent?: string;
	/**
	 * The valid session the request already carried: signing in again on that browser replaces it
	 * (device and hub tokens carried over) instead of leaving it behind as another device.
	 */
	replaces?: SessionClaims | null;
}

function optionalText(value: unknown, max: number, label: string): Parsed<string | undefined> {
	if (value === undefined || value === null) return { ok: true, value: undefined };
	const tooLong = refusal('organizationTooLong', { max });
	if (typeof value !== 'string') return fail(undefined, `${label} must be text`, tooLong);
	const trimmed = value.trim();
	if (trimmed.length > max) return fail(undefined, `${label} is at most ${max} characters`, tooLong);
	return { ok: true, value: trimmed === '' ? undefined : trimmed };
}

export function parseRegisterInput(body: unknown): Parsed<RegisterInput> {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		return fail(
			undefined,
			'send a JSON object {username, password, displayName, organization?, privacyConsent: true, privacyVersion?}',
			refusal('badRequest')
		);
	}
	const b = body as Record<string, unknown>;
	const usernameProblem = checkUsername(b.username);
	if (usernameProblem) return fail('username', usernameProblem, refusal(usernameCode(b.username)));
	const passwordProblem = checkPassword(b.password);
	if (passwordProblem) return fail('password', passwordProblem, passwordRefusal(b.password));
	if (typeof b.displayName !== 'string' || b.displayName.trim().length === 0) {
		return fail('displayName', 'a display name is required', refusal('displayNameRequired'));
	}
	const displayName = b.displayName.trim();
	if (displayName.length > DISPLAY_NAME_MAX_CHARS) {
		return fail(
			'displayName',
			`display names are at most ${DISPLAY_NAME_MAX_CHARS} characters`,
			refusal('displayNameTooLong', { max: DISPLAY_NAME_MAX_CHARS })
		);
	}
	const organization = optionalText(b.organization, ORGANIZATION_MAX_CHARS, 'organization');
	if (!organization.ok) return { ...organization, field: 'organization' };
	if (b.privacyConsent !== true) {
		return fail(
			'privacyConsent',
			'please read the privacy notice (/privacy) and tick "I have read the privacy notice" to create an account',
			refusal('privacyConsentMissing')
		);
	}
	if (b.privacyVersion !== undefined && (typeof b.privacyVersion !== 'string' || b.privacyVersion.length > 64)) {
		return fail(
			'privacyVersion',
			'privacyVersion must be the version of the privacy notice you read',
			refusal('privacyVersionInvalid')
		);
	}
	return {
		ok: true,
		value: {
			username: b.username as string,
			password: b.password as string,
			displayName,
			...(organization.value ? { organization: organization.value } : {}),
			privacyConsent: true,
			...(typeof b.privacyVersion === 'string' ? { privacyVersion: b.privacyVersion } : {})
		}
	};
}

/** {username|name, password} of a login form; null when either is missing or not text. */
export function parseCredentials(body: unknown): { username: string; password: string } | null {
	if (typeof body !== 'object' || body === null) return null;
	const b = body as Record<string, unknown>;
	const username = b.username ?? b.name;
	if (typeof username !== 'string' || typeof b.password !== 'string') return null;
	if (b.password.length > PASSWORD_MAX_CHARS || username.length > 64) return null;
	return { username, password: b.password };
}

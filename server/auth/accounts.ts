// Changing a password, and getting back in with a one-time reset code. The rules: a new password
// must pass the shared strength rules (src/lib/domain/password-strength.ts); a wrong current
// password counts against the sign-in limits; reset codes are tried at most
// resetFailuresPerUsername / resetFailuresPerAddress times per window; a reset ends every session
// and hub token of the member, a change ends the other ones when asked.
import { isModerator } from '../../src/lib/domain/permissions';
import { isValidUsername } from '../../src/lib/domain/ids';
import type { SessionUser } from './types';
import type { SessionClaims } from './tokens';
import { AuthError } from './errors';
import { refusal, type AccountErrorCode } from '../../src/lib/domain/account-errors';
import { requireStrongPassword, type SessionMeta } from './input';
import { createRateLimiter } from './rate-limit';
import { checkResetCode, generateResetCode, resetCodeRecord } from './reset-codes';
import type { PraxisAuth } from './service';
import type { IssuedResetCode } from '../../src/lib/domain/account-api';

export interface ResetLimits {
	resetFailuresPerUsername: number;
	resetFailuresPerAddress: number;
	resetWindowMs: number;
}

export const DEFAULT_RESET_LIMITS: ResetLimits = {
	resetFailuresPerUsername: 5,
	resetFailuresPerAddress: 20,
	resetWindowMs: 15 * 60_000
};

export interface PasswordChange {
	user: SessionUser;
	current: string;
	next: string;
	signOutOthers: boolean;
	/** The session making the change: kept when the others end. */
	session: SessionClaims | null;
	address: string;
	meta?: SessionMeta;
}

/** The CLI issues codes as the server's operator. */
export const OPERATOR = 'operator';

const CODE_REFUSALS = {
	wrong: 'This reset code is not right for this username. Check both with the person who gave you the code.',
	none: 'This reset code is not right for this username. Check both with the person who gave you the code.',
	expired:
		'This reset code has expired: codes last 24 hours. Ask a moderator or an administrator of your community for a new one.',
	used: 'This reset code was already used. Ask a moderator or an administrator of your community for a new one.'
} as const;

const CODE_OF_REFUSAL = {
	wrong: 'badResetLink',
	none: 'badResetLink',
	expired: 'resetCodeExpired',
	used: 'resetCodeUsed'
} as const satisfies Record<keyof typeof CODE_REFUSALS, AccountErrorCode>;

export interface Accounts {
	/** Sets a new password; with signOutOthers, a fresh token for the session kept. */
	changePassword(change: PasswordChange): Promise<{ signedOut: number; token?: string }>;
	/** A new code for `username`, replacing any earlier one; `by` is the caller, or OPERATOR. */
	issueResetCode(username: string, by: SessionUser | typeof OPERATOR): Promise<IssuedResetCode>;
	resetPassword(
		input: { username: string; code: string; password: string },
		address: string
	): Promise<{ signedOut: number }>;
}

export function createAccounts(auth: PraxisAuth, limits: Partial<ResetLimits> = {}): Accounts {
	const { resetFailuresPerUsername, resetFailuresPerAddress, resetWindowMs } = { ...DEFAULT_RESET_LIMITS, ...limits };
	const now = () => auth.clock().getTime();
	const byName = createRateLimiter({ max: resetFailuresPerUsername, windowMs: resetWindowMs, now });
	const byAddress = createRateLimiter({ max: resetFailuresPerAddress, windowMs: resetWindowMs, now });
	/** Resets of one member run one after the other, so a code cannot be used twice at once. */
	const queues = new Map<string, Promise<unknown>>();
	function oneAtATime<T>(name: string, run: () => Promise<T>): Promise<T> {
		const previous = queues.get(name) ?? Promise.resolve();
		const next = previous.then(run, run);
		const settled = next.catch(() => undefined);
		queues.set(name, settled);
		void settled.then(() => {
			if (queues.get(name) === settled) queues.delete(name);
		});
		return next;
	}

	return {
		async changePassword({ user, current, next, signOutOthers, session, address, meta }) {
			if (!(await auth.confirmPassword(user.name, current, address))) {
				throw new AuthError(
					403,
					'forbidden',
					'Your current password is not right, so the password was not changed.',
					undefined,
					refusal('wrongCurrentPassword')
				);
			}
			if (next === current)
				throw new AuthError(
					400,
					'bad_request',
					'The new password is the same as the current one: choose another.',
					undefined,
					{ field: 'next', ...refusal('samePassword') }
				);
			const record = await auth.users.get(user.name);
			if (!record) throw new AuthError(401, 'unauthorized', 'not signed in', undefined, refusal('notSignedIn'));
			requireStrongPassword(next, { name: user.name, displayName: record.displayName }, 'next');
			await auth.users.setPassword(user.name, await auth.hashPassword(next), auth.clock());
			if (!signOutOthers) {
				auth.invalidate(user.name); // Basic credentials with the old password stop at once
				return { signedOut: 0 };
			}
			const { ended, token } = await auth.endSessions(user.name, session ?? undefined, meta);
			return { signedOut: ended, ...(token ? { token } : {}) };
		},

		async issueResetCode(username, by) {
			if (by !== OPERATOR && !isModerator(by))
				throw new AuthError(
					403,
					'forbidden',
					'Only moderators and administrators can give reset codes.',
					undefined,
					refusal('notModerator')
				);
			const target = isValidUsername(username) ? await auth.users.get(username) : null;
			if (!target)
				throw new AuthError(
					404,
					'not_found',
					`There is no member named "${username}".`,
					undefined,
					refusal('noSuchMember', { username })
				);
			// A moderator giving themselves an admin's password would become admin: only admins may.
			const privileged = target.roles.some((role) => role === 'admin' || role === 'moderator');
			if (by !== OPERATOR && privileged && !by.roles.includes('admin') && by.name !== target.name) {
				throw new AuthError(
					403,
					'forbidden',
					'Only an administrator can give a reset code to a moderator or an administrator.',
					undefined,
					refusal('adminOnlyReset')
				);
			}
			const code = generateResetCode();
			const stored = resetCodeRecord(target.name, code, by === OPERATOR ? OPERATOR : by.name, auth.clock());
			await auth.users.setResetCode(target.name, stored);
			return { username: target.name, code, expiresAt: stored.expiresAt };
		},

		resetPassword: ({ username, code, password }, address) =>
			oneAtATime(username, () => reset(username, code, password, address))
	};

	async function reset(
		username: string,
		code: string,
		password: string,
		address: string
	): Promise<{ signedOut: number }> {
		const wait = Math.max(byName.retryAfterSeconds(username), byAddress.retryAfterSeconds(address));
		if (wait > 0)
			throw new AuthError(
				429,
				'too_many_requests',
				`Too many wrong reset codes: try again in ${Math.ceil(wait / 60)} min.`,
				wait,
				refusal('tooManyResetAttempts', { minutes: Math.ceil(wait / 60) })
			);
		const record = isValidUsername(username) ? await auth.users.get(username) : null;
		const verdict = record ? checkResetCode(record.name, code, record.resetCode, auth.clock()) : 'none';
		if (verdict !== 'ok' || !record?.resetCode) {
			byName.hit(username);
			byAddress.hit(address);
			const refused = verdict === 'ok' ? 'none' : verdict;
			throw new AuthError(403, 'forbidden', CODE_REFUSALS[refused], undefined, refusal(CODE_OF_REFUSAL[refused]));
		}
		// The code is right: a weak password is refused without using it up.
		requireStrongPassword(password, { name: record.name, displayName: record.displayName });
		byName.reset(username);
		await auth.users.setPassword(record.name, await auth.hashPassword(password), auth.clock(), record.resetCode);
		const { ended } = await auth.endSessions(record.name);
		return { signedOut: ended };
	}
}

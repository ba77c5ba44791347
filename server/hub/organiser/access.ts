// Who may open the organiser's page of a hub: whoever holds the code the hub printed at start
// (or the hub's credential). A right code opens a session for the evening, kept in memory only
// (a restart prints a new code and ends every session), named by a random id in an HttpOnly,
// SameSite=Strict cookie. Wrong codes are counted per client address.
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { createRateLimiter } from '../../auth/rate-limit';

/** Letters and digits that cannot be mistaken for one another when read aloud or from a screen (no 0/O, 1/I/L, 5/S, 8/B, 2/Z, U/V). */
export const ORGANISER_CODE_ALPHABET = 'ACDEFGHJKMNPQRTWXY34679';
/** Three groups of four: 23^12 ≈ 2^54 codes, against at most ORGANISER_WRONG_CODES_MAX tries per address per window. */
const GROUPS = 3;
const GROUP_LENGTH = 4;
export const ORGANISER_SESSION_MS = 12 * 60 * 60_000;
export const ORGANISER_WRONG_CODES_MAX = 5;
export const ORGANISER_WRONG_CODES_WINDOW_MS = 10 * 60_000;
export const ORGANISER_COOKIE = 'praxis_hub_organiser';

export function newOrganiserCode(): string {
	const group = () =>
		Array.from({ length: GROUP_LENGTH }, () => ORGANISER_CODE_ALPHABET[randomInt(ORGANISER_CODE_ALPHABET.length)]).join(
			''
		);
	return Array.from({ length: GROUPS }, group).join('-');
}

/** Upper case, without spaces or dashes: "k7qf 2mxd-9tra" is typed as well as "K7QF-2MXD-9TRA". */
const normalizeCode = (typed: string): string => typed.toUpperCase().replace(/[\s-]/g, '');

/** Compares digests so the time taken says nothing about how much of the code was right. */
function sameSecret(a: string, b: string): boolean {
	const digest = (s: string) => new Uint8Array(createHash('sha256').update(s, 'utf8').digest());
	return timingSafeEqual(digest(a), digest(b));
}

export type CodeVerdict = { ok: true; sessionId: string } | { ok: false; retryAfterSeconds: number };

export interface OrganiserAccess {
	readonly code: string;
	/** A right code (or the hub credential) opens a session; a wrong one counts against `address`. */
	signIn(typed: string, address: string): CodeVerdict;
	/** Whether this cookie header names a live session. */
	hasSession(cookieHeader: string | undefined): boolean;
	/** Whether an Authorization header carries the hub credential (scripts, curl). */
	isCredential(authorization: string | undefined): boolean;
	signOut(cookieHeader: string | undefined): void;
}

export interface OrganiserAccessOptions {
	credential: string;
	code?: string;
	now?: () => number;
}

export function sessionIdFrom(cookieHeader: string | undefined): string | null {
	for (const part of (cookieHeader ?? '').split(';')) {
		const [name, ...value] = part.trim().split('=');
		if (name === ORGANISER_COOKIE) return value.join('=') || null;
	}
	return null;
}

export function createOrganiserAccess(options: OrganiserAccessOptions): OrganiserAccess {
	const now = options.now ?? Date.now;
	const code = options.code ?? newOrganiserCode();
	const sessions = new Map<string, number>();
	const wrong = createRateLimiter({
		max: ORGANISER_WRONG_CODES_MAX,
		windowMs: ORGANISER_WRONG_CODES_WINDOW_MS,
		now
	});
	const live = (id: string | null): boolean => {
		if (id === null) return false;
		const until = sessions.get(id);
		if (until === undefined) return false;
		if (until > now()) return true;
		sessions.delete(id);
		return false;
	};
	return {
		code,
		signIn(typed, address) {
			const waited = wrong.retryAfterSeconds(address);
			if (waited > 0) return { ok: false, retryAfterSeconds: waited };
			const right =
				sameSecret(normalizeCode(typed), normalizeCode(code)) || sameSecret(typed.trim(), options.credential);
			if (!right) {
				wrong.hit(address);
				return { ok: false, retryAfterSeconds: wrong.retryAfterSeconds(address) };
			}
			wrong.reset(address);
			for (const [id, until] of sessions) if (until <= now()) sessions.delete(id);
			const sessionId = randomBytes(32).toString('base64url');
			sessions.set(sessionId, now() + ORGANISER_SESSION_MS);
			return { ok: true, sessionId };
		},
		hasSession: (cookieHeader) => live(sessionIdFrom(cookieHeader)),
		isCredential(authorization) {
			const match = /^Bearer\s+(.+)$/i.exec(authorization ?? '');
			return match !== null && sameSecret(match[1].trim(), options.credential);
		},
		signOut(cookieHeader) {
			const id = sessionIdFrom(cookieHeader);
			if (id) sessions.delete(id);
		}
	};
}

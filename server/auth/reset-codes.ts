// One-time reset codes: how a member who forgot their password gets back in without email. A
// moderator or an administrator of the community issues one (the admin CLI or
// POST /api/admin/members/{name}/reset-code) and gives it to the member in person or by phone.
// Codes are read aloud and typed on phones, so they use 31 characters with no look-alikes
// (no 0/O, 1/I/L) in three groups of five: 74 bits from crypto.randomInt. Only a SHA-256 of the
// code is kept, salted with the username; a fast hash suffices for 74 random bits, which an
// attacker holding the database could not search, and guesses online are rate-limited.
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import type { ResetCodeRecord } from './users';

export const RESET_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const RESET_CODE_GROUPS = 3;
export const RESET_CODE_GROUP_CHARS = 5;
export const RESET_CODE_TTL_MS = 24 * 60 * 60 * 1000;
const CODE_CHARS = RESET_CODE_GROUPS * RESET_CODE_GROUP_CHARS;

/** A fresh code, e.g. `7KQ4M-XH2PD-9RWTA`. */
export function generateResetCode(): string {
	const chars = Array.from({ length: CODE_CHARS }, () => RESET_CODE_ALPHABET[randomInt(RESET_CODE_ALPHABET.length)]);
	const groups: string[] = [];
	for (let i = 0; i < CODE_CHARS; i += RESET_CODE_GROUP_CHARS)
		groups.push(chars.slice(i, i + RESET_CODE_GROUP_CHARS).join(''));
	return groups.join('-');
}

/**
 * The code as typed, without spaces or dashes, in capitals; null when it cannot be a code
 * (wrong length or a character outside the alphabet), so no hash is computed for noise.
 */
export function normalizeResetCode(typed: string): string | null {
	const code = typed.replace(/[\s-]+/g, '').toUpperCase();
	if (code.length !== CODE_CHARS) return null;
	for (const ch of code) if (!RESET_CODE_ALPHABET.includes(ch)) return null;
	return code;
}

const hashOf = (username: string, normalized: string): string =>
	createHash('sha256').update(`praxis-reset-code\n${username}\n${normalized}`).digest('base64url');

/** What the user record keeps of a code issued now. */
export function resetCodeRecord(username: string, code: string, issuedBy: string, now: Date): ResetCodeRecord {
	const normalized = normalizeResetCode(code);
	if (!normalized) throw new Error('not a reset code');
	return {
		hash: hashOf(username, normalized),
		issuedAt: now.toISOString(),
		expiresAt: new Date(now.getTime() + RESET_CODE_TTL_MS).toISOString(),
		issuedBy
	};
}

export type CodeCheck = 'ok' | 'wrong' | 'expired' | 'used' | 'none';

/** Compares a typed code with the stored one in constant time. */
export function checkResetCode(
	username: string,
	typed: string,
	stored: ResetCodeRecord | undefined,
	now: Date
): CodeCheck {
	if (!stored) return 'none';
	const normalized = normalizeResetCode(typed);
	if (!normalized) return 'wrong';
	const expected = new Uint8Array(Buffer.from(stored.hash, 'base64url'));
	const actual = new Uint8Array(Buffer.from(hashOf(username, normalized), 'base64url'));
	if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return 'wrong';
	if (stored.usedAt) return 'used';
	return Date.parse(stored.expiresAt) > now.getTime() ? 'ok' : 'expired';
}

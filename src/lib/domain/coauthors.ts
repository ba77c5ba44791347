// Co-authors of a library resource as typed in its form: usernames separated by commas or spaces.
// Like the author, co-authors may not review or publish the resource (permissions.ts).
import { isValidUsername } from './ids';

export const MAX_COAUTHORS = 10;

/**
 * The co-authors typed (an optional @ before a name allowed), or why they cannot be used.
 * Duplicates count once; the author (when given) is not their own co-author.
 */
export function parseCoauthors(
	text: string,
	author: string | null
): { ok: true; names: string[] } | { ok: false; reason: string } {
	const names = [
		...new Set(
			text
				.split(/[\s,;]+/)
				.map((n) => n.replace(/^@/, '').toLowerCase())
				.filter(Boolean)
		)
	];
	const invalid = names.filter((n) => !isValidUsername(n));
	if (invalid.length)
		return {
			ok: false,
			reason: `${invalid.join(', ')} ${invalid.length === 1 ? 'is not a username' : 'are not usernames'}: use the names shown on profiles, like ana_lopez.`
		};
	if (author !== null && names.includes(author))
		return { ok: false, reason: 'You are the author: list only the members who wrote it with you.' };
	if (names.length > MAX_COAUTHORS) return { ok: false, reason: `At most ${MAX_COAUTHORS} co-authors.` };
	return { ok: true, names };
}

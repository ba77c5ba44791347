// Suspending a member, the one way both administrators (/api/admin) and moderators
// (/api/moderation) do it, so its effects cannot drift apart; and what a suspension says to the
// member and to others. A suspended member stays signed in on their devices, so those devices
// hear why their writes wait; the /couch gateway refuses their writes (server/couch/index.ts),
// the relay refuses documents they signed (devices/verify.ts actorForSigner), and their hub
// tokens end, with new ones and new sign-ins refused, until the suspension ends or is lifted.
import type { PraxisAuth } from './service-types';
import type { AccountErrorParams } from '../../src/lib/domain/account-errors';
import { suspendedAt, type Suspension, type UserRecord } from './users';

/** Suspends `name` (null lifts the suspension); null when there is no such member. */
export async function setMemberSuspension(
	auth: Pick<PraxisAuth, 'users' | 'endHubTokens' | 'invalidate'>,
	name: string,
	suspension: Suspension | null
): Promise<UserRecord | null> {
	const updated = await auth.users.setSuspension(name, suspension);
	if (!updated) return null;
	// A hub cannot ask this server about a suspension offline: its tokens end now (hubs learn
	// revoked token ids at their next contact). Sessions stay, so devices learn why writes wait.
	if (suspension) await auth.endHubTokens(name);
	auth.invalidate(name);
	return updated;
}

/** What a suspension in force says about itself: its reason and end (absent: until lifted). */
export interface SuspensionNotice {
	reason: string;
	until?: string;
}

/** A suspension's reason (`why`) and end day (`until`, absent until lifted) for a refusal's params. */
export function suspensionParams(notice: SuspensionNotice | undefined): AccountErrorParams {
	if (!notice) return {};
	return { why: notice.reason, ...(notice.until ? { until: notice.until.slice(0, 10) } : {}) };
}

/** The suspension of `record` in force at `now`, or null. */
export function suspensionAt(
	record: { suspended?: Suspension } | null | undefined,
	now: Date
): SuspensionNotice | null {
	const s = record?.suspended;
	if (!s || !suspendedAt(s, now)) return null;
	return { reason: s.reason, ...(s.until ? { until: s.until } : {}) };
}

const MONTHS = [
	'January',
	'February',
	'March',
	'April',
	'May',
	'June',
	'July',
	'August',
	'September',
	'October',
	'November',
	'December'
];

/** "until 10 December 2026" (UTC), or "until an administrator lifts it". */
export function untilWords(until: string | undefined): string {
	const date = until ? new Date(until) : null;
	if (!date || Number.isNaN(date.getTime())) return 'until an administrator lifts it';
	return `until ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** Why the gateway refuses a suspended member's write, in the words their device shows. */
export function suspendedWriteReason(notice: SuspensionNotice): string {
	return (
		`Your account is suspended ${untilWords(notice.until)}: ${notice.reason}. ` +
		'What you write stays on your device and is sent when the suspension ends.'
	);
}

/** Why a document a suspended member signed is refused when someone else relays it. */
export function suspendedSignerReason(name: string, notice: SuspensionNotice): string {
	return `${name} is suspended ${untilWords(notice.until)}: ${notice.reason}. What they wrote is sent when the suspension ends.`;
}

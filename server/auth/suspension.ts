// Suspending a member, the one way both administrators (/api/admin) and moderators
// (/api/moderation) do it, so its effects cannot drift apart.
import type { PraxisAuth } from './service-types';
import type { Suspension, UserRecord } from './users';

/** Suspends `name` (null lifts the suspension); null when there is no such member. */
export async function setMemberSuspension(
	auth: Pick<PraxisAuth, 'users' | 'endSessions' | 'invalidate'>,
	name: string,
	suspension: Suspension | null
): Promise<UserRecord | null> {
	const updated = await auth.users.setSuspension(name, suspension);
	if (!updated) return null;
	// signed out everywhere (sessions and hub tokens); signing in is refused while suspended
	if (suspension) await auth.endSessions(name);
	auth.invalidate(name);
	return updated;
}

// Creating a member: the account in USERS_DB, their public profile in `community` (checked
// with the shared schema) and their private database. Used by registration, the demo seed
// and the admin CLI alike.
import { storeSignedNew } from '../devices/server-key';
import type { Storage } from '../storage/index';
import { COMMUNITY_DB, profileId, userDbName } from '../../src/lib/domain/ids';
import type { Profile, Role } from '../../src/lib/domain/schemas';
import { validateCommunityDoc } from '../../src/lib/domain/validate';
import { hashPassword, type ScryptCost } from './passwords';
import type { PrivacyConsent, UserRecord, UserStore } from './users';

export interface NewMember {
	username: string;
	password: string;
	displayName: string;
	organization?: string;
	/** Extra public profile fields (demo members have full profiles). */
	profile?: Partial<Pick<Profile, 'jurisdiction' | 'role' | 'expertise' | 'bio' | 'mentor' | 'region' | 'sector'>>;
	roles?: Role[];
	/**
	 * The privacy notice the person agreed to when registering; null for accounts made without
	 * them (demo members, the admin CLI), who are asked to read it when they first sign in.
	 */
	privacy: PrivacyConsent | null;
}

export interface MemberDeps {
	storage: Storage;
	users: UserStore;
	now: () => Date;
	scryptCost?: ScryptCost;
	/** Signs the profile as the server (documents the server writes carry its signature). */
	sign?: <T extends Record<string, unknown>>(doc: T) => Promise<T>;
}

export function buildProfile(member: NewMember, createdAt: string): Profile {
	return {
		_id: profileId(member.username),
		type: 'profile',
		author: member.username,
		createdAt,
		displayName: member.displayName,
		...(member.organization ? { organization: member.organization } : {}),
		mentor: false,
		...member.profile
	};
}

/** Throws UsernameTakenError when the name exists; the profile is written only if missing. */
export async function createMember(deps: MemberDeps, member: NewMember): Promise<UserRecord> {
	const createdAt = deps.now().toISOString();
	const profile = buildProfile(member, createdAt);
	const checked = validateCommunityDoc(profile);
	if (!checked.ok) throw new Error(`profile of ${member.username} is invalid: ${checked.reason}`);

	const hash = await hashPassword(member.password, deps.scryptCost);
	const user = await deps.users.create({
		name: member.username,
		hash,
		roles: member.roles ?? ['member'],
		displayName: member.displayName,
		createdAt,
		...(member.privacy ?? {})
	});
	try {
		const doc = checked.doc as Profile;
		const db = deps.storage.db(COMMUNITY_DB);
		// signed, it is stored under the revision its signature fixes; left alone when present
		if (deps.sign) await storeSignedNew(db, [await deps.sign(doc)]);
		else await db.put(doc);
	} catch (err) {
		// A profile left from an earlier account of that name stays; anything else is real.
		if ((err as { status?: number }).status !== 409) throw err;
	}
	await deps.storage.db(userDbName(member.username)).info();
	return user;
}

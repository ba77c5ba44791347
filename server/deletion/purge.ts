// Deleting a member's account (POST /api/account/delete, server/deletion/routes.ts). The account
// becomes a tombstone first (`user:{name}` with `deletedAt`, no hash: every credential of the
// member stops working at that moment and the name can never be taken again), then everything
// else goes, in an order that can be repeated: a deletion the process did not finish is resumed
// at the next start (`pending` on the tombstone).
//   1. sessions, hub tokens (revoked: hubs refuse them offline) and session records;
//   2. device certificates: server-signed revocations, as DELETE /api/devices does;
//   3. the profile in `community`, and with `contributions` every community document and library
//      file the member wrote: server-signed deletions (server-deletions.ts);
//   4. the private database, the moderators' records of their flags, their named survey answers,
//      email address and links, calendar feed;
//   5. compaction: `community` and `library-files` by their schedulers (which see the deletions),
//      the server-only databases here, so the hash and address leave the disk too.
// What stays and why is in docs/privacy.md ("Account deletion").
import { COMMUNITY_DB, eventOfRsvpId, idRange, placeId, profileId, userDbName } from '../../src/lib/domain/ids';
import { FILES_DB } from '../../src/lib/domain/files';
import type { DeviceCertificate } from '../../src/lib/domain/signing';
import { SESSIONS_DB, USERS_DB, type Storage } from '../storage/index';
import type { PraxisAuth } from '../auth/service';
import type { SignatureVerifier } from '../devices/verify';
import { asCertificate } from '../devices/verify';
import { revokeCertificate } from '../devices/revoke';
import { serverSigner } from '../devices/server-key';
import type { EmailStore } from '../mail/addresses';
import { createCalendarSecrets } from '../calendar/secrets';
import { deleteAsServer } from './server-deletions';
import { authoredIds } from './authored';
import { recomputePlaces } from '../events/places';
import { createModerationRecords } from '../moderation/records';
import { createSurveyStore } from '../surveys/store';

export interface AccountDeletionDeps {
	storage: Storage;
	auth: PraxisAuth;
	verifier: SignatureVerifier;
	emails: EmailStore;
	clock: () => Date;
	/** The schedulers of `community` and `library-files`: told that content was removed. */
	compactions?: ReadonlyArray<{ contentRemoved(): void }>;
	log?: (line: string) => void;
}

export interface DeletionOutcome {
	/** Documents and files of the member deleted besides their profile. */
	deletedContributions: number;
}

/**
 * Deletes the account `name` (whose password the caller checked). Null when there is no live
 * account of that name (deleted meanwhile by a concurrent request).
 */
export async function deleteAccount(
	deps: AccountDeletionDeps,
	name: string,
	options: { contributions: boolean }
): Promise<DeletionOutcome | null> {
	const tombstone = await deps.auth.users.markDeleted(name, deps.clock(), { contributions: options.contributions });
	if (!tombstone) return null;
	deps.auth.invalidate(name); // cached roles and Basic checks: refused from now on
	return purgeAccount(deps, name, options);
}

/** Removes what a deleted account left (idempotent: run again, it finds nothing more to remove). */
export async function purgeAccount(
	deps: AccountDeletionDeps,
	name: string,
	options: { contributions: boolean }
): Promise<DeletionOutcome> {
	await deps.auth.endSessions(name);
	await revokeDevices(deps, name);
	const signer = await serverSigner(deps.auth.signingKey());
	const community = deps.storage.db(COMMUNITY_DB);
	await deleteAsServer(community, [profileId(name)], signer);
	let deletedContributions = 0;
	if (options.contributions) {
		const authored = await authoredIds(community, name, 'community');
		deletedContributions += await deleteAsServer(community, authored, signer);
		// the member's places go to the next in line; their place documents go with their answers
		const answered = [...new Set(authored.flatMap((id) => eventOfRsvpId(id) ?? []))];
		for (const eventId of answered) await recomputePlaces(community, eventId, signer, deps.clock());
		await deleteAsServer(
			community,
			answered.map((eventId) => placeId(eventId, name)),
			signer
		);
		deletedContributions += await deleteAsServer(
			deps.storage.db(FILES_DB),
			await authoredIds(deps.storage.db(FILES_DB), name, 'files'),
			signer
		);
	}
	await deps.storage.destroy(userDbName(name));
	await createModerationRecords(deps.storage).forgetMember(name);
	await createSurveyStore(deps.storage).forgetMember(name);
	await deps.emails.forget(name);
	await createCalendarSecrets(deps.storage).revoke(name);
	await deps.auth.users.deletionDone(name);
	for (const scheduler of deps.compactions ?? []) scheduler.contentRemoved();
	// Earlier revisions of the account (its password hash) and of the email record stay in the
	// store's history until compacted: these databases are small, compacted at once.
	await Promise.all([USERS_DB, SESSIONS_DB].map((db) => deps.storage.compact(db)));
	return { deletedContributions };
}

/** Revokes every device certificate of the member not revoked yet. */
async function revokeDevices(deps: AccountDeletionDeps, name: string): Promise<void> {
	const res = await deps.storage.db(COMMUNITY_DB).allDocs({ include_docs: true, ...idRange('device') });
	const revoked = await deps.verifier.revoked();
	const theirs = res.rows
		.map((row) => asCertificate(row.doc))
		.filter((cert): cert is DeviceCertificate => cert !== null && cert.author === name && !revoked.has(cert._id));
	for (const cert of theirs)
		await revokeCertificate(
			{ storage: deps.storage, auth: deps.auth, verifier: deps.verifier, clock: deps.clock },
			cert,
			name
		);
}

/** Finishes the deletions a stopped process left half-done (at start). */
export async function resumeAccountDeletions(deps: AccountDeletionDeps): Promise<string[]> {
	const pending = await deps.auth.users.pendingDeletions();
	for (const tombstone of pending) {
		await purgeAccount(deps, tombstone.name, { contributions: tombstone.pending?.contributions === true });
		deps.log?.(`[deletion] finished deleting the account ${tombstone.name}`);
	}
	return pending.map((t) => t.name);
}

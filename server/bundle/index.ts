// Bundles on a server or hub: export the community database (or what changed since a
// date) as a bundle signed with the server key, and import a bundle a device saved — verified
// whole with the shared code (src/lib/bundle), then each document applied through the same
// validation and authorization as a hub relay (server/hub/relay.ts: as its signing member, with
// the roles this server knows). Certificates and revocations the server signed are stored as is.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMUNITY_DB } from '../../src/lib/domain/ids';
import { readBundle, verifyBundle, writeBundle, type BundleDoc } from '../../src/lib/bundle/index';
import { collectDocs, missingRevs } from '../../src/lib/pouch/bundle-docs';
import { certificateFinder, currentDoc, revokedIn } from '../../src/lib/pouch/trust-lookups';
import type { Storage } from '../storage/index';
import type { PraxisAuth } from '../auth/service';
import { isRole, type MemberRoles } from '../auth/users';
import type { Role } from '../../src/lib/domain/schemas';
import { createSignatureVerifier, rolesFromUsers } from '../devices/verify';
import { publicKeysFromJwks, serverSigner, SERVER_SIGNER_PREFIX } from '../devices/server-key';
import { relayDocs } from '../hub/relay';
import { HUB_STATE_FILE } from '../hub/state';
import { REVOCATION_AUTHOR } from '../devices/revoke';

/** This server's key, plus the upstream's keys a hub last fetched (DATA_DIR/hub-state.json). */
export async function trustedServerKeys(auth: PraxisAuth, dataDir: string): Promise<Map<string, CryptoKey>> {
	const own = await serverSigner(auth.signingKey());
	const keys = new Map<string, CryptoKey>([[own.kid, own.publicKey]]);
	const statePath = join(dataDir, HUB_STATE_FILE);
	if (existsSync(statePath)) {
		try {
			const state = JSON.parse(readFileSync(statePath, 'utf8')) as { keys?: unknown };
			for (const [kid, key] of await publicKeysFromJwks(Array.isArray(state.keys) ? state.keys : []))
				keys.set(kid, key);
		} catch {
			// an unreadable state file: only this server's own key is trusted
		}
	}
	return keys;
}

export async function exportServerBundle(
	storage: Storage,
	auth: PraxisAuth,
	since: string | null,
	now = new Date()
): Promise<{ bytes: Uint8Array<ArrayBuffer>; count: number }> {
	const signer = await serverSigner(auth.signingKey());
	const docs = await collectDocs(storage.db(COMMUNITY_DB), since);
	const device = SERVER_SIGNER_PREFIX + signer.kid;
	const bytes = await writeBundle(
		docs,
		{ author: REVOCATION_AUTHOR, since, created: now.toISOString(), device },
		async (b) => crypto.subtle.sign({ name: 'Ed25519' }, signer.privateKey, b)
	);
	return { bytes, count: docs.length };
}

export type ServerImportOutcome =
	| {
			ok: true;
			received: number;
			/** Revisions this server did not hold, now stored. */
			stored: number;
			/** Revisions it already held (re-opening a file, or what replication brought). */
			held: number;
			refused: Array<{ id: string; reason: string }>;
			/** The outcome in one sentence for the person who opened the file. */
			summary: string;
	  }
	| { ok: false; reason: string };

/** "Nothing new: …" or "12 new, 60 already here, 2 refused." */
export function importSummary(received: number, stored: number, held: number, refused: number): string {
	const docs = (n: number) => (n === 1 ? '1 document' : `${n} documents`);
	if (received === 0) return 'Nothing new: the file holds no documents.';
	if (stored === 0 && refused === 0) return `Nothing new: all ${docs(received)} were already here.`;
	const parts = [`${stored} new`, `${held} already here`];
	if (refused > 0) parts.push(`${refused} refused (the reason is given for each)`);
	return `${parts.join(', ')}.`;
}

const isServerFact = (d: BundleDoc) =>
	d.type === 'device' ||
	(d.type === 'revocation' &&
		String((d.signature as { device?: unknown } | undefined)?.device ?? '').startsWith(SERVER_SIGNER_PREFIX));

/**
 * Verifies and applies a bundle. `users` gives the roles documents are authorized with: this
 * server's members (auth.users), or on a hub, which keeps no accounts, member rights only.
 */
export async function importServerBundle(
	storage: Storage,
	users: MemberRoles,
	serverKeys: ReadonlyMap<string, CryptoKey>,
	file: Uint8Array<ArrayBuffer>,
	now = new Date()
): Promise<ServerImportOutcome> {
	const db = storage.db(COMMUNITY_DB);
	const parsed = await readBundle(file);
	if (!parsed.ok) return parsed;
	// as on a device: only revisions this server lacks are verified and stored (certificates
	// always travel along, as verifying the rest may need them); the rest are counted as held
	const missing = await missingRevs(db, parsed.docs);
	const isMissing = (d: BundleDoc) => missing.has(`${d._id} ${String(d._rev)}`);
	const fresh = parsed.docs.filter((d) => d.type === 'device' || isMissing(d));
	const held = parsed.docs.filter((d) => !isMissing(d)).length;
	const rolesOf = rolesFromUsers(users);
	const authority = { rolesOf, current: (id: string) => currentDoc(db, id) };
	const verified = await verifyBundle(parsed.header, fresh, {
		serverKeys,
		revoked: await revokedIn(db),
		now,
		findCertificate: certificateFinder(db),
		authority
	});
	if (!verified.ok) return verified;
	const facts = verified.accepted.filter(isServerFact);
	const members = verified.accepted.filter((d) => !isServerFact(d));
	const newFacts = facts.filter(isMissing);
	if (newFacts.length) await db.bulkDocs(newFacts as PouchDB.Core.PutDocument<object>[], { new_edits: false });
	const verifier = createSignatureVerifier({ storage, serverKeys: async () => serverKeys, clock: () => now, rolesOf });
	const failures = members.length ? await relayDocs({ storage, users, verifier }, members, false) : [];
	// a held certificate verified along with the rest but not stored is neither new nor refused
	const heldCertificates = new Set(parsed.docs.filter((d) => d.type === 'device' && !isMissing(d)).map((d) => d._id));
	const refused = [
		...verified.skipped.filter((s) => !heldCertificates.has(s.id)),
		...failures.map((f) => ({ id: f.id, reason: f.reason ?? f.error ?? 'refused' }))
	];
	const stored = newFacts.length + members.length - failures.length;
	return {
		ok: true,
		received: parsed.docs.length,
		stored,
		held,
		refused,
		summary: importSummary(parsed.docs.length, stored, held, refused.length)
	};
}

/**
 * A hub's stand-in for a user store: any member name, with the roles `rolesOf` gives (the
 * upstream's privileged members from the hub's last contact), else member rights; the upstream
 * checks again.
 */
export function hubMembersWith(rolesOf: (name: string) => readonly Role[]): MemberRoles {
	return { get: async (name) => ({ name, roles: [...rolesOf(name)] }) };
}

/** The privileged members' roles a hub kept from its last upstream contact (DATA_DIR/hub-state.json). */
export function hubRolesFromState(dataDir: string): (name: string) => readonly Role[] {
	let roles: Record<string, unknown> = {};
	try {
		const state = JSON.parse(readFileSync(join(dataDir, HUB_STATE_FILE), 'utf8')) as { roles?: unknown };
		if (typeof state.roles === 'object' && state.roles !== null) roles = state.roles as Record<string, unknown>;
	} catch {
		// no state file yet, or unreadable: member rights only
	}
	return (name) => {
		const listed = roles[name];
		return Array.isArray(listed) ? listed.filter(isRole) : ['member'];
	};
}

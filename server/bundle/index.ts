// Bundles on a server or hub: export the community database (or what changed since a
// date) as a bundle signed with the server key, and import a bundle a device saved — verified
// whole with the shared code (src/lib/bundle), then each document applied through the same
// validation and authorization as a hub relay (server/hub/relay.ts: as its signing member, with
// the roles this server knows). Certificates and revocations the server signed are stored as is.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMUNITY_DB } from '../../src/lib/domain/ids';
import {
	HUB_SIGNER_PREFIX,
	hubSignerOf,
	readBundle,
	verifyBundle,
	writeBundle,
	type BundleDoc,
	type BundleHeader
} from '../../src/lib/bundle/index';
import { collectDocs, missingRevs } from '../../src/lib/pouch/bundle-docs';
import { certificateFinder, currentDoc, revokedIn } from '../../src/lib/pouch/trust-lookups';
import type { Storage } from '../storage/index';
import type { PraxisAuth } from '../auth/service';
import { isRole, type MemberRoles } from '../auth/users';
import type { Role } from '../../src/lib/domain/schemas';
import { createSignatureVerifier, rolesFromUsers } from '../devices/verify';
import { publicKeysFromJwks, serverSigner, SERVER_SIGNER_PREFIX } from '../devices/server-key';
import { relayDocs } from '../hub/relay';
import { HUB_STATE_FILE, hubKeyList, importHubKeys } from '../hub/state';
import type { PublishedHubKey } from '../hub/enrolment';
import { REVOCATION_AUTHOR } from '../devices/revoke';

/** The keys an updates file opened here is checked with (src/lib/bundle/verify.ts BundleTrust). */
export interface TrustedKeys {
	/** Keys that vouch for documents and headers signed `server:{kid}`. */
	serverKeys: ReadonlyMap<string, CryptoKey>;
	/** Enrolled hubs' keys by name: good for a header signed `hub:{name}`, never for a document. */
	hubKeys: ReadonlyMap<string, CryptoKey>;
}

/**
 * On the central server: its own key, and the enrolled hubs' keys from its registry (`hubs`). On a
 * hub (DATA_DIR/hub-state.json): the upstream's keys and the hubs' keys it last published, plus the
 * hub's own key under its own name (`self`), so it opens its own files before its key is listed.
 * A hub's own key is never one of its server keys: it signs as a hub, not as the central server.
 */
export async function trustedKeys(
	auth: PraxisAuth,
	dataDir: string,
	options: { hubs?: () => Promise<readonly PublishedHubKey[]>; self?: string | null } = {}
): Promise<TrustedKeys> {
	const own = await serverSigner(auth.signingKey());
	const state = readKeptKeys(dataDir);
	const isHub = state !== null || Boolean(options.self);
	const serverKeys = isHub
		? await publicKeysFromJwks(Array.isArray(state?.keys) ? state.keys : [])
		: new Map([[own.kid, own.publicKey]]);
	const hubKeys = await importHubKeys([...hubKeyList(state?.hubs), ...((await options.hubs?.()) ?? [])]);
	if (options.self) hubKeys.set(options.self, own.publicKey);
	return { serverKeys, hubKeys };
}

/** The keys a hub kept from its last upstream contact (DATA_DIR/hub-state.json), or null on a central server. */
function readKeptKeys(dataDir: string): { keys?: unknown; hubs?: unknown } | null {
	const statePath = join(dataDir, HUB_STATE_FILE);
	if (!existsSync(statePath)) return null;
	try {
		return JSON.parse(readFileSync(statePath, 'utf8')) as { keys?: unknown; hubs?: unknown };
	} catch {
		// an unreadable state file: no upstream key is trusted
		return {};
	}
}

/**
 * Everything in `community` (or what changed since `since`) as an updates file signed with this
 * server's key: as the server (`server:{kid}`), or on a meetup hub as the hub (`asHub`: its
 * enrolled name, giving `hub:{name}`), whose key the central server publishes.
 */
export async function exportServerBundle(
	storage: Storage,
	auth: PraxisAuth,
	since: string | null,
	now = new Date(),
	asHub: string | null = null
): Promise<{ bytes: Uint8Array<ArrayBuffer>; count: number }> {
	const signer = await serverSigner(auth.signingKey());
	const docs = await collectDocs(storage.db(COMMUNITY_DB), since);
	const device = asHub === null ? SERVER_SIGNER_PREFIX + signer.kid : HUB_SIGNER_PREFIX + asHub;
	const bytes = await writeBundle(
		docs,
		{ author: asHub === null ? REVOCATION_AUTHOR : device, since, created: now.toISOString(), device },
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
			/** Who made the file, in words: a member's name, "the meetup hub {name}" or "the central server". */
			from: string;
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

/** Who made the file, as the import report names them. */
function fileMaker(header: BundleHeader): string {
	const hub = hubSignerOf(header);
	if (hub !== null) return `the meetup hub ${hub}`;
	return header.signature.device.startsWith(SERVER_SIGNER_PREFIX) ? 'the central server' : header.author;
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
	{ serverKeys, hubKeys }: TrustedKeys,
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
		authority,
		hubKeys
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
		from: fileMaker(parsed.header),
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

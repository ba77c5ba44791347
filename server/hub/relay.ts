// On the upstream: what an enrolled hub may do through /couch. It reads `community` like a member
// (the gateway serves that) and pushes documents members signed with `_bulk_docs`; each pushed
// document must carry a valid signature (server/devices/verify.ts) and is then validated and
// authorized by the gateway's own rules AS ITS SIGNING MEMBER, with the roles this server knows
// for them (never as the hub). Any other write by a hub is refused: it never authors anything.
// Also GET /api/auth/revocations, which hubs fetch to refuse revoked devices and tokens offline
// (and, for hubs only, the members holding roles beyond member, to judge their signed edits).
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { TOO_DEEP_REASON, tooDeep } from '../../src/lib/domain/json-depth';
import { limitBody } from '../http/body-limit';
import { LIMITS } from '../config';
import { COMMUNITY_DB } from '../../src/lib/domain/ids';
import type { AuthService, SessionUser } from '../auth/types';
import type { MemberRoles, UserStore } from '../auth/users';
import type { Storage } from '../storage/index';
import type { Role } from '../../src/lib/domain/schemas';
import { applyWrites, type BulkResult, type WriteRule } from '../couch/write';
import { actorForSigner, type SignatureVerifier } from '../devices/verify';
import { clientAddress } from '../http/client-address';
import { hubCredentialOf } from './upstream-auth';

export interface HubRelayDeps {
	storage: Storage;
	/** The upstream's AuthService with hub credentials (withHubCredentials). */
	auth: AuthService;
	users: MemberRoles;
	verifier: SignatureVerifier;
	/** The gateway's write rules (write.ts WriteRule), applied to relayed documents too. */
	rules?: readonly WriteRule[];
	/** Judges suspensions of signing members (actorForSigner); the system clock by default. */
	clock?: () => Date;
}

const couchError = (c: Context, status: 400 | 401 | 403, error: string, reason: string) =>
	c.json({ error, reason }, status);

/** Middleware for /couch/*: handles hub writes, passes everything else to the gateway. */
export function hubRelay(deps: HubRelayDeps): MiddlewareHandler {
	return async (c, next) => {
		if (hubCredentialOf(c.req.raw) === null || c.req.method === 'GET' || c.req.method === 'HEAD') return next();
		const path = c.req.path.replace(/^\/couch/, '');
		// Replication bookkeeping a hub needs: checkpoints, revs_diff, bulk_get, changes, all_docs.
		if (/^\/[^/]+\/(_local\/|_revs_diff$|_bulk_get$|_changes$|_all_docs$)/.test(path) || path === '/_session')
			return next();
		const hub = await deps.auth.authenticate(c.req.raw, clientAddress(c));
		if (!hub?.hub) return couchError(c, 401, 'unauthorized', 'unknown or revoked hub credential');
		if (path !== `/${COMMUNITY_DB}/_bulk_docs`)
			return couchError(c, 403, 'forbidden', 'a hub only relays signed documents to community through _bulk_docs');
		return relayBodyLimit(c, async () => {
			let body: unknown;
			try {
				const text = await c.req.text();
				if (tooDeep(text)) {
					c.res = couchError(c, 400, 'bad_request', TOO_DEEP_REASON);
					return;
				}
				body = JSON.parse(text);
			} catch {
				c.res = couchError(c, 400, 'bad_request', 'the request body is not valid JSON');
				return;
			}
			const docs = (body as { docs?: unknown } | null)?.docs;
			if (!Array.isArray(docs)) {
				c.res = couchError(c, 400, 'bad_request', 'send {docs: [...]}');
				return;
			}
			const newEdits = (body as { new_edits?: unknown }).new_edits !== false;
			c.res = c.json(await relayDocs(deps, docs, newEdits), 201);
		});
	};
}

/** The gateway's request size limit, for the bodies the relay reads before the gateway would. */
const relayBodyLimit = limitBody({
	maxSize: LIMITS.REQUEST_BYTES,
	onError: (c) => c.json({ error: 'too_large', reason: `the request body exceeds ${LIMITS.REQUEST_BYTES} bytes` }, 413)
});

/** Members with a role beyond `member`, by name, from a user store. */
export async function privilegedMembersOf(users: Pick<UserStore, 'list'>): Promise<Record<string, Role[]>> {
	const out: Record<string, Role[]> = {};
	for (const user of await users.list()) if (user.roles.some((r) => r !== 'member')) out[user.name] = [...user.roles];
	return out;
}

/** Verifies each document, groups the good ones by signer and writes each group as that member. */
export async function relayDocs(
	deps: Pick<HubRelayDeps, 'storage' | 'users' | 'verifier' | 'rules' | 'clock'>,
	docs: unknown[],
	newEdits: boolean
): Promise<BulkResult[]> {
	const refused = new Map<number, BulkResult>();
	const groups = new Map<string, { actor: SessionUser; indexes: number[] }>();
	await Promise.all(
		docs.map(async (doc, i) => {
			const id = typeof doc === 'object' && doc !== null ? String((doc as { _id?: unknown })._id ?? '') : '';
			if (!id || typeof doc !== 'object' || Array.isArray(doc))
				return refused.set(i, { id, error: 'forbidden', reason: 'a document must be a JSON object with an _id' });
			const verdict = await deps.verifier.verify(doc as Record<string, unknown>, docs);
			if (!verdict.ok) return refused.set(i, { id, error: 'forbidden', reason: verdict.reason });
			// a suspended member's documents are refused one by one; the others' are stored
			const actor = await actorForSigner(verdict.signer, deps.users, (deps.clock ?? (() => new Date()))());
			if ('refused' in actor) return refused.set(i, { id, error: 'forbidden', reason: actor.refused });
			const group = groups.get(actor.name) ?? { actor, indexes: [] };
			group.indexes.push(i);
			groups.set(actor.name, group);
		})
	);
	const results = new Map<number, BulkResult>(refused);
	const failures: BulkResult[] = [...refused.entries()].sort(([a], [b]) => a - b).map(([, r]) => r);
	const db = deps.storage.db(COMMUNITY_DB);
	for (const { actor, indexes } of groups.values()) {
		const outcome = await applyWrites(
			db,
			'community',
			actor,
			indexes.map((i) => docs[i]),
			newEdits,
			{ rules: deps.rules }
		);
		// new_edits=false answers only the failures (without their index), as CouchDB does.
		if (newEdits) indexes.forEach((docIndex, k) => results.set(docIndex, outcome.results[k]));
		else failures.push(...outcome.results);
	}
	return newEdits ? [...results.entries()].sort(([a], [b]) => a - b).map(([, r]) => r) : failures;
}

export interface RevocationRouteDeps {
	auth: AuthService;
	verifier: SignatureVerifier;
	revokedTokenIds: () => Promise<string[]>;
	/** The members holding a role beyond `member`, with their roles (to hubs and signed-in members). */
	privilegedMembers?: () => Promise<Record<string, Role[]>>;
}

/**
 * GET /api/auth/revocations: revoked device certificates and token ids, for hubs and devices,
 * and `roles` (the privileged members: moderators, reviewers, admins), so a hub, or a device
 * taking documents from a hub or a bundle, judges a moderator's or reviewer's signed edit of
 * another member's document offline as the server would (the server checks again). Who moderates
 * is no secret to members: the forums show it.
 */
export function createRevocationRoutes(deps: RevocationRouteDeps): Hono {
	const app = new Hono();
	app.get('/', async (c) => {
		const who = await deps.auth.authenticate(c.req.raw, clientAddress(c));
		if (!who) return c.json({ error: 'unauthorized', reason: 'sign in, or present a hub credential' }, 401);
		c.header('cache-control', 'no-store');
		const roles = deps.privilegedMembers ? { roles: await deps.privilegedMembers() } : {};
		return c.json({
			devices: [...(await deps.verifier.revoked())].sort(),
			tokens: (await deps.revokedTokenIds()).sort(),
			...roles
		});
	});
	return app;
}

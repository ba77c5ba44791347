// /api/admin: what the admin CLI does, on a running server (admins only; anyone else 403,
// anonymous 401). The CLI stays for the first admin and for a stopped server.
//   GET    /api/admin/members?q=            → {members: [{name, displayName, roles, createdAt}], total}
//   POST   /api/admin/members/{name}/roles  {grant?: role, revoke?: role} → {member}
//   POST   /api/admin/members/{name}/suspension {reason, days?} → {member}  (ends their sessions)
//   DELETE /api/admin/members/{name}/suspension → {member}
//   POST   /api/admin/members/{name}/reset-code → 201 {username, code, expiresAt}
//   (moderators give codes at POST /api/moderation/members/{name}/reset-code: server/auth/account-routes.ts)
//   GET    /api/admin/hubs                  → {hubs: [{name, createdAt, lastContactAt?, revokedAt?}]}
//   POST   /api/admin/hubs                  {name} → 201 {name, credential}   (the credential is shown once)
//   DELETE /api/admin/hubs/{name}           → {name, revokedAt}
//   GET    /api/admin/health                → {version, node, store, uptimeSeconds, members, hubs, databases, lastCompaction}
//   GET    /api/admin/bundle?since=ISO      → a server-signed updates file of `community` (as `npm run bundle -- export`)
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Hono, type Context } from 'hono';
import type { PraxisAuth } from '../auth/service';
import type { SessionUser } from '../auth/types';
import { isRole, suspendedAt, type UserRecord } from '../auth/users';
import { setMemberSuspension } from '../auth/suspension';
import type { HubRegistry } from '../hub/enrolment';
import type { Accounts } from '../auth/accounts';
import { AuthError } from '../auth/errors';
import type { Storage } from '../storage/index';
import { USERS_DB, SESSIONS_DB } from '../storage/index';
import { clientAddress, type AddressOf } from '../http/client-address';
import { readJson } from '../http/json';
import { exportServerBundle } from '../bundle/index';
import { hasRole } from '../../src/lib/domain/permissions';
import { COMMUNITY_DB, USERNAME_PATTERN } from '../../src/lib/domain/ids';
import { FILES_DB } from '../../src/lib/domain/files';
import { ROLES } from '../../src/lib/domain/schemas';
import type { AuditEntry, AuditLog } from '../moderation/audit';

export interface AdminRoutesDeps {
	storage: Storage;
	auth: PraxisAuth;
	hubs: HubRegistry;
	version: string;
	addressOf?: AddressOf;
	/** Reset codes (server/auth/accounts.ts). */
	accounts?: Pick<Accounts, 'issueResetCode'>;
	/** DATA_DIR: the embedded store's databases are folders under DATA_DIR/db (their size on disk). */
	dataDir?: string;
	/** When `community` was last compacted (ISO), if the server records it. */
	lastCompaction?: () => Promise<string | null>;
	clock?: () => Date;
	/** Where every change made here is recorded (server/moderation/audit.ts). */
	audit?: AuditLog;
}

/** Members listed at most per search (the page asks for a narrower search beyond). */
export const MEMBERS_PAGE = 100;
const STARTED = Date.now();

/** Bytes of the files in a folder (a LevelDB database keeps no sub-folders); undefined when unreadable. */
async function folderBytes(dir: string): Promise<number | undefined> {
	try {
		const names = await readdir(dir);
		const sizes = await Promise.all(
			names.map((n) =>
				stat(join(dir, n)).then(
					(s) => (s.isFile() ? s.size : 0),
					() => 0
				)
			)
		);
		return sizes.reduce((a, b) => a + b, 0);
	} catch {
		return undefined;
	}
}

const publicMember = (u: UserRecord, now: Date) => ({
	name: u.name,
	displayName: u.displayName,
	roles: u.roles,
	createdAt: u.createdAt,
	...(suspendedAt(u.suspended, now) ? { suspended: u.suspended } : {})
});

/** Longest suspension with an end (a longer one is "until lifted"). */
const MAX_SUSPENSION_DAYS = 365;
const MAX_REASON_CHARS = 500;

type AdminEnv = { Variables: { admin: SessionUser } };

export function createAdminRoutes(deps: AdminRoutesDeps): Hono<AdminEnv> {
	const { storage, auth, hubs } = deps;
	const addressOf = deps.addressOf ?? clientAddress;
	const clock = deps.clock ?? (() => new Date());
	const app = new Hono<AdminEnv>();
	const record = async (c: Context<AdminEnv>, entry: Omit<AuditEntry, 'id' | 'at' | 'actor'>): Promise<void> => {
		await deps.audit?.record({ actor: c.get('admin').name, ...entry });
	};

	async function admin(c: Context): Promise<SessionUser | Response> {
		const user = await auth.authenticate(c.req.raw, addressOf(c));
		c.header('cache-control', 'no-store');
		if (!user) return c.json({ error: 'unauthorized', reason: 'sign in as an administrator' }, 401);
		if (!hasRole(user, 'admin'))
			return c.json({ error: 'forbidden', reason: 'only administrators manage the server' }, 403);
		return user;
	}

	// Every route below is for admins: checked once here, before any body is read.
	app.use('*', async (c, next) => {
		const who = await admin(c);
		if (who instanceof Response) return who;
		c.set('admin', who);
		await next();
	});

	app.get('/members', async (c) => {
		const q = (c.req.query('q') ?? '').trim().toLowerCase();
		if (q.length > 100) return c.json({ error: 'bad_request', reason: 'search for at most 100 characters' }, 400);
		const all = await auth.users.list();
		const found = q
			? all.filter((u) => u.name.toLowerCase().includes(q) || u.displayName.toLowerCase().includes(q))
			: all;
		found.sort((a, b) => a.name.localeCompare(b.name));
		const now = clock();
		return c.json({ members: found.slice(0, MEMBERS_PAGE).map((u) => publicMember(u, now)), total: found.length });
	});

	app.post('/members/:name/roles', async (c) => {
		const name = c.req.param('name');
		if (!USERNAME_PATTERN.test(name)) return c.json({ error: 'not_found', reason: `no member named ${name}` }, 404);
		const body = await readJson(c);
		const { grant, revoke } = (typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {}) as Record<
			string,
			unknown
		>;
		const role = grant ?? revoke;
		if ((grant === undefined) === (revoke === undefined) || !isRole(role) || role === 'member') {
			const roles = ROLES.filter((r) => r !== 'member').join(', ');
			return c.json(
				{ error: 'bad_request', reason: `send {grant: role} or {revoke: role}, the role one of ${roles}` },
				400
			);
		}
		if (revoke === 'admin' && name === c.get('admin').name) {
			return c.json(
				{ error: 'forbidden', reason: 'you cannot take away your own admin role: ask another administrator' },
				403
			);
		}
		const updated = await auth.users.updateRoles(name, (roles) =>
			grant !== undefined ? [...roles, role] : roles.filter((r) => r !== role)
		);
		if (!updated) return c.json({ error: 'not_found', reason: `no member named ${name}` }, 404);
		auth.invalidate(name);
		await record(c, {
			action: 'role-change',
			target: `member:${name}`,
			reason: '',
			details: grant !== undefined ? { granted: String(role) } : { revoked: String(role) }
		});
		return c.json({ member: publicMember(updated, clock()) });
	});

	app.post('/members/:name/reset-code', async (c) => {
		if (!deps.accounts) return c.json({ error: 'not_found', reason: 'reset codes are not available here' }, 404);
		try {
			const issued = await deps.accounts.issueResetCode(c.req.param('name'), c.get('admin'));
			await record(c, { action: 'reset-code', target: `member:${issued.username}`, reason: '' });
			return c.json(issued, 201);
		} catch (err) {
			if (err instanceof AuthError) return c.json({ error: err.error, reason: err.reason }, err.status);
			throw err;
		}
	});

	app.post('/members/:name/suspension', async (c) => {
		const name = c.req.param('name');
		const target = USERNAME_PATTERN.test(name) ? await auth.users.get(name) : null;
		if (!target) return c.json({ error: 'not_found', reason: `no member named ${name}` }, 404);
		const body = await readJson(c);
		const { reason, days } = (typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {}) as Record<
			string,
			unknown
		>;
		if (typeof reason !== 'string' || reason.trim() === '' || reason.length > MAX_REASON_CHARS) {
			return c.json(
				{
					error: 'bad_request',
					reason: `send {reason, days?}: a reason of 1 to ${MAX_REASON_CHARS} characters, shown to the member`
				},
				400
			);
		}
		if (
			days !== undefined &&
			(typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > MAX_SUSPENSION_DAYS)
		) {
			return c.json(
				{
					error: 'bad_request',
					reason: `days must be a whole number from 1 to ${MAX_SUSPENSION_DAYS}, or left out for "until lifted"`
				},
				400
			);
		}
		if (name === c.get('admin').name) return c.json({ error: 'forbidden', reason: 'you cannot suspend yourself' }, 403);
		if (target.roles.includes('admin'))
			return c.json({ error: 'forbidden', reason: 'take away their administrator role first' }, 403);
		const now = clock();
		const until = typeof days === 'number' ? new Date(now.getTime() + days * 86_400_000).toISOString() : undefined;
		const updated = await setMemberSuspension(auth, name, {
			at: now.toISOString(),
			by: c.get('admin').name,
			reason: reason.trim(),
			...(until ? { until } : {})
		});
		if (!updated) return c.json({ error: 'not_found', reason: `no member named ${name}` }, 404);
		await record(c, {
			action: 'suspend',
			target: `member:${name}`,
			reason: reason.trim(),
			...(until ? { details: { until } } : {})
		});
		return c.json({ member: publicMember(updated, now) });
	});

	app.delete('/members/:name/suspension', async (c) => {
		const name = c.req.param('name');
		const updated = USERNAME_PATTERN.test(name) ? await setMemberSuspension(auth, name, null) : null;
		if (!updated) return c.json({ error: 'not_found', reason: `no member named ${name}` }, 404);
		await record(c, { action: 'lift-suspension', target: `member:${name}`, reason: '' });
		return c.json({ member: publicMember(updated, clock()) });
	});

	app.get('/hubs', async (c) => {
		const list = await hubs.list();
		list.sort((a, b) => a.name.localeCompare(b.name));
		return c.json({
			hubs: list.map((h) => ({
				name: h.name,
				createdAt: h.createdAt,
				...(h.lastContactAt ? { lastContactAt: h.lastContactAt } : {}),
				...(h.revokedAt ? { revokedAt: h.revokedAt } : {})
			}))
		});
	});

	app.post('/hubs', async (c) => {
		const body = await readJson(c);
		const name = (body as { name?: unknown } | null)?.name;
		if (typeof name !== 'string')
			return c.json({ error: 'bad_request', reason: 'send {name}: the hub’s name, 3–32 of a-z 0-9 _ -' }, 400);
		const result = await hubs.enrol(name);
		if ('refused' in result) return c.json({ error: 'bad_request', reason: result.refused }, 400);
		await record(c, { action: 'hub-enrol', target: `hub:${name}`, reason: '' });
		return c.json({ name, credential: result.credential }, 201);
	});

	app.delete('/hubs/:name', async (c) => {
		const name = c.req.param('name');
		if (!(await hubs.revoke(name))) return c.json({ error: 'not_found', reason: `no hub named ${name}` }, 404);
		await record(c, { action: 'hub-remove', target: `hub:${name}`, reason: '' });
		const hub = (await hubs.list()).find((h) => h.name === name);
		return c.json({ name, revokedAt: hub?.revokedAt ?? null });
	});

	app.get('/health', async (c) => {
		const names = [COMMUNITY_DB, FILES_DB, USERS_DB, SESSIONS_DB];
		const databases = await Promise.all(
			names.map(async (name) => {
				const info = (await storage.db(name).info()) as PouchDB.Core.DatabaseInfo & {
					sizes?: { file?: number; active?: number };
				};
				const bytes =
					info.sizes?.file ??
					(storage.kind === 'leveldb' && deps.dataDir ? await folderBytes(join(deps.dataDir, 'db', name)) : undefined);
				return { name, docCount: info.doc_count, ...(bytes !== undefined ? { bytes } : {}) };
			})
		);
		const [members, hubList] = await Promise.all([auth.users.list(), hubs.list()]);
		return c.json({
			version: deps.version,
			node: process.version,
			store: storage.kind,
			uptimeSeconds: Math.round((Date.now() - STARTED) / 1000),
			members: members.length,
			hubs: hubList.filter((h) => !h.revokedAt).length,
			databases,
			lastCompaction: (await deps.lastCompaction?.()) ?? null
		});
	});

	app.get('/bundle', async (c) => {
		const sinceParam = c.req.query('since');
		const at = sinceParam === undefined || sinceParam === '' ? null : Date.parse(sinceParam);
		if (at !== null && Number.isNaN(at))
			return c.json({ error: 'bad_request', reason: 'since must be a date such as 2026-11-01' }, 400);
		const now = clock();
		const { bytes, count } = await exportServerBundle(
			storage,
			auth,
			at === null ? null : new Date(at).toISOString(),
			now
		);
		return new Response(bytes, {
			headers: {
				'content-type': 'application/octet-stream',
				'content-disposition': `attachment; filename="praxis-updates-${now.toISOString().slice(0, 10)}.praxis"`,
				'x-content-type-options': 'nosniff',
				'cache-control': 'no-store',
				'x-praxis-documents': String(count)
			}
		});
	});

	app.all('*', (c) => c.json({ error: 'not_found', reason: `no admin route ${c.req.method} ${c.req.path}` }, 404));
	return app;
}

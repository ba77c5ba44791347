// The administrators' API (/api/admin, server/administration/routes.ts): members and their
// roles, meetup hubs, and the server's health. Online only: the page says so when the server
// cannot be reached. Every call answers {ok: true, …} or {ok: false, reason} in plain words.
import type { Role } from '../domain/schemas';
import { apiPath } from './gateway';
import { t } from '../i18n';
import { accountErrorOr } from '../i18n/error-words';

export interface AdminMember {
	name: string;
	displayName: string;
	roles: Role[];
	createdAt: string;
	/** Present while the member is suspended. */
	suspended?: { at: string; by: string; reason: string; until?: string };
}

export interface AdminHub {
	name: string;
	createdAt: string;
	lastContactAt?: string;
	revokedAt?: string;
}

export interface ServerHealth {
	version: string;
	node: string;
	store: string;
	uptimeSeconds: number;
	members: number;
	hubs: number;
	databases: Array<{ name: string; docCount: number; bytes?: number }>;
	lastCompaction: string | null;
}

export type Answer<T> = ({ ok: true } & T) | { ok: false; reason: string };

const unreachable = (): string => t('common:net.admin.unreachable');

async function call<T>(path: string, init: RequestInit = {}, fetchFn: typeof fetch = fetch): Promise<Answer<T>> {
	try {
		const headers: Record<string, string> = { accept: 'application/json' };
		if (init.body !== undefined) headers['content-type'] = 'application/json';
		const response = await fetchFn(apiPath(`/admin${path}`), { credentials: 'include', ...init, headers });
		const body = (await response.json().catch(() => null)) as (T & { reason?: unknown }) | null;
		if (response.ok && body) return { ok: true, ...body };
		if (response.status === 401) return { ok: false, reason: t('common:net.admin.sessionEnded') };
		if (response.status === 403 && typeof body?.reason !== 'string')
			return { ok: false, reason: t('common:net.admin.forbidden') };
		const reason =
			typeof body?.reason === 'string'
				? body.reason
				: response.status >= 500
					? unreachable()
					: t('common:net.answered', { status: response.status });
		return { ok: false, reason: accountErrorOr(body, reason.charAt(0).toUpperCase() + reason.slice(1)) };
	} catch {
		return { ok: false, reason: unreachable() };
	}
}

export const searchMembers = (q: string, fetchFn?: typeof fetch) =>
	call<{ members: AdminMember[]; total: number }>(`/members?q=${encodeURIComponent(q)}`, {}, fetchFn);

export const changeRole = (name: string, change: { grant: Role } | { revoke: Role }, fetchFn?: typeof fetch) =>
	call<{ member: AdminMember }>(
		`/members/${encodeURIComponent(name)}/roles`,
		{ method: 'POST', body: JSON.stringify(change) },
		fetchFn
	);

export const listHubs = (fetchFn?: typeof fetch) => call<{ hubs: AdminHub[] }>('/hubs', {}, fetchFn);

export const enrolHub = (name: string, fetchFn?: typeof fetch) =>
	call<{ name: string; credential: string }>('/hubs', { method: 'POST', body: JSON.stringify({ name }) }, fetchFn);

export const revokeHub = (name: string, fetchFn?: typeof fetch) =>
	call<{ name: string; revokedAt: string | null }>(`/hubs/${encodeURIComponent(name)}`, { method: 'DELETE' }, fetchFn);

export const serverHealth = (fetchFn?: typeof fetch) => call<ServerHealth>('/health', {}, fetchFn);

/** Suspends a member (their writes, hub tokens and sign-in refused) for `days`, or until lifted. */
export const suspendMember = (name: string, reason: string, days: number | null, fetchFn?: typeof fetch) =>
	call<{ member: AdminMember }>(
		`/members/${encodeURIComponent(name)}/suspension`,
		{ method: 'POST', body: JSON.stringify(days ? { reason, days } : { reason }) },
		fetchFn
	);

export const liftSuspension = (name: string, fetchFn?: typeof fetch) =>
	call<{ member: AdminMember }>(`/members/${encodeURIComponent(name)}/suspension`, { method: 'DELETE' }, fetchFn);

/** Where the browser downloads a server-signed updates file (all, or what changed since a date). */
export function bundleDownloadUrl(since: string): string {
	return apiPath(since ? `/admin/bundle?since=${encodeURIComponent(since)}` : '/admin/bundle');
}

// A server with members, a moderator and an administrator for the moderation tests, and the
// calls they make: documents pushed through /couch, flags in members' own databases, and the
// /api/moderation routes.
import { expect } from 'vitest';
import { createHarness, type Harness } from '../support/harness';
import { seedCategories } from '../../../server/seed';
import { serverSigner } from '../../../server/devices/server-key';
import { docId, flagId, userDbName } from '../../../src/lib/domain/ids';

export interface ModWorld {
	h: Harness;
	now: { ms: number };
	/** Session cookies by member: ana, ben, cara, dan, eve (members), mod (moderator), root (admin). */
	cookies: Record<string, string>;
}

export const START_MS = Date.parse('2026-12-03T09:00:00.000Z');

export async function createWorld(options: { autoHideFlags?: number } = {}): Promise<ModWorld> {
	const now = { ms: START_MS };
	const h = createHarness({ now, requireSignatures: false, autoHideFlags: options.autoHideFlags });
	await seedCategories(h.storage, new Date(now.ms), await serverSigner(h.auth.signingKey()));
	const cookies: Record<string, string> = {};
	for (const name of ['ana', 'ben', 'cara', 'dan', 'eve', 'mod', 'root']) cookies[name] = await h.register(name);
	await grant(h, 'mod', 'moderator');
	await grant(h, 'root', 'admin');
	return { h, now, cookies };
}

export async function grant(h: Harness, name: string, role: 'moderator' | 'admin'): Promise<void> {
	await h.auth.users.updateRoles(name, (roles) => [...roles, role]);
	h.auth.invalidate(name);
}

/** Moves the server's clock on (flags are ordered by when the server received them). */
export const tick = (w: ModWorld, ms = 1000): void => {
	w.now.ms += ms;
};

const stamp = (w: ModWorld): string => new Date(w.now.ms).toISOString();

export interface Answer {
	status: number;
	body: Record<string, unknown>;
}

export async function couch(w: ModWorld, who: string, path: string, method = 'GET', body?: unknown): Promise<Answer> {
	const res = await w.h.request(`/couch/${path}`, {
		method,
		headers: { cookie: w.cookies[who]!, 'content-type': 'application/json' },
		...(body === undefined ? {} : { body: JSON.stringify(body) })
	});
	return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

export type BulkAnswer = Array<{ id: string; ok?: boolean; rev?: string; error?: string; reason?: string }>;

export async function bulk(w: ModWorld, who: string, db: string, docs: unknown[]): Promise<BulkAnswer> {
	const res = await couch(w, who, `${db}/_bulk_docs`, 'POST', { docs });
	expect(res.status).toBe(201);
	return res.body as unknown as BulkAnswer;
}

/** Writes `doc` into `community` as `who`, expecting it stored. */
export async function publish<T extends { _id: string }>(w: ModWorld, who: string, doc: T): Promise<T> {
	const [result] = await bulk(w, who, 'community', [doc]);
	expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
	return doc;
}

export function threadDoc(w: ModWorld, author: string, fields: Record<string, unknown> = {}) {
	return {
		_id: docId('thread'),
		type: 'thread',
		author,
		createdAt: stamp(w),
		category: 'general',
		title: 'Shared drives for case files',
		body: 'How do your teams share case files safely?',
		tags: [],
		...fields
	};
}

export function postDoc(w: ModWorld, author: string, thread: string, fields: Record<string, unknown> = {}) {
	return {
		_id: docId('post'),
		type: 'post',
		author,
		createdAt: stamp(w),
		thread,
		body: 'We use the intranet.',
		...fields
	};
}

export function resourceDoc(w: ModWorld, author: string) {
	return {
		_id: docId('resource'),
		type: 'resource',
		author,
		createdAt: stamp(w),
		kind: 'guide',
		title: 'Procurement checklist',
		summary: 'A checklist for small purchases.',
		body: 'Step one…',
		tags: [],
		status: 'draft'
	};
}

export function flagDoc(w: ModWorld, member: string, target: string, fields: Record<string, unknown> = {}) {
	return {
		_id: flagId(target, member),
		type: 'flag',
		author: member,
		createdAt: stamp(w),
		target,
		reason: 'spam',
		...fields
	};
}

/** `member` flags `target` from their own database; returns the gateway's answer for it. */
export async function flag(w: ModWorld, member: string, target: string, fields: Record<string, unknown> = {}) {
	const [result] = await bulk(w, member, userDbName(member), [flagDoc(w, member, target, fields)]);
	return result!;
}

export async function api(
	w: ModWorld,
	who: string | null,
	path: string,
	method = 'GET',
	body?: unknown
): Promise<Answer & { res: Response }> {
	const res = await w.h.request(`/api/moderation${path}`, {
		method,
		headers: {
			...(who ? { cookie: w.cookies[who]! } : {}),
			...(body === undefined ? {} : { 'content-type': 'application/json' })
		},
		...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) })
	});
	const text = await res.clone().text();
	let parsed: Record<string, unknown> = {};
	try {
		parsed = JSON.parse(text) as Record<string, unknown>;
	} catch {
		// CSV and other bodies: read from `res`
	}
	return { status: res.status, body: parsed, res };
}

export const act = (w: ModWorld, who: string, body: Record<string, unknown>) => api(w, who, '/actions', 'POST', body);

export async function queue(w: ModWorld, who = 'mod'): Promise<Array<Record<string, unknown>>> {
	const res = await api(w, who, '/queue');
	expect(res.status).toBe(200);
	return res.body.items as Array<Record<string, unknown>>;
}

export async function communityDoc(w: ModWorld, id: string): Promise<Record<string, unknown> | null> {
	try {
		return (await w.h.storage.db('community').get(id)) as Record<string, unknown>;
	} catch {
		return null;
	}
}

// What a flag or a moderator's action is about: an item of `community` (thread, post, resource,
// event, story or profile), read live, and how the moderation queue shows it.
import { COMMUNITY_DB, moderationId } from '../../src/lib/domain/ids';
import type { Storage } from '../storage/index';

import { FLAGGED_KINDS, type FlaggedKind } from '../../src/lib/domain/moderation-api';

export const TARGET_KINDS = FLAGGED_KINDS;
export type TargetKind = FlaggedKind;

export const EXCERPT_MAX_CHARS = 280;

export type TargetDoc = Record<string, unknown> & { _id: string; _rev: string; type?: unknown; author?: unknown };

export function kindOf(target: string): TargetKind | null {
	const kind = target.slice(0, target.indexOf(':'));
	return (TARGET_KINDS as readonly string[]).includes(kind) ? (kind as TargetKind) : null;
}

/** The key after the kind: a ULID, or a username for a profile. */
const keyOf = (target: string): string => target.slice(target.indexOf(':') + 1);

/** Who wrote an item: its `author`, or for a profile the member it describes. */
export function authorOf(target: string, doc: TargetDoc | null): string | null {
	if (kindOf(target) === 'profile') return keyOf(target);
	return typeof doc?.author === 'string' ? doc.author : null;
}

/** The live (not deleted) item, or null. */
export async function readTarget(storage: Storage, target: string): Promise<TargetDoc | null> {
	try {
		const doc = (await storage.db(COMMUNITY_DB).get(target)) as TargetDoc;
		return doc.type === kindOf(target) ? doc : null;
	} catch (err) {
		if ((err as { status?: number }).status === 404) return null;
		throw err;
	}
}

/** The live documents of `ids` that exist, by id (one read). */
export async function readLive(storage: Storage, ids: readonly string[]): Promise<Map<string, TargetDoc>> {
	const found = new Map<string, TargetDoc>();
	if (ids.length === 0) return found;
	const res = await storage.db(COMMUNITY_DB).allDocs({ keys: [...new Set(ids)], include_docs: true });
	for (const row of res.rows as Array<{ id?: string; doc?: TargetDoc | null }>)
		if (row.id && row.doc) found.set(row.id, row.doc);
	return found;
}

export const readModerationDoc = async (storage: Storage, target: string): Promise<TargetDoc | null> => {
	try {
		return (await storage.db(COMMUNITY_DB).get(moderationId(target))) as TargetDoc;
	} catch (err) {
		if ((err as { status?: number }).status === 404) return null;
		throw err;
	}
};

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

export function excerpt(text: string): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	return flat.length <= EXCERPT_MAX_CHARS ? flat : `${flat.slice(0, EXCERPT_MAX_CHARS - 1).trimEnd()}…`;
}

export interface TargetView {
	kind: TargetKind;
	title: string;
	excerpt: string;
	/** The item's address in the app. */
	href: string;
	/** Threads: their category; posts: their thread's. */
	category?: string;
}

/** How the queue shows `target`: `doc` is the live item (null once deleted), `thread` a post's thread. */
export function describeTarget(target: string, doc: TargetDoc | null, thread: TargetDoc | null): TargetView {
	const kind = kindOf(target) ?? 'thread';
	const key = keyOf(target);
	const threadKey = kind === 'post' ? keyOf(str(doc?.thread)) : '';
	const href = {
		thread: `/forums/t/${key}`,
		post: threadKey ? `/forums/t/${threadKey}#${key}` : '/forums',
		resource: `/library/${key}`,
		event: `/events/${key}`,
		story: `/library/${key}`,
		profile: `/people/${key}`
	}[kind];
	const category = kind === 'thread' ? str(doc?.category) : kind === 'post' ? str(thread?.category) : '';
	const view = { kind, href, ...(category ? { category } : {}) };
	if (!doc) return { ...view, title: '(deleted)', excerpt: '' };
	const body = {
		thread: str(doc.body),
		post: str(doc.body),
		resource: str(doc.summary) || str(doc.body),
		event: str(doc.description),
		story: str(doc.body) || str(doc.summary),
		profile: str(doc.bio)
	}[kind];
	const title =
		kind === 'profile'
			? str(doc.displayName) || key
			: kind === 'post'
				? `Reply in ${str(thread?.title) || 'a thread'}`
				: str(doc.title);
	return { ...view, title, excerpt: excerpt(body) };
}

/**
 * How the audit log names an item, as it was when acted on (it may be deleted or renamed later):
 * its title (a reply: its thread's title, a profile: the display name); '' when it is gone.
 */
export async function titleForLog(storage: Storage, target: string, doc?: TargetDoc | null): Promise<string> {
	const item = doc === undefined ? await readTarget(storage, target) : doc;
	if (!item) return '';
	if (item.type === 'post') {
		const thread = typeof item.thread === 'string' ? await readTarget(storage, item.thread) : null;
		return str(thread?.title).slice(0, 200);
	}
	return describeTarget(target, item, null).title.slice(0, 200);
}

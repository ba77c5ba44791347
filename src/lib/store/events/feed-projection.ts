/// <reference types="pouchdb-core" />
// The events-and-people projection (tables.ts) of one local replica, as its feed follower applies
// it (feed/follower.ts): of the community replica (events, RSVPs, places, attendance, mentorship) and of
// the member's private replica (messages, the "only me" profile), with the notifications both
// give. Rows and notifications are derived before the batch transaction (notifications look up
// the documents a change refers to in the replica) and written inside it.
import { rsvpId } from '../../domain/ids';
import { isNotFound } from '../context';
import type { PraxisDb } from '../db';
import type { Change, Projection } from '../feed/projection';
import { communityRow, placeOfId, privateRow, type RowPlace } from './projection';
import { notificationsFor, type NotifyLookup } from '../../domain/notifications';
import { EVENTS_PROJECTION_TABLES, eventsTables, type NotificationRow } from './tables';
import { readFollowing } from '../following';
import type { Following } from '../../domain/following';

/**
 * Community documents lately applied, by id, that notifications look up (a post's thread and
 * parent, a rating's resource…): a first sync's posts find their threads here instead of in
 * IndexedDB. The follower applies every change in order, so an entry is the document as of the
 * last batch applied; the oldest entries go past this many.
 */
const RECENT_MAX = 5000;
const LOOKED_UP = new Set(['thread', 'post', 'resource', 'mentorship', 'rsvp', 'event']);
type Source = 'community' | 'private';
type Doc = Record<string, unknown> & { _id: string };

/** The private replica's tables; notifications are cleared with the community's (see eventsProjection). */
const PRIVATE_TABLES = ['messages', 'privateProfile'] as const;

export interface EventsProjectionDeps {
	/** The member whose database this is (their messages, RSVPs and notifications). */
	member: string;
	/** The community replica, where notifications look documents up. */
	community: PouchDB.Database;
	/** The clock (ISO 8601) for notifications that depend on time (a survey that closed). */
	now?: () => string;
	/** The member's private replica, where what they follow is kept (read once per batch). */
	private?: PouchDB.Database;
}

/**
 * The projection of `source`. A rebuild replays the community follower before the private one
 * (projections.ts): the community projection clears every notification, so those the private
 * replica gives are derived again when its own follower replays.
 */
export function eventsProjection(source: Source, deps: EventsProjectionDeps): Projection {
	const privateTables: readonly string[] = PRIVATE_TABLES;
	const recent = new Map<string, Doc>();
	return {
		name: source === 'community' ? 'events' : 'people',
		tables:
			source === 'community' ? EVENTS_PROJECTION_TABLES.filter((t) => !privateTables.includes(t)) : PRIVATE_TABLES,
		shares: source === 'community' ? [] : ['notifications'],
		prepare: (changes) => prepareRows(source, changes, deps, recent),
		async afterBatch(changes) {
			if (source === 'community') remember(recent, changes);
		},
		clear() {
			recent.clear();
		}
	};
}

/** The batch's rows and notifications, and how to write them inside the batch transaction. */
async function prepareRows(
	source: Source,
	changes: readonly Change[],
	deps: EventsProjectionDeps,
	recent: Map<string, Doc>
): Promise<(db: PraxisDb) => Promise<void>> {
	const me = deps.member;
	const lookup = await lookupFor(source, changes, deps, recent);
	const puts: RowPlace[] = [];
	const deletes: Array<{ table: RowPlace['table']; key: string }> = [];
	const notes: NotificationRow[] = [];
	const gone: string[] = [];
	for (const change of changes) {
		const doc = (change.doc ?? { _id: change.id }) as Doc;
		const place = placeOfId(change.id, source);
		if (change.deleted || doc._deleted) {
			if (place) deletes.push(place);
			gone.push(change.id);
			continue;
		}
		const row = place ? (source === 'community' ? communityRow(doc) : privateRow(doc, me)) : null;
		if (row) puts.push(row);
		notes.push(...(await notificationsFor(doc, me, lookup)));
	}
	return async (db) => {
		const t = eventsTables(db);
		for (const { table, key } of deletes) await db.table(table).delete(key);
		for (const { table, row } of puts) await db.table(table).put(row);
		if (gone.length) await t.notifications.where('source').anyOf(gone).delete();
		if (notes.length) await t.notifications.bulkPut(notes);
	};
}

function remember(recent: Map<string, Doc>, changes: readonly Change[]): void {
	for (const change of changes) {
		const doc = change.doc as Doc | undefined;
		recent.delete(change.id);
		if (!doc || change.deleted || doc._deleted || !LOOKED_UP.has(String(doc.type))) continue;
		recent.set(change.id, doc);
	}
	for (const id of recent.keys()) {
		if (recent.size <= RECENT_MAX) break;
		recent.delete(id);
	}
}

/** Community documents the batch's notifications refer to, fetched in one read. */
async function lookupFor(
	source: Source,
	changes: readonly Change[],
	deps: EventsProjectionDeps,
	recent: Map<string, Doc>
): Promise<NotifyLookup> {
	const wanted = new Set<string>();
	if (source === 'community') {
		for (const change of changes) {
			const doc = change.doc as Doc | undefined;
			if (!doc || doc._deleted) continue;
			for (const field of ['thread', 'replyTo', 'resource', 'mentorship', 'answer'] as const) {
				if (typeof doc[field] === 'string') wanted.add(doc[field] as string);
			}
			if (doc.type === 'event') wanted.add(rsvpId(doc._id, deps.member));
			// a place names its event (title, organisers); an RSVP's `event` is not looked up
			if (doc.type === 'place' && typeof doc.event === 'string') wanted.add(doc.event);
		}
	}
	const found = new Map<string, Doc>();
	if (source === 'community') {
		// a batch often holds what its documents refer to (a snapshot part: threads with their posts)
		for (const change of changes) {
			const doc = change.doc as Doc | undefined;
			if (doc && !doc._deleted && !change.deleted && wanted.delete(change.id)) found.set(change.id, doc);
		}
		for (const id of wanted) {
			const hit = recent.get(id);
			if (hit) {
				found.set(id, hit);
				wanted.delete(id);
			}
		}
	}
	if (wanted.size) {
		const res = await deps.community.allDocs({ keys: [...wanted], include_docs: true });
		for (const row of res.rows) if ('doc' in row && row.doc) found.set(row.id, row.doc as unknown as Doc);
	}
	const get = async (id: string): Promise<Doc | null> => {
		if (!id) return null;
		const hit = found.get(id);
		if (hit) return hit;
		try {
			return (await deps.community.get(id)) as Doc;
		} catch (err) {
			if (isNotFound(err)) return null;
			throw err;
		}
	};
	let following: Promise<Following> | null = null;
	const priv = deps.private;
	return {
		get,
		...(deps.now ? { now: deps.now } : {}),
		...(priv ? { following: () => (following ??= readFollowing(priv, deps.member)) } : {}),
		myRsvp: async (eventId) => {
			const doc = await get(rsvpId(eventId, deps.member));
			return doc && typeof doc.status === 'string' ? doc.status : null;
		}
	};
}

/// <reference types="pouchdb-core" />
// Keeps this module's tables (tables.ts) current: follows the changes feeds of BOTH local
// replicas (community and the member's private database) from checkpoints of its own, and
// applies each batch with its checkpoint in one Dexie transaction. Independent of the forum
// projector (projector-runner.ts), so the two never wait on each other; rebuild() replays both.
import { rsvpId } from '../../domain/ids';
import type { StoreContext } from '../context';
import { isNotFound } from '../context';
import { communityRow, placeOfId, privateRow, type RowPlace } from './projection';
import { notificationsFor, type NotifyLookup } from '../../domain/notifications';
import { HandOverGate } from '../hand-over';
import { CHECKPOINTS, EVENTS_PROJECTION_TABLES, eventsTables, type NotificationRow } from './tables';

const BATCH_SIZE = 500;
/**
 * Community documents lately applied, by id, that notifications look up (a post's thread and
 * parent, a rating's resource…): a first sync's posts find their threads here instead of in
 * IndexedDB. The runner sees every change in order, so an entry is the document as of the last
 * batch applied; the oldest entries go past this many.
 */
const RECENT_MAX = 5000;
const LOOKED_UP = new Set(['thread', 'post', 'resource', 'mentorship', 'rsvp']);
type Source = 'community' | 'private';
type Doc = Record<string, unknown> & { _id: string };
interface Change {
	id: string;
	deleted?: boolean;
	doc?: object;
}

export class EventsRunner {
	readonly #ctx: StoreContext;
	#chain: Promise<void> = Promise.resolve();
	/** A catch-up waiting to start: calls made meanwhile share it (a bulk write fires one change per document). */
	#queued: Promise<void> | null = null;
	/** Unsubscribes from what start() listens to. */
	#feeds: Array<() => void> = [];
	#stopped = false;
	/** Hand-overs from a writer (snapshot-write.ts): hold, release, deferred catch-ups. */
	readonly #gate = new HandOverGate();
	readonly #recent = new Map<string, Doc>();

	constructor(ctx: StoreContext) {
		this.#ctx = ctx;
	}

	start(): void {
		for (const source of ['community', 'private'] as const) {
			const onChange = () => {
				if (source === 'private' || this.#gate.onChange()) void this.catchUp().catch(() => {});
			};
			// the community replica's write watch when the store has one (no read-back: local-writes.ts)
			const watch = source === 'community' ? this.#ctx.communityWrites : undefined;
			if (watch) {
				this.#feeds.push(watch.subscribe(onChange));
				continue;
			}
			const feed = this.#pouch(source).changes({ since: 'now', live: true });
			feed.on('change', onChange);
			feed.on('error', () => {});
			this.#feeds.push(() => feed.cancel());
		}
		void this.catchUp().catch(() => {});
	}

	/** Resolves once every change present now in both replicas is applied. */
	catchUp(): Promise<void> {
		if (this.#queued) return this.#queued;
		const run = this.#enqueue(async () => {
			await this.#drain('community');
			await this.#drain('private');
		});
		this.#queued = run;
		return run;
	}

	/** A writer will hand its community batch over (applyWritten): live changes wait until release(). */
	hold(): void {
		this.#gate.hold();
	}

	release(): void {
		this.#gate.release((task) => this.#enqueue(task), async () => {
			await this.#drain('community');
			await this.#drain('private');
		});
	}

	/**
	 * Applies community changes the caller just wrote (exactly those between local seqs `before`
	 * and `after`) without reading them back; reads the feed as usual when the checkpoint moved.
	 */
	applyWritten(changes: readonly Change[], before: number | string, after: number | string): Promise<void> {
		this.#gate.handOverQueued();
		return this.#enqueue(async () => {
			this.#gate.handOverStarted();
			const since = ((await this.#ctx.db.meta.get(CHECKPOINTS.community))?.value ?? 0) as number | string;
			if (String(since) === String(before)) await this.#apply('community', changes, after);
			else await this.#drain('community');
		});
	}

	rebuild(): Promise<void> {
		return this.#enqueue(async () => {
			const db = this.#ctx.db;
			const tables = [...EVENTS_PROJECTION_TABLES.map((t) => db.table(t)), db.meta];
			await db.transaction('rw', tables, async () => {
				await Promise.all(EVENTS_PROJECTION_TABLES.map((t) => db.table(t).clear()));
				await db.meta.bulkDelete(Object.values(CHECKPOINTS));
			});
			this.#recent.clear();
			await this.#drain('community');
			await this.#drain('private');
		});
	}

	async stop(): Promise<void> {
		this.#stopped = true;
		this.#feeds.splice(0).forEach((unsubscribe) => unsubscribe());
		await this.#chain;
	}

	#pouch(source: Source): PouchDB.Database {
		return source === 'community' ? this.#ctx.community : this.#ctx.private;
	}

	#enqueue(task: () => Promise<void>): Promise<void> {
		const run = this.#chain.then(() => {
			this.#queued = null; // started: a later call must queue another run (it may be about a newer change)
			return this.#stopped ? undefined : task();
		});
		this.#chain = run.catch(() => {});
		return run;
	}

	async #drain(source: Source): Promise<void> {
		for (;;) {
			const since = ((await this.#ctx.db.meta.get(CHECKPOINTS[source]))?.value ?? 0) as number | string;
			const feed = await this.#pouch(source).changes({ since, limit: BATCH_SIZE, include_docs: true });
			if (feed.results.length === 0 || this.#stopped) return;
			await this.#apply(source, feed.results, feed.last_seq);
			if (feed.results.length < BATCH_SIZE) return;
		}
	}

	async #apply(source: Source, changes: readonly Change[], lastSeq: number | string): Promise<void> {
		const ctx = this.#ctx;
		const me = ctx.member.name;
		const lookup = await this.#lookup(source, changes);
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
		const t = eventsTables(ctx.db);
		const tables = [...EVENTS_PROJECTION_TABLES.map((name) => ctx.db.table(name)), ctx.db.meta];
		await ctx.db.transaction('rw', tables, async () => {
			for (const { table, key } of deletes) await ctx.db.table(table).delete(key);
			for (const { table, row } of puts) await ctx.db.table(table).put(row);
			if (gone.length) await t.notifications.where('source').anyOf(gone).delete();
			if (notes.length) await t.notifications.bulkPut(notes);
			await ctx.db.meta.put({ key: CHECKPOINTS[source], value: lastSeq });
		});
		if (source === 'community') this.#remember(changes);
	}

	#remember(changes: readonly Change[]): void {
		for (const change of changes) {
			const doc = change.doc as Doc | undefined;
			this.#recent.delete(change.id);
			if (!doc || change.deleted || doc._deleted || !LOOKED_UP.has(String(doc.type))) continue;
			this.#recent.set(change.id, doc);
		}
		for (const id of this.#recent.keys()) {
			if (this.#recent.size <= RECENT_MAX) break;
			this.#recent.delete(id);
		}
	}

	/** Community documents the batch's notifications refer to, fetched in one read. */
	async #lookup(source: Source, changes: readonly Change[]): Promise<NotifyLookup> {
		const ctx = this.#ctx;
		const wanted = new Set<string>();
		if (source === 'community') {
			for (const change of changes) {
				const doc = change.doc as Doc | undefined;
				if (!doc || doc._deleted) continue;
				for (const field of ['thread', 'replyTo', 'resource', 'mentorship'] as const) {
					if (typeof doc[field] === 'string') wanted.add(doc[field] as string);
				}
				if (doc.type === 'event') wanted.add(rsvpId(doc._id, ctx.member.name));
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
				const recent = this.#recent.get(id);
				if (recent) {
					found.set(id, recent);
					wanted.delete(id);
				}
			}
		}
		if (wanted.size) {
			const res = await ctx.community.allDocs({ keys: [...wanted], include_docs: true });
			for (const row of res.rows) if ('doc' in row && row.doc) found.set(row.id, row.doc as unknown as Doc);
		}
		const get = async (id: string): Promise<Doc | null> => {
			if (!id) return null;
			const hit = found.get(id);
			if (hit) return hit;
			try {
				return (await ctx.community.get(id)) as Doc;
			} catch (err) {
				if (isNotFound(err)) return null;
				throw err;
			}
		};
		return {
			get,
			myRsvp: async (eventId) => {
				const doc = await get(rsvpId(eventId, ctx.member.name));
				return doc && typeof doc.status === 'string' ? doc.status : null;
			}
		};
	}
}

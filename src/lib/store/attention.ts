/// <reference types="pouchdb-core" />
// Writes that need the member's attention: documents the server refused (kept with its reason
// until fixed and resent, or discarded) and documents in conflict (shown with every version
// until the author picks or merges one). Also the outbox bookkeeping the sync controller calls.
import { cleanDoc, isNotFound, notify, pouchOf, revGeneration, type StoreContext } from './context';
import { putDoc } from './writes';
import { writeSigned } from './signing/index';
import type { ConflictVersion, LocalDbKind, SyncLogRow } from './types';

type Doc = Record<string, unknown> & { _id: string; _rev?: string };

// ---- outbox (called by the sync controller) ----

/** Drops outbox rows the push acknowledged (same or later revision). */
export async function acknowledge(
	ctx: StoreContext,
	kind: LocalDbKind,
	docs: ReadonlyArray<{ _id: string; _rev?: string }>
): Promise<void> {
	if (docs.length === 0) return;
	await ctx.db.transaction('rw', ctx.db.outbox, async () => {
		const rows = await ctx.db.outbox.bulkGet(docs.map((d) => d._id));
		const done = rows.flatMap((row, i) => {
			const rev = docs[i]._rev;
			if (!row || row.db !== kind || !rev) return [];
			return row.rev === rev || revGeneration(rev) >= revGeneration(row.rev) ? [row.id] : [];
		});
		if (done.length) await ctx.db.outbox.bulkDelete(done);
	});
	notify(ctx);
}

async function localVersion(ctx: StoreContext, kind: LocalDbKind, id: string, rev?: string): Promise<Doc> {
	const pouch = pouchOf(ctx, kind);
	try {
		return cleanDoc(rev ? await pouch.get(id, { rev }) : await pouch.get(id)) as Doc;
	} catch (err) {
		if (!isNotFound(err)) throw err;
		return { _id: id };
	}
}

/**
 * The server refused `id`: keep the document and reason in `rejected`, with the server's version
 * (`previous`, if known) for a discard to restore, and drop it from the outbox.
 */
export async function recordDenied(
	ctx: StoreContext,
	kind: LocalDbKind,
	id: string,
	reason: string,
	previous?: Record<string, unknown> | null
): Promise<void> {
	const row = await ctx.db.outbox.get(id);
	const doc = await localVersion(ctx, kind, id, row?.rev);
	// A refusal arriving late (a second push of the same revision, answered after the member
	// discarded the first refusal) names a write the device no longer waits to send and has
	// removed: recording it would bring back an empty "Needs attention" entry.
	if (!row && doc._rev === undefined && !(await ctx.db.rejected.get(id))) return;
	const kept = previous === undefined ? {} : { previous: previous && cleanDoc(previous) };
	await ctx.db.transaction('rw', ctx.db.outbox, ctx.db.rejected, async () => {
		await ctx.db.rejected.put({ id, db: kind, doc, reason, at: ctx.now(), ...kept });
		await ctx.db.outbox.delete(id);
	});
	notify(ctx);
}

export async function log(ctx: StoreContext, level: SyncLogRow['level'], message: string): Promise<void> {
	await ctx.db.syncLog.add({ at: ctx.now(), level, message });
	// keep the log bounded
	const count = await ctx.db.syncLog.count();
	if (count > 500) {
		const oldest = await ctx.db.syncLog
			.orderBy('seq')
			.limit(count - 400)
			.primaryKeys();
		await ctx.db.syncLog.bulkDelete(oldest);
	}
}

// ---- rejected writes ----

export async function resendRejected(ctx: StoreContext, id: string, fixed: Record<string, unknown>): Promise<void> {
	const row = await ctx.db.rejected.get(id);
	const kind = row?.db ?? 'community';
	const current = await localVersion(ctx, kind, id);
	const next: Doc = { ...cleanDoc(fixed), _id: id };
	if (current._rev) next._rev = current._rev;
	else delete next._rev;
	await putDoc(ctx, next, kind);
	await ctx.db.rejected.delete(id);
	notify(ctx);
}

/**
 * Drops a rejection. A refused creation (first revision) is removed from this device; a refused
 * edit is undone by writing the previous revision's content again: the device's own copy where it
 * keeps one (the private database), else the server's version kept with the rejection (the
 * community replica compacts superseded revisions away; null there means the server has none).
 */
export async function discardRejected(ctx: StoreContext, id: string): Promise<void> {
	const row = await ctx.db.rejected.get(id);
	if (!row) return;
	const pouch = pouchOf(ctx, row.db);
	const current = await localVersion(ctx, row.db, id);
	if (current._rev) {
		const withRevs = (await pouch.get(id, { revs: true })) as Doc & { _revisions?: { start: number; ids: string[] } };
		const history = withRevs._revisions;
		// signed again like every write: a copy keeping the refused revision's signature
		// would be refused in turn ("altered after signing") and come back to Needs attention
		if (!history || history.ids.length < 2) {
			await writeSigned(ctx, pouch, { ...current, _id: id, _deleted: true });
		} else {
			const previousRev = `${history.start - 1}-${history.ids[1]}`;
			const local = await localVersion(ctx, row.db, id, previousRev).catch(() => null);
			const previous = local?._rev ? local : row.previous;
			if (previous) await writeSigned(ctx, pouch, { ...cleanDoc(previous), _id: id, _rev: current._rev });
			else if (previous === null) await writeSigned(ctx, pouch, { ...current, _id: id, _deleted: true });
		}
		await ctx.db.outbox.delete(id);
	}
	await ctx.db.rejected.delete(id);
	notify(ctx);
	if (row.db === 'community') await ctx.followers.catchUp();
}

// ---- conflicts ----

export async function getConflict(ctx: StoreContext, id: string): Promise<ConflictVersion[]> {
	let winner: Doc & { _conflicts?: string[] };
	try {
		winner = (await ctx.community.get(id, { conflicts: true })) as Doc & { _conflicts?: string[] };
	} catch (err) {
		if (isNotFound(err)) return [];
		throw err;
	}
	const losers = await Promise.all(
		(winner._conflicts ?? []).map(async (rev) => ({
			rev,
			winner: false,
			doc: cleanDoc(await ctx.community.get(id, { rev }))
		}))
	);
	return [{ rev: String(winner._rev), winner: true, doc: cleanDoc(winner) }, ...losers];
}

/** Writes `chosen` over the winning revision, then deletes every losing revision. */
export async function resolveConflict(ctx: StoreContext, id: string, chosen: Record<string, unknown>): Promise<void> {
	const winner = (await ctx.community.get(id, { conflicts: true })) as Doc & { _conflicts?: string[] };
	const next: Doc = { ...cleanDoc(chosen), _id: id, _rev: winner._rev };
	delete next._deleted;
	await putDoc(ctx, next);
	// Tombstones carry type and author and are signed, like every deletion.
	const facts = { type: next.type, author: next.author, createdAt: next.createdAt };
	for (const rev of winner._conflicts ?? [])
		await writeSigned(ctx, ctx.community, { _id: id, _rev: rev, _deleted: true, ...facts });
	await ctx.followers.catchUp();
}

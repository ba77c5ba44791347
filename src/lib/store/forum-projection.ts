// The forum projection (categories, threads, posts, votes and their totals, profiles, conflicts,
// thread tags) as the community follower applies it (feed/follower.ts). Documents become table
// operations in projector.ts (pure); here the batch's current rows are read and the operations
// written inside the follower's batch transaction. Posts and votes are written first so thread
// aggregates and vote totals are derived from the tables as they stand after the batch; threads
// are then written once, aggregates included.
import Dexie from 'dexie';
import { PROJECTION_TABLES, type PraxisDb, type ProjectionTable } from './db';
import type { ThreadRow } from './types';
import { addPosts, sameAggregates, voteTotal, withThreadAggregates } from './aggregates';
import { Ops, placeOf, projectChange } from './projector';
import { putThreadTags } from './thread-tags';
import type { Change, Projection } from './feed/projection';

export interface ForumProjectionOptions {
	/** Reports documents skipped as invalid (the store logs them to syncLog). */
	onProblem?: (message: string) => void;
	/** The member whose Dexie database this is: their own vote is kept on each vote total (`mine`). */
	member?: string;
}

export function forumProjection(options: ForumProjectionOptions = {}): Projection {
	const onProblem = options.onProblem ?? (() => {});
	let invalid: Array<{ id: string; reason: string }> = [];
	return {
		name: 'forums',
		tables: PROJECTION_TABLES,
		async apply(changes, db) {
			invalid = (await applyForums(db, changes, options.member)).invalid;
		},
		async afterBatch() {
			for (const { id, reason } of invalid.splice(0)) onProblem(`skipped ${id}: ${reason}`);
		},
		clear() {
			invalid = [];
		}
	};
}

async function applyForums(db: PraxisDb, changes: readonly Change[], member: string | undefined): Promise<Ops> {
	const current = await currentRows(db, changes);
	const ops = new Ops();
	for (const change of changes) {
		const place = placeOf(change.id);
		projectChange(change, place?.table ? current.get(place.table)?.get(place.key) : undefined, ops);
	}
	const conflicted = new Set(await db.conflicts.toCollection().primaryKeys());
	for (const table of PROJECTION_TABLES) {
		if (table === 'threads') continue;
		const { puts, deletes } = ops.entries(table);
		// most documents were never in conflict: only delete conflict rows that exist
		const gone = table === 'conflicts' ? deletes.filter((id) => conflicted.has(id)) : deletes;
		if (gone.length) await db.table(table).bulkDelete(gone);
		if (puts.length) await db.table(table).bulkPut(puts);
	}
	await putThreads(db, ops, current.get('threads'));
	await recountVotes(db, ops.targets, member);
	return ops;
}

/**
 * Writes the batch's thread rows with derived aggregates. Threads whose posts changed or
 * vanished, and new threads that already had posts (orphans), are recounted from the posts
 * table; threads that only gained posts new to the table fold those in (addPosts), which
 * gives the same figures without one query per thread.
 */
async function putThreads(db: PraxisDb, ops: Ops, before: Map<string, unknown> | undefined): Promise<void> {
	const { puts, deletes } = ops.entries('threads');
	if (deletes.length) await db.threads.bulkDelete(deletes);
	const rows = new Map(puts.map((row) => [row.id, row]));
	const inBatch = new Set(rows.keys());
	const fresh = puts.filter((row) => before?.get(row.id) === undefined).map((row) => row.id);
	// the orphans table is almost always empty: read its keys once instead of one get per thread
	const orphanKeys = fresh.length ? new Set(await db.orphans.toCollection().primaryKeys()) : new Set<string>();
	const orphans = fresh.filter((id) => orphanKeys.has(id));
	const full = new Set([...ops.recount, ...orphans]);
	const delta = [...ops.added.keys()].filter((id) => !full.has(id));
	const needed = [...full, ...delta].filter((id) => !rows.has(id));
	const stored = needed.length ? await db.threads.bulkGet(needed) : [];
	const newOrphans: string[] = [];
	needed.forEach((id, i) => {
		const row = stored[i];
		if (row) rows.set(id, row);
		else newOrphans.push(id); // posts before their thread: counted when the thread comes
	});
	const fullIds = [...full].filter((id) => rows.has(id));
	// one range query per thread to recount, issued together so IndexedDB pipelines them
	const lists = await Promise.all(
		fullIds.map((id) =>
			db.posts.where('[thread+createdAt]').between([id, Dexie.minKey], [id, Dexie.maxKey], true, true).toArray()
		)
	);
	const derived = new Map<string, ThreadRow>();
	fullIds.forEach((id, i) => derived.set(id, withThreadAggregates(rows.get(id) as ThreadRow, lists[i])));
	for (const id of delta) {
		const row = rows.get(id);
		if (row) derived.set(id, addPosts(row, ops.added.get(id) ?? []));
	}
	const out: ThreadRow[] = [];
	for (const [id, row] of rows) {
		const next = derived.get(id);
		if (!next) {
			if (inBatch.has(id)) out.push(row);
		} else if (inBatch.has(id) || !sameAggregates(row, next)) {
			out.push(next);
		}
	}
	if (out.length) await db.threads.bulkPut(out);
	await putThreadTags(db, out, (id) => (before?.get(id) as ThreadRow | undefined) ?? rows.get(id));
	if (orphans.length) await db.orphans.bulkDelete(orphans);
	if (newOrphans.length) await db.orphans.bulkPut(newOrphans.map((thread) => ({ thread })));
}

async function currentRows(
	db: PraxisDb,
	changes: readonly Change[]
): Promise<Map<ProjectionTable, Map<string, unknown>>> {
	const keys = new Map<ProjectionTable, string[]>();
	for (const change of changes) {
		const place = placeOf(change.id);
		if (!place?.table || change.fresh) continue; // fresh: no row can exist (Change.fresh)
		const list = keys.get(place.table) ?? [];
		list.push(place.key);
		keys.set(place.table, list);
	}
	const current = new Map<ProjectionTable, Map<string, unknown>>();
	for (const [table, list] of keys) {
		const rows = await db.table(table).bulkGet(list);
		current.set(table, new Map(list.map((key, i) => [key, rows[i]])));
	}
	return current;
}

/** Recomputes the totals of `targets` from their votes: one range read, one bulk write. */
async function recountVotes(db: PraxisDb, targets: ReadonlySet<string>, member: string | undefined): Promise<void> {
	if (!targets.size) return;
	const votes = await db.votes
		.where('target')
		.anyOf([...targets])
		.toArray();
	const byTarget = new Map<string, typeof votes>();
	for (const vote of votes) {
		const list = byTarget.get(vote.target);
		if (list) list.push(vote);
		else byTarget.set(vote.target, [vote]);
	}
	const puts = [];
	const deletes: string[] = [];
	for (const target of targets) {
		const total = voteTotal(target, byTarget.get(target) ?? [], member);
		if (total.up + total.down === 0) deletes.push(target);
		else puts.push(total);
	}
	if (deletes.length) await db.voteTotals.bulkDelete(deletes);
	if (puts.length) await db.voteTotals.bulkPut(puts);
}

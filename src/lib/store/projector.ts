// Pure projection of PouchDB changes into Dexie rows: "apply change → table operations".
// No I/O here: `projectChange` takes a change and the row it currently projects to and records
// rows to put or delete; aggregates (thread reply counts, vote totals) are recomputed from the
// rows themselves (`withThreadAggregates`, `voteTotal`) so applying a change twice, or changes
// out of order (a post before its thread), always ends in the same tables. The projection that
// writes them to Dexie is forum-projection.ts; the aggregate functions are in aggregates.ts.
import { idKey, parseDocId } from '../domain/ids';
import { validateCommunityDoc } from '../domain/validate';
import type { CommunityDoc, Post, Thread } from '../domain/schemas';
import type { ProjectionTable } from './db';
import type { Change } from './feed/projection';
export { addPosts, sameAggregates, voteTotal, withThreadAggregates } from './aggregates';
import { FORMER_MEMBER } from './types';
import type {
	CategoryRow,
	ConflictRow,
	PostRow,
	ProfileRow,
	ThreadRow,
	ThreadTagRow,
	VoteRow,
	VoteTotalRow
} from './types';

export interface RowTypes {
	categories: CategoryRow;
	threads: ThreadRow;
	posts: PostRow;
	votes: VoteRow;
	voteTotals: VoteTotalRow;
	profiles: ProfileRow;
	conflicts: ConflictRow;
	orphans: { thread: string };
	threadTags: ThreadTagRow;
}

/** Pending table operations: per table, key → row to put, or null to delete. */
export class Ops {
	readonly tables = new Map<ProjectionTable, Map<string, unknown>>();
	/** threads (`thread:…` ids) whose own document changed in this batch */
	readonly threads = new Set<string>();
	/** threads whose posts changed or vanished: aggregates recomputed from the posts table */
	readonly recount = new Set<string>();
	/** posts new to the tables, per thread: folded into the thread's derived aggregates */
	readonly added = new Map<string, PostRow[]>();
	/** vote targets whose totals must be recomputed */
	readonly targets = new Set<string>();
	/** documents that failed validation: skipped, with the reason */
	readonly invalid: Array<{ id: string; reason: string }> = [];

	put<T extends ProjectionTable>(table: T, key: string, row: RowTypes[T]): void {
		this.#table(table).set(key, row);
	}
	delete(table: ProjectionTable, key: string): void {
		this.#table(table).set(key, null);
	}
	/** Rows to put and keys to delete, per table. */
	entries<T extends ProjectionTable>(table: T): { puts: RowTypes[T][]; deletes: string[] } {
		const puts: RowTypes[T][] = [];
		const deletes: string[] = [];
		for (const [key, row] of this.tables.get(table) ?? []) {
			if (row === null) deletes.push(key);
			else puts.push(row as RowTypes[T]);
		}
		return { puts, deletes };
	}
	#table(table: ProjectionTable): Map<string, unknown> {
		let map = this.tables.get(table);
		if (!map) this.tables.set(table, (map = new Map()));
		return map;
	}
}

/**
 * The table a document id projects into, with the row key; null for ids not projected. Resources
 * have no row here (the library projects them) but their conflicts are kept: table null.
 */
export function placeOf(
	id: string
): { table: Exclude<ProjectionTable, 'voteTotals' | 'conflicts'> | null; key: string } | null {
	const parsed = parseDocId(id);
	if (!parsed) return null;
	switch (parsed.type) {
		case 'category':
			return { table: 'categories', key: parsed.rest };
		case 'thread':
			return { table: 'threads', key: id };
		case 'post':
			return { table: 'posts', key: id };
		case 'vote':
			return { table: 'votes', key: id };
		case 'profile':
			return { table: 'profiles', key: parsed.rest };
		case 'resource':
			return { table: null, key: id };
		default:
			return null;
	}
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * Records in `ops` what `change` does to the tables. `current` is the row the document projects
 * to now (undefined when none): a deletion whose tombstone lacks fields falls back to it.
 */
export function projectChange(change: Change, current: unknown, ops: Ops): void {
	const place = placeOf(change.id);
	if (!place) return;
	const doc = (change.doc ?? { _id: change.id }) as Record<string, unknown>;
	const conflicts = Array.isArray(doc._conflicts) ? (doc._conflicts as string[]) : [];
	const rev = str(doc._rev);
	if (change.deleted || doc._deleted) {
		projectDeletion(place.table, place.key, doc, current, ops);
	} else {
		const checked = validateCommunityDoc(doc);
		if (!checked.ok) {
			// Skipped: the row keeps the last valid version (if any) and the reason is reported.
			ops.invalid.push({ id: change.id, reason: checked.reason });
			return;
		}
		projectDoc(checked.doc, rev, conflicts.length > 0, current, ops);
	}
	if (conflicts.length > 0 && !(change.deleted || doc._deleted)) {
		ops.put('conflicts', change.id, { id: change.id, winner: rev, revs: conflicts, type: str(doc.type) });
	} else {
		ops.delete('conflicts', change.id);
	}
}

function projectDoc(doc: CommunityDoc, rev: string, conflicted: boolean, current: unknown, ops: Ops): void {
	switch (doc.type) {
		case 'category':
			ops.put('categories', idKey('category', doc._id), {
				slug: idKey('category', doc._id),
				name: doc.name,
				description: doc.description,
				order: doc.order
			});
			return;
		case 'thread': {
			const previous = current as ThreadRow | undefined;
			ops.put('threads', doc._id, threadRow(doc, rev, conflicted, previous));
			ops.threads.add(doc._id);
			// a newly accepted answer: whether that reply is still there is read from the posts
			if (previous && doc.answer !== previous.answer) ops.recount.add(doc._id);
			return;
		}
		case 'post': {
			const row = postRow(doc, rev, conflicted);
			ops.put('posts', doc._id, row);
			const previous = current as PostRow | undefined;
			if (previous) {
				ops.recount.add(doc.thread);
				if (previous.thread !== doc.thread) ops.recount.add(previous.thread);
			} else {
				const list = ops.added.get(doc.thread);
				if (list) list.push(row);
				else ops.added.set(doc.thread, [row]);
			}
			return;
		}
		case 'vote': {
			const previous = current as VoteRow | undefined;
			if (previous && previous.target !== doc.target) ops.targets.add(previous.target);
			ops.put('votes', doc._id, { id: doc._id, target: doc.target, author: doc.author, value: doc.value });
			ops.targets.add(doc.target);
			return;
		}
		case 'profile': {
			const { _id, displayName, organization, jurisdiction, role, expertise, bio, mentor, mentorCapacity } = doc;
			const row: ProfileRow = { username: idKey('profile', _id), displayName, rev };
			Object.assign(row, strip({ organization, jurisdiction, role, expertise, bio, mentor, mentorCapacity }));
			ops.put('profiles', row.username, row);
			return;
		}
		default:
			return; // resources: only their conflicts (library/projection.ts has their rows)
	}
}

function strip<T extends Record<string, unknown>>(fields: T): Partial<T> {
	return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function threadRow(doc: Thread, rev: string, conflicted: boolean, current: ThreadRow | undefined): ThreadRow {
	return {
		id: doc._id,
		category: doc.category,
		title: doc.title,
		body: doc.body,
		tags: doc.tags,
		author: doc.author,
		createdAt: doc.createdAt,
		...strip({
			updatedAt: doc.updatedAt,
			answer: doc.answer,
			answeredBy: doc.answeredBy,
			answeredAt: doc.answeredAt
		}),
		// aggregates are derived from posts by forum-projection.ts; a new version keeps the derived ones
		lastActivity: current?.lastActivity ?? doc.createdAt,
		replyCount: current?.replyCount ?? 0,
		lastPostAt: current?.lastPostAt ?? null,
		lastAuthor: current?.lastAuthor ?? null,
		lastPostId: current?.lastPostId ?? null,
		...(doc.answer && current?.answerGone && current.answer === doc.answer ? { answerGone: true as const } : {}),
		edited: doc.updatedAt !== undefined && doc.updatedAt !== doc.createdAt,
		deleted: 0,
		conflicted,
		rev
	};
}

function postRow(doc: Post, rev: string, conflicted: boolean): PostRow {
	return {
		id: doc._id,
		thread: doc.thread,
		body: doc.body,
		...strip({ replyTo: doc.replyTo, updatedAt: doc.updatedAt }),
		author: doc.author,
		createdAt: doc.createdAt,
		edited: doc.updatedAt !== undefined && doc.updatedAt !== doc.createdAt,
		deleted: 0,
		conflicted,
		rev
	};
}

/**
 * A deleted thread or post keeps its row (deleted: 1, no title or body) so replies keep their
 * context; a deleted profile keeps a row naming a former member (nothing else of the profile);
 * other deleted documents lose their row. Fields come from the tombstone, else from
 * the current row.
 */
function projectDeletion(
	table: ProjectionTable | null,
	key: string,
	doc: Record<string, unknown>,
	current: unknown,
	ops: Ops
): void {
	const rev = str(doc._rev);
	if (table === 'posts') {
		const prev = current as PostRow | undefined;
		const thread = str(doc.thread) || prev?.thread || '';
		if (!thread) return ops.delete('posts', key);
		ops.put('posts', key, {
			id: key,
			thread,
			body: '',
			...strip({ replyTo: str(doc.replyTo) || prev?.replyTo || undefined }),
			author: str(doc.author) || prev?.author || '',
			createdAt: str(doc.createdAt) || prev?.createdAt || '',
			edited: false,
			deleted: 1,
			conflicted: false,
			rev
		});
		ops.recount.add(thread);
		return;
	}
	if (table === 'threads') {
		const prev = current as ThreadRow | undefined;
		const createdAt = str(doc.createdAt) || prev?.createdAt || '';
		ops.put('threads', key, {
			id: key,
			category: str(doc.category) || prev?.category || '',
			title: '',
			body: '',
			tags: [],
			author: str(doc.author) || prev?.author || '',
			createdAt,
			lastActivity: prev?.lastActivity ?? createdAt,
			replyCount: prev?.replyCount ?? 0,
			lastPostAt: prev?.lastPostAt ?? null,
			lastAuthor: prev?.lastAuthor ?? null,
			lastPostId: prev?.lastPostId ?? null,
			edited: false,
			deleted: 1,
			conflicted: false,
			rev
		});
		ops.threads.add(key);
		return;
	}
	if (table === 'votes') {
		const target = str(doc.target) || (current as VoteRow | undefined)?.target;
		if (target) ops.targets.add(target);
	}
	if (table === 'profiles') {
		// Profiles are deleted only with their account: what the member wrote may stay, and its
		// author is then shown as a former member rather than by a username.
		ops.put('profiles', key, { username: key, displayName: FORMER_MEMBER, former: true, rev });
		return;
	}
	if (table) ops.delete(table, key);
}

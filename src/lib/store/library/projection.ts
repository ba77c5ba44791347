// Projects library documents (resources, ratings, comments, reviews, collections, uses) into the
// library tables. Runs inside the community follower's batch transaction (feed/follower.ts), so
// a batch and its checkpoint land together; every operation is a put or delete by key, hence
// idempotent, and order-independent (nothing is aggregated here: figures are derived on read).
import { validateCommunityDoc } from '../../domain/validate';
import { idKey, parseDocId } from '../../domain/ids';
import type { CommunityDoc } from '../../domain/schemas';
import type { PraxisDb } from '../db';
import type { Change, Projection } from '../feed/projection';
import { LIBRARY_PROJECTION_TABLES, cardOf, libraryTables, type LibraryTables, type ResourceDocRow } from './tables';

type TableName = keyof Omit<LibraryTables, 'searchIndex' | 'device'>;

const TABLE_OF: Record<string, TableName> = {
	resource: 'resources',
	rating: 'ratings',
	comment: 'comments',
	review: 'reviews',
	collection: 'collections',
	use: 'uses'
};

/** Per table: key → row to put, or null to delete. */
export type LibraryOps = Map<TableName, Map<string, object | null>>;

function keyOf(type: string, id: string): string {
	return type === 'collection' ? idKey('collection', id) : id;
}

/** Pure: what a batch of changes does to the library tables (the last change of an id wins). */
export function libraryOps(changes: readonly Change[], onInvalid?: (id: string, reason: string) => void): LibraryOps {
	const ops: LibraryOps = new Map();
	const set = (table: TableName, key: string, row: object | null) => {
		let m = ops.get(table);
		if (!m) ops.set(table, (m = new Map()));
		m.set(key, row);
	};
	for (const change of changes) {
		const type = parseDocId(change.id)?.type ?? '';
		const table = TABLE_OF[type];
		if (!table) continue;
		const doc = change.doc as Record<string, unknown> | undefined;
		if (change.deleted || !doc || doc._deleted) {
			set(table, keyOf(type, change.id), null);
			if (table === 'resources') set('cards', change.id, null);
			continue;
		}
		const checked = validateCommunityDoc(doc);
		if (!checked.ok) {
			onInvalid?.(change.id, checked.reason);
			continue;
		}
		const row = rowOf(checked.doc, typeof doc._rev === 'string' ? doc._rev : '');
		set(table, keyOf(type, change.id), row);
		if (table === 'resources' && row) set('cards', change.id, cardOf(row as ResourceDocRow));
	}
	return ops;
}

function rowOf(doc: CommunityDoc, rev: string): object | null {
	switch (doc.type) {
		case 'resource': {
			const { _id, _rev, ...rest } = doc as typeof doc & { _rev?: string };
			void _rev;
			return { ...rest, _id, id: _id, publishedAt: doc.reviewedAt ?? doc.updatedAt ?? doc.createdAt, rev };
		}
		case 'rating':
			return { id: doc._id, resource: doc.resource, author: doc.author, value: doc.value };
		case 'comment':
			return { id: doc._id, target: doc.target, author: doc.author, body: doc.body, createdAt: doc.createdAt };
		case 'review':
			return {
				id: doc._id,
				resource: doc.resource,
				author: doc.author,
				verdict: doc.verdict,
				comments: doc.comments,
				createdAt: doc.createdAt
			};
		case 'collection':
			return {
				slug: idKey('collection', doc._id),
				title: doc.title,
				intro: doc.intro,
				items: doc.items,
				author: doc.author,
				createdAt: doc.createdAt,
				...(doc.updatedAt ? { updatedAt: doc.updatedAt } : {}),
				rev
			};
		case 'use':
			return { id: doc._id, resource: doc.resource, author: doc.author };
		default:
			return null;
	}
}

/** The projection writing the library tables. */
export function libraryProjection(onProblem: (message: string) => void = () => {}): Projection {
	// Reported after the batch's transaction: writing the sync log inside it would end it early.
	const problems: string[] = [];
	return {
		name: 'library',
		tables: LIBRARY_PROJECTION_TABLES,
		async afterBatch() {
			for (const message of problems.splice(0)) onProblem(message);
		},
		clear() {
			problems.length = 0;
		},
		async apply(changes: readonly Change[], db: PraxisDb): Promise<void> {
			const tables = libraryTables(db);
			const ops = libraryOps(changes, (id, reason) => problems.push(`skipped ${id}: ${reason}`));
			for (const [name, rows] of ops) {
				const table = tables[name];
				const puts: object[] = [];
				const deletes: string[] = [];
				for (const [key, row] of rows)
					if (row) puts.push(row);
					else deletes.push(key);
				if (deletes.length) await table.bulkDelete(deletes);
				if (puts.length) await (table as unknown as { bulkPut(rows: object[]): Promise<unknown> }).bulkPut(puts);
			}
		}
	};
}

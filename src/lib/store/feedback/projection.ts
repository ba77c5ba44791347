// The projection of feedback documents (tables.ts) from the community replica, as the community
// feed follower applies it (projections.ts). Pure per change: applying a change twice gives the
// same row; a deletion, or a document the schema refuses, removes the row.
import * as v from 'valibot';
import { feedbackSchema } from '../../domain/schemas';
import type { Projection } from '../feed/projection';
import { feedbackTables, type FeedbackRow } from './tables';

type Doc = Record<string, unknown> & { _id: string; _rev?: string; _deleted?: boolean };

/** A valid feedback document as its row; null when invalid. */
export function feedbackRow(doc: Doc): FeedbackRow | null {
	const checked = v.safeParse(feedbackSchema, doc);
	if (!checked.success) return null;
	const { _id, target, author, useful, comment, createdAt, updatedAt } = checked.output;
	return {
		id: _id,
		rev: typeof doc._rev === 'string' ? doc._rev : '',
		target,
		author,
		useful,
		createdAt,
		...(comment ? { comment } : {}),
		...(updatedAt ? { updatedAt } : {})
	};
}

export function feedbackProjection(): Projection {
	return {
		name: 'feedback',
		tables: ['feedback'],
		async apply(changes, db) {
			const table = feedbackTables(db).feedback;
			for (const change of changes) {
				if (!change.id.startsWith('feedback:')) continue;
				const doc = change.doc as Doc | undefined;
				const row = !change.deleted && doc && !doc._deleted ? feedbackRow(doc) : null;
				if (row) await table.put(row);
				else await table.delete(change.id);
			}
		}
	};
}

// The "Was this useful?" Dexie table (schema version 30 of `praxis-{username}`), a projection:
//
//   feedback  feedback docs (one answer per member and item), by the item (target) and author
import type { Table } from 'dexie';
import type { PraxisDb } from '../db';

export const FEEDBACK_SCHEMA_VERSION = 30;

export const FEEDBACK_STORES = {
	feedback: 'id, target, author'
} as const;

/** A feedback document's fields as projected, keyed by `id` (the document's `_id`). */
export interface FeedbackRow {
	id: string;
	rev: string;
	/** The item: `resource:…`, `story:…`, `event:…` or `collection:{slug}`. */
	target: string;
	author: string;
	useful: boolean;
	comment?: string;
	createdAt: string;
	updatedAt?: string;
}

export function feedbackTables(db: PraxisDb): { feedback: Table<FeedbackRow, string> } {
	return { feedback: db.table<FeedbackRow, string>('feedback') };
}

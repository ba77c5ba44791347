// The suggestion box's Dexie table (schema version 31 of `praxis-{username}`), a projection of
// the community feed (projection.ts):
//
//   suggestions  suggestion docs in full, by status, area, author and creation time
// Votes are not copied: they are ordinary votes (the forum projection's `votes` table, by target).
import type { Table } from 'dexie';
import type { PraxisDb } from '../db';
import type { SuggestionDoc } from '../../domain/schemas';

export const SUGGESTIONS_SCHEMA_VERSION = 31;

export const SUGGESTIONS_STORES = {
	suggestions: 'id, status, area, author, createdAt'
} as const;

// The document's own fields (PouchDB's bookkeeping is dropped by the projection).
export type SuggestionRow = SuggestionDoc & { id: string; rev: string };

export function suggestionTables(db: PraxisDb): { suggestions: Table<SuggestionRow, string> } {
	return { suggestions: db.table<SuggestionRow, string>('suggestions') };
}

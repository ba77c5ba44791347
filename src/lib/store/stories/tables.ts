// The success stories' Dexie table (schema version 25 of `praxis-{username}`), a projection:
//
//   stories  story docs in full, by status, author, publication time and challenge entered
import type { Table } from 'dexie';
import type { PraxisDb } from '../db';
import type { StoryDoc } from '../../domain/schemas';

export const STORIES_STORES = {
	stories: 'id, status, author, publishedAt, challenge'
} as const;

/**
 * The declared fields of a loose-object document: `Omit` over a type with an index signature
 * (valibot's looseObject) would keep only the index signature and lose every named field.
 */
type KnownFields<T> = { [K in keyof T as string extends K ? never : K]: T[K] };

/** A story document as projected: its fields, plus the row key and derived sort key. */
export type StoryRow = Omit<KnownFields<StoryDoc>, '_rev' | '_revisions' | '_attachments' | '_conflicts'> & {
	id: string;
	/** When it was published (reviewedAt), else its last change: the "newest" sort key. */
	publishedAt: string;
	rev: string;
};

export function storyTables(db: PraxisDb): { stories: Table<StoryRow, string> } {
	return { stories: db.table<StoryRow, string>('stories') };
}

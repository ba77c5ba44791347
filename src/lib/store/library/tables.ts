// The library's Dexie tables (schema version 10 of `praxis-{username}`), their rows, and the
// device-only records of the library. Projection tables are rebuilt from PouchDB with the rest:
//
//   libResources  resource docs in full (body, case-study fields, files), by status/author/kind
//   libCards      what a card and the filters show of each resource (no body): the library page
//                 and related resources read these, not the full documents (db.ts LIBRARY_CARDS_VERSION)
//   ratings       rating docs by resource (averages derived on read, never stored)
//   comments      comment docs by [target+createdAt] (resources; any target)
//   reviews       review docs by [resource+createdAt]
//   collections   knowledge-base collections by slug
//   uses          use docs by resource ("most used" = members who used it)
//   searchIndex   the serialized search index and the changes-feed checkpoint it matches
//   libraryDevice key → value: the print pack, resources kept offline, settings      [device]
import type { PraxisDb } from '../db';
import type { Table } from 'dexie';
import type { Resource } from '../../domain/schemas';

export const LIBRARY_SCHEMA_VERSION = 10;

export const LIBRARY_STORES = {
	libResources: 'id, status, author, kind, publishedAt',
	ratings: 'id, resource',
	comments: 'id, [target+createdAt]',
	reviews: 'id, [resource+createdAt], author',
	collections: 'slug',
	uses: 'id, resource',
	searchIndex: 'key',
	libraryDevice: 'key'
} as const;

/** The cards table, added after the others (db.ts LIBRARY_CARDS_VERSION). */
export const LIBRARY_CARDS_STORES = { libCards: 'id, status, *tags' } as const;

/** Tables the library projection writes (cleared by rebuild()). */
export const LIBRARY_PROJECTION_TABLES = [
	'libResources',
	'libCards',
	'ratings',
	'comments',
	'reviews',
	'collections',
	'uses'
] as const;

type ResourceFields = Pick<
	Resource,
	| '_id'
	| 'type'
	| 'author'
	| 'createdAt'
	| 'updatedAt'
	| 'kind'
	| 'title'
	| 'summary'
	| 'body'
	| 'tags'
	| 'status'
	| 'organization'
	| 'jurisdiction'
	| 'sector'
	| 'problem'
	| 'actions'
	| 'outcomes'
	| 'lessons'
	| 'contact'
	| 'files'
	| 'links'
	| 'related'
	| 'reviewedBy'
	| 'reviewedAt'
	| 'coauthors'
>;

/** A resource document as projected: its fields, plus the row key and derived sort key. */
export type ResourceDocRow = ResourceFields & {
	id: string;
	/** When it was published (reviewedAt), else last change: the "newest" sort key. */
	publishedAt: string;
	rev: string;
};

/** What the library's list, its filters and related resources need of a resource: no body. */
export type ResourceCardRow = Pick<
	ResourceDocRow,
	'id' | 'status' | 'kind' | 'title' | 'summary' | 'tags' | 'author' | 'organization' | 'jurisdiction' | 'sector'
> & {
	publishedAt: string;
	fileCount: number;
};

/** The card row of a projected resource row. */
export function cardOf(r: ResourceDocRow): ResourceCardRow {
	return {
		id: r.id,
		status: r.status,
		kind: r.kind,
		title: r.title,
		summary: r.summary,
		tags: r.tags,
		author: r.author,
		...(r.organization ? { organization: r.organization } : {}),
		...(r.jurisdiction ? { jurisdiction: r.jurisdiction } : {}),
		...(r.sector ? { sector: r.sector } : {}),
		publishedAt: r.publishedAt,
		fileCount: r.files?.length ?? 0
	};
}

export interface RatingRow {
	id: string;
	resource: string;
	author: string;
	value: number;
}

export interface CommentRow {
	id: string;
	target: string;
	author: string;
	body: string;
	createdAt: string;
}

export interface ReviewRow {
	id: string;
	resource: string;
	author: string;
	verdict: 'approve' | 'changes' | 'reject';
	comments: string;
	createdAt: string;
}

export interface CollectionRow {
	slug: string;
	title: string;
	intro: string;
	items: Array<{ ref: string; note?: string }>;
	author: string;
	createdAt: string;
	updatedAt?: string;
	rev: string;
}

export interface UseRow {
	id: string;
	resource: string;
	author: string;
}

/**
 * The saved search index: a head row (`main`) naming the save whose part rows
 * (`main:{save}:{i}`) hold MiniSearch's toJSON() as a JSON string, cut in pieces (one put of the
 * whole 7 MB string kept IndexedDB busy for tens of milliseconds). Saves before the parts kept
 * the whole string in the head row's `json`.
 */
export interface SearchIndexRow {
	key: string;
	/** The whole JSON (an older save's head row) or one piece of it (a part row). */
	json?: string;
	/** Head row: how many part rows the save has, and its id. */
	parts?: number;
	save?: string;
	/** Head row: the changes-feed sequence the index includes everything up to. */
	checkpoint?: number | string;
	savedAt?: string;
}

export interface DeviceRow {
	key: string;
	value: unknown;
}

/** Typed handles on the library tables of a member's Dexie database. */
export function libraryTables(db: PraxisDb) {
	return {
		resources: db.table('libResources') as Table<ResourceDocRow, string>,
		cards: db.table('libCards') as Table<ResourceCardRow, string>,
		ratings: db.table('ratings') as Table<RatingRow, string>,
		comments: db.table('comments') as Table<CommentRow, string>,
		reviews: db.table('reviews') as Table<ReviewRow, string>,
		collections: db.table('collections') as Table<CollectionRow, string>,
		uses: db.table('uses') as Table<UseRow, string>,
		searchIndex: db.table('searchIndex') as Table<SearchIndexRow, string>,
		device: db.table('libraryDevice') as Table<DeviceRow, string>
	};
}

export type LibraryTables = ReturnType<typeof libraryTables>;

// The adoptions' Dexie table (schema version 25 of `praxis-{username}`), a projection:
//
//   adoptions  adoption docs in full, by the practice adopted (a resource or story), author, status
import type { Table } from 'dexie';
import type { PraxisDb } from '../db';
import type { AdoptionDoc } from '../../domain/schemas';

export const ADOPTIONS_STORES = {
	adoptions: 'id, practice, author, status'
} as const;

/** The schema's named fields: Omit<> over the loose schema type alone would keep only its index signature. */
type NamedFields<T> = { [K in keyof T as string extends K ? never : K]: T[K] };

/** An adoption document's fields as projected, keyed by `id` (the document's `_id`). */
export type AdoptionRow = Omit<NamedFields<AdoptionDoc>, '_id'> & {
	id: string;
	rev: string;
};

export function adoptionTables(db: PraxisDb): { adoptions: Table<AdoptionRow, string> } {
	return { adoptions: db.table<AdoptionRow, string>('adoptions') };
}

// The adoptions' Dexie table (schema version 25 of `praxis-{username}`), a projection:
//
//   adoptions  adoption docs in full, by the practice adopted (a resource or story), author, status
import type { Table } from 'dexie';
import type { PraxisDb } from '../db';
import type { AdoptionDoc } from '../../domain/schemas';

export const ADOPTIONS_STORES = {
	adoptions: 'id, practice, author, status'
} as const;

export type AdoptionRow = Omit<AdoptionDoc, '_rev' | '_revisions' | '_attachments' | '_conflicts'> & {
	id: string;
	rev: string;
};

export function adoptionTables(db: PraxisDb): { adoptions: Table<AdoptionRow, string> } {
	return { adoptions: db.table<AdoptionRow, string>('adoptions') };
}

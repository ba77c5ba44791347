// The projection of adoption documents (tables.ts) from the community replica, as the community
// feed follower applies it (projections.ts). Pure per change: applying a change twice gives the
// same row; a deletion, or a document the schema refuses, removes the row.
import * as v from 'valibot';
import { isIdOf } from '../../domain/ids';
import { adoptionSchema } from '../../domain/schemas';
import type { Projection } from '../feed/projection';
import { adoptionTables, type AdoptionRow } from './tables';

type Doc = Record<string, unknown> & { _id: string; _rev?: string; _deleted?: boolean };

/** A valid adoption document as its row; null when invalid. */
export function adoptionRow(doc: Doc): AdoptionRow | null {
	const checked = v.safeParse(adoptionSchema, doc);
	if (!checked.success) return null;
	const { _id, _rev, _revisions, _attachments, _conflicts, ...fields } = checked.output as typeof checked.output &
		Record<'_revisions' | '_attachments' | '_conflicts', unknown>;
	void _revisions;
	void _attachments;
	void _conflicts;
	return { ...fields, id: _id, rev: typeof _rev === 'string' ? _rev : '' };
}

export function adoptionsProjection(): Projection {
	return {
		name: 'adoptions',
		tables: ['adoptions'],
		async apply(changes, db) {
			const table = adoptionTables(db).adoptions;
			for (const change of changes) {
				if (!isIdOf('adoption', change.id)) continue;
				const doc = change.doc as Doc | undefined;
				const row = !change.deleted && doc && !doc._deleted ? adoptionRow(doc) : null;
				if (row) await table.put(row);
				else await table.delete(change.id);
			}
		}
	};
}

// Challenges and judgings from the community feed into their tables (tables.ts), as the
// community follower applies them (feed/projection.ts). Pure per change: a valid document is
// its row; a deletion or an invalid document removes the row.
import * as v from 'valibot';
import { challengeSchema, judgingSchema } from '../../domain/schemas';
import type { Projection } from '../feed/projection';
import { challengeTables, type ChallengeRow, type JudgingRow } from './tables';

type Doc = Record<string, unknown> & { _id: string; _rev?: string; _deleted?: boolean };

function rowOf<T>(
	schema: v.GenericSchema<unknown, T & { _id: string }>,
	doc: Doc
): (T & { id: string; rev: string }) | null {
	const checked = v.safeParse(schema, doc);
	if (!checked.success) return null;
	const { _rev: _, _revisions: __, _attachments: ___, _conflicts: ____, ...rest } = checked.output as T & Doc;
	return { ...(rest as T & { _id: string }), id: doc._id, rev: String(doc._rev ?? '') };
}

export const challengeRow = (doc: Doc): ChallengeRow | null => rowOf(challengeSchema, doc) as ChallengeRow | null;
export const judgingRow = (doc: Doc): JudgingRow | null => rowOf(judgingSchema, doc) as JudgingRow | null;

export function challengesProjection(): Projection {
	return {
		name: 'challenges',
		tables: ['challenges', 'judgings'],
		async apply(changes, db) {
			const { challenges, judgings } = challengeTables(db);
			for (const change of changes) {
				const doc = change.doc as Doc | undefined;
				const live = !change.deleted && doc && !doc._deleted ? doc : null;
				if (change.id.startsWith('challenge:')) {
					const row = live ? challengeRow(live) : null;
					if (row) await challenges.put(row);
					else if (!change.fresh) await challenges.delete(change.id);
				} else if (change.id.startsWith('judging:')) {
					const row = live ? judgingRow(live) : null;
					if (row) await judgings.put(row);
					else if (!change.fresh) await judgings.delete(change.id);
				}
			}
		}
	};
}

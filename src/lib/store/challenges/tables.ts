// The community challenges' Dexie tables (schema version 28 of `praxis-{username}`), projections
// of the community feed (projection.ts):
//
//   challenges  challenge docs in full, by closing time
//   judgings    judges' scores (`judging:{challenge ulid}:{entry id}:{judge}`), by challenge and
//               by [challenge+entry]
// Entries are not copied: they are the stories and resources naming the challenge (the stories
// table's `challenge` index, the library's libResources).
import type { Table } from 'dexie';
import type { PraxisDb } from '../db';
import type { ChallengeDoc, JudgingDoc } from '../../domain/schemas';

export const CHALLENGES_SCHEMA_VERSION = 28;

export const CHALLENGES_STORES = {
	challenges: 'id, closesAt',
	judgings: 'id, challenge, [challenge+entry]'
} as const;

// The documents' own fields (PouchDB's bookkeeping is dropped by the projection); Omit would
// lose the named fields of a loose object's index signature.
export type ChallengeRow = ChallengeDoc & { id: string; rev: string };
export type JudgingRow = JudgingDoc & { id: string; rev: string };

export function challengeTables(db: PraxisDb): {
	challenges: Table<ChallengeRow, string>;
	judgings: Table<JudgingRow, string>;
} {
	return {
		challenges: db.table<ChallengeRow, string>('challenges'),
		judgings: db.table<JudgingRow, string>('judgings')
	};
}

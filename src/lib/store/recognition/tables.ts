// The recognition Dexie tables (schema version 27 of `praxis-{username}`), a projection of the
// community replica (projection.ts), rebuilt from it like the others:
//
//   recognitionFacts      the few fields of each document the rules read (domain/recognition.ts
//                         recognitionFact), by document id: the rules run over these alone
//   recognitionStandings  each member's points, per month and year, level and badges, by username:
//                         what leaderboards read
//   recognitionLedgers    each member's ledger lines, newest first, by username: what a profile reads
import type { Table } from 'dexie';
import type { PraxisDb } from '../db';
import type { LedgerLine, Standing } from '../../domain/recognition';

export const RECOGNITION_SCHEMA_VERSION = 27;

export const RECOGNITION_STORES = {
	recognitionFacts: 'id',
	recognitionStandings: 'username',
	recognitionLedgers: 'username'
} as const;

export const RECOGNITION_TABLES = Object.keys(RECOGNITION_STORES) as (keyof typeof RECOGNITION_STORES)[];

export interface FactRow {
	id: string;
	doc: Record<string, unknown>;
}

export type StandingRow = Standing;

export interface LedgerRow {
	username: string;
	lines: LedgerLine[];
}

export function recognitionTables(db: PraxisDb): {
	facts: Table<FactRow, string>;
	standings: Table<StandingRow, string>;
	ledgers: Table<LedgerRow, string>;
} {
	return {
		facts: db.table<FactRow, string>('recognitionFacts'),
		standings: db.table<StandingRow, string>('recognitionStandings'),
		ledgers: db.table<LedgerRow, string>('recognitionLedgers')
	};
}

// The recognition Dexie tables (schema version 27 of `praxis-{username}`), a projection of the
// community replica (projection.ts), rebuilt from it like the others:
//
//   recognitionFacts      the few fields of each document the rules read (domain/recognition.ts
//                         recognitionFact), by document id: the rules run over these alone
//   recognitionStandings  each member's points, per month and year, level and badges, by username:
//                         what leaderboards read
//   recognitionLedgers    each member's ledger lines, newest first, by username: what a profile reads
//   recognitionBoard      one row ('standings') holding every standing: a leaderboard page reads
//                         it in one get instead of a cursor over every member
import type { Table } from 'dexie';
import type { PraxisDb } from '../db';
import type { LedgerLine, Standing } from '../../domain/recognition';

export const RECOGNITION_SCHEMA_VERSION = 27;

export const RECOGNITION_STORES = {
	recognitionFacts: 'id',
	recognitionStandings: 'username',
	recognitionLedgers: 'username',
	recognitionBoard: 'key'
} as const;

export const BOARD_KEY = 'standings';

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

export interface BoardRow {
	key: typeof BOARD_KEY;
	standings: StandingRow[];
}

export function recognitionTables(db: PraxisDb): {
	facts: Table<FactRow, string>;
	standings: Table<StandingRow, string>;
	ledgers: Table<LedgerRow, string>;
	board: Table<BoardRow, string>;
} {
	return {
		facts: db.table<FactRow, string>('recognitionFacts'),
		standings: db.table<StandingRow, string>('recognitionStandings'),
		ledgers: db.table<LedgerRow, string>('recognitionLedgers'),
		board: db.table<BoardRow, string>('recognitionBoard')
	};
}

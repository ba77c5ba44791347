// The moderation Dexie tables (schema version 23 of `praxis-{username}`), both projections:
//
//   moderation  moderators' decisions by item (`moderation:{target}` docs), keyed by target:
//               hidden, locked, pinned                                          [community]
//   flags       the member's own flags (`flag:{target}:{me}`), with the decision a
//               moderator wrote back, by target and by time                     [private]
import type { Table } from 'dexie';
import type { PraxisDb } from '../db';
import type { ModerationState } from '../../domain/moderation';
import type { FlagReason } from '../../domain/schemas';

export const MODERATION_SCHEMA_VERSION = 23;

export const MODERATION_STORES = {
	moderation: 'target',
	flags: 'id, target, createdAt'
} as const;

export interface ModerationRow extends ModerationState {
	/** The moderated item's id (`thread:{ulid}`, `profile:{username}`…). */
	target: string;
}

export interface FlagRow {
	id: string;
	target: string;
	reason: FlagReason;
	text?: string;
	createdAt: string;
	decision?: { action: string; at: string; note?: string };
}

export function moderationTables(db: PraxisDb): {
	moderation: Table<ModerationRow, string>;
	flags: Table<FlagRow, string>;
} {
	return {
		moderation: db.table<ModerationRow, string>('moderation'),
		flags: db.table<FlagRow, string>('flags')
	};
}

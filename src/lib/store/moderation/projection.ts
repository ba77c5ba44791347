// Projections of moderation documents (tables.ts), as the feed followers apply them
// (feed/projection.ts): moderators' decisions from the community replica, the member's own flags
// from their private replica. Pure per change: applying a change twice gives the same rows; a
// deletion (a withdrawn flag, a decision the server took back) removes the row.
import * as v from 'valibot';
import { parseFlagId, targetOfModerationId } from '../../domain/ids';
import { flagSchema, moderationSchema } from '../../domain/schemas';
import type { PraxisDb } from '../db';
import type { Change, Projection } from '../feed/projection';
import { moderationTables, type FlagRow, type ModerationRow } from './tables';

type Doc = Record<string, unknown> & { _id: string; _deleted?: boolean };

/** A valid `moderation:{target}` document as its row; null when invalid. */
export function moderationRow(doc: Record<string, unknown>): ModerationRow | null {
	const checked = v.safeParse(moderationSchema, doc);
	if (!checked.success) return null;
	const d = checked.output;
	if (targetOfModerationId(d._id) !== d.target) return null;
	const row: ModerationRow = { target: d.target };
	if (d.hidden) row.hidden = { ...d.hidden };
	if (d.locked) row.locked = { ...d.locked };
	if (d.pinned) row.pinned = true;
	return row;
}

/** A valid flag of `member` as its row; null when invalid or another member's. */
export function flagRow(doc: Record<string, unknown>, member: string): FlagRow | null {
	const checked = v.safeParse(flagSchema, doc);
	if (!checked.success || checked.output.author !== member) return null;
	const d = checked.output;
	const row: FlagRow = { id: d._id, target: d.target, reason: d.reason, createdAt: d.createdAt };
	if (d.text) row.text = d.text;
	if (d.decision) row.decision = { ...d.decision };
	return row;
}

/** Moderators' decisions, from the community feed. */
export function moderationProjection(): Projection {
	return {
		name: 'moderation',
		tables: ['moderation'],
		async apply(changes, db) {
			const table = moderationTables(db).moderation;
			for (const change of changes) {
				const target = targetOfModerationId(change.id);
				if (!target) continue;
				const doc = change.doc as Doc | undefined;
				const row = !change.deleted && doc && !doc._deleted ? moderationRow(doc) : null;
				if (row) await table.put(row);
				else await table.delete(target);
			}
		}
	};
}

/** The member's own flags, from their private feed. */
export function flagsProjection(member: string): Projection {
	return {
		name: 'flags',
		tables: ['flags'],
		async apply(changes, db) {
			await applyFlags(changes, db, member);
		}
	};
}

async function applyFlags(changes: readonly Change[], db: PraxisDb, member: string): Promise<void> {
	const table = moderationTables(db).flags;
	for (const change of changes) {
		if (!parseFlagId(change.id)) continue;
		const doc = change.doc as Doc | undefined;
		const row = !change.deleted && doc && !doc._deleted ? flagRow(doc, member) : null;
		if (row) await table.put(row);
		else await table.delete(change.id);
	}
}

// The audit log: every moderator and administrator action, who did it, to what, when and why.
// Append-only by construction: entries are new documents in a server-only database (never
// reachable through /couch) and nothing here updates or deletes one.
import type { Storage } from '../storage/index';
import { monotonicFactory } from 'ulid';
import type { AuditEntry } from '../../src/lib/domain/moderation-api';

export const AUDIT_DB = 'praxis-audit';

export { AUDIT_ACTIONS, type AuditAction, type AuditEntry } from '../../src/lib/domain/moderation-api';

export interface AuditLog {
	record(entry: Omit<AuditEntry, 'id' | 'at'>): Promise<AuditEntry>;
	/** Newest first; `before` is an entry id to continue from. */
	list(options?: { before?: string; limit?: number }): Promise<AuditEntry[]>;
	/** Every entry, oldest first, a page at a time (for the CSV export). */
	all(): AsyncGenerator<AuditEntry>;
}

const PAGE = 500;

/** Monotonic: entries recorded within one millisecond still list in the order they happened. */
const nextUlid = monotonicFactory();

export function createAuditLog(storage: Storage, clock: () => Date = () => new Date()): AuditLog {
	const db = () => storage.db(AUDIT_DB);
	return {
		async record(entry) {
			const full: AuditEntry = { id: `audit:${nextUlid()}`, at: clock().toISOString(), ...entry };
			const { id, ...body } = full;
			await db().put({ _id: id, ...body });
			return full;
		},
		async list({ before, limit = 100 } = {}) {
			const res = await db().allDocs<Omit<AuditEntry, 'id'>>({
				include_docs: true,
				descending: true,
				startkey: before ?? 'audit:\ufff0',
				endkey: 'audit:',
				skip: before ? 1 : 0,
				limit: Math.min(Math.max(1, limit), PAGE)
			});
			return res.rows.flatMap((row) => (row.doc ? [toEntry(row.doc)] : []));
		},
		async *all() {
			let startkey = 'audit:';
			let skip = 0;
			for (;;) {
				const res = await db().allDocs<Omit<AuditEntry, 'id'>>({
					include_docs: true,
					startkey,
					endkey: 'audit:\ufff0',
					skip,
					limit: PAGE
				});
				for (const row of res.rows) if (row.doc) yield toEntry(row.doc);
				if (res.rows.length < PAGE) return;
				startkey = res.rows[res.rows.length - 1]!.id;
				skip = 1;
			}
		}
	};
}

function toEntry(doc: PouchDB.Core.ExistingDocument<Omit<AuditEntry, 'id'>>): AuditEntry {
	const { _id, _rev: _, ...rest } = doc;
	return { ...rest, id: _id };
}

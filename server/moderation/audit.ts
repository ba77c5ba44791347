// The audit log: every moderator and administrator action, who did it, to what, when and why.
// Append-only by construction: entries are new documents in a server-only database (never
// reachable through /couch) and nothing here updates or deletes one.
import type { Storage } from '../storage/index';
import { monotonicFactory } from 'ulid';

export const AUDIT_DB = 'praxis-audit';

export const AUDIT_ACTIONS = [
	// moderation
	'dismiss',
	'hide',
	'unhide',
	'auto-hide',
	'delete',
	'lock',
	'unlock',
	'move',
	'pin',
	'unpin',
	'suspend',
	'lift-suspension',
	// administration
	'role-change',
	'hub-enrol',
	'hub-remove',
	'reset-code'
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
	/** `audit:{ulid}`: ULIDs sort by time, so the ids list the log in order. */
	id: string;
	at: string;
	/** The moderator or administrator (`praxis` for what the server did by itself, e.g. auto-hide). */
	actor: string;
	action: AuditAction;
	/** What it was done to: a document id (`post:01H…`), `member:{name}` or `hub:{name}`. */
	target: string;
	/** Why, in the actor's words (may be empty). */
	reason: string;
	/** Short facts: the new category, the roles given, the suspension's end… */
	details?: Record<string, string>;
}

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

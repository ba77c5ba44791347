// The moderators' API (/api/moderation) as both sides see it: what the queue lists, the actions
// a moderator takes, and the entries of the audit log. The server builds these (server/moderation);
// the device reads them (src/lib/sync/moderation.ts).
import type { FlagReason } from './schemas';

/** What members flag: the first part of a target id. */
export const FLAGGED_KINDS = ['thread', 'post', 'resource', 'event', 'story', 'profile'] as const;
export type FlaggedKind = (typeof FLAGGED_KINDS)[number];

export interface QueueFlag {
	member: string;
	reason: FlagReason;
	text?: string;
	at: string;
}

/** One flagged item of the queue, with its open flags. */
export interface QueueItem {
	/** The flagged document's id (`post:01H…`, `profile:ines`…). */
	target: string;
	kind: FlaggedKind;
	author: string;
	title: string;
	excerpt: string;
	href: string;
	/** A thread's category slug. */
	category?: string;
	count: number;
	flags: QueueFlag[];
	firstFlaggedAt: string;
	hidden?: { reason: string; at: string; by?: string; auto?: boolean };
	locked?: { reason: string; at: string; by?: string };
	pinned?: boolean;
	authorSuspended?: { until?: string; reason: string };
}

export const MODERATION_ACTIONS = [
	'dismiss',
	'hide',
	'unhide',
	'delete',
	'lock',
	'unlock',
	'move',
	'pin',
	'unpin',
	'suspend'
] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

/** The actions the server refuses without a reason. */
export const ACTIONS_NEEDING_REASON: readonly ModerationAction[] = ['hide', 'delete', 'lock', 'suspend'];

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

/** A log entry as the device reads it: an action it does not know yet is still shown. */
export type LogEntry = Omit<AuditEntry, 'action'> & { action: string };

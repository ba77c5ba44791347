// Row and view types of the client store: what Dexie holds (projections of PouchDB documents plus
// device-only state) and what the queries hand to screens. Booleans that Dexie indexes are 0 | 1
// because IndexedDB cannot index booleans.
import type { Role } from '../domain/schemas';

/** The signed-in member as the device remembers them (so the app opens offline). */
export interface Member {
	name: string;
	roles: Role[];
	displayName: string;
}

export type Flag = 0 | 1;

export interface CategoryRow {
	/** slug (the part after `category:`) */
	slug: string;
	name: string;
	description: string;
	order: number;
}

export interface ThreadRow {
	/** `thread:{ulid}` */
	id: string;
	category: string;
	title: string;
	body: string;
	tags: string[];
	author: string;
	createdAt: string;
	updatedAt?: string;
	/** max(createdAt, lastPostAt): the list's sort key */
	lastActivity: string;
	/** replies not deleted, derived from the posts table (never incremented) */
	replyCount: number;
	lastPostAt: string | null;
	lastAuthor: string | null;
	/** id of the latest reply (ties on createdAt go to the greater id) */
	lastPostId: string | null;
	/** The reply accepted as the answer (`post:{ulid}`), who accepted it and when. */
	answer?: string;
	answeredBy?: string;
	answeredAt?: string;
	/** Derived from the posts table: the accepted answer was deleted (the thread reads unanswered). */
	answerGone?: true;
	edited: boolean;
	deleted: Flag;
	conflicted: boolean;
	rev: string;
}

/** A listed (not deleted) thread under one of its tags. */
export interface ThreadTagRow {
	thread: string;
	tag: string;
	category: string;
	lastActivity: string;
}

export interface PostRow {
	/** `post:{ulid}` */
	id: string;
	thread: string;
	/** '' once deleted: the row keeps its place so replies still make sense */
	body: string;
	replyTo?: string;
	author: string;
	createdAt: string;
	updatedAt?: string;
	edited: boolean;
	deleted: Flag;
	conflicted: boolean;
	rev: string;
}

export interface VoteRow {
	/** `vote:{target}:{username}` */
	id: string;
	target: string;
	author: string;
	value: 1 | -1;
}

/** Sum of vote values per target, recomputed from the votes table for each touched target. */
export interface VoteTotalRow {
	target: string;
	score: number;
	up: number;
	down: number;
	/**
	 * The member's own vote on the target (the Dexie database is per member): lists read it with
	 * the total instead of a second get per row.
	 */
	mine: 1 | -1 | 0;
}

/** What the screens call a member whose account was deleted (their profile is deleted). */
export const FORMER_MEMBER = 'Former member';

export interface ProfileRow {
	username: string;
	/** FORMER_MEMBER once the profile was deleted (the row stays, so names resolve to it). */
	displayName: string;
	/** The profile was deleted with its account: the member is gone, their documents may stay. */
	former?: true;
	organization?: string;
	jurisdiction?: string;
	role?: string;
	expertise?: string[];
	bio?: string;
	mentor?: boolean;
	/** How many mentees they take at once (MENTOR_CAPACITY_DEFAULT when unset). */
	mentorCapacity?: number;
	rev: string;
}

export interface ReadStateRow {
	threadId: string;
	replyCount: number;
	at: string;
}

export interface DraftRow {
	key: string;
	value: unknown;
	updatedAt: string;
}

export type LocalDbKind = 'community' | 'private';

/** A local write not yet acknowledged by the server's push. */
export interface OutboxRow {
	id: string;
	db: LocalDbKind;
	rev: string;
	at: string;
	deleted: boolean;
}

export interface RejectedRow {
	id: string;
	db: LocalDbKind;
	/** the document as written locally (fix and resend it) */
	doc: Record<string, unknown>;
	reason: string;
	at: string;
	/**
	 * The server's version when it refused (null: it has none), which a discard restores: the
	 * community replica keeps no superseded revision, so the one before the refused edit is gone
	 * from the device. Absent when it could not be read.
	 */
	previous?: Record<string, unknown> | null;
}

export interface ConflictRow {
	id: string;
	winner: string;
	/** losing revisions still in the tree */
	revs: string[];
	type: string;
}

export interface SyncLogRow {
	seq?: number;
	at: string;
	level: 'info' | 'warn' | 'error';
	message: string;
}

export interface MetaRow {
	key: string;
	value: unknown;
}

// ---- Views handed to screens ----

export interface CategoryView extends CategoryRow {
	threadCount: number;
	lastActivity: string | null;
}

export interface ThreadView extends ThreadRow {
	unread: boolean;
	/** written on this device, not yet acknowledged by the server ("Waiting to sync") */
	pending: boolean;
	/** refused by the server: listed in "Needs attention" */
	rejected: boolean;
	voteScore: number;
	myVote: 1 | -1 | 0;
}

export interface PostView extends PostRow {
	pending: boolean;
	rejected: boolean;
	voteScore: number;
	myVote: 1 | -1 | 0;
}

export interface ListThreadsOptions {
	tag?: string;
	/** Only threads with no accepted answer, replied to or not (the questions that still need help). */
	unanswered?: boolean;
	limit?: number;
	offset?: number;
}

/** One revision of a document in conflict, for the pick-or-merge banner. */
export interface ConflictVersion {
	rev: string;
	winner: boolean;
	doc: Record<string, unknown>;
}

export interface NewThread {
	category: string;
	title: string;
	body: string;
	tags: string[];
}

export interface ThreadEdit {
	title?: string;
	body?: string;
	tags?: string[];
}

export interface ProfileInput {
	displayName: string;
	organization?: string;
	jurisdiction?: string;
	role?: string;
	expertise?: string[];
	bio?: string;
	mentor?: boolean;
}

/// <reference types="pouchdb-core" />
// What the store's write and query functions share: the member, their databases, the followers
// that keep the projections current.
import type { PraxisDb } from './db';
import type { Followers } from './projections';
import type { LocalDbKind, Member } from './types';

export interface StoreContext {
	member: Member;
	db: PraxisDb;
	/** Watched (feed/watched-replica.ts): every write on this device goes through this handle. */
	community: PouchDB.Database;
	private: PouchDB.Database;
	/** Keep the projections current; a write awaits `followers.catchUp()` to be seen on screens. */
	followers: Pick<Followers, 'catchUp'>;
	now(): string;
	/** The PouchDB constructor the local databases were opened with (also used for remotes). */
	Pouch: PouchDB.Static;
	/** Called after the outbox or the rejected list changed (the sync status recounts). */
	listeners: Set<() => void>;
}

export function notify(ctx: StoreContext): void {
	for (const listener of ctx.listeners) {
		try {
			listener();
		} catch {
			// a listener's failure must not fail the write that triggered it
		}
	}
}

export function pouchOf(ctx: StoreContext, kind: LocalDbKind): PouchDB.Database {
	return kind === 'community' ? ctx.community : ctx.private;
}

/** The generation (leading number) of a revision id such as `3-abc`. */
export function revGeneration(rev: string): number {
	const n = Number.parseInt(rev, 10);
	return Number.isFinite(n) ? n : 0;
}

export function isNotFound(err: unknown): boolean {
	return typeof err === 'object' && err !== null && (err as { status?: unknown }).status === 404;
}

/** A document as JSON without PouchDB's bookkeeping fields (keeps _id, _rev, _deleted, _attachments). */
export function cleanDoc(doc: Record<string, unknown>): Record<string, unknown> {
	const { _conflicts, _revisions, _revs_info, _deleted_conflicts, _local_seq, ...rest } = doc;
	void _conflicts;
	void _revisions;
	void _revs_info;
	void _deleted_conflicts;
	void _local_seq;
	return rest;
}

/// <reference types="pouchdb-core" />
// What the store's write and query functions share: the member, their databases, the projector.
import type { PraxisDb } from './db';
import type { ProjectorRunner } from './projector-runner';
import type { LocalDbKind, Member } from './types';
import type { WriteWatch } from './local-writes';

export interface StoreContext {
	member: Member;
	db: PraxisDb;
	community: PouchDB.Database;
	private: PouchDB.Database;
	projector: ProjectorRunner;
	now(): string;
	/** The PouchDB constructor the local databases were opened with (also used for remotes). */
	Pouch: PouchDB.Static;
	/** Called after the outbox or the rejected list changed (the sync status recounts). */
	listeners: Set<() => void>;
	/** Writes to the community replica through this handle (local-writes.ts); absent in some tests. */
	communityWrites?: WriteWatch;
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

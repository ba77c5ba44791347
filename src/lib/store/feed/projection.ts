// What a projection is to the feed follower (follower.ts): a plain object that turns batches of
// a replica's changes into rows of its own Dexie tables. The follower reads the batch, calls
// prepare() outside any transaction, then apply() of every projection inside ONE Dexie
// transaction together with the batch's checkpoint, then afterBatch() once it has committed.
// Every step must be idempotent: a batch whose transaction failed is read and applied again.
import type { PraxisDb } from '../db';

export type Seq = number | string;

/** One entry of PouchDB's changes feed (include_docs; conflicts on the community replica). */
export interface Change {
	id: string;
	deleted?: boolean;
	doc?: object;
	/**
	 * The replica held no revision of this id before this change (a first sync's snapshot part:
	 * snapshot-write.ts), so no projection has a row for it: a projection need not look.
	 */
	fresh?: true;
}

/** Writes a projection prepared outside the batch transaction; run inside it. */
export type PreparedWrite = (db: PraxisDb) => Promise<void>;

export interface Projection {
	/** Names the projection in the sync log. */
	readonly name: string;
	/** Dexie tables the projection writes: opened in the batch transaction, cleared by a rebuild. */
	readonly tables: readonly string[];
	/** Tables it also writes whose rows another projection clears: opened in the transaction only. */
	readonly shares?: readonly string[];
	/**
	 * Before the transaction: work that cannot run inside a Dexie transaction (reads of the
	 * replica); returns what to write inside it.
	 */
	prepare?(changes: readonly Change[]): Promise<PreparedWrite | void>;
	/** Inside the batch transaction, after the projections listed before this one. */
	apply?(changes: readonly Change[], db: PraxisDb): Promise<void>;
	/** After the batch committed, before the next batch. */
	afterBatch?(changes: readonly Change[], lastSeq: Seq): Promise<void>;
	/**
	 * When no batch waits (the follower's chain fell idle), in its own transaction: finish work put
	 * off while batches kept coming, e.g. aggregates over the whole table that each batch of a first
	 * sync would otherwise recompute. Must leave the tables as if every batch had done it.
	 */
	settle?(db: PraxisDb): Promise<void>;
	/** A rebuild cleared the tables: drop what is kept in memory. */
	clear?(): void;
}

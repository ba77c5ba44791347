/// <reference types="pouchdb-core" />
// The replica port: what the sync layer (and nothing else) gets from a member's store. Screens
// get the app store (app-store.ts), which has no PouchDB handle; the sync controller and the hub
// verifier get this port (built by replica.ts), which has the local replicas and the hooks that
// keep the outbox, the refusals and the sync log in step with replication.
import type { StoreSigning } from './signing/index';
import type { HubStaging } from './hub-staging';
import type { LocalDbKind, Member, SyncLogRow } from './types';
import type { OutgoingMessage } from './people/hub-mail';
import type { BoxRecipient } from '../domain/sealed';

/** Direct messages through a meetup hub: what sync/hub-mail.ts reads and keeps (people/hub-mail.ts). */
export interface HubMailPort {
	/** My signed messages the central server has not acknowledged and no hub delivered yet. */
	outgoing(): Promise<OutgoingMessage[]>;
	/** The box keys of a member's certified devices known here. */
	boxKeysOf(member: string): Promise<BoxRecipient[]>;
	/** Keeps a verified message received through a hub; false when it was already here. */
	received(doc: Record<string, unknown>, at: string): Promise<boolean>;
	/** The hub handed these of my messages to their recipient. */
	delivered(list: ReadonlyArray<{ id: string; to: string; at: string }>): Promise<void>;
	/** Forgets what the central server has made unnecessary. */
	prune(): Promise<void>;
}

/** What writing a snapshot part did to the replica (store/snapshot-write.ts). */
export interface SnapshotPartWritten {
	/** The replica's update_seq before and after. */
	before: number | string;
	after: number | string;
	/** Nothing but the part was written in between. */
	exact: boolean;
}

export interface ReplicaPort {
	readonly member: Member;
	/** The local replicas: `community` (shared database) and `private` (the member's userdb). */
	readonly community: PouchDB.Database;
	readonly private: PouchDB.Database;
	/** The PouchDB build the replicas were opened with: sync opens its remote handles with it. */
	readonly PouchDB: PouchDB.Static;
	/** The device's signing key and certificate. Absent in test fakes. */
	readonly signing?: StoreSigning;
	/** Direct messages through a meetup hub. Absent in test fakes. */
	readonly hubMail?: HubMailPort;
	/** The server acknowledged these pushed revisions: drop them from the outbox. */
	acknowledge(db: LocalDbKind, docs: ReadonlyArray<{ _id: string; _rev?: string }>): Promise<void>;
	/**
	 * The server refused a pushed document: move it from the outbox to `rejected`, with the
	 * server's own version of it when known (`null`: the server has none), for a discard to restore.
	 */
	recordDenied(db: LocalDbKind, id: string, reason: string, previous?: Record<string, unknown> | null): Promise<void>;
	log(level: SyncLogRow['level'], message: string): Promise<void>;
	/**
	 * The local database where documents pulled from a meetup hub wait until they are verified
	 * (`praxis-{name}-hub-staging`; sync/hub-verify.ts checks them, hubStaging.admit moves them
	 * into community).
	 */
	readonly hubStaging: HubStaging;
	/**
	 * Writes one part of a bootstrap snapshot into the community replica (new_edits:false) and
	 * hands its documents to the projections directly (store/snapshot-write.ts). Absent in fakes:
	 * the sync layer then writes with bulkDocs and the projections read the feed.
	 * `onlySnapshotAt`: the replica's seq while it holds nothing but earlier parts (sync/bootstrap.ts).
	 */
	writeSnapshotPart?(
		docs: readonly PouchDB.Core.PutDocument<object>[],
		onlySnapshotAt?: number | string | null
	): Promise<SnapshotPartWritten>;
	/** Resolves once the projections have applied every change present in the replicas now. */
	projected(): Promise<void>;
	/** Writes waiting to be pushed, and writes the server refused (the status badges). */
	pendingCount(): Promise<number>;
	rejectedCount(): Promise<number>;
	/** Calls `listener` after the outbox or the rejected list changed; returns an unsubscribe. */
	onLocalChange(listener: () => void): () => void;
	/** The sync layer's own device state (e.g. a bootstrap download's progress); undefined deletes. */
	getState(key: string): Promise<unknown>;
	setState(key: string, value: unknown): Promise<void>;
}

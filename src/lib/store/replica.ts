/// <reference types="pouchdb-core" />
// Builds the replica port (replica-port.ts) of an opened store: the local replicas and the hooks
// the sync layer needs to keep the outbox, the refusals, the sync log and its own device state in
// step with replication. Screens never get it (they get the app store, app-store.ts).
import * as attention from './attention';
import type { StoreContext } from './context';
import type { HubStaging } from './hub-staging';
import { syncStateKey } from './names';
import type { ReplicaPort } from './replica-port';
import type { StoreSigning } from './signing/index';
import * as hubMail from './people/hub-mail';

/** The parts of the port built elsewhere (open.ts): they follow the projections. */
export interface ReplicaParts {
	signing?: StoreSigning;
	hubStaging: HubStaging;
	writeSnapshotPart: ReplicaPort['writeSnapshotPart'];
	projected(): Promise<void>;
}

export function createReplicaPort(ctx: StoreContext, parts: ReplicaParts): ReplicaPort {
	const { db } = ctx;
	return {
		member: ctx.member,
		community: ctx.community,
		private: ctx.private,
		PouchDB: ctx.Pouch,
		signing: parts.signing,
		hubMail: {
			outgoing: () => hubMail.outgoingForHub(ctx),
			boxKeysOf: (member) => hubMail.boxKeysOf(ctx, member),
			received: (doc, at) => hubMail.receivedThroughHub(ctx, doc, at),
			delivered: (list) => hubMail.deliveredThroughHub(ctx, list),
			prune: () => hubMail.pruneHubMail(ctx)
		},
		hubStaging: parts.hubStaging,
		writeSnapshotPart: parts.writeSnapshotPart,
		projected: parts.projected,

		acknowledge: (kind, docs) => attention.acknowledge(ctx, kind, docs),
		recordDenied: (kind, id, reason, previous) => attention.recordDenied(ctx, kind, id, reason, previous),
		log: (level, message) => attention.log(ctx, level, message),
		pendingCount: () => db.outbox.count(),
		rejectedCount: () => db.rejected.count(),
		onLocalChange: (listener) => {
			ctx.listeners.add(listener);
			return () => void ctx.listeners.delete(listener);
		},
		getState: async (key) => (await db.meta.get(syncStateKey(key)))?.value,
		setState: async (key, value) => {
			if (value === undefined) await db.meta.delete(syncStateKey(key));
			else await db.meta.put({ key: syncStateKey(key), value });
		}
	};
}

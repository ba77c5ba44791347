/// <reference types="pouchdb-core" />
// The live replications of one connection: per local database a pull and a push with its
// remote (community ↔ {remote}/community, private ↔ {remote}/userdb-{hex}). Acknowledged pushes
// leave the outbox; refused documents go to the store's `rejected` table with the server's
// own version of them.
import { COMMUNITY_DB, userDbName } from '../../domain/ids';
import type { ReplicaPort } from '../../store/replica-port';
import type { LocalDbKind } from '../../store/types';
import { isSignedDoc } from '../hub-device';
import { openRemote } from '../remote';
import type { SyncLog } from './report';

export type Direction = 'push' | 'pull';

/** One replication (push or pull) of one local database. */
export interface Flow {
	direction: Direction;
	handler: PouchDB.Replication.Replication<object>;
	/** Paused with nothing left to transfer (until it is active again). */
	paused: boolean;
}

export interface Link {
	kind: LocalDbKind;
	local: PouchDB.Database;
	remote: PouchDB.Database;
	/** The running flows, pull first; empty between connections. */
	flows: Flow[];
}

/** What PouchDB's replicator hands a 'denied' listener: the remote's per-document refusal. */
export type DeniedDoc = { id?: string; reason?: string; message?: string } | undefined;

/** The links of a controller: community first (a hub's controller has no other). */
export function openLinks(
	replica: Pick<ReplicaPort, 'community' | 'private' | 'PouchDB'>,
	base: string,
	username: string,
	communityOnly: boolean,
	fetchFn: typeof fetch
): Link[] {
	const links: Link[] = [
		{
			kind: 'community',
			local: replica.community,
			remote: openRemote(replica.PouchDB, `${base}/${COMMUNITY_DB}`, fetchFn),
			flows: []
		}
	];
	if (!communityOnly)
		links.push({
			kind: 'private',
			local: replica.private,
			remote: openRemote(replica.PouchDB, `${base}/${userDbName(username)}`, fetchFn),
			flows: []
		});
	return links;
}

/** How a connection's replications start. */
export interface FlowPlan {
	batchSize: number;
	/** Push only signed community documents (the remote requires signatures). */
	signedOnly: boolean;
	/** Where the community pull writes instead of the replica (a hub's staging database). */
	pullTarget?: PouchDB.Database;
	/** Where the community pull and push start after a snapshot (snapshot.ts). */
	pullSince?: number | string;
	pushSince?: number | string;
}

/** What the flows tell the controller. */
export interface FlowEvents {
	change(link: Link, direction: Direction, info: PouchDB.Replication.ReplicationResult<object>): void;
	active(): void;
	/** The flow paused with nothing left to transfer. */
	paused(flow: Flow): void;
	denied(link: Link, doc: DeniedDoc): void;
	/** The flow stopped on an error (a pause with an error is one too). */
	failed(err: unknown): void;
}

export function startFlows(links: Link[], plan: FlowPlan, events: FlowEvents): void {
	for (const [index, link] of links.entries()) {
		const first = index === 0;
		// Up to 1,000 documents a batch: a first sync of 10,000 takes 5× fewer round trips (each batch
		// costs a _changes, a _bulk_get and checkpoint reads/writes) and compresses better
		// (bench/initial-sync.ts: see bench/README.md for before/after).
		const opts = { live: true, retry: false, batch_size: plan.batchSize };
		// unsigned community writes wait on the device until they are signed
		const signedPush = plan.signedOnly && link.kind === 'community' ? { ...opts, filter: isSignedDoc } : opts;
		const pushOpts = first && plan.pushSince !== undefined ? { ...signedPush, since: plan.pushSince } : signedPush;
		const since = first && plan.pullSince !== undefined ? { since: plan.pullSince } : {};
		const pullInto = link.kind === 'community' && plan.pullTarget ? plan.pullTarget : link.local;
		link.flows = [
			watch(link, 'pull', pullInto.replicate.from(link.remote, { ...opts, ...since }), events),
			watch(link, 'push', link.local.replicate.to(link.remote, pushOpts), events)
		];
	}
}

function watch(
	link: Link,
	direction: Direction,
	handler: PouchDB.Replication.Replication<object>,
	events: FlowEvents
): Flow {
	const flow: Flow = { direction, handler, paused: false };
	handler
		.on('change', (info) => events.change(link, direction, info))
		.on('active', () => {
			flow.paused = false;
			events.active();
		})
		.on('paused', (err) => {
			if (err) return events.failed(err);
			flow.paused = true;
			events.paused(flow);
		})
		.on('denied', (doc) => {
			if (direction === 'push') events.denied(link, doc as DeniedDoc);
		})
		.on('error', (err) => events.failed(err));
	return flow;
}

/** Cancels the connection's replications. */
export function cancelFlows(links: Link[]): void {
	for (const link of links) {
		for (const flow of link.flows) flow.handler.cancel();
		link.flows = [];
	}
}

/** Cancels only the pushes (the server refuses them for now); the pulls go on. */
export function cancelPushes(links: Link[]): void {
	for (const link of links) {
		for (const flow of link.flows) if (flow.direction === 'push') flow.handler.cancel();
		link.flows = link.flows.filter((flow) => flow.direction !== 'push');
	}
}

/** Idle once every flow has caught up (a push may pause before the first pull even starts). */
export function allPaused(links: readonly Link[]): boolean {
	return links.every((l) => l.flows.length > 0 && l.flows.every((f) => f.paused));
}

/** The community pull (the one a snapshot's seq applies to). */
export function isCommunityPull(links: readonly Link[], flow: Flow): boolean {
	return flow.direction === 'pull' && flow === links[0].flows[0];
}

/** The remote acknowledged pushed revisions: they leave the outbox. */
export function acknowledge(
	replica: Pick<ReplicaPort, 'acknowledge'>,
	link: Link,
	info: PouchDB.Replication.ReplicationResult<object>
): Promise<void> {
	return replica.acknowledge(link.kind, info.docs as Array<{ _id: string; _rev?: string }>);
}

/** The document a refusal names and why (null when it names none: nothing to record). */
export function refusal(doc: DeniedDoc): { id: string; reason: string } | null {
	if (!doc?.id) return null;
	return { id: doc.id, reason: doc.reason ?? doc.message ?? 'refused by the server' };
}

/** The remote refused a pushed document: it moves to `rejected`, with the reason, for the member. */
export async function recordRefusal(
	replica: Pick<ReplicaPort, 'recordDenied'>,
	link: Link,
	refused: { id: string; reason: string }
): Promise<void> {
	await replica.recordDenied(link.kind, refused.id, refused.reason, await serverVersion(link.remote, refused.id));
}

/**
 * The remote's current version of a document it just refused (null when it has none): what a
 * discard of the refusal restores, since the device keeps no superseded revision. Undefined when
 * it cannot be read now.
 */
async function serverVersion(
	remote: PouchDB.Database,
	id: string
): Promise<Record<string, unknown> | null | undefined> {
	try {
		return (await remote.get(id)) as Record<string, unknown>;
	} catch (err) {
		return (err as { status?: unknown }).status === 404 ? null : undefined;
	}
}

/** Closes the remote handles (the controller stopped). */
export async function closeRemotes(links: readonly Link[], log: SyncLog): Promise<void> {
	await Promise.all(
		links.map((l) => l.remote.close().catch((err: unknown) => log.failed(`close the connection to ${l.kind}`, err)))
	);
}

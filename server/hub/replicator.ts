// The hub's link to the upstream: `community` replicated both ways, live, one replication per
// direction. When one fails (upstream unreachable, network gone) it is restarted after an
// exponential backoff with jitter (src/lib/domain/backoff.ts), capped at HUB_BACKOFF_MAX_MS: one
// hub is not a crowd of devices, and after the hall's internet comes back the evening's documents
// should go up within half a minute, not five. `retryNow()` skips the wait (the organiser's
// "Sync now"). A restart resumes from PouchDB's
// checkpoints (same source, target and options → same replication id). Documents the upstream
// refuses come back as `forbidden` per document and are counted, not retried.
import PouchDB from 'pouchdb';
import { nextDelay } from '../../src/lib/domain/backoff';
import { COMMUNITY_DB } from '../../src/lib/domain/ids';

export type Direction = 'push' | 'pull';

export const HUB_BACKOFF_MAX_MS = 30_000;

export interface DirectionStatus {
	state: 'active' | 'idle' | 'retrying' | 'stopped';
	/** Failed attempts in a row (0 once a replication got going). */
	attempt: number;
	docsWritten: number;
	/** Documents the other side refused (push) or that failed to apply (pull). */
	docsRefused: number;
	lastError: string | null;
	/** When this direction last finished catching up. */
	lastSyncAt: string | null;
	/** While retrying: when the next attempt starts. */
	nextRetryAt: string | null;
}

export interface HubReplicationDeps {
	local: PouchDB.Database;
	/** The upstream's base URL; the hub replicates `{upstream}/couch/community`. */
	upstream: string;
	credential: string;
	/** Called whenever a direction reached the upstream (to refresh keys and revocations). */
	onContact?: () => void;
	log?: (line: string) => void;
	random?: () => number;
	/** Replication batch size (PouchDB's default is 100). */
	batchSize?: number;
	/** What each direction did, for the organiser's figures (server/hub/organiser/evening.ts). */
	onEvent?: (event: ReplicationEvent) => void;
}

export type ReplicationEvent =
	| { kind: 'written'; direction: Direction; docs: ReadonlyArray<{ _id: string; _rev?: string }> }
	| { kind: 'denied'; direction: Direction; id: string }
	| { kind: 'caught-up'; direction: Direction };

export interface HubReplication {
	status(): Record<Direction, DirectionStatus>;
	/** Starts every direction that is waiting to retry at once; false when none was waiting. */
	retryNow(): boolean;
	stop(): Promise<void>;
}

export function remoteCommunity(upstream: string, credential: string): PouchDB.Database {
	const withCredential: typeof fetch = (url, init) => {
		const headers = new Headers(init?.headers);
		headers.set('authorization', `Bearer ${credential}`);
		return fetch(url, { ...init, headers });
	};
	const base = upstream.replace(/\/+$/, '');
	return new PouchDB(`${base}/couch/${COMMUNITY_DB}`, {
		fetch: withCredential,
		skip_setup: true
	} as PouchDB.Configuration.RemoteDatabaseConfiguration);
}

export function startHubReplication(deps: HubReplicationDeps): HubReplication {
	const remote = remoteCommunity(deps.upstream, deps.credential);
	const log = deps.log ?? (() => undefined);
	let stopped = false;
	const status: Record<Direction, DirectionStatus> = {
		push: { state: 'retrying', ...fresh() },
		pull: { state: 'retrying', ...fresh() }
	};
	const running = new Map<Direction, PouchDB.Replication.Replication<object>>();
	const timers = new Map<Direction, NodeJS.Timeout>();

	function run(direction: Direction): void {
		if (stopped) return;
		timers.delete(direction);
		status[direction].nextRetryAt = null;
		const options = { live: true, retry: false, batch_size: deps.batchSize ?? 100 };
		const rep =
			direction === 'pull' ? deps.local.replicate.from(remote, options) : deps.local.replicate.to(remote, options);
		const s = status[direction];
		running.set(direction, rep);
		let ended = false;
		const end = (why: string) => {
			if (ended) return;
			ended = true;
			running.delete(direction);
			if (stopped) return;
			s.state = 'retrying';
			s.lastError = why;
			const delay = nextDelay(s.attempt++, deps.random, HUB_BACKOFF_MAX_MS);
			s.nextRetryAt = new Date(Date.now() + delay).toISOString();
			log(`hub: ${direction} with ${deps.upstream} stopped (${why}); retrying in ${Math.round(delay / 1000)} s`);
			timers.set(
				direction,
				setTimeout(() => run(direction), delay)
			);
		};
		rep.on('active', () => {
			s.state = 'active';
		});
		rep.on('change', (info) => {
			s.docsWritten += info.docs_written;
			s.docsRefused += info.doc_write_failures;
			const docs = (info as { docs?: Array<{ _id: string; _rev?: string }> }).docs ?? [];
			if (docs.length) deps.onEvent?.({ kind: 'written', direction, docs });
		});
		rep.on('paused', (err) => {
			if (err) return;
			if (s.attempt > 0 || s.lastSyncAt === null) log(`hub: ${direction} with ${deps.upstream} up to date`);
			s.state = 'idle';
			s.attempt = 0;
			s.lastError = null;
			s.lastSyncAt = new Date().toISOString();
			deps.onEvent?.({ kind: 'caught-up', direction });
			deps.onContact?.();
		});
		rep.on('denied', (err) => {
			const e = err as { id?: string; reason?: string };
			log(`hub: upstream refused ${e.id ?? 'a document'}: ${e.reason ?? 'forbidden'}`);
			if (e.id) deps.onEvent?.({ kind: 'denied', direction, id: e.id });
		});
		rep.on('error', (err) => end(describe(err)));
		rep.on('complete', (info) => end((info as { status?: string }).status === 'cancelled' ? 'cancelled' : 'complete'));
	}

	run('pull');
	run('push');

	return {
		status: () => ({ push: { ...status.push }, pull: { ...status.pull } }),
		retryNow() {
			if (stopped) return false;
			const waiting = [...timers.keys()];
			for (const direction of waiting) {
				clearTimeout(timers.get(direction));
				run(direction);
			}
			return waiting.length > 0;
		},
		async stop() {
			stopped = true;
			for (const t of timers.values()) clearTimeout(t);
			for (const rep of running.values()) rep.cancel();
			for (const s of Object.values(status)) s.state = 'stopped';
			running.clear();
			await remote.close().catch(() => undefined);
		}
	};
}

function fresh(): Omit<DirectionStatus, 'state'> {
	return { attempt: 0, docsWritten: 0, docsRefused: 0, lastError: null, lastSyncAt: null, nextRetryAt: null };
}

function describe(err: unknown): string {
	if (typeof err !== 'object' || err === null) return String(err);
	const e = err as { status?: number; reason?: string; message?: string; name?: string };
	return [e.status, e.reason ?? e.message ?? e.name].filter((x) => x !== undefined && x !== '').join(' ') || 'error';
}

// The sync controller's parts on their own, with fakes: its settings, the retry wait and timer,
// a first sync's progress and ramp, the last-sync time, the sync log, and the flow helpers.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { controllerSettings } from '../../../src/lib/sync/controller/settings';
import { OFFLINE_RETRY_MAX_MS, Retry, retryWait } from '../../../src/lib/sync/controller/retry';
import {
	FIRST_BATCH_SIZE,
	FIRST_SYNC_RAMP_AFTER,
	FirstSync,
	SYNC_BATCH_SIZE,
	rampDue
} from '../../../src/lib/sync/controller/first-sync';
import {
	LAST_SYNC_KEYS,
	LAST_SYNC_WRITE_EVERY_MS,
	LastSync,
	lastSyncTimes,
	lastSyncWriteDue
} from '../../../src/lib/sync/controller/last-sync';
import { syncLog, type SyncLog } from '../../../src/lib/sync/controller/report';
import { allPaused, isCommunityPull, refusal, type Flow, type Link } from '../../../src/lib/sync/controller/flows';
import { Snapshot } from '../../../src/lib/sync/controller/snapshot';
import { recordingStatus } from './support';

afterEach(() => {
	vi.useRealTimers();
});

/** A SyncLog that keeps what it is told. */
function keptLog(): SyncLog & { lines: string[] } {
	const lines: string[] = [];
	return {
		lines,
		info: (m) => void lines.push(`info ${m}`),
		warn: (m) => void lines.push(`warn ${m}`),
		failed: (doing, err) => void lines.push(`failed ${doing}: ${err instanceof Error ? err.message : String(err)}`)
	};
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('controller settings', () => {
	it("certifies at the home server's /api, pushes signed only there, and starts with its snapshot", () => {
		expect(controllerSettings({ remoteBase: 'https://praxis.example/couch/' }, true)).toEqual({
			base: 'https://praxis.example/couch',
			deviceApi: 'https://praxis.example/api',
			signedOnly: true,
			bootstrapUrl: 'https://praxis.example/api/bootstrap/community',
			communityOnly: false,
			lastSyncKey: LAST_SYNC_KEYS.server
		});
	});

	it('has no certification, snapshot or signature filter where they do not apply', () => {
		// a remote that is not a /couch gateway, and a replica that cannot sign (test fakes)
		expect(controllerSettings({ remoteBase: 'http://127.0.0.1:5984' }, true)).toMatchObject({
			deviceApi: null,
			signedOnly: false,
			bootstrapUrl: null
		});
		expect(controllerSettings({ remoteBase: 'https://praxis.example/couch' }, false).signedOnly).toBe(false);
		// a hub: community only, no certification, signed pushes, its own last-sync key
		const hub = controllerSettings(
			{
				remoteBase: 'http://hub.local/couch',
				deviceApi: null,
				communityOnly: true,
				signedOnly: true,
				lastSyncKey: LAST_SYNC_KEYS.hub
			},
			true
		);
		expect(hub).toMatchObject({
			deviceApi: null,
			signedOnly: true,
			bootstrapUrl: null,
			communityOnly: true,
			lastSyncKey: 'lastSync.hub'
		});
		// community only with a device API: still no snapshot (it is a first sync of everything)
		expect(
			controllerSettings({ remoteBase: 'https://praxis.example/couch', communityOnly: true }, true).bootstrapUrl
		).toBeNull();
		expect(
			controllerSettings({ remoteBase: 'https://praxis.example/couch', bootstrapUrl: 'http://x/snap' }, true)
				.bootstrapUrl
		).toBe('http://x/snap');
	});
});

describe('retry', () => {
	it('caps the wait while offline, not while the server is out', () => {
		const long = () => 10 * OFFLINE_RETRY_MAX_MS;
		expect(retryWait('offline', 3, long)).toBe(OFFLINE_RETRY_MAX_MS);
		expect(retryWait('unreachable', 3, long)).toBe(10 * OFFLINE_RETRY_MAX_MS);
		expect(retryWait('error', 0, (attempt) => 100 * (attempt + 1))).toBe(100);
	});

	it('counts attempts until a reset and runs the retry once, unless cancelled', () => {
		vi.useFakeTimers();
		const seen: number[] = [];
		const retry = new Retry((attempt) => 10 * (attempt + 1));
		expect(retry.wait('error')).toBe(10);
		retry.schedule(retry.wait('error'), () => seen.push(1));
		expect(retry.attempt).toBe(1);
		expect(retry.wait('error')).toBe(20);
		vi.advanceTimersByTime(10);
		expect(seen).toEqual([1]);
		retry.schedule(20, () => seen.push(2));
		retry.cancel();
		vi.advanceTimersByTime(100);
		expect(seen).toEqual([1]);
		expect(retry.attempt).toBe(2);
		retry.reset();
		expect(retry.attempt).toBe(0);
	});
});

describe('first sync', () => {
	const fakeDbs = (localDocs: number, remoteDocs: number | Error) => ({
		local: { info: async () => ({ doc_count: localDocs }) },
		remote: { info: async () => (remoteDocs instanceof Error ? Promise.reject(remoteDocs) : { doc_count: remoteDocs }) }
	});
	const firstSync = (localDocs: number, remoteDocs: number | Error) => {
		const status = recordingStatus();
		return {
			status,
			sync: new FirstSync(
				status,
				fakeDbs(localDocs, remoteDocs) as unknown as ConstructorParameters<typeof FirstSync>[1]
			)
		};
	};

	it('ramps up once a first sync in small batches has enough', () => {
		expect(rampDue({ initial: true, batchSize: FIRST_BATCH_SIZE, received: FIRST_SYNC_RAMP_AFTER })).toBe(true);
		expect(rampDue({ initial: true, batchSize: FIRST_BATCH_SIZE, received: FIRST_SYNC_RAMP_AFTER - 1 })).toBe(false);
		expect(rampDue({ initial: true, batchSize: SYNC_BATCH_SIZE, received: 5_000 })).toBe(false);
		expect(rampDue({ initial: false, batchSize: FIRST_BATCH_SIZE, received: 5_000 })).toBe(false);
	});

	it('measures an empty replica as a first sync, sized by the server, and keeps its progress across a ramp', async () => {
		const { status, sync } = firstSync(0, 900);
		await sync.measure(false);
		expect(sync.initial).toBe(true);
		expect(sync.batchSize).toBe(FIRST_BATCH_SIZE);
		await settle();
		expect(status).toMatchObject({ received: 0, total: 900, initial: true });
		expect(sync.pulled(250, 650)).toBe(false);
		expect(sync.pulled(250, 400)).toBe(true);
		expect(status).toMatchObject({ received: 500, total: 900, initial: true });
		await sync.measure(true);
		expect(sync.batchSize).toBe(SYNC_BATCH_SIZE);
		expect(status).toMatchObject({ received: 500, total: 900, initial: true });
		expect(sync.pulled(400, 0)).toBe(false);
		sync.caughtUp();
		expect(status).toMatchObject({ received: 900, total: 900, initial: false });
	});

	it('is no first sync with documents in the replica; a failed count leaves the total unknown', async () => {
		const full = firstSync(12, 40);
		await full.sync.measure(false);
		expect(full.sync.initial).toBe(false);
		expect(full.sync.batchSize).toBe(SYNC_BATCH_SIZE);
		const unknown = firstSync(0, new TypeError('fetch failed'));
		await unknown.sync.measure(false);
		await settle();
		expect(unknown.status).toMatchObject({ received: 0, total: null, initial: true });
		unknown.sync.snapshotProgress(300, 1_000);
		expect(unknown.status).toMatchObject({ received: 300, total: 1_000 });
		unknown.sync.snapshotLoaded();
		expect(unknown.sync.batchSize).toBe(SYNC_BATCH_SIZE);
	});
});

describe('last sync time', () => {
	const fakeReplica = (kept: Record<string, unknown> = {}, failing = false) => ({
		kept,
		getState: async (key: string) => (failing ? Promise.reject(new Error('closed')) : kept[key]),
		setState: async (key: string, value: unknown) => {
			if (failing) throw new Error('closed');
			kept[key] = value;
		}
	});

	it('writes when none was written for LAST_SYNC_WRITE_EVERY_MS', () => {
		expect(lastSyncWriteDue(0, LAST_SYNC_WRITE_EVERY_MS)).toBe(true);
		expect(lastSyncWriteDue(1_000, 1_000 + LAST_SYNC_WRITE_EVERY_MS - 1)).toBe(false);
	});

	it('shows the kept time at start, unless a sync completed since', async () => {
		const replica = fakeReplica({ [LAST_SYNC_KEYS.server]: '2026-01-02T03:04:05.000Z' });
		const status = recordingStatus();
		new LastSync(replica, LAST_SYNC_KEYS.server, status, keptLog()).restore();
		await settle();
		expect(status.lastSyncedAt).toBe('2026-01-02T03:04:05.000Z');
		const later = recordingStatus();
		const synced = new LastSync(replica, LAST_SYNC_KEYS.server, later, keptLog());
		synced.record(new Date('2026-02-01T00:00:00.000Z'));
		synced.restore();
		await settle();
		expect(later.lastSyncedAt).toBe('2026-02-01T00:00:00.000Z');
	});

	it('keeps the time at most every LAST_SYNC_WRITE_EVERY_MS, and reports what it cannot keep', async () => {
		const replica = fakeReplica();
		const status = recordingStatus();
		const lastSync = new LastSync(replica, 'lastSync.hub', status, keptLog());
		const start = Date.parse('2026-03-01T00:00:00.000Z');
		lastSync.record(new Date(start));
		lastSync.record(new Date(start + 1_000));
		await settle();
		expect(status.lastSyncedAt).toBe(new Date(start + 1_000).toISOString());
		expect(replica.kept['lastSync.hub']).toBe(new Date(start).toISOString());
		expect(await lastSyncTimes(replica)).toEqual({ server: null, hub: new Date(start).toISOString() });

		const log = keptLog();
		const broken = new LastSync(fakeReplica({}, true), LAST_SYNC_KEYS.server, recordingStatus(), log);
		broken.restore();
		broken.record(new Date(start));
		await settle();
		expect(log.lines.sort()).toEqual([
			'failed keep the last sync time: closed',
			'failed read the last sync time: closed'
		]);
		expect(await lastSyncTimes(fakeReplica({}, true))).toEqual({ server: null, hub: null });
	});
});

describe('sync log', () => {
	it('writes levels and failures, and survives a log that cannot be written', async () => {
		const rows: string[] = [];
		const log = syncLog({ log: async (level, message) => void rows.push(`${level}: ${message}`) });
		log.info('started');
		log.failed('acknowledge pushed community writes', new Error('quota exceeded'));
		await settle();
		expect(rows).toEqual(['info: started', 'warn: could not acknowledge pushed community writes: quota exceeded']);
		const unhandled = vi.fn();
		process.on('unhandledRejection', unhandled);
		syncLog({ log: () => Promise.reject(new Error('database closed')) }).warn('lost');
		await settle();
		process.off('unhandledRejection', unhandled);
		expect(unhandled).not.toHaveBeenCalled();
	});
});

describe('flows', () => {
	const flow = (direction: 'pull' | 'push', paused: boolean) => ({ direction, paused, handler: {} }) as unknown as Flow;
	const link = (kind: 'community' | 'private', flows: Flow[]) => ({ kind, flows }) as unknown as Link;

	it("names a refused document and the server's reason", () => {
		expect(refusal({ id: 'thread:1', reason: 'category "general" is closed' })).toEqual({
			id: 'thread:1',
			reason: 'category "general" is closed'
		});
		expect(refusal({ id: 'thread:1', message: 'forbidden' })).toEqual({ id: 'thread:1', reason: 'forbidden' });
		expect(refusal({ id: 'thread:1' })).toEqual({ id: 'thread:1', reason: 'refused by the server' });
		expect(refusal(undefined)).toBeNull();
		expect(refusal({ reason: 'no id' })).toBeNull();
	});

	it('is idle only when every flow of every link has paused', () => {
		const pull = flow('pull', true);
		const links = [
			link('community', [pull, flow('push', true)]),
			link('private', [flow('pull', true), flow('push', false)])
		];
		expect(allPaused(links)).toBe(false);
		links[1].flows[1].paused = true;
		expect(allPaused(links)).toBe(true);
		expect(allPaused([link('community', [])])).toBe(false);
		expect(isCommunityPull(links, pull)).toBe(true);
		expect(isCommunityPull(links, links[1].flows[0])).toBe(false);
	});
});

describe('snapshot', () => {
	const progress = () =>
		new FirstSync(recordingStatus(), { local: {} as PouchDB.Database, remote: {} as PouchDB.Database });
	const noFetch: typeof fetch = () => Promise.reject(new Error('no network in this test'));

	it('loads nothing without a url, or for a connection that is no longer current', async () => {
		const replica = {
			community: {} as PouchDB.Database,
			getState: async () => ({ seq: 7, next: 1, parts: 1, written: 1, docs: 1, complete: true }),
			setState: async () => {}
		};
		let started = 0;
		await new Snapshot({ url: null, replica, fetch: noFetch, log: keptLog() }).load(
			() => true,
			progress(),
			() => started++
		);
		const stale = new Snapshot({ url: 'http://x/api/bootstrap/community', replica, fetch: noFetch, log: keptLog() });
		await stale.load(
			() => false,
			progress(),
			() => started++
		);
		expect(started).toBe(0);
		expect(stale.since).toBeUndefined();
	});

	it("continues from a finished download's seq, and reports a progress it cannot clear", async () => {
		const log = keptLog();
		const replica = {
			community: {} as PouchDB.Database,
			getState: async () => ({ seq: 42, next: 3, parts: 3, written: 10, docs: 10, complete: true }),
			setState: async () => {
				throw new Error('closed');
			}
		};
		const snapshot = new Snapshot({ url: 'http://x/api/bootstrap/community', replica, fetch: noFetch, log });
		let started = 0;
		await snapshot.load(
			() => true,
			progress(),
			() => started++
		);
		expect(started).toBe(1);
		expect(snapshot.since).toBe(42);
		expect(snapshot.pushSince).toBeUndefined();
		snapshot.pulledPast();
		expect(snapshot.since).toBeUndefined();
		await settle();
		expect(log.lines).toEqual(['failed clear the finished snapshot download: closed']);
	});
});

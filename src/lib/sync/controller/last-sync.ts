// The time of the last complete sync, kept on the device (replica state) so the header and the
// "This device" page show it after a restart, before the first sync of this run completes.
import type { ReplicaPort } from '../../store/replica-port';
import type { SyncLog } from './report';
import type { StatusSink } from './types';

/** Where each remote's last complete sync time is kept (replica state). */
export const LAST_SYNC_KEYS = { server: 'lastSync.server', hub: 'lastSync.hub' } as const;

/** The kept last-sync time is rewritten at most this often (the header shows the live one). */
export const LAST_SYNC_WRITE_EVERY_MS = 30_000;

/** The last complete sync with the home server and with a hub, as kept on the device. */
export async function lastSyncTimes(
	replica: Pick<ReplicaPort, 'getState'>
): Promise<{ server: string | null; hub: string | null }> {
	const read = async (key: string) => {
		// unreadable reads as never synced: the page shows "not yet" rather than failing
		const at = await replica.getState(key).catch(() => undefined);
		return typeof at === 'string' ? at : null;
	};
	const [server, hub] = await Promise.all([read(LAST_SYNC_KEYS.server), read(LAST_SYNC_KEYS.hub)]);
	return { server, hub };
}

/** Live sync goes idle after every change: a write is due only this long after the last. */
export function lastSyncWriteDue(lastWrittenMs: number, nowMs: number): boolean {
	return nowMs - lastWrittenMs >= LAST_SYNC_WRITE_EVERY_MS;
}

/** One controller's last-sync time: shown from the device at start, recorded at each catch-up. */
export class LastSync {
	/** A sync completed since the controller was created: the time kept from an earlier run is older. */
	#syncedSinceStart = false;
	#writtenMs = 0;
	readonly #replica: Pick<ReplicaPort, 'getState' | 'setState'>;
	readonly #key: string;
	readonly #status: StatusSink;
	readonly #log: SyncLog;

	constructor(replica: Pick<ReplicaPort, 'getState' | 'setState'>, key: string, status: StatusSink, log: SyncLog) {
		this.#replica = replica;
		this.#key = key;
		this.#status = status;
		this.#log = log;
	}

	/** Shows the kept time until this run's first sync completes. */
	restore(): void {
		void this.#replica.getState(this.#key).then(
			(at) => {
				if (!this.#syncedSinceStart && typeof at === 'string' && !Number.isNaN(Date.parse(at)))
					this.#status.markSynced(at);
			},
			(err: unknown) => this.#log.failed('read the last sync time', err)
		);
	}

	/** Every replication caught up now. */
	record(now = new Date()): void {
		const at = now.toISOString();
		this.#syncedSinceStart = true;
		this.#status.markSynced(at);
		if (!lastSyncWriteDue(this.#writtenMs, now.getTime())) return;
		this.#writtenMs = now.getTime();
		void this.#replica
			.setState(this.#key, at)
			.catch((err: unknown) => this.#log.failed('keep the last sync time', err));
	}
}

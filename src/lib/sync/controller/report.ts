// The sync log (replica.log, shown on the "This device" page): what the controller did and
// every failure it carried on after. Writing to it never throws and never waits.
import { errorMessage } from '../../domain/errors';
import type { ReplicaPort } from '../../store/replica-port';

export interface SyncLog {
	info(message: string): void;
	warn(message: string): void;
	/** A failure the sync carries on after: what it was doing, and what went wrong. */
	failed(doing: string, err: unknown): void;
}

export function syncLog(replica: Pick<ReplicaPort, 'log'>): SyncLog {
	const write = (level: 'info' | 'warn', message: string) => {
		replica.log(level, message).catch(() => {
			// The log is where failures go: one that cannot be written has nowhere left to be
			// reported, and replication must not stop for it (e.g. a store closing under it).
		});
	};
	return {
		info: (message) => write('info', message),
		warn: (message) => write('warn', message),
		failed: (doing, err) => write('warn', `could not ${doing}: ${errorMessage(err)}`)
	};
}

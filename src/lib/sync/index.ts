// Public API of the sync boundary: the only code that talks to the network.
// `createSyncController` here reports to the shared `syncStatus` unless given another sink.
import { createSyncController as create, type SyncController, type SyncControllerOptions } from './controller';
import { syncStatus } from './status.svelte';

export type { SyncController, SyncControllerOptions, StatusSink } from './controller';
export { lastSyncTimes } from './controller';
export { syncStatus, SyncStatus, type SyncState } from './status.svelte';
export { register, login, logout, fetchSession, type AuthResult, type RegisterInput } from './auth';
export { nextDelay, SYNC_BACKOFF_MAX_MS } from '../domain/backoff';
export { browserNetwork, type NetworkWatch } from './network';

export function createSyncController(
	options: Omit<SyncControllerOptions, 'status'> & Partial<Pick<SyncControllerOptions, 'status'>>
): SyncController {
	return create({ status: syncStatus, ...options });
}

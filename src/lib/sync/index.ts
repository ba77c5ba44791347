// Public API of the sync boundary: the only code that talks to the network.
export { createSyncController } from './controller';
export type { SyncController, SyncControllerOptions } from './controller';
export { syncStatus, SyncStatus, type SyncState } from './status.svelte';
export { register, login, logout, fetchSession, type AuthResult, type RegisterInput } from './auth';
export { nextDelay, SYNC_BACKOFF_MAX_MS } from './backoff';

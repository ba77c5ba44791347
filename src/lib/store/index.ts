// Public API of the client store: the only module that touches PouchDB and Dexie.
// Per member: PouchDB `praxis-{name}-community` (replica of the shared database) and
// `praxis-{name}-private` (replica of the member's userdb), and the Dexie database `praxis-{name}`
// holding projections shaped for screens plus device-only state (drafts, read state, outbox,
// rejected writes, conflicts, sync log). The device-level record of who is signed in lives in
// the Dexie database `praxis-device` (see device.ts); the few values kept in localStorage are in
// kept-keys.ts. `openStore` gives two faces: the app store (`Store`, app-store.ts) for screens,
// which call its queries inside `liveQuery` (re-exported here) and its writes and never see PouchDB
// or Dexie; and the replica port (`ReplicaPort`, replica-port.ts), handed only to the sync controller.
export type * from './types';
export type * from './library/api';
export type * from './events/api';
export type * from './moderation/api';
export type * from './recognition/api';
export type * from './challenges/api';
export type * from './stories/api';
export type * from './adoptions/api';
export type * from './suggestions/api';
export type * from './feedback/api';
export type * from './surveys/api';
export type * from './impact/api';
export type * from './home/api';
export type { Store } from './app-store';
export type { ExchangeApi } from './exchange';
export type { HubStaging } from './hub-staging';
export type { StoreSigning } from './signing/index';
export type { ReplicaPort, SnapshotPartWritten } from './replica-port';
export type { FilesRemote, FilesRemoteFactory } from './library/files';
export { liveQuery } from 'dexie';
export {
	rememberMember,
	rememberedMember,
	forgetMember,
	ownDeviceChoice,
	deviceIsShared,
	rememberOwnDevice,
	forgetOwnDevice
} from './device';
export { defaultOwnDevice, removesDataAtSignOut, type DeviceChoiceFacts } from './device-choice';
export { openStore, destroyLocalData, type OpenStoreOptions, type OpenedStore } from './open';
export { storageReport, requestPersistentStorage, runsInstalled, type StorageReport } from './persistence';

// Every local database name in one place (STYLE.md: storage keys in one place).
export const DEVICE_DB = 'praxis-device';

export function communityDbName(username: string): string {
	return `praxis-${username}-community`;
}

export function privateDbName(username: string): string {
	return `praxis-${username}-private`;
}

export function dexieDbName(username: string): string {
	return `praxis-${username}`;
}

/** Where documents pulled from a meetup hub wait until verified (sync/hub-verify.ts). */
export function hubStagingDbName(username: string): string {
	return `praxis-${username}-hub-staging`;
}

/** The Dexie `meta` key under which the sync layer keeps one of its device states. */
export function syncStateKey(key: string): string {
	return `sync.${key}`;
}

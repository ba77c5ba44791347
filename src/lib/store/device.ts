// The device-level record of the signed-in member (Dexie database `praxis-device`), so the app
// opens offline after a restart, and each member's "This is my own device" choice
// (device-choice.ts). Holds no credentials: the session cookie is the server's. A member whose
// data is removed at sign-out leaves no row naming them; only the nameless "shared" mark stays.
import Dexie, { type Table } from 'dexie';
import type { Member } from './types';
import { DEVICE_DB } from './names';

type DeviceRow =
	| { key: 'member'; member: Member; at: string }
	/** `own:{username}`: that member's answer to "This is my own device". */
	| { key: `own:${string}`; own: boolean; at: string }
	/** Someone said this device is not their own. */
	| { key: 'shared'; at: string };

class DeviceDb extends Dexie {
	device!: Table<DeviceRow, DeviceRow['key']>;
	constructor(options?: ConstructorParameters<typeof Dexie>[1]) {
		super(DEVICE_DB, options);
		this.version(1).stores({ device: 'key' });
	}
}

let db: DeviceDb | null = null;
let dexieOptions: ConstructorParameters<typeof Dexie>[1] | undefined;

/** Tests in Node pass fake-indexeddb here. */
export function configureDevice(options: ConstructorParameters<typeof Dexie>[1]): void {
	dexieOptions = options;
	db = null;
}

function deviceDb(): DeviceDb {
	db ??= new DeviceDb(dexieOptions);
	return db;
}

export async function rememberMember(member: Member): Promise<void> {
	await deviceDb().device.put({ key: 'member', member, at: new Date().toISOString() });
}

export async function rememberedMember(): Promise<Member | null> {
	const row = await deviceDb().device.get('member');
	return row?.key === 'member' ? row.member : null;
}

export async function forgetMember(): Promise<void> {
	await deviceDb().device.delete('member');
}

/** The member's last answer to "This is my own device" here (null: never asked here). */
export async function ownDeviceChoice(username: string): Promise<boolean | null> {
	const row = await deviceDb().device.get(`own:${username}`);
	return row && 'own' in row ? row.own : null;
}

/** Whether anyone said this device is not their own. */
export async function deviceIsShared(): Promise<boolean> {
	return (await deviceDb().device.get('shared')) !== undefined;
}

export async function rememberOwnDevice(username: string, own: boolean): Promise<void> {
	const at = new Date().toISOString();
	await deviceDb().device.put({ key: `own:${username}`, own, at });
	if (!own) await deviceDb().device.put({ key: 'shared', at });
}

/** Removes the member's choice, with the rest of their data (the "shared" mark stays). */
export async function forgetOwnDevice(username: string): Promise<void> {
	await deviceDb().device.delete(`own:${username}`);
}

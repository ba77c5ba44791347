// The device-level record of the signed-in member (Dexie database `praxis-device`), so the app
// opens offline after a restart. Holds no credentials: the session cookie is the server's.
import Dexie, { type Table } from 'dexie';
import type { Member } from './types';
import { DEVICE_DB } from './names';

interface DeviceRow {
	key: 'member';
	member: Member;
	at: string;
}

class DeviceDb extends Dexie {
	device!: Table<DeviceRow, string>;
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
	return row?.member ?? null;
}

export async function forgetMember(): Promise<void> {
	await deviceDb().device.delete('member');
}

// The library's device-only records (table libraryDevice): the print pack, the resources kept
// offline with their file ids, and the "keep all library files offline on Wi-Fi" setting.
import type { StoreContext } from '../context';
import { libraryTables } from './tables';

const PACK_KEY = 'pack';
const KEEP_PREFIX = 'keep:';
const KEEP_ALL_KEY = 'setting:keepAllOnWifi';

export interface KeptRecord {
	resource: string;
	fileIds: string[];
	at: string;
}

export async function packIds(ctx: StoreContext): Promise<string[]> {
	const row = await libraryTables(ctx.db).device.get(PACK_KEY);
	return Array.isArray(row?.value) ? (row.value as string[]) : [];
}

export async function setPack(ctx: StoreContext, ids: readonly string[]): Promise<void> {
	await libraryTables(ctx.db).device.put({ key: PACK_KEY, value: [...new Set(ids)] });
}

/** Adds to or removes from the pack; returns whether it is now in the pack. */
export async function togglePack(ctx: StoreContext, id: string, inPack?: boolean): Promise<boolean> {
	const ids = await packIds(ctx);
	const want = inPack ?? !ids.includes(id);
	await setPack(ctx, want ? [...ids, id] : ids.filter((x) => x !== id));
	return want;
}

export async function keptRecord(ctx: StoreContext, resource: string): Promise<KeptRecord | undefined> {
	const row = await libraryTables(ctx.db).device.get(KEEP_PREFIX + resource);
	return row?.value as KeptRecord | undefined;
}

export async function isKept(ctx: StoreContext, resource: string): Promise<boolean> {
	return (await keptRecord(ctx, resource)) !== undefined;
}

export async function setKept(ctx: StoreContext, record: KeptRecord | null, resource: string): Promise<void> {
	const t = libraryTables(ctx.db).device;
	if (record) await t.put({ key: KEEP_PREFIX + resource, value: record });
	else await t.delete(KEEP_PREFIX + resource);
}

export async function keepAllOnWifi(ctx: StoreContext): Promise<boolean> {
	return (await libraryTables(ctx.db).device.get(KEEP_ALL_KEY))?.value === true;
}

export async function setKeepAllOnWifi(ctx: StoreContext, on: boolean): Promise<void> {
	await libraryTables(ctx.db).device.put({ key: KEEP_ALL_KEY, value: on });
}

/// <reference types="pouchdb-core" />
// Library files on the device. Files live on the server in `library-files`, which is NOT
// replicated by default: opening a file fetches it (its size is shown first), and "Keep offline"
// replicates the file documents of one resource, by document id, into the local files database
// `praxis-{username}-files`; a kept file then opens with no network. Uploads go to the same
// local database and are pushed by id. The transfers themselves are the sync layer's
// (sync/library-files.ts builds the FilesRemote the store is opened with): one-shot copies of
// chosen documents, not the sync controller's replication.
// Uploaded file documents are signed by the device key like every community write.
import { fileId } from '../../domain/ids';
import { FILE_ATTACHMENT, FILE_TYPES, MAX_FILE_BYTES, fileSha256 } from '../../domain/files';
import { isNotFound, type StoreContext } from '../context';
import { signingOf } from '../signing/index';
import { keepAllOnWifi, keptRecord, setKept } from './device';
import { libraryTables } from './tables';
import type { FileRef } from './writes';
import { errorMessage } from '../../domain/errors';
import { t } from '../../i18n';

/** The server's side of library files, reached by the sync layer only. */
export interface FilesRemote {
	/** Sends the documents `ids` of the local files database to the server. */
	push(local: PouchDB.Database, ids: string[]): Promise<void>;
	/** Copies the server's documents `ids` into the local files database. */
	pull(local: PouchDB.Database, ids: string[]): Promise<void>;
	/** A file's bytes, read from the server without keeping them. */
	attachment(id: string): Promise<Blob>;
}

/** Builds the FilesRemote with the PouchDB the store was opened with (sync/library-files.ts). */
export type FilesRemoteFactory = (Pouch: PouchDB.Static) => FilesRemote;

export interface FilesDeps {
	/** The member's local files database (opened once, lazily). */
	local(): PouchDB.Database;
	/** The server's files database; throws when the store was opened without one (tests). */
	remote(): FilesRemote;
}

/** Whether a file is in the local files database. */
export async function isFileLocal(deps: FilesDeps, id: string): Promise<boolean> {
	try {
		await deps.local().get(id);
		return true;
	} catch (err) {
		if (isNotFound(err)) return false;
		throw err;
	}
}

/** Checks type and size, stores the file locally and pushes it to the server. */
export async function uploadFile(ctx: StoreContext, deps: FilesDeps, file: Blob, name: string): Promise<FileRef> {
	const type = file.type || 'application/octet-stream';
	if (!FILE_TYPES.has(type)) throw new Error(t('library:errors.fileType', { name }));
	if (file.size > MAX_FILE_BYTES) throw new Error(t('library:errors.fileSize', { name }));
	const id = fileId();
	// Signed by the device over the fields, `sha256` included: the signature never
	// covers attachments, so the digest binds the file's bytes to it.
	const fields = {
		_id: id,
		type: 'file',
		author: ctx.member.name,
		createdAt: ctx.now(),
		name,
		contentType: type,
		size: file.size,
		sha256: await fileSha256(await file.arrayBuffer())
	};
	const signing = signingOf(ctx);
	if (signing && !(await signing.certificate())) {
		throw new Error(t('library:errors.noCertificate', { name }));
	}
	const signed = signing ? await signing.sign(fields) : fields;
	await deps.local().put({ ...signed, _attachments: { [FILE_ATTACHMENT]: { content_type: type, data: file } } });
	try {
		await deps.remote().push(deps.local(), [id]);
	} catch (err) {
		await deps
			.local()
			.remove(id, (await deps.local().get(id))._rev)
			.catch(() => undefined);
		throw new Error(t('library:errors.uploadFailed', { name, error: errorMessage(err) }), { cause: err });
	}
	return { id, name, type, size: file.size };
}

/** The file's bytes: from the device when kept, else fetched from the server (not kept). */
export async function openFile(deps: FilesDeps, ref: FileRef): Promise<Blob> {
	if (await isFileLocal(deps, ref.id)) return (await deps.local().getAttachment(ref.id, FILE_ATTACHMENT)) as Blob;
	return deps.remote().attachment(ref.id);
}

/** Copies a resource's files to the device (replication by document ids) and remembers it. */
export async function keepOffline(ctx: StoreContext, deps: FilesDeps, resource: string): Promise<number> {
	const row = await libraryTables(ctx.db).resources.get(resource);
	if (!row) throw new Error(t('library:errors.noResource'));

	const fileIds = (row.files ?? []).map((f) => f.id);
	if (fileIds.length) await deps.remote().pull(deps.local(), fileIds);
	await setKept(ctx, { resource, fileIds, at: ctx.now() }, resource);
	return fileIds.length;
}

/** Forgets a kept resource and removes its files from the device (unless another kept resource lists them). */
export async function releaseOffline(ctx: StoreContext, deps: FilesDeps, resource: string): Promise<void> {
	const record = await keptRecord(ctx, resource);
	await setKept(ctx, null, resource);
	if (!record) return;
	const others = (await libraryTables(ctx.db).device.where('key').startsWith('keep:').toArray()).flatMap(
		(r) => (r.value as { fileIds: string[] }).fileIds
	);
	const local = deps.local();
	for (const id of record.fileIds) {
		if (others.includes(id)) continue;
		const doc = await local.get(id).catch(() => null);
		if (doc) await local.remove(doc);
	}
	await local.compact();
}

/** Whether the browser says the link is Wi-Fi/unmetered (unknown links count as metered). */
export function onUnmeteredLink(): boolean {
	const connection = (
		globalThis.navigator as (Navigator & { connection?: { type?: string; saveData?: boolean } }) | undefined
	)?.connection;
	if (!connection || connection.saveData) return false;
	return connection.type === 'wifi' || connection.type === 'ethernet';
}

/** With the setting on and an unmetered link, keeps every published resource's files. */
export async function keepAllIfUnmetered(
	ctx: StoreContext,
	deps: FilesDeps,
	unmetered = onUnmeteredLink()
): Promise<number> {
	if (!unmetered || !(await keepAllOnWifi(ctx))) return 0;
	const rows = await libraryTables(ctx.db).resources.where('status').equals('published').toArray();
	let kept = 0;
	for (const row of rows) {
		if (!row.files?.length || (await keptRecord(ctx, row.id))) continue;
		kept += await keepOffline(ctx, deps, row.id);
	}
	return kept;
}

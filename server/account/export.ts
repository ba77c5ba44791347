/// <reference types="pouchdb-core" />
// What goes into a member's data export, as ZIP entries produced one at a time (zip-stream.ts):
// their account and profile, their private database, every current community document they
// authored, the library files they uploaded, and a README. Documents are read in pages, so a
// large community is scanned without being held in memory. Nothing of another member goes in,
// except the messages others sent to this member (kept in this member's private database).
import { strToU8 } from 'fflate';
import type { Storage } from '../storage/index';
import type { UserRecord } from '../auth/users';
import { COMMUNITY_DB, profileId, profilePrivateId, userDbName } from '../../src/lib/domain/ids';
import { FILE_ATTACHMENT, FILES_DB } from '../../src/lib/domain/files';
import { exportReadme, type ExportCounts } from './readme';
import type { ZipEntry } from './zip-stream';

/** Documents read per page of `_all_docs`. */
const PAGE_SIZE = 200;
const FILE_NAME_MAX_CHARS = 120;
/** Types of file worth deflating; the others (PDF, images, Office files) are compressed already. */
const TEXT_TYPES = /^(text\/|image\/svg\+xml$)/;

type Doc = Record<string, unknown> & { _id: string };

/** Every stored document of a database, winners only, a page at a time. */
async function* allDocs(db: PouchDB.Database): AsyncGenerator<Doc> {
	let startkey: string | undefined;
	for (;;) {
		const page = await db.allDocs<Doc>({
			include_docs: true,
			limit: PAGE_SIZE + (startkey ? 1 : 0),
			...(startkey ? { startkey } : {})
		});
		const rows = startkey ? page.rows.slice(1) : page.rows;
		for (const row of rows) {
			if (row.doc && !row.id.startsWith('_')) yield row.doc;
		}
		if (rows.length < PAGE_SIZE) return;
		startkey = page.rows[page.rows.length - 1].id;
	}
}

/** A document as the member would read it: without the store's own `_` fields but its id. */
function clean(doc: Doc): Record<string, unknown> {
	return Object.fromEntries(Object.entries(doc).filter(([key]) => key === '_id' || !key.startsWith('_')));
}

/** A name safe on every system's file system (no folders, no reserved characters). */
export function safeFileName(name: string): string {
	const cleaned = name
		.normalize('NFC')
		// control characters are exactly what must not reach a file name
		// eslint-disable-next-line no-control-regex
		.replace(/[\u0000-\u001f\u007f/\\:*?"<>|]/g, '_')
		.replace(/^[.\s]+|[.\s]+$/g, '')
		.slice(0, FILE_NAME_MAX_CHARS);
	return cleaned || 'file';
}

/** `name`, or `name (2).ext`, `name (3).ext`… when it is taken already. */
export function uniqueName(name: string, taken: Set<string>): string {
	const lower = (s: string) => s.toLowerCase(); // Windows and macOS ignore case
	if (!taken.has(lower(name))) {
		taken.add(lower(name));
		return name;
	}
	const dot = name.lastIndexOf('.');
	const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
	for (let n = 2; ; n++) {
		const candidate = `${stem} (${n})${ext}`;
		if (!taken.has(lower(candidate))) {
			taken.add(lower(candidate));
			return candidate;
		}
	}
}

/** `{folder}/{type}/{rest of the id}.json` */
function docPath(folder: string, doc: Doc): string {
	const type = typeof doc.type === 'string' ? doc.type : 'other';
	const rest = doc._id.startsWith(`${type}:`) ? doc._id.slice(type.length + 1) : doc._id;
	return `${folder}/${safeFileName(type)}/${safeFileName(rest)}.json`;
}

const json = (path: string, value: unknown): ZipEntry => ({
	path,
	data: strToU8(JSON.stringify(value, null, 2) + '\n'),
	compress: true
});

async function getOrNull(db: PouchDB.Database, id: string): Promise<Doc | null> {
	try {
		return await db.get<Doc>(id);
	} catch (err) {
		if ((err as { status?: number }).status === 404) return null;
		throw err;
	}
}

export interface ExportSource {
	storage: Storage;
	/** The member's account record (its password hash is never exported). */
	user: UserRecord;
	now: Date;
}

export async function* exportEntries({ storage, user, now }: ExportSource): AsyncGenerator<ZipEntry> {
	const name = user.name;
	const counts: ExportCounts = { privateDocs: 0, receivedMessages: 0, authored: 0, files: 0 };
	const community = storage.db(COMMUNITY_DB);
	const privateDb = storage.db(userDbName(name));

	const [profile, privateFields] = await Promise.all([
		getOrNull(community, profileId(name)),
		getOrNull(privateDb, profilePrivateId(name))
	]);
	const account = {
		username: name,
		displayName: user.displayName,
		roles: user.roles,
		joined: user.createdAt,
		privacyNotice: user.privacyVersion ? { version: user.privacyVersion, readAt: user.consentedAt } : null
	};
	yield json('profile.json', {
		account,
		profile: profile ? clean(profile) : null,
		privateFields: privateFields ? clean(privateFields) : null
	});

	// the private database is the member's alone; only what they wrote or what was sent to them
	// belongs in it, and only that is exported (anything else would be a stray copy)
	for await (const doc of allDocs(privateDb)) {
		const received = doc.type === 'message' && doc.to === name && doc.author !== name;
		if (doc.author !== name && !received) continue;
		counts.privateDocs++;
		if (received) counts.receivedMessages++;
		yield json(docPath('private', doc), clean(doc));
	}

	for await (const doc of allDocs(community)) {
		if (doc.author !== name || doc._id === profileId(name)) continue;
		counts.authored++;
		yield json(docPath('authored', doc), clean(doc));
	}

	const files = storage.db(FILES_DB);
	const taken = new Set<string>(['files.json']);
	const listed: Array<Record<string, unknown>> = [];
	for await (const doc of allDocs(files)) {
		if (doc.type !== 'file' || doc.author !== name) continue;
		const bytes = (await files.getAttachment(doc._id, FILE_ATTACHMENT)) as Buffer;
		const fileName = uniqueName(safeFileName(String(doc.name ?? doc._id)), taken);
		const contentType = String(doc.contentType ?? '');
		counts.files++;
		listed.push({
			file: fileName,
			originalName: doc.name,
			contentType,
			size: bytes.length,
			uploadedAt: doc.createdAt,
			id: doc._id
		});
		yield {
			path: `files/${fileName}`,
			data: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
			compress: TEXT_TYPES.test(contentType)
		};
	}
	yield json('files/files.json', listed);

	yield {
		path: 'README.txt',
		data: strToU8(exportReadme(name, now.toISOString(), counts).replace(/\n/g, '\r\n')),
		compress: true
	};
}

// Update bundles for the file exchange ("sneakernet"): a gzip-compressed file of JSON
// lines. Line 1 is the header — {format, version, author, fromDevice, created, since, count,
// contentHash, signature} — and every other line is one community document with its
// `_revisions` (so importing replays exact revisions with new_edits:false). The header covers
// the content through `contentHash` (SHA-256 of every byte after the header line) and is signed
// by the exporting device's key over its canonical form (signing.ts), so changing, adding or
// removing any line breaks the bundle as a whole. Pure apart from WebCrypto and
// (De)CompressionStream, available in browsers and Node 20 alike.
import { tooDeep } from '../domain/json-depth';
import { canonicalBytes, toBase64Url, type DocSignature } from '../domain/signing';

export const BUNDLE_FORMAT = 'praxis-bundle';
export const BUNDLE_VERSION = 1;
/** A bundle bigger than this once decompressed is refused (a zip bomb, or the wrong file). */
export const BUNDLE_MAX_BYTES = 200 * 1024 * 1024;

// a type, not an interface: it is then a Record<string, unknown> for canonicalBytes
export type BundleHeader = {
	format: typeof BUNDLE_FORMAT;
	version: typeof BUNDLE_VERSION;
	/** The member whose device made the bundle. */
	author: string;
	/** `_id` of the device certificate (or `server:{kid}` for a server export). */
	fromDevice: string;
	created: string;
	/** ISO date: documents changed since then; null for everything. */
	since: string | null;
	count: number;
	/** base64url SHA-256 of the document lines (everything after the header line). */
	contentHash: string;
	signature: DocSignature;
};

export type BundleDoc = Record<string, unknown> & { _id: string; _rev?: string };

/**
 * The `device` of a meetup hub's signature on a bundle header: `hub:{enrolled name}`, checked
 * against the hub key the central server publishes (verify.ts). Never valid on a document.
 */
export const HUB_SIGNER_PREFIX = 'hub:';

/** The enrolled name of the hub that signed a header, or null when a device or server did. */
export function hubSignerOf(header: Pick<BundleHeader, 'signature'>): string | null {
	const device = header.signature.device;
	return device.startsWith(HUB_SIGNER_PREFIX) ? device.slice(HUB_SIGNER_PREFIX.length) : null;
}

/** A JSON object with a string `_id`: what every line after a bundle's header must be. */
export function isBundleDoc(value: unknown): value is BundleDoc {
	return (
		typeof value === 'object' &&
		value !== null &&
		!Array.isArray(value) &&
		typeof (value as { _id?: unknown })._id === 'string'
	);
}

export type BundleSigner = (bytes: Uint8Array<ArrayBuffer>) => Promise<ArrayBuffer>;

async function sha256(text: string): Promise<string> {
	return toBase64Url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}

async function pipeBytes(
	bytes: Uint8Array<ArrayBuffer>,
	stream: CompressionStream | DecompressionStream,
	limit = Infinity
): Promise<Uint8Array<ArrayBuffer>> {
	const reader = new Blob([bytes]).stream().pipeThrough(stream).getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > limit) {
			await reader.cancel();
			throw new Error(`the bundle is bigger than ${Math.round(limit / 1024 / 1024)} MiB once decompressed`);
		}
		chunks.push(value);
	}
	const out = new Uint8Array(size);
	let at = 0;
	for (const c of chunks) {
		out.set(c, at);
		at += c.byteLength;
	}
	return out;
}

/** Makes the compressed, signed bundle file's bytes. `device` is the signing certificate's id. */
export async function writeBundle(
	docs: readonly BundleDoc[],
	meta: { author: string; since: string | null; created: string; device: string },
	sign: BundleSigner
): Promise<Uint8Array<ArrayBuffer>> {
	const body = docs.map((d) => JSON.stringify(d)).join('\n');
	const unsigned = {
		format: BUNDLE_FORMAT,
		version: BUNDLE_VERSION,
		author: meta.author,
		fromDevice: meta.device,
		created: meta.created,
		since: meta.since,
		count: docs.length,
		contentHash: await sha256(body)
	} as const;
	const header: BundleHeader = {
		...unsigned,
		signature: { device: meta.device, sig: toBase64Url(await sign(canonicalBytes(unsigned))) }
	};
	const text = JSON.stringify(header) + '\n' + body;
	return pipeBytes(new TextEncoder().encode(text), new CompressionStream('gzip'));
}

export type ParsedBundle = { ok: true; header: BundleHeader; docs: BundleDoc[] } | { ok: false; reason: string };

function isHeader(value: unknown): value is BundleHeader {
	const h = value as Partial<BundleHeader> | null;
	return (
		typeof h === 'object' &&
		h !== null &&
		h.format === BUNDLE_FORMAT &&
		h.version === BUNDLE_VERSION &&
		typeof h.author === 'string' &&
		typeof h.fromDevice === 'string' &&
		typeof h.created === 'string' &&
		(h.since === null || typeof h.since === 'string') &&
		typeof h.count === 'number' &&
		typeof h.contentHash === 'string' &&
		typeof h.signature?.device === 'string' &&
		typeof h.signature.sig === 'string'
	);
}

const NOT_A_BUNDLE = 'The file cannot be read: it is not a Praxis updates file. Choose the file Praxis saved.';
const DAMAGED =
	'The file is damaged: it was cut short or changed after it was saved (for example by an incomplete copy). ' +
	'Copy it again from the device that saved it, or save a new one there.';

const isGzip = (file: Uint8Array) => file.byteLength >= 2 && file[0] === 0x1f && file[1] === 0x8b;

/**
 * Decompresses and parses a bundle, checking its shape and content hash (NOT yet who signed it:
 * see verify.ts). Any problem refuses the whole bundle with the reason.
 */
export async function readBundle(file: Uint8Array<ArrayBuffer>): Promise<ParsedBundle> {
	// Every bundle starts with gzip's two magic bytes: without them the member picked another
	// kind of file; with them, a file that will not decompress was cut short or altered (gzip
	// checks its own length and CRC), and saying so sends them to the right problem.
	if (!isGzip(file)) return { ok: false, reason: NOT_A_BUNDLE };
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(
			await pipeBytes(file, new DecompressionStream('gzip'), BUNDLE_MAX_BYTES)
		);
	} catch (err) {
		if (err instanceof Error && /MiB/.test(err.message))
			return { ok: false, reason: `The file cannot be read: ${err.message}.` };
		return { ok: false, reason: DAMAGED };
	}
	const cut = text.indexOf('\n');
	const headerLine = cut < 0 ? text : text.slice(0, cut);
	const body = cut < 0 ? '' : text.slice(cut + 1);
	// a file nested thousands of levels deep would overflow every recursive walk after parsing
	if (tooDeep(text))
		return { ok: false, reason: 'The file cannot be read: its content is nested too deeply to be a Praxis bundle.' };
	let header: unknown;
	try {
		header = JSON.parse(headerLine);
	} catch {
		return { ok: false, reason: 'The file has no bundle header.' };
	}
	if (!isHeader(header)) return { ok: false, reason: `The file is not a ${BUNDLE_FORMAT} version ${BUNDLE_VERSION}.` };
	if ((await sha256(body)) !== header.contentHash)
		return {
			ok: false,
			reason:
				'The file is damaged: it was changed after it was saved (its content does not match its signed hash). ' +
				'Save a new one on the device that made it.'
		};
	const docs: BundleDoc[] = [];
	for (const line of body === '' ? [] : body.split('\n')) {
		let doc: unknown;
		try {
			doc = JSON.parse(line);
		} catch {
			return { ok: false, reason: 'A line of the bundle is not JSON.' };
		}
		if (!isBundleDoc(doc)) return { ok: false, reason: 'A line of the bundle is not a document with an _id.' };
		docs.push(doc);
	}
	if (docs.length !== header.count)
		return { ok: false, reason: `The bundle says ${header.count} documents but holds ${docs.length}.` };
	return { ok: true, header, docs };
}

/** The signed bytes of a header (its canonical form without the signature). */
export function headerBytes(header: BundleHeader): Uint8Array<ArrayBuffer> {
	return canonicalBytes(header);
}

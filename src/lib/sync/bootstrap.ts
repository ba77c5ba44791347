/// <reference types="pouchdb-core" />
// A first sync from the HOME server starts with its bootstrap snapshot: one compressed
// NDJSON download of the community database (server/bootstrap/routes.ts), written part by part
// into the local replica with bulkDocs({new_edits:false}) (the feed follower follows the replica's
// changes feed, so the forums fill after the first parts), after which live replication starts
// from the seq its header gives and brings what changed since (the last parts, the snapshot's
// tail, hold what changed since it was made, and that seq is where the tail reached; a resumed
// download passes it back, so nothing here needs to know about tails). Never used with a meetup
// hub: the device verifies a hub's documents as they replicate. How far a download got is kept (store meta), so a
// download cut off resumes at its next part; when the server no longer keeps that snapshot (410)
// replication takes over, and only fetches the documents the replica lacks.

type Seq = number | string;
import { errorMessage } from '../domain/errors';

/** Where a bootstrap stands, kept on the device between attempts. */
export interface BootstrapState {
	seq: Seq;
	/** Parts written so far (the next part to ask for). */
	next: number;
	parts: number;
	/** Documents written so far, and in the snapshot. */
	written: number;
	docs: number;
	/** Every part is in: replication continues from `seq` until it has its own checkpoint. */
	complete: boolean;
	/**
	 * The replica's own update_seq after the last part, while everything in the replica came from
	 * this snapshot (it was empty, and nothing else was written between or during the parts); null
	 * once that is not so. Pushing can then start there: nothing before it is the device's own.
	 */
	localSeq?: Seq | null;
}

/** What the store's writer reports about a part (store/snapshot-write.ts). */
export interface PartWritten {
	before: Seq;
	after: Seq;
	exact: boolean;
}

export interface BootstrapStateStore {
	get(): Promise<BootstrapState | undefined>;
	set(state: BootstrapState | undefined): Promise<void>;
}

export interface BootstrapOptions {
	/** e.g. `location.origin + '/api/bootstrap/community'` */
	url: string;
	local: PouchDB.Database;
	/**
	 * Writes a part (the store's writeSnapshotPart); default: bulkDocs({new_edits:false}) into `local`.
	 * `onlySnapshotAt`: the replica's seq if it has held nothing but earlier parts so far (null
	 * otherwise): a part written from there holds only ids new to the replica (parts never share an id).
	 */
	write?: (docs: Docs, onlySnapshotAt: Seq | null) => Promise<PartWritten>;
	state: BootstrapStateStore;
	fetch?: typeof fetch;
	/** Cancels the download; the parts already received are still written (and the state says so). */
	signal?: AbortSignal;
	onProgress?(written: number, total: number): void;
}

interface Header {
	seq: Seq;
	docs: number;
	parts: number;
	from: number;
	to: number;
}

/** An HTTP failure shaped like PouchDB's, so the controller's classifyError reads it. */
class BootstrapError extends Error {
	constructor(
		readonly status: number,
		message: string
	) {
		super(message);
		this.name = status === 401 ? 'unauthorized' : 'bootstrap_error';
	}
}

/**
 * Loads the snapshot (or the rest of it) into `local`. Resolves with the seq replication should
 * continue from, or null when there is no snapshot to use (replicate as usual); rejects when the
 * download fails or is cut off (the next call resumes it).
 */
export async function loadBootstrap(options: BootstrapOptions): Promise<{ since: Seq; pushSince?: Seq } | null> {
	const fetchFn = options.fetch ?? globalThis.fetch;
	const state = await options.state.get();
	if (state?.complete) return outcome(state);
	/** One range of parts; null when the server has no such snapshot (404, 410). */
	const open = async (query: string) => {
		const res = await fetchFn(options.url + query, {
			credentials: 'include',
			headers: { accept: 'application/x-ndjson' },
			signal: options.signal
		});
		if (res.status === 404 || res.status === 410) {
			await res.body?.cancel();
			return null;
		}
		if (!res.ok || !res.body) throw new BootstrapError(res.status, `bootstrap snapshot: HTTP ${res.status}`);
		const stream = lines(res.body);
		const first = await stream.next();
		if (first.done) throw new BootstrapError(0, 'bootstrap snapshot: empty answer');
		return { header: parseHeader(first.value), stream };
	};
	const rangeQuery = (seq: Seq, from: number, parts: number) =>
		`?seq=${encodeURIComponent(String(seq))}&from=${from}&to=${Math.min(parts, from + (from === 0 ? FIRST_RANGE_PARTS : RANGE_PARTS))}`;
	const opened = await open(state ? rangeQuery(state.seq, state.next, state.parts) : `?to=${FIRST_RANGE_PARTS}`);
	if (!opened || (state && String(opened.header.seq) !== String(state.seq))) {
		// no snapshot here, or not that one any more: replication brings what the replica lacks
		await options.state.set(undefined);
		return null;
	}
	const { header } = opened;
	let current: BootstrapState = state ?? {
		seq: header.seq,
		next: 0,
		parts: header.parts,
		written: 0,
		docs: header.docs,
		complete: header.parts === 0,
		localSeq: 0
	};
	// Parts are read off the network as fast as they come, a range of parts per request, and written
	// one after the other: when the link drops, every part already received is still written and
	// only the range in flight is fetched again (the network runs ahead of the reader by a range).
	const received = new PartQueue();
	let gone = false;
	const reading = (async () => {
		let range: typeof opened | null = opened;
		let expected = current.next;
		while (range) {
			if (range.header.from !== expected)
				throw new BootstrapError(0, `bootstrap snapshot: range from ${range.header.from}, expected ${expected}`);
			for await (const line of range.stream) {
				const part = JSON.parse(line) as { part?: unknown; docs?: unknown };
				if (part.part !== expected++ || !Array.isArray(part.docs))
					throw new BootstrapError(0, `bootstrap snapshot: unexpected part ${String(part.part)}`);
				if (!(await received.push(part.docs as Docs, line.length))) return; // writing failed: stop the download
			}
			if (expected !== range.header.to) throw new BootstrapError(0, 'bootstrap snapshot: the download was cut off');
			if (expected >= current.parts) return;
			range = await open(rangeQuery(current.seq, expected, current.parts));
			gone = range === null;
		}
	})().then(
		() => received.close(),
		(err: unknown) => received.close(err)
	);
	try {
		for (;;) {
			const docs = await received.take();
			if (!docs) break; // an abort stops the download; the parts already received are still written
			const written = options.write
				? await writePartWith(options.write, docs, current.localSeq ?? null)
				: (await writePart(options.local, docs), null);
			// the replica stays "only the snapshot" while each part starts where the last one ended
			const localSeq =
				written?.exact && current.localSeq != null && String(written.before) === String(current.localSeq)
					? written.after
					: docs.length
						? null
						: current.localSeq;
			current = { ...current, next: current.next + 1, written: current.written + docs.length, localSeq };
			current.complete = current.next === current.parts;
			await options.state.set(current);
			options.onProgress?.(current.written, current.docs);
		}
	} catch (err) {
		received.close(err);
		throw err;
	}
	await reading;
	if (received.error) throw received.error;
	if (gone) {
		await options.state.set(undefined); // the snapshot went mid-way: replication brings the rest
		return null;
	}
	if (!current.complete) throw new BootstrapError(0, 'bootstrap snapshot: the download was cut off');
	if (current.parts === 0) await options.state.set(current); // an empty snapshot: nothing written, but done
	return outcome(current);
}

function outcome(state: BootstrapState): { since: Seq; pushSince?: Seq } {
	return state.localSeq != null && state.localSeq !== 0
		? { since: state.seq, pushSince: state.localSeq }
		: { since: state.seq };
}

/** Parts in the first request (about 1,000 documents: the forums fill from it), then per request. */
export const FIRST_RANGE_PARTS = 3;
export const RANGE_PARTS = 1;

type Docs = PouchDB.Core.PutDocument<object>[];

/** Parts received and not yet written (reading pauses past QUEUE_MAX_CHARS of them). */
const QUEUE_MAX_CHARS = 32 * 1024 * 1024;

class PartQueue {
	#parts: Array<{ docs: Docs; size: number }> = [];
	#size = 0;
	#closed = false;
	#wake: (() => void) | null = null;
	#space: (() => void) | null = null;
	error: unknown = null;

	/** Queues a part; false once the queue was closed (nothing more is wanted). */
	async push(docs: Docs, size: number): Promise<boolean> {
		if (this.#closed) return false;
		this.#parts.push({ docs, size });
		this.#size += size;
		this.#signal();
		while (this.#size > QUEUE_MAX_CHARS && !this.#closed) await new Promise<void>((resolve) => (this.#space = resolve));
		return !this.#closed;
	}
	close(error: unknown = null): void {
		if (this.#closed) return;
		this.#closed = true;
		this.error = error;
		this.#signal();
		this.#space?.();
	}
	/** The next part received, or null once reading ended and every part was taken. */
	async take(): Promise<Docs | null> {
		for (;;) {
			const next = this.#parts.shift();
			if (next) {
				this.#size -= next.size;
				this.#space?.();
				this.#space = null;
				return next.docs;
			}
			if (this.#closed) return null;
			await new Promise<void>((resolve) => (this.#wake = resolve));
		}
	}
	#signal(): void {
		this.#wake?.();
		this.#wake = null;
	}
}

/** Writes one part; a document the replica already holds (a re-load) is simply kept. */
async function writePart(local: PouchDB.Database, docs: PouchDB.Core.PutDocument<object>[]): Promise<void> {
	if (!docs.length) return;
	const results = await local.bulkDocs(docs, { new_edits: false });
	const failed = results.find((r) => 'error' in r && r.error);
	if (failed)
		throw new BootstrapError(
			0,
			`bootstrap snapshot: could not store ${String((failed as { id?: string }).id)}: ${String((failed as { reason?: string }).reason ?? (failed as { message?: string }).message)}`
		);
}

async function writePartWith(
	write: NonNullable<BootstrapOptions['write']>,
	docs: Docs,
	onlySnapshotAt: Seq | null
): Promise<PartWritten | null> {
	if (!docs.length) return null;
	try {
		return await write(docs, onlySnapshotAt);
	} catch (err) {
		throw new BootstrapError(0, `bootstrap snapshot: ${errorMessage(err)}`);
	}
}

function parseHeader(line: string): Header {
	const h = JSON.parse(line) as Partial<Header>;
	if (
		(typeof h.seq !== 'number' && typeof h.seq !== 'string') ||
		typeof h.parts !== 'number' ||
		typeof h.docs !== 'number' ||
		typeof h.from !== 'number' ||
		typeof h.to !== 'number'
	) {
		throw new BootstrapError(0, 'bootstrap snapshot: malformed header');
	}
	return h as Header;
}

/** The non-empty lines of a text stream, as they arrive. */
async function* lines(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
	const reader = body.getReader();
	const decoder = new TextDecoder();
	let buffer = '';
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			buffer += decoder.decode(value, { stream: true });
			let end: number;
			while ((end = buffer.indexOf('\n')) >= 0) {
				const line = buffer.slice(0, end);
				buffer = buffer.slice(end + 1);
				if (line.trim()) yield line;
			}
		}
		if (buffer.trim()) yield buffer; // a last line without its newline: JSON.parse tells if it is whole
	} finally {
		// A consumer that stops early closes the download. Cancelling fails only on a stream that
		// failed already, and that failure reached the caller through reader.read() above.
		await reader.cancel().catch(() => {});
	}
}

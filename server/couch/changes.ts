// GET|POST /{db}/_changes: the normal feed, and longpoll that waits for the first change
// (or `timeout`) while writing a newline every `heartbeat` ms so proxies keep the link open.
import type { OpenDb, CouchContext } from './access';
import type { ChangeNotifier } from './notifier';
import { badRequest } from './errors';
import { boolParam, intParam, jsonBody, jsonParam, stringList, stringParam } from './query';
import { isPlainObject } from './doc-shape';

const LONGPOLL_TIMEOUT_MAX_MS = 60_000;
const HEARTBEAT_MIN_MS = 100;
const HEARTBEAT_DEFAULT_MS = 60_000;

type Seq = string | number;
type ChangesOptions = PouchDB.Core.ChangesOptions & { style?: 'all_docs' | 'main_only'; doc_ids?: string[] };
export interface ChangesAnswer {
	results: unknown[];
	last_seq: Seq;
	pending?: number;
}

export async function handleChanges(
	c: CouchContext,
	open: OpenDb,
	notifier: ChangeNotifier,
	numericSeqs: boolean
): Promise<Response> {
	const feed = stringParam(c, 'feed') ?? 'normal';
	if (feed !== 'normal' && feed !== 'longpoll')
		throw badRequest(`feed=${feed} is not supported; use normal or longpoll`);
	const options = await readOptions(c, numericSeqs);
	const { db } = open;
	if (options.since === 'now') options.since = (await db.info()).update_seq;
	const read = async (): Promise<ChangesAnswer> => {
		const res = await db.changes({ ...options, return_docs: true } as PouchDB.Core.ChangesOptions);
		return {
			results: res.results,
			last_seq: res.last_seq,
			pending: await pending(db, res.results.length, res.last_seq, options)
		};
	};
	// A normal feed reads on its own: it must see every write that finished before it was asked.
	if (feed === 'normal') return c.json(await read());
	const run = () => notifier.sharedRead(db, JSON.stringify(options), read);

	// Read every parameter before subscribing, so a bad one cannot leave a listener behind.
	const timeoutMs = Math.min(intParam(c, 'timeout') ?? LONGPOLL_TIMEOUT_MAX_MS, LONGPOLL_TIMEOUT_MAX_MS);
	const heartbeatMs = heartbeatParam(c);
	let dirty = false;
	let wake: (() => void) | null = null;
	const unsubscribe = notifier.subscribe(db, () => {
		dirty = true;
		wake?.();
	});
	let first: ChangesAnswer;
	try {
		first = await run();
	} catch (err) {
		unsubscribe();
		throw err;
	}
	if (first.results.length > 0) {
		unsubscribe();
		return c.json(first);
	}
	const signal = c.req.raw.signal;
	let stopped = false;
	const stop = () => {
		stopped = true;
		wake?.();
	};

	const body = new ReadableStream<Uint8Array>({
		async start(controller) {
			const encoder = new TextEncoder();
			const beat = heartbeatMs
				? setInterval(() => {
						try {
							if (!stopped) controller.enqueue(encoder.encode('\n'));
						} catch {
							stop(); // the client went away
						}
					}, heartbeatMs)
				: undefined;
			const timer = setTimeout(stop, timeoutMs);
			signal.addEventListener('abort', stop);
			let answer: ChangesAnswer = { results: [], last_seq: first.last_seq, pending: 0 };
			try {
				while (!stopped) {
					if (!dirty) await new Promise<void>((resolve) => (wake = resolve));
					wake = null;
					if (stopped) break;
					dirty = false;
					const next = await run();
					if (next.results.length > 0) {
						answer = next;
						break;
					}
				}
			} catch (err) {
				console.error('[couch] longpoll changes failed', err);
			} finally {
				clearInterval(beat);
				clearTimeout(timer);
				signal.removeEventListener('abort', stop);
				unsubscribe();
			}
			try {
				if (!signal.aborted) controller.enqueue(encoder.encode(JSON.stringify(answer) + '\n'));
				controller.close();
			} catch {
				// the client cancelled the stream: nothing left to send
			}
		},
		cancel() {
			stop();
		}
	});
	return new Response(body, {
		status: 200,
		headers: { 'content-type': 'application/json', 'cache-control': 'no-cache' }
	});
}

function heartbeatParam(c: CouchContext): number | null {
	const raw = stringParam(c, 'heartbeat');
	if (raw === undefined || raw === 'false') return null;
	if (raw === 'true') return HEARTBEAT_DEFAULT_MS;
	return Math.max(intParam(c, 'heartbeat') ?? HEARTBEAT_DEFAULT_MS, HEARTBEAT_MIN_MS);
}

async function readOptions(c: CouchContext, numericSeqs: boolean): Promise<ChangesOptions> {
	const options: ChangesOptions = { since: readSince(c, numericSeqs) };
	const limit = intParam(c, 'limit');
	if (limit !== undefined) options.limit = limit;
	const style = stringParam(c, 'style');
	if (style !== undefined && style !== 'all_docs' && style !== 'main_only')
		throw badRequest('style must be all_docs or main_only');
	if (style) options.style = style;
	for (const flag of ['include_docs', 'descending', 'conflicts', 'attachments'] as const) {
		const value = boolParam(c, flag);
		if (value !== undefined) options[flag] = value;
	}
	const filter = stringParam(c, 'filter');
	if (filter !== undefined && filter !== '_doc_ids')
		throw badRequest(`filter ${filter} is not supported (only _doc_ids)`);
	if (filter === '_doc_ids') options.doc_ids = await readDocIds(c);
	return options;
}

function readSince(c: CouchContext, numericSeqs: boolean): Seq {
	const raw = stringParam(c, 'since') ?? '0';
	if (raw === 'now') return 'now';
	if (/^\d+$/.test(raw)) return Number(raw);
	if (numericSeqs) throw badRequest('since must be a sequence number or now');
	return raw;
}

async function readDocIds(c: CouchContext): Promise<string[]> {
	if (c.req.method === 'POST') {
		const body = await jsonBody(c);
		if (!isPlainObject(body)) throw badRequest('the request body must be a JSON object');
		return stringList(body.doc_ids, 'doc_ids');
	}
	return stringList(jsonParam(c, 'doc_ids'), 'doc_ids');
}

/** Changes left after this batch: 0 when it was not cut by `limit`, else an upper bound from update_seq. */
async function pending(db: PouchDB.Database, count: number, lastSeq: Seq, options: ChangesOptions): Promise<number> {
	if (options.descending || typeof options.limit !== 'number' || count < options.limit) return 0;
	const { update_seq } = await db.info();
	return typeof update_seq === 'number' && typeof lastSeq === 'number' ? Math.max(0, update_seq - lastSeq) : 0;
}

// Response compression (brotli or gzip through node:zlib) when Accept-Encoding allows it:
// low-bandwidth members pay for every byte. Streams are compressed as they flow; longpoll
// and continuous _changes feeds are left alone so their heartbeats reach the client at once.
import type { Context, MiddlewareHandler } from 'hono';
import { pipeline } from 'node:stream';
import { fromWebStream, toWebStream } from './web-streams';
import {
	brotliCompress,
	constants,
	createBrotliCompress,
	createGzip,
	gzip,
	type BrotliCompress,
	type Gzip
} from 'node:zlib';

export type Encoding = 'br' | 'gzip';

const COMPRESSIBLE =
	/^\s*(?:text\/|application\/(?:json|javascript|xml|manifest\+json|[\w.+-]*\+(?:json|xml))|image\/svg\+xml)/i;
const NO_TRANSFORM = /(?:^|,)\s*no-transform\s*(?:,|$)/i;
const STREAMING_FEEDS = new Set(['longpoll', 'continuous', 'eventsource']);

/** The best encoding the client accepts (q > 0), brotli first; undefined for none. */
export function selectEncoding(acceptEncoding: string | undefined): Encoding | undefined {
	if (!acceptEncoding) return undefined;
	const q = new Map<string, number>();
	for (const part of acceptEncoding.split(',')) {
		const [name, ...params] = part.trim().toLowerCase().split(';');
		const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
		const value = qParam ? Number(qParam.slice(2)) : 1;
		q.set(name, Number.isFinite(value) ? value : 0);
	}
	const weight = (enc: Encoding) => q.get(enc) ?? q.get('*') ?? 0;
	const best = (['br', 'gzip'] as const).filter((enc) => weight(enc) > 0).sort((a, b) => weight(b) - weight(a))[0];
	return best;
}

/**
 * Brotli quality 6 (was 4): a 10,000-document first sync drops from 1.27× to about 1.2× the
 * gzipped JSON of its documents for ~0.15 s more server CPU in all (bench/initial-sync.ts).
 */
const BROTLI_OPTIONS = { params: { [constants.BROTLI_PARAM_QUALITY]: 6 } };
const GZIP_OPTIONS = { level: 6 };

/** A stream compressing a body as it flows. */
function encoder(encoding: Encoding): BrotliCompress | Gzip {
	return encoding === 'br' ? createBrotliCompress(BROTLI_OPTIONS) : createGzip(GZIP_OPTIONS);
}

/** A whole body compressed in one call (on the thread pool), with the same settings. */
function compressBytes(encoding: Encoding, bytes: Uint8Array<ArrayBuffer>): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const done = (err: Error | null, out: Buffer) => (err ? reject(err) : resolve(out));
		if (encoding === 'br') brotliCompress(bytes, BROTLI_OPTIONS, done);
		else gzip(bytes, GZIP_OPTIONS, done);
	});
}

/** Headers of a response now sent compressed: its encoding, and a strong ETag made weak. */
function markEncoded(headers: Headers, encoding: Encoding): void {
	headers.set('content-encoding', encoding);
	const etag = headers.get('etag');
	if (etag && !etag.startsWith('W/')) headers.set('etag', `W/${etag}`);
}

/**
 * The body a response was made with, when it is still at hand: @hono/node-server's light
 * Response keeps `[status, body, headers]` under a `cache` symbol until something reads its
 * `body`, and reading it builds a full WHATWG Response with a stream (then sent through the slow
 * path). Every JSON answer did that here just to be measured: ~60 MB of garbage for 200 live
 * clients (bench/incremental.ts). Undefined when the body is a stream or the response is not
 * such a light one (then the body is read as before).
 */
function bodyAtHand(res: Response): string | Uint8Array | null | undefined {
	for (const symbol of Object.getOwnPropertySymbols(res)) {
		if (symbol.description !== 'cache') continue;
		const cache: unknown = Reflect.get(res, symbol);
		if (!Array.isArray(cache) || cache.length < 2) return undefined;
		const body: unknown = cache[1];
		return typeof body === 'string' || body instanceof Uint8Array || body === null ? body : undefined;
	}
	return undefined;
}

function isStreamingFeed(c: Context): boolean {
	return STREAMING_FEEDS.has(c.req.query('feed') ?? '');
}

type Peeked =
	{ complete: true; bytes: Uint8Array<ArrayBuffer> } | { complete: false; stream: ReadableStream<Uint8Array> };

/** Reads up to `limit` bytes; either the whole (small) body, or a stream replaying what was read. */
async function peek(body: ReadableStream<Uint8Array>, limit: number): Promise<Peeked> {
	const reader = body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	while (size < limit) {
		const { done, value } = await reader.read();
		if (done) {
			const bytes = new Uint8Array(size);
			let offset = 0;
			for (const chunk of chunks) {
				bytes.set(chunk, offset);
				offset += chunk.byteLength;
			}
			return { complete: true, bytes };
		}
		chunks.push(value);
		size += value.byteLength;
	}
	const stream = new ReadableStream<Uint8Array>({
		start(controller) {
			for (const chunk of chunks) controller.enqueue(chunk);
		},
		async pull(controller) {
			const { done, value } = await reader.read();
			if (done) controller.close();
			else controller.enqueue(value);
		},
		cancel(reason) {
			return reader.cancel(reason);
		}
	});
	return { complete: false, stream };
}

export function compression({ thresholdBytes = 1024 }: { thresholdBytes?: number } = {}): MiddlewareHandler {
	return async (c, next) => {
		await next();
		const res = c.res;
		// Everything that can be decided without the body first (reading it can be costly: bodyAtHand).
		if (c.req.method === 'HEAD' || res.status === 204 || res.status === 206 || res.status === 304) return;
		if (res.headers.has('content-encoding') || !COMPRESSIBLE.test(res.headers.get('content-type') ?? '')) return;
		if (NO_TRANSFORM.test(res.headers.get('cache-control') ?? '') || isStreamingFeed(c)) return;
		const length = res.headers.get('content-length');
		if (length !== null && Number(length) < thresholdBytes) return;
		const atHand = bodyAtHand(res);
		if (atHand === null) return;
		const size = typeof atHand === 'string' ? Buffer.byteLength(atHand) : atHand?.byteLength;
		if (size !== undefined && size < thresholdBytes) return;
		const vary = res.headers.get('vary');
		if (!vary) res.headers.set('vary', 'Accept-Encoding');
		else if (!/accept-encoding/i.test(vary)) res.headers.set('vary', `${vary}, Accept-Encoding`);

		const encoding = selectEncoding(c.req.header('accept-encoding'));
		if (!encoding) return;
		if (atHand !== undefined) {
			// The whole body is here: compress it in one go (on the thread pool), no streams.
			const bytes = typeof atHand === 'string' ? new TextEncoder().encode(atHand) : new Uint8Array(atHand);
			const compressed = await compressBytes(encoding, bytes);
			markEncoded(res.headers, encoding);
			res.headers.set('content-length', String(compressed.byteLength));
			c.res = new Response(new Uint8Array(compressed), { status: res.status, headers: res.headers });
			return;
		}
		if (!res.body) return;
		// Without a Content-Length, peek: a body that ends below the threshold goes out as is.
		const peeked = await peek(res.body, thresholdBytes);
		if (peeked.complete) {
			c.res = new Response(peeked.bytes, { status: res.status, headers: res.headers });
			c.res.headers.set('content-length', String(peeked.bytes.byteLength));
			return;
		}
		const source = fromWebStream(peeked.stream);
		const compressed = pipeline(source, encoder(encoding), () => undefined);
		c.res = new Response(toWebStream(compressed), { status: res.status, headers: res.headers });
		c.res.headers.delete('content-length');
		markEncoded(c.res.headers, encoding);
	};
}

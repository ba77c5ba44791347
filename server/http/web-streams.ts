// Where Node streams and WHATWG streams meet. Readable.toWeb and Readable.fromWeb hand over the
// same objects that Response takes and gives, but @types/node declares node:stream/web's
// ReadableStream apart from the DOM lib's: each crossing needs the one cast written here.
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';

/** A Node stream as a Response body. */
export function toWebStream(readable: Readable): ReadableStream<Uint8Array> {
	return Readable.toWeb(readable) as unknown as ReadableStream<Uint8Array>;
}

/** A Response body as a Node stream (to pipe through zlib). */
export function fromWebStream(stream: ReadableStream<Uint8Array>): Readable {
	return Readable.fromWeb(stream as unknown as NodeReadableStream<Uint8Array>);
}

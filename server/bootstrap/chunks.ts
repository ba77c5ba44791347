// An append-only list of byte chunks that any number of readers stream from while it is still
// being written (the compressed snapshot is read by the first member while it is compressed,
// and replayed from memory to the next ones), and the compression that fills one.
import { constants, createBrotliCompress, createGzip } from 'node:zlib';
import type { Encoding } from '../http/compression';

export class ChunkLog {
	readonly chunks: Uint8Array[] = [];
	#done = false;
	#error: unknown = null;
	#waiters: Array<() => void> = [];

	push(chunk: Uint8Array): void {
		this.chunks.push(chunk);
		this.#wake();
	}
	end(): void {
		this.#done = true;
		this.#wake();
	}
	fail(error: unknown): void {
		this.#error = error ?? new Error('failed');
		this.#wake();
	}
	get failed(): boolean {
		return this.#error !== null;
	}

	/** A stream of every chunk, past and future, until end() (or an error). */
	stream(): ReadableStream<Uint8Array> {
		let i = 0;
		return new ReadableStream<Uint8Array>({
			pull: async (controller) => {
				for (;;) {
					if (i < this.chunks.length) return controller.enqueue(this.chunks[i++]);
					if (this.#error !== null) return controller.error(this.#error);
					if (this.#done) return controller.close();
					await new Promise<void>((resolve) => this.#waiters.push(resolve));
				}
			}
		});
	}

	#wake(): void {
		const waiters = this.#waiters;
		this.#waiters = [];
		for (const wake of waiters) wake();
	}
}

/**
 * Writes `lines` into `log`, compressed with `encoding` (or as is), flushing the compressor
 * after each line so a client can parse every part as soon as its bytes arrive. The lines are
 * taken one at a time (they may be made as they are needed: snapshot parts are decompressed then).
 */
export function fillLog(
	log: ChunkLog,
	lines: Iterable<string> | AsyncIterable<string>,
	encoding: Encoding | undefined
): ChunkLog {
	if (!encoding) {
		void (async () => {
			try {
				for await (const line of lines) log.push(bytes(Buffer.from(line)));
				log.end();
			} catch (err) {
				log.fail(err);
			}
		})();
		return log;
	}
	const brotli = encoding === 'br';
	// the same settings as the app's response compression (server/http/compression.ts)
	const z = brotli
		? createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 6 } })
		: createGzip({ level: 6 });
	const flushKind = brotli ? constants.BROTLI_OPERATION_FLUSH : constants.Z_SYNC_FLUSH;
	z.on('data', (chunk: Buffer) => log.push(bytes(chunk)));
	z.on('error', (err) => log.fail(err));
	z.on('end', () => log.end());
	void (async () => {
		try {
			for await (const line of lines) {
				if (log.failed) return;
				z.write(line);
				await new Promise<void>((resolve) => z.flush(flushKind, () => resolve()));
			}
			z.end();
		} catch (err) {
			log.fail(err);
			z.destroy();
		}
	})();
	return log;
}

const bytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

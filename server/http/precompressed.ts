// Best-effort compressed copies of the built client's text files (brotli at its highest
// quality, gzip at level 9), made in the background after a file's first request and kept
// in memory: about 13% smaller than on-the-fly brotli for the app's JavaScript, which every
// member on a slow link downloads once per release. Until a copy is ready, the response
// compression middleware compresses on the fly.
import { brotliCompress, constants, gzip } from 'node:zlib';
import { readFile } from 'node:fs/promises';
import type { Encoding } from './compression';

const MAX_FILE_BYTES = 4 * 1024 * 1024;
const MAX_CACHE_BYTES = 64 * 1024 * 1024;
export const PRECOMPRESSIBLE = /\.(?:js|mjs|css|html|json|webmanifest|svg|txt|xml|map)$/i;

export interface Precompressed {
	/** The compressed bytes when ready; otherwise starts making them and returns null. */
	get(file: string, mtimeMs: number, size: number, encoding: Encoding): Uint8Array | null;
}

function compress(bytes: Uint8Array, encoding: Encoding): Promise<Uint8Array> {
	return new Promise((resolve, reject) => {
		const done = (err: Error | null, out: Buffer) => (err ? reject(err) : resolve(new Uint8Array(out)));
		if (encoding === 'br') {
			brotliCompress(
				bytes,
				{ params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength } },
				done
			);
		} else {
			gzip(bytes, { level: 9 }, done);
		}
	});
}

export function createPrecompressed(): Precompressed {
	const ready = new Map<string, Uint8Array>();
	const pending = new Set<string>();
	let cachedBytes = 0;

	return {
		get(file, mtimeMs, size, encoding) {
			if (size > MAX_FILE_BYTES || !PRECOMPRESSIBLE.test(file)) return null;
			const key = `${encoding}:${mtimeMs}:${file}`;
			const hit = ready.get(key);
			if (hit) return hit;
			if (!pending.has(key)) {
				pending.add(key);
				void readFile(file)
					.then((bytes) => compress(new Uint8Array(bytes), encoding))
					.then((out) => {
						if (cachedBytes + out.byteLength > MAX_CACHE_BYTES) {
							ready.clear();
							cachedBytes = 0;
						}
						ready.set(key, out);
						cachedBytes += out.byteLength;
					})
					.catch(() => undefined) // a file removed by a rebuild: the next request retries
					.finally(() => pending.delete(key));
			}
			return null;
		}
	};
}

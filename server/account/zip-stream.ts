// A ZIP archive produced as it is read: entries come one at a time from an async iterator and
// each is compressed (fflate, synchronously) only when the reader asks for more, so the memory
// held is about one entry (a library file is at most 20 MiB) whatever the archive's size.
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';

export interface ZipEntry {
	/** Path inside the archive, with `/` between folders. */
	path: string;
	data: Uint8Array;
	/** Deflate it (text); false stores it as is (files that are compressed already). */
	compress: boolean;
	mtime?: Date;
}

export function zipStream(entries: AsyncIterable<ZipEntry>): ReadableStream<Uint8Array> {
	const ready: Uint8Array[] = [];
	let failure: Error | null = null;
	let finished = false;
	const zip = new Zip((err, chunk, final) => {
		if (err) failure = err;
		else {
			ready.push(chunk);
			if (final) finished = true;
		}
	});
	const source = entries[Symbol.asyncIterator]();

	return new ReadableStream<Uint8Array>({
		async pull(controller) {
			while (ready.length === 0 && !finished && !failure) {
				const next = await source.next();
				if (next.done) {
					zip.end(); // emits the central directory at once (every entry is complete)
					if (!finished && !failure) failure = new Error('the ZIP archive did not finish');
					break;
				}
				const { path, data, compress, mtime } = next.value;
				const file = compress ? new ZipDeflate(path, { level: 6 }) : new ZipPassThrough(path);
				if (mtime) file.mtime = mtime;
				zip.add(file);
				file.push(data, true);
			}
			if (failure) {
				controller.error(failure);
				return;
			}
			for (const chunk of ready.splice(0)) controller.enqueue(chunk);
			if (finished) controller.close();
		},
		async cancel() {
			zip.terminate();
			await source.return?.();
		}
	});
}
